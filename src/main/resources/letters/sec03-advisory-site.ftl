Subject: Advisory ${campaign.vulnerabilities} for ${case.site}: action required by ${campaign.deadline} [TLP:${tlp}]
Dear security contacts and administrators of ${case.site},

EGI CSIRT has assessed ${campaign.vulnerabilities} (${campaign.title}) as critical, and your site is
affected. Your site MUST take the recommended action below.

Recommended action:
${campaign.action}

Deadline: ${campaign.deadline}

A site that neither acts nor responds by the deadline is likely to be suspended. EGI CSIRT will help
where it can: if you do not understand what to do, cannot carry out the action, or need more time, you
MUST ask for help, from EGI CSIRT (${csirt}) or your NGI security contact, before the deadline.
<#if campaign.link?has_content>

The advisory: ${campaign.link}
</#if>

--- Advisory ---
${campaign.advisory}

EGI CSIRT
