Subject: Heads-up: ${campaign.vulnerabilities} - ${campaign.title} [TLP:${tlp}]
Dear site and NGI security contacts,

EGI CSIRT is assessing a critical vulnerability: ${campaign.vulnerabilities} (${campaign.title}).

This is a heads-up: urgent action may be requested of sites in the coming hours or days. An advisory
with the recommended action and its deadline will follow.

Public information on the vulnerability:
${publicInformation}

If you have questions, contact EGI CSIRT at ${csirt}.

EGI CSIRT
