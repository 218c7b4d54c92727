Subject: ${tag} note
${user}: the site phoned about this ticket.
What they said:
What they will do, and by when:
