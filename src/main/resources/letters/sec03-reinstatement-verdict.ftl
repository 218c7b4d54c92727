Subject: Reinstatement of ${case.site}: <#if approved>verified<#else>not yet</#if> [TLP:${tlp}]
Dear ${requestedBy},

You asked for ${case.site} to be reinstated after its suspension for ${campaign.vulnerabilities}.

<#if approved>
EGI CSIRT has verified the site and knows of no reason to keep it out of the infrastructure. Its GOCDB
status is being set to Uncertified (never straight to Certified): the site follows the certification
procedure from there.
<#else>
EGI CSIRT cannot yet recommend the site's reinstatement. The site stays suspended.
</#if>

Note: ${note}

EGI CSIRT
