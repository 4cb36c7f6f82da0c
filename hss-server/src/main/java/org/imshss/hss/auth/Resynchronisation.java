package org.imshss.hss.auth;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * HE/AuC side of the synchronisation-failure procedure (TS 33.102 6.3.5) and the Cx resync payload
 * (TS 29.228 6.3 / TS 29.229 SIP-Authorization AVP: RAND ‖ AUTS in a resync MAR).
 */
public final class Resynchronisation {

    public static final int AUTS_LENGTH = 14;
    public static final int PAYLOAD_LENGTH = Milenage.RAND_LENGTH + AUTS_LENGTH;

    private Resynchronisation() {
    }

    /** TS 33.102 6.3.3: MAC-S uses a dummy all-zero AMF, which therefore need not be sent. Fresh array: no shared mutable state. */
    private static byte[] resyncAmf() {
        return new byte[Milenage.AMF_LENGTH];
    }

    /**
     * Splits the 30-octet SIP-Authorization of a resync MAR into RAND (the challenge the UE rejected) and AUTS.
     *
     * @throws IllegalArgumentException if the payload is not exactly 30 octets
     */
    public static Request parse(byte[] sipAuthorization) {
        Objects.requireNonNull(sipAuthorization, "SIP-Authorization");
        if (sipAuthorization.length != PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("SIP-Authorization resync payload must be " + PAYLOAD_LENGTH
                    + " octets (RAND 16 || AUTS 14), got " + sipAuthorization.length);
        }
        return new Request(
                Arrays.copyOfRange(sipAuthorization, 0, Milenage.RAND_LENGTH),
                Arrays.copyOfRange(sipAuthorization, Milenage.RAND_LENGTH, PAYLOAD_LENGTH));
    }

    /**
     * Recovers SQN_MS = AUTS[0..5] xor f5*(RAND) and checks AUTS[6..13] against XMAC-S = f1*(SQN_MS, RAND, AMF 0000).
     *
     * @return SQN_MS if MAC-S verifies; empty otherwise (the caller then rejects the MAR and must not touch SQN_HE)
     * @throws IllegalArgumentException if RAND is not 16 or AUTS not 14 octets
     */
    public static OptionalLong verify(Milenage milenage, byte[] rand, byte[] auts) {
        Objects.requireNonNull(milenage, "milenage");
        Octets.requireLength(auts, AUTS_LENGTH, "AUTS");
        byte[] temp = milenage.temp(rand);
        byte[] sqnMs = Octets.xor(Arrays.copyOfRange(auts, 0, Milenage.SQN_LENGTH), milenage.f5starFromTemp(temp));
        byte[] xmacS = milenage.f1starFromTemp(temp, sqnMs, resyncAmf());
        // Constant-time so response timing does not reveal how many MAC octets matched.
        if (!MessageDigest.isEqual(xmacS, Arrays.copyOfRange(auts, Milenage.SQN_LENGTH, AUTS_LENGTH))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Octets.sqnFromOctets(sqnMs));
    }

    public static OptionalLong verify(Milenage milenage, Request request) {
        return verify(milenage, request.rand(), request.auts());
    }

    /**
     * USIM side: AUTS = (SQN_MS xor f5*(RAND)) ‖ f1*(SQN_MS, RAND, AMF 0000) (TS 33.102 6.3.3). The HSS never
     * needs this; it exists for tests and UE simulators.
     */
    public static byte[] auts(Milenage milenage, byte[] rand, long sqnMs) {
        Objects.requireNonNull(milenage, "milenage");
        byte[] sqn = Octets.sqnToOctets(Octets.requireSqn(sqnMs, "SQN_MS"));
        byte[] temp = milenage.temp(rand);
        byte[] out = Arrays.copyOf(Octets.xor(sqn, milenage.f5starFromTemp(temp)), AUTS_LENGTH);
        System.arraycopy(milenage.f1starFromTemp(temp, sqn, resyncAmf()), 0, out, Milenage.SQN_LENGTH,
                Milenage.MAC_LENGTH);
        return out;
    }

    /** A parsed resync payload; arrays are copied in and out, {@code toString} shows no values. */
    public record Request(byte[] rand, byte[] auts) {

        public Request {
            rand = Octets.requireLength(rand, Milenage.RAND_LENGTH, "RAND").clone();
            auts = Octets.requireLength(auts, AUTS_LENGTH, "AUTS").clone();
        }

        @Override
        public byte[] rand() {
            return rand.clone();
        }

        @Override
        public byte[] auts() {
            return auts.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Request other
                    && MessageDigest.isEqual(rand, other.rand)
                    && MessageDigest.isEqual(auts, other.auts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(rand);
        }

        @Override
        public String toString() {
            return "Resynchronisation.Request[rand=<redacted>, auts=<redacted>]";
        }
    }
}
