Subject: ${tag} Reply by mail from ${from}: ${subject} [TLP:${tlp}]
${from} replied by mail on ${tag} (${queue}):

${text}
<#if attachments?has_content>

Attachments: ${attachments}
</#if>

The reply waits for CSIRT's answer on the ticket. The whole mail, quoted history included, is kept with it.

CSIRT Desk
