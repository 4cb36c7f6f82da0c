package org.imshss.hss.cx;

/**
 * A decoded UAR (TS 29.229 6.1.1).
 *
 * @param authorizationType REGISTRATION when the AVP is absent
 * @param emergency UAR-Flags bit 0, IMS Emergency Registration
 */
public record UserAuthorizationRequest(
        String privateIdentity,
        String publicIdentity,
        String visitedNetwork,
        AuthorizationType authorizationType,
        boolean emergency) {
}
