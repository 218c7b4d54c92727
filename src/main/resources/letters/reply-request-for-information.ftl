Subject: ${tag} ${ticket.subject}
Dear ${greeting},

To go on with this case, EGI CSIRT needs a few details from you:

- which hosts of ${ticket.site!"your site"} are affected, and since when;
- what you have done so far (patched, mitigated, taken out of production);
- when you expect to be done.

<#if ticket.due?has_content>Please answer before ${ticket.due}. </#if>Keep ${tag} in the subject of your reply.

Best regards,
${user}, EGI CSIRT
