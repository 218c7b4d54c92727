Subject: ${campaign.vulnerabilities}: all sites have updated [TLP:${tlp}]
Dear operations managers,

All sites affected by ${campaign.vulnerabilities} (${campaign.title}) have updated before the deadline of
${deadline}. No further action is needed.
<#if extended gt 0>

${extended} site(s) have an extended deadline; you will be told of them before it.
</#if>

EGI CSIRT
