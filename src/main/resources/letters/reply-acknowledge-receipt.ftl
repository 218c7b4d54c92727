Subject: ${tag} ${ticket.subject}
Dear ${greeting},

Thank you for your message. EGI CSIRT has received it and is looking into it; we will come back to you
<#if ticket.due?has_content>by ${ticket.due} at the latest<#else>as soon as we can</#if>.

Please keep ${tag} in the subject of your replies so that they reach this ticket.

Best regards,
${user}, EGI CSIRT
