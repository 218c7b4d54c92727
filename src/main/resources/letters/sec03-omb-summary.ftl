Subject: OMB summary: ${campaign.vulnerabilities}, ${count} site(s) still vulnerable before ${deadline} [TLP:${tlp}]
Dear OMB,

Steps taken by EGI CSIRT for ${campaign.vulnerabilities} (${campaign.title}):
- the advisory was sent on ${campaign.advisoryAt}, copied to noc-managers;
- each vulnerable site received a ticket, daily reminders and a final warning.

Sites still vulnerable:
<#list sites as site>

* ${site.site}
<#if site.responses?has_content>
  Responses, oldest first:
<#list site.responses as response>
  ${response?counter}. ${response.at}<#if response.by?has_content>, recorded by ${response.by}</#if>:
<#if response.statement?has_content>
     Statement: ${response.statement?replace("\n", "\n     ")}
</#if>
<#if response.plan?has_content>
     Plan or alternative mitigation: ${response.plan?replace("\n", "\n     ")}
</#if>
</#list>
<#else>
  Response: no response
  Plan or alternative mitigation: none stated
</#if>
  CSIRT recommends suspension: <#if site.recommends>yes<#if site.recommendation?has_content> - ${site.recommendation}</#if><#else>no<#if site.recommendation?has_content> - ${site.recommendation}</#if></#if>
<#if site.veto?has_content>
  Veto recorded: ${site.veto}
</#if>
</#list>

If the situation does not change, EGI CSIRT plans to suspend the site(s) on the deadline, ${deadline}.
A majority of the OMB, or the COO, can overrule the suspension of a site: tell EGI CSIRT before then.

EGI CSIRT
