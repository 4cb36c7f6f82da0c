package org.imshss.hss.cx;

/**
 * A decoded MAR (TS 29.229 6.1.7).
 *
 * @param scheme SIP-Authentication-Scheme of the SIP-Auth-Data-Item
 * @param authorization SIP-Authorization of the SIP-Auth-Data-Item (AKA resynchronisation: RAND‖AUTS), or null
 * @param numberAuthItems SIP-Number-Auth-Items: how many vectors the S-CSCF wants
 */
public record MultimediaAuthRequest(
        String originHost,
        String originRealm,
        String privateIdentity,
        String publicIdentity,
        String scheme,
        byte[] authorization,
        long numberAuthItems,
        String serverName) {

    public MultimediaAuthRequest {
        authorization = authorization == null ? null : authorization.clone();
    }

    @Override
    public byte[] authorization() {
        return authorization == null ? null : authorization.clone();
    }
}
