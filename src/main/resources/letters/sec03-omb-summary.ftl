Subject: OMB summary: ${campaign.vulnerabilities}, ${count} site(s) still vulnerable before ${deadline} [TLP:${tlp}]
Dear OMB,

Steps taken by EGI CSIRT for ${campaign.vulnerabilities} (${campaign.title}):
- the advisory was sent on ${campaign.advisoryAt}, copied to noc-managers;
- each site vulnerable when the tickets opened received a ticket, daily reminders and a final warning;
- a site found vulnerable later, or again, received a ticket with at least 48 hours to act (never less
  than the advisory's deadline), a reminder 24 hours later and a final warning.

Sites still vulnerable:
<#list sites as site>

* ${site.site}
  Deadline: ${site.deadline} (${site.path}<#if site.extended>, extended</#if>)
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
<#assign planned = sites?filter(site -> site.recommends && !site.veto?has_content)>
<#assign vetoed = sites?filter(site -> site.veto?has_content)>
<#assign undecided = sites?filter(site -> !site.recommends && !site.veto?has_content)>

<#if planned?has_content>
If the situation does not change, EGI CSIRT plans to suspend the site(s) on the deadline: <#list planned as site>${site.site} on ${site.suspension}<#sep>; </#list>.
</#if>
<#if vetoed?has_content>
EGI CSIRT will not suspend <#list vetoed as site>${site.site}<#sep>, </#list>: the suspension was vetoed.
</#if>
<#if undecided?has_content>
EGI CSIRT does not recommend suspending <#list undecided as site>${site.site}<#sep>, </#list> at present.
</#if>
A majority of the OMB, or the COO, can overrule the suspension of a site: tell EGI CSIRT before then.

EGI CSIRT
