Subject: [${incident.tag}] Reminder: ${deadline.task} by ${deadline.due} [TLP:${tlp}]
Dear security contacts of ${site},

In the security incident ${incident.tag} (${incident.title}), the EGI CSIRT Security Incident Handling Procedure
(SEC01) asks your site to ${deadline.task} ${deadline.rule}.
<#if deadline.request?has_content>

The request was:

${deadline.request}
</#if>

That is due by ${deadline.due} (${deadline.dueUtc}), and we have no record of it yet. Please reply to this
message, quoting [${incident.tag}] in the subject, when it is done or if you need help.

If you have done it already, please tell us: a reply to this message is enough.

EGI CSIRT (${csirt})
