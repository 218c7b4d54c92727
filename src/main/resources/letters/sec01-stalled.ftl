Subject: [${incident.tag}] Stalled: no activity since ${lastActivity} [TLP:${tlp}]
Dear ${incident.coordinator},

The security incident ${incident.tag} (${incident.title}), which you coordinate, has had no activity since
${lastActivity}: nothing was recorded on it for ${stalledAfter}.

As its coordinator you ensure that the investigation does not stall (SEC01). Please check on it: ask the
affected sites for news, send an update, appoint another coordinator, or close it with its closure report.

This reminder is sent once per stall; any entry on the incident (a comment will do) ends the stall.

EGI CSIRT Desk
