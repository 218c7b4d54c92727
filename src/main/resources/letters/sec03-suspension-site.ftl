Subject: Suspension of ${case.site}: ${campaign.vulnerabilities} [TLP:${tlp}]
Dear administrators and security contacts of ${case.site},

Your site has not carried out the recommended action on ${campaign.vulnerabilities} (${campaign.title})
by its deadline, ${case.deadline}. EGI CSIRT has decided to suspend the site; the suspension is about to
be carried out in GOCDB.

Why: ${reason}

To return to the infrastructure, carry out the recommended action, then contact your ROD, who will ask
EGI CSIRT to verify the site; a suspended site comes back as Uncertified and follows the certification
procedure.

Recommended action:
${campaign.action}

EGI CSIRT
