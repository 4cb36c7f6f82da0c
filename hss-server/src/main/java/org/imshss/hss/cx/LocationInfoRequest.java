package org.imshss.hss.cx;

/**
 * A decoded LIR (TS 29.229 6.1.5).
 *
 * @param originating Originating-Request present: an originating request on behalf of an unregistered user
 * @param authorizationType null when absent; REGISTRATION_AND_CAPABILITIES asks for capabilities (IMS restoration)
 */
public record LocationInfoRequest(String publicIdentity, boolean originating, AuthorizationType authorizationType) {
}
