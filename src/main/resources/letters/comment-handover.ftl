Subject: ${tag} note
Handover by ${user}.
State: ${ticket.status}<#if ticket.due?has_content>, due ${ticket.due}</#if>.
Done so far:
Next step:
