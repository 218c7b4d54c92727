Subject: ${campaign.vulnerabilities}: all sites have acted [TLP:${tlp}]
Dear OMB and COO,

All ${cases} site(s) of the campaign for ${campaign.vulnerabilities} (${campaign.title}) have now acted<#if suspensions gt 0> or been reinstated (${suspensions} suspension(s) in the campaign)</#if>; the last was ${last}.

EGI CSIRT
