Subject: New deadline for ${campaign.vulnerabilities} at ${case.site}: ${case.deadline} [TLP:${tlp}]
Dear administrators and security contacts of ${case.site},

The deadline for your site to act on ${campaign.vulnerabilities} (${campaign.title}) has been extended
to ${case.deadline}, at the request of <#if askedBy == "OMB">the OMB<#else>EGI CSIRT</#if>: ${reason}

Recommended action:
${campaign.action}

Failure to act by the new deadline will lead to site suspension shortly after it.

EGI CSIRT
