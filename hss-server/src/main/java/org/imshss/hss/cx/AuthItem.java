package org.imshss.hss.cx;

/** One SIP-Auth-Data-Item of an MAA (TS 29.229 6.3.13); its content depends on the scheme. */
public sealed interface AuthItem permits AuthItem.Digest, AuthItem.Aka {

    String scheme();

    /**
     * SIP Digest (TS 29.229 6.3.36): SIP-Digest-Authenticate with the H(A1) for the realm; the password never
     * leaves the HSS.
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
}
