Subject: Suspension decided: ${case.site} (${campaign.vulnerabilities}) [TLP:${tlp}]
Dear OMB,

EGI CSIRT has decided to suspend ${case.site} for ${campaign.vulnerabilities} (${campaign.title}); the
suspension is about to be carried out in GOCDB.

Why: ${reason}
Deadline that passed: ${case.deadline}
Response of the site: <#if case.statement?has_content>${case.statement}<#elseif case.responded>see its ticket<#else>no response</#if>

You will be told when GOCDB shows the site suspended.

EGI CSIRT
