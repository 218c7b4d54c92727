Subject: Reminder: ${campaign.vulnerabilities} at ${case.site}, deadline ${case.deadline} [TLP:${tlp}]
Dear administrators and security contacts of ${case.site},

This is a reminder: your site is still vulnerable to ${campaign.vulnerabilities} (${campaign.title}).
<#if case.vulnerable && case.seen?has_content>
Monitoring last saw it vulnerable at ${case.seen}<#if case.hosts?has_content> (hosts: ${case.hosts})</#if>.
</#if>

Recommended action:
${campaign.action}

Deadline: ${case.deadline}

Failure to act to resolve this problem will lead to site suspension shortly after the deadline. If you
need help or more time, reply to this ticket: EGI CSIRT will help.

EGI CSIRT
