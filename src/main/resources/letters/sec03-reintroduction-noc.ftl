Subject: ${campaign.vulnerabilities}: ${case.site} has not acted on <#if case.again>a re-introduction<#else>a finding after the tickets</#if>, deadline ${case.deadline} [TLP:${tlp}]
Dear operations managers,

<#if case.again>
${case.site} was found vulnerable again to ${campaign.vulnerabilities} (${campaign.title}) and has not
acted 24 hours after its ticket.
<#else>
${case.site} was found vulnerable to ${campaign.vulnerabilities} (${campaign.title}) for the first time
after the campaign's tickets had gone out, and has not acted 24 hours after its ticket.
</#if>
Its deadline is ${case.deadline} (${case.path}).

Response: <#if case.statement?has_content>${case.statement}<#elseif case.responded>the site responded (see its ticket)<#else>no response</#if>
CSIRT recommends suspension: <#if case.recommends>yes<#else>not at present</#if>

<#if warned>
The site has received its final warning.
<#else>
The site receives its final warning 24 hours before its deadline.
</#if>
<#if case.recommends && !case.veto?has_content>
If the situation does not change, EGI CSIRT plans to suspend the site on the deadline, ${case.suspension}.
<#else>
EGI CSIRT does not recommend suspending the site at present.
</#if>

EGI CSIRT
