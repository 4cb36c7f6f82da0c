package org.imshss.hss.cx;

/** One SIP-Auth-Data-Item of an MAA (TS 29.229 6.3.13); its content depends on the scheme. */
public sealed interface AuthItem
        permits AuthItem.Digest, AuthItem.Aka, AuthItem.Cleartext, AuthItem.LineIdentifier, AuthItem.FramedAddress {

    String scheme();

    /**
     * SIP Digest (TS 29.229 6.3.36) and HTTP_DIGEST_MD5: SIP-Digest-Authenticate with the H(A1) for the realm; the
     * password never leaves the HSS.
     */
    record Digest(String scheme, String realm, String algorithm, String qop, String ha1) implements AuthItem {
        @Override
        public String toString() {
            return "Digest[scheme=" + scheme + ", realm=" + realm + ", ha1=***]";
        }
    }

    /** IMS-AKA: SIP-Authenticate = RAND‖AUTN, SIP-Authorization = XRES, CK and IK (TS 29.229 6.3.9-6.3.11). */
    record Aka(String scheme, byte[] sipAuthenticate, byte[] xres, byte[] ck, byte[] ik) implements AuthItem {
        public Aka {
            sipAuthenticate = sipAuthenticate.clone();
            xres = xres.clone();
            ck = ck.clone();
            ik = ik.clone();
        }

        @Override
        public byte[] sipAuthenticate() {
            return sipAuthenticate.clone();
        }

        @Override
        public byte[] xres() {
            return xres.clone();
        }

        @Override
        public byte[] ck() {
            return ck.clone();
        }

        @Override
        public byte[] ik() {
            return ik.clone();
        }

        @Override
        public String toString() {
            return "Aka[scheme=" + scheme + ", ***]";
        }
    }

    /**
     * Digest-MD5 (the Open IMS Core "MD5" scheme): SIP-Authenticate = a fresh nonce, SIP-Authorization = the
     * password itself, from which the S-CSCF computes H(A1). Only for identities provisioned for it.
     */
    record Cleartext(String scheme, byte[] nonce, byte[] password) implements AuthItem {
        public Cleartext {
            nonce = nonce.clone();
            password = password.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public byte[] password() {
            return password.clone();
        }

        @Override
        public String toString() {
            return "Cleartext[scheme=" + scheme + ", ***]";
        }
    }

    /** NASS-Bundled (TS 29.229 6.3.13, ETSI ES 283 035): the Line-Identifier provisioned for the user's line. */
    record LineIdentifier(String scheme, byte[] lineIdentifier) implements AuthItem {
        public LineIdentifier {
            lineIdentifier = lineIdentifier.clone();
        }

        @Override
        public byte[] lineIdentifier() {
            return lineIdentifier.clone();
        }

        @Override
        public String toString() {
            return "LineIdentifier[scheme=" + scheme + "]";
        }
    }

    /**
     * Early-IMS-Security (TS 33.978, TS 29.229 6.3.13): the user's provisioned address, as Framed-IP-Address
     * (4 octets) or Framed-IPv6-Prefix (RFC 3162 layout); exactly one is non-null.
     */
    record FramedAddress(String scheme, byte[] ipv4, byte[] ipv6Prefix) implements AuthItem {
        public FramedAddress {
            if ((ipv4 == null) == (ipv6Prefix == null)) {
                throw new IllegalArgumentException("exactly one of IPv4 address and IPv6 prefix");
            }
            ipv4 = ipv4 == null ? null : ipv4.clone();
            ipv6Prefix = ipv6Prefix == null ? null : ipv6Prefix.clone();
        }

        @Override
        public byte[] ipv4() {
            return ipv4 == null ? null : ipv4.clone();
        }

        @Override
        public byte[] ipv6Prefix() {
            return ipv6Prefix == null ? null : ipv6Prefix.clone();
        }

        @Override
        public String toString() {
            return "FramedAddress[scheme=" + scheme + "]";
        }
    }
}
