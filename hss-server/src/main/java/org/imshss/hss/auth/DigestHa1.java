package org.imshss.hss.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * HTTP Digest (RFC 2617 3.2.2, algorithm MD5) values for the "SIP Digest" Cx scheme (TS 33.203 Annex N): the
 * HSS sends H(A1) in Digest-HA1; the S-CSCF computes and checks the response. Strings are hashed as UTF-8.
 */
public final class DigestHa1 {

    private static final HexFormat HEX = HexFormat.of();

    private DigestHa1() {
    }

    /** H(A1) = hex(MD5(username ":" realm ":" password)), lower case (RFC 2617 3.2.2.2); for IMS the username is the IMPI. */
    public static String ha1(String username, String realm, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(password, "password");
        return md5Hex(username + ":" + realm + ":" + password);
    }

    /** H(A2) = hex(MD5(method ":" digest-uri)) for qop=auth (RFC 2617 3.2.2.3). */
    public static String ha2(String method, String digestUri) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(digestUri, "digestUri");
        return md5Hex(method + ":" + digestUri);
    }

    /**
     * request-digest for qop=auth (RFC 2617 3.2.2.1): hex(MD5(HA1 ":" nonce ":" nc ":" cnonce ":auth:" HA2)). The
     * HSS itself never checks responses; this serves tests and interoperability checks.
     */
    public static String response(String ha1, String nonce, String nc, String cnonce, String method, String digestUri) {
        Objects.requireNonNull(ha1, "ha1");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(nc, "nc");
        Objects.requireNonNull(cnonce, "cnonce");
        return md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2(method, digestUri));
    }

    private static String md5Hex(String input) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("MD5").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
