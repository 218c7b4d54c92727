Subject: <#if ticket??>[${tagPrefix} #${ticket?c}] </#if>Please set ${site} to ${target} in GOCDB
Dear operators on duty,

EGI CSIRT asks you to change the certification status of a site in GOCDB:

  Site:           ${site} (NGI ${ngi})
  Current status: ${current}
  New status:     ${target}
  Reason:         ${reason}
<#if ticket??>
  CSIRT ticket:   ${tagPrefix} #${ticket?c}
</#if>
<#if portalUrl??>
  GOCDB:          ${portalUrl}
</#if>

Please record the reason above with the change; GOCDB requires one. CSIRT Desk reads the status back
from GOCDB and counts the change as done once GOCDB shows ${site} as ${target}.

Requested by ${requestedBy} for EGI CSIRT.
