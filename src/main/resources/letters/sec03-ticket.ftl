Subject: ${campaign.vulnerabilities} at ${case.site}: action required by ${case.deadline} [TLP:${tlp}]
Dear administrators and security contacts of ${case.site},

Your site is still vulnerable to ${campaign.vulnerabilities} (${campaign.title}), for which EGI CSIRT
sent an advisory on ${campaign.advisoryAt}.

<#if case.vulnerable>
Monitoring saw your site vulnerable at ${case.seen}<#if case.hosts?has_content> (hosts: ${case.hosts})</#if>.
Monitoring data can be up to a day old: if you have acted since, you need not do anything more.
<#else>
EGI CSIRT lists your site as affected.
</#if>

Recommended action:
${campaign.action}

Deadline: ${case.deadline}

Failure to act to resolve this problem will lead to site suspension shortly after the deadline.
If you cannot carry out the action, or need help or more time, reply to this ticket before the
deadline: EGI CSIRT and your NGI security contact will help.

Reply to this mail keeping ${case.ticket} in the subject.
<#if campaign.link?has_content>

The advisory: ${campaign.link}
</#if>

--- Advisory ---
${campaign.advisory}

EGI CSIRT
