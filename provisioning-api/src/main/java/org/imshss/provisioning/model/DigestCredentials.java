package org.imshss.provisioning.model;

/**
 * SIP Digest credentials kept as H(A1) for one realm (RFC 2617 3.2.2.2); the password itself is not kept.
 *
 * @param ha1 lower-case hex MD5(username ":" realm ":" password)
 */
public record DigestCredentials(String realm, String ha1) {

    @Override
    public String toString() {
        return "DigestCredentials[realm=" + realm + ", ha1=***]";
    }
}
