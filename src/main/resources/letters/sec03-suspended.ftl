Subject: Suspended: ${case.site} (${campaign.vulnerabilities}) [TLP:${tlp}]
Dear OMB and COO,

${case.site} has been suspended.

Site: ${case.site}
Suspended at: ${suspendedAt} (GOCDB shows the status Suspended)
Why: ${reason}
Decided by: ${decidedBy}
Vulnerability: ${campaign.vulnerabilities} (${campaign.title}), deadline ${case.deadline}

The site is in the register of suspended sites. It comes back through its ROD and EGI CSIRT's
verification, as Uncertified.

EGI CSIRT
