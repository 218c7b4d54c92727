Subject: ${campaign.vulnerabilities}: ${count} site(s) not yet updated, deadline ${deadline} [TLP:${tlp}]
Dear operations managers,

24 hours before the deadline of ${deadline}, ${count} site(s) have not yet acted on
${campaign.vulnerabilities} (${campaign.title}):

<#list sites as site>
* ${site.site}<#if site.responded> (responded)<#else> (no response)</#if>: deadline ${site.deadline}, ${site.path}<#if site.extended>, extended</#if>
</#list>

Each site receives its final warning 24 hours before its own deadline (on the 48-hour path, with the
reminder 24 hours after its ticket when the 48 hours set its deadline). Suspension will result if the
appropriate action is not taken; the summary for the OMB follows separately.

EGI CSIRT
