Subject: Advisory ${campaign.vulnerabilities}: ${campaign.title} - action required by ${campaign.deadline} [TLP:${tlp}]
Dear site and NGI security contacts,

EGI CSIRT has assessed ${campaign.vulnerabilities} (${campaign.title}) as critical. Every affected site
MUST take the recommended action below.

Recommended action:
${campaign.action}

Deadline: ${campaign.deadline}

Sites that neither act nor respond by the deadline are likely to be suspended. EGI CSIRT will help
where it can: if you do not understand what to do, cannot carry out the action, or need more time, you
MUST ask for help, from EGI CSIRT (${csirt}) or your NGI security contact, before the deadline.

Sites found vulnerable will receive a ticket a few days before the deadline.
<#if campaign.link?has_content>

The advisory: ${campaign.link}
</#if>

--- Advisory ---
${campaign.advisory}

EGI CSIRT
