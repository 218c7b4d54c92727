Subject: OMB summary: ${campaign.vulnerabilities}, ${count} site(s) still vulnerable before ${deadline} [TLP:${tlp}]
Dear OMB,

Steps taken by EGI CSIRT for ${campaign.vulnerabilities} (${campaign.title}):
- the advisory was sent on ${campaign.advisoryAt}, copied to noc-managers;
- each vulnerable site received a ticket, daily reminders and a final warning.

Sites still vulnerable:
<#list sites as site>

* ${site.site}
  Response: <#if site.statement?has_content>${site.statement}<#elseif site.responded>the site responded (see its ticket)<#else>no response</#if>
  Plan or alternative mitigation: <#if site.plan?has_content>${site.plan}<#else>none stated</#if>
  CSIRT recommends suspension: <#if site.recommends>yes<#if site.recommendation?has_content> - ${site.recommendation}</#if><#else>no<#if site.recommendation?has_content> - ${site.recommendation}</#if></#if>
<#if site.veto?has_content>
  Veto recorded: ${site.veto}
</#if>
</#list>

If the situation does not change, EGI CSIRT plans to suspend the site(s) on the deadline, ${deadline}.
A majority of the OMB, or the COO, can overrule the suspension of a site: tell EGI CSIRT before then.

EGI CSIRT
