Subject: ${campaign.vulnerabilities}: all sites have updated [TLP:${tlp}]
Dear operations managers,

All sites affected by ${campaign.vulnerabilities} (${campaign.title}) have updated before the deadline of
${deadline}. No further action is needed.

EGI CSIRT
