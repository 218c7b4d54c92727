Subject: Re: ${campaign.vulnerabilities} at ${case.site} [TLP:${tlp}]
${content}

EGI CSIRT
