package org.imshss.provisioning.model;

/**
 * The application server an iFC points at (TS 29.228 Annex B.2.3).
 *
 * @param defaultHandling 0 SESSION_CONTINUED, 1 SESSION_TERMINATED
 * @param serviceInfo sent to the AS in the body of a third-party REGISTER, or null
 */
public record ApplicationServer(
        String serverName,
        int defaultHandling,
        String serviceInfo,
        boolean includeRegisterRequest,
        boolean includeRegisterResponse) {

    public static final int SESSION_CONTINUED = 0;
    public static final int SESSION_TERMINATED = 1;
}
