Subject: [${incident.tag}] Request from the EGI CSIRT to ${site} [TLP:${tlp}]
Dear security contacts of ${site},

In the security incident ${incident.tag} (${incident.title}), the EGI CSIRT asks:

${text}

SEC01 asks your site to answer within 4 working hours of a request from the EGI CSIRT; for this one that is by
${due} (your site's working hours, ${calendar}). Please reply to this message, quoting [${incident.tag}] in
the subject.

EGI CSIRT (${csirt})
