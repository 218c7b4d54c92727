Subject: ${campaign.vulnerabilities}: ${count} site(s) not yet updated, deadline ${deadline} [TLP:${tlp}]
Dear operations managers,

24 hours before the deadline of ${deadline}, ${count} site(s) have not yet acted on
${campaign.vulnerabilities} (${campaign.title}):

<#list sites as site>
* ${site.site}<#if site.responded> (responded)<#else> (no response)</#if>
</#list>
<#if extended gt 0>

${extended} further site(s) have an extended deadline and are not counted here.
</#if>

Each of these sites has received its final warning. Suspension will result if the appropriate action
is not taken; the summary for the OMB follows separately.

EGI CSIRT
