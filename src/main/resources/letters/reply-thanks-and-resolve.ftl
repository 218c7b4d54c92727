Subject: ${tag} ${ticket.subject}
Dear ${greeting},

Thank you for your help. EGI CSIRT considers this case resolved and closes the ticket.

If the problem comes back, or you see anything suspicious, reply to this mail (keep ${tag} in the subject)
and the ticket opens again.

Best regards,
${user}, EGI CSIRT
