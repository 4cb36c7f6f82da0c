package org.imshss.hss.swx;

/**
 * An SWx Multimedia-Auth-Request (TS 29.273 8.1.2.1.1, table 8.1.2.1.1/1) as the procedure needs it.
 *
 * @param originHost the 3GPP AAA server asking
 * @param userName the IMSI, or the EAP-AKA/EAP-AKA' permanent identity NAI ({@link SwxUserName})
 * @param scheme SIP-Authentication-Scheme of the SIP-Auth-Data-Item: "EAP-AKA" or "EAP-AKA'"; null when absent
 * @param resynchronisation SIP-Authorization of the SIP-Auth-Data-Item, RAND ‖ AUTS, or null
 * @param numberAuthItems SIP-Number-Auth-Items
 * @param accessNetworkIdentity ANID (8.2.3.7), the key derivation input of EAP-AKA' (TS 33.402 A.2), or null
 * @param ratType the RAT-Type's name as the dictionary has it (e.g. WLAN), or null
 * @param trusted AN-Trusted: true TRUSTED, false UNTRUSTED, null when absent
 * @param previousServerFailed AAA-Failure-Indication bit 0 (8.2.3.21): the registered AAA server is unavailable
 */
public record AuthenticationRequest(String originHost, String originRealm, String userName, String scheme,
        byte[] resynchronisation, long numberAuthItems, String accessNetworkIdentity, String ratType,
        Boolean trusted, boolean previousServerFailed) {

    public AuthenticationRequest {
        resynchronisation = resynchronisation == null ? null : resynchronisation.clone();
    }

    @Override
    public byte[] resynchronisation() {
        return resynchronisation == null ? null : resynchronisation.clone();
    }

    @Override
    public String toString() {
        return "AuthenticationRequest[originHost=" + originHost + ", userName=" + userName + ", scheme=" + scheme
                + ", resynchronisation=" + (resynchronisation != null) + ", numberAuthItems=" + numberAuthItems
                + ", accessNetworkIdentity=" + accessNetworkIdentity + "]";
    }
}
