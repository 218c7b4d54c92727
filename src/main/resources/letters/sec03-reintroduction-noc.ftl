Subject: ${campaign.vulnerabilities}: ${case.site} has not acted on a re-introduction, deadline ${case.deadline} [TLP:${tlp}]
Dear operations managers,

${case.site} was found vulnerable again to ${campaign.vulnerabilities} (${campaign.title}) and has not
acted 24 hours after its ticket. Its deadline is ${case.deadline}.

Response: <#if case.statement?has_content>${case.statement}<#elseif case.responded>the site responded (see its ticket)<#else>no response</#if>
CSIRT recommends suspension: <#if case.recommends>yes<#else>not at present</#if>

The site has received its final warning. If the situation does not change, EGI CSIRT plans to suspend
the site on the deadline.

EGI CSIRT
