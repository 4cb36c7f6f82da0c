package org.imshss.hss.s6a;

import java.util.Arrays;

/**
 * One vector of an AIA's Authentication-Info (TS 29.272 7.3.17-7.3.19). Arrays are copied in and out; no
 * {@code toString} shows a value, since XRES, KASME, CK and IK are secrets.
 */
public sealed interface AuthenticationVector
        permits AuthenticationVector.Eutran, AuthenticationVector.Utran {

    byte[] rand();

    /** E-UTRAN-Vector (7.3.18): RAND, XRES, AUTN, KASME. */
    record Eutran(byte[] rand, byte[] xres, byte[] autn, byte[] kasme) implements AuthenticationVector {
        public Eutran {
            rand = rand.clone();
            xres = xres.clone();
            autn = autn.clone();
            kasme = kasme.clone();
        }

        @Override
        public byte[] rand() {
            return rand.clone();
        }

        @Override
        public byte[] xres() {
            return xres.clone();
        }

        @Override
        public byte[] autn() {
            return autn.clone();
        }

        @Override
        public byte[] kasme() {
            return kasme.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Eutran other && Arrays.equals(rand, other.rand) && Arrays.equals(xres, other.xres)
                    && Arrays.equals(autn, other.autn) && Arrays.equals(kasme, other.kasme);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(rand);
        }

        @Override
        public String toString() {
            return "E-UTRAN-Vector[***]";
        }
    }

    /** UTRAN-Vector (7.3.19): RAND, XRES, AUTN, Confidentiality-Key, Integrity-Key. */
    record Utran(byte[] rand, byte[] xres, byte[] autn, byte[] ck, byte[] ik) implements AuthenticationVector {
        public Utran {
            rand = rand.clone();
            xres = xres.clone();
            autn = autn.clone();
            ck = ck.clone();
            ik = ik.clone();
        }

        @Override
        public byte[] rand() {
            return rand.clone();
        }

        @Override
        public byte[] xres() {
            return xres.clone();
        }

        @Override
        public byte[] autn() {
            return autn.clone();
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
        public boolean equals(Object o) {
            return o instanceof Utran other && Arrays.equals(rand, other.rand) && Arrays.equals(xres, other.xres)
                    && Arrays.equals(autn, other.autn) && Arrays.equals(ck, other.ck) && Arrays.equals(ik, other.ik);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(rand);
        }

        @Override
        public String toString() {
            return "UTRAN-Vector[***]";
        }
    }
}
