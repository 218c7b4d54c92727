Subject: Resolved: ${campaign.vulnerabilities} at ${case.site} [TLP:${tlp}]
Dear administrators and security contacts of ${case.site},

Thank you for addressing this problem.

EGI CSIRT has closed this ticket: ${reason}.<#if note?has_content>
${note}</#if>

EGI CSIRT
