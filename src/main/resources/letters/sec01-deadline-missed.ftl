Subject: [${incident.tag}] Deadline missed at ${site}: ${deadline.kind} [TLP:${tlp}]
Dear ${incident.coordinator},

In the security incident ${incident.tag} (${incident.title}), which you coordinate, the site ${site} has missed
a SEC01 deadline: ${deadline.task} ${deadline.rule}.

Counted from:  ${deadline.started}
Due:           ${deadline.due} (${deadline.dueUtc})
<#if deadline.reminded?has_content>
Reminded:      ${deadline.reminded}
</#if>

The mark is on the site's Investigation #${investigation}. As the incident's coordinator you ensure that the
investigation does not stall: please follow it up with the site.

EGI CSIRT Desk
