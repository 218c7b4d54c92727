Subject: FINAL WARNING: ${campaign.vulnerabilities} at ${case.site}, suspension after ${case.deadline} [TLP:${tlp}]
Dear security contact of ${case.site} and NGI security officer,

This is the final reminder. ${case.site} is still vulnerable to ${campaign.vulnerabilities}
(${campaign.title}).

Unless the site carries out the recommended action by the deadline, ${case.deadline}, the site will be
suspended. Failure to comply will result in the site's suspension.

Recommended action:
${campaign.action}

If there is a problem carrying out the recommended action, contact EGI CSIRT (${csirt}) now: CSIRT will
try to help find a solution.

EGI CSIRT
