Subject: ${campaign.vulnerabilities} at ${case.site}<#if case.again> again</#if>: action required by ${case.deadline} [TLP:${tlp}]
Dear administrators and security contacts of ${case.site},

<#if case.again>
Monitoring shows your site vulnerable again to ${campaign.vulnerabilities} (${campaign.title}), the critical
vulnerability of EGI CSIRT's advisory of ${campaign.advisoryAt}<#if campaign.link?has_content> (${campaign.link})</#if>.
Your site had been found vulnerable to it before and had acted, or was seen clear: the problem has re-appeared.
<#elseif case.vulnerable>
Monitoring now shows your site vulnerable to ${campaign.vulnerabilities} (${campaign.title}), the critical
vulnerability of EGI CSIRT's advisory of ${campaign.advisoryAt}<#if campaign.link?has_content> (${campaign.link})</#if>.
This is the first time your site is found vulnerable to it; the tickets to the sites found earlier have
already gone out.
<#else>
EGI CSIRT lists your site as affected by ${campaign.vulnerabilities} (${campaign.title}), the critical
vulnerability of EGI CSIRT's advisory of ${campaign.advisoryAt}<#if campaign.link?has_content> (${campaign.link})</#if>.
</#if>
<#if case.vulnerable && case.seen?has_content>Monitoring saw it at ${case.seen}<#if case.hosts?has_content> (hosts: ${case.hosts})</#if>.</#if>

Your site has at least 48 hours to act, and never less time than the advisory gave every site.
Deadline: ${case.deadline}

Recommended action:
${campaign.action}

Failure to act to resolve this problem will lead to site suspension shortly after the deadline. If you
need help, reply to this ticket: EGI CSIRT will help.

--- The earlier advisory ---
${campaign.advisory}

EGI CSIRT
