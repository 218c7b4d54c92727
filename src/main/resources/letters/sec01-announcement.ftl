Subject: [${incident.tag}] New security incident: ${incident.title} [TLP:${tlp}]
Dear site and NGI security contacts, dear CSIRT members,

EGI CSIRT is handling a new security incident, tagged ${incident.tag}: ${incident.title}.
Please quote [${incident.tag}] in the subject of every message about it.

${text}
<#if sites?has_content>

Sites known to be affected so far: ${sites?join(", ")}.
</#if>
<#if indicators?has_content>

Indicators of compromise, for you to check your own logs and systems against:
<#list indicators as indicator>
  ${indicator.type?right_pad(7)} ${indicator.value}
</#list>
</#if>

If you find any of these at your site, or suspect your site is affected, report it to EGI CSIRT at ${csirt}
within 4 hours of discovery, as the EGI security incident handling procedure (SEC01) asks, and do not
reboot or power off the hosts concerned: isolate them and preserve their data.

This message is TLP:${tlp}.

EGI CSIRT<#if incident.coordinator?has_content> (incident coordinator: ${incident.coordinator})</#if>
