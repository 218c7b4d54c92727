Subject: [${incident.tag}] Closure report: ${incident.title} [TLP:${tlp}]
Dear site and NGI security contacts, dear CSIRT members,

The security incident ${incident.tag} (${incident.title}) is resolved. This is its closure report.

${text}
<#if sites?has_content>

Sites that were affected: ${sites?join(", ")}.
</#if>
<#if indicators?has_content>

Indicators of compromise of this incident:
<#list indicators as indicator>
  ${indicator.type?right_pad(7)} ${indicator.value}
</#list>
</#if>
<#if attachment?has_content>

The affected site's own closure report (${attachment}) is kept with the incident; ask EGI CSIRT at
${csirt} if you need it.
</#if>

This message is TLP:${tlp}.

EGI CSIRT<#if incident.coordinator?has_content> (incident coordinator: ${incident.coordinator})</#if>
