Subject: <#if ticket??>[${tagPrefix} #${ticket?c}] </#if>Withdrawn: please do not set ${site} to ${target}
Dear operators on duty,

EGI CSIRT withdraws its request to set ${site} to ${target} in GOCDB (requested ${requestedAt}).

  Why: ${reason}

If you already made the change, please tell us by replying to this message.

EGI CSIRT
