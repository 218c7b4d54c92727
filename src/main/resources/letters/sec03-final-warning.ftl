Subject: FINAL WARNING: ${campaign.vulnerabilities} at ${case.site}, suspension after ${case.suspension} [TLP:${tlp}]
Dear security contact of ${case.site} and NGI security officer,

This is the final reminder. ${case.site} is still vulnerable to ${campaign.vulnerabilities}
(${campaign.title}).

<#if case.late>
The deadline was ${case.deadline}, and this warning comes less than 24 hours before it. Unless the site
carries out the recommended action by ${case.suspension}, the earliest time a suspension can now happen,
the site will be suspended. Failure to comply will result in the site's suspension.
<#else>
Unless the site carries out the recommended action by the deadline, ${case.deadline}, the site will be
suspended. Failure to comply will result in the site's suspension.
</#if>

Recommended action:
${campaign.action}

If there is a problem carrying out the recommended action, contact EGI CSIRT (${csirt}) now: CSIRT will
try to help find a solution.

EGI CSIRT
