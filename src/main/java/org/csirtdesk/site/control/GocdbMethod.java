package org.csirtdesk.site.control;

/**
 * The GOCDB Programmatic Interface methods the adapter calls, with what each accepts: GOCDB answers an
 * error for a parameter a method does not know, so {@code scope} and the paging cursor go only where
 * GOCDB's documentation lists them.
 */
enum GocdbMethod {
    GET_SITE("get_site", true, true),
    GET_SITE_CONTACTS("get_site_contacts", true, true),
    GET_SITE_SECURITY_INFO("get_site_security_info", true, false),
    GET_NGI("get_ngi", true, false),
    GET_ROC_CONTACTS("get_roc_contacts", false, true),
    GET_SERVICE_ENDPOINT("get_service_endpoint", true, true),
    GET_CERT_STATUS_CHANGES("get_cert_status_changes", false, true);

    final String method;
    final boolean scoped;
    final boolean pageable;

    GocdbMethod(String method, boolean scoped, boolean pageable) {
        this.method = method;
        this.scoped = scoped;
        this.pageable = pageable;
    }
}
