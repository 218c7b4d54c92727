Subject: ${campaign.vulnerabilities} at ${case.site} again: action required within 48 hours, by ${case.deadline} [TLP:${tlp}]
Dear administrators and security contacts of ${case.site},

Monitoring shows your site vulnerable to ${campaign.vulnerabilities} (${campaign.title}), the critical
vulnerability of EGI CSIRT's advisory of ${campaign.advisoryAt}<#if campaign.link?has_content> (${campaign.link})</#if>.
<#if case.seen?has_content>Monitoring saw it at ${case.seen}<#if case.hosts?has_content> (hosts: ${case.hosts})</#if>.</#if>

Your site has at least 48 hours to act. Deadline: ${case.deadline}

Recommended action:
${campaign.action}

Failure to act to resolve this problem will lead to site suspension shortly after the deadline. If you
need help, reply to this ticket: EGI CSIRT will help.

--- The earlier advisory ---
${campaign.advisory}

EGI CSIRT
