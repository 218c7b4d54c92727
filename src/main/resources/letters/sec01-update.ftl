Subject: [${incident.tag}] Update ${number}: ${incident.title} [TLP:${tlp}]
Dear site and NGI security contacts, dear CSIRT members,

This is summary report ${number} on the security incident ${incident.tag}: ${incident.title}
(status: ${incident.status}).

${text}
<#if sites?has_content>

Sites affected: ${sites?join(", ")}.
</#if>
<#if indicators?has_content>

Indicators of compromise known so far, for you to check your own logs and systems against:
<#list indicators as indicator>
  ${indicator.type?right_pad(7)} ${indicator.value}
</#list>
</#if>

Report anything you find at your site to EGI CSIRT at ${csirt}, quoting [${incident.tag}].

This message is TLP:${tlp}.

EGI CSIRT<#if incident.coordinator?has_content> (incident coordinator: ${incident.coordinator})</#if>
