package org.imshss.hss.auth;

import java.security.SecureRandom;
import java.util.Objects;

/** Builds authentication vectors from Milenage outputs (TS 33.102 6.3.2, figure 9). */
public final class AkaVectorFactory {

    private AkaVectorFactory() {
    }

    /**
     * AUTN = (SQN xor AK) ‖ AMF ‖ MAC-A; XRES = f2, CK = f3, IK = f4, AK = f5, all for the given RAND.
     *
     * @param rand 16 octets; must be fresh and unpredictable (see {@link #generate(Milenage, SecureRandom, long, byte[])})
     * @param sqn  48-bit unsigned sequence number, from {@link SequenceNumbers#next(long, int)}
     * @param amf  2 octets; the AMF separation bit (bit 0) is 0 for UMTS/IMS use (TS 33.102 Annex H)
     */
    public static AkaVector generate(Milenage milenage, byte[] rand, long sqn, byte[] amf) {
        Objects.requireNonNull(milenage, "milenage");
        byte[] sqnOctets = Octets.sqnToOctets(Octets.requireSqn(sqn, "SQN"));
        Octets.requireLength(amf, Milenage.AMF_LENGTH, "AMF");
        byte[] temp = milenage.temp(rand);
        byte[] macA = milenage.f1FromTemp(temp, sqnOctets, amf);
        Milenage.F2345 out = milenage.f2345FromTemp(temp);

        byte[] autn = new byte[AkaVector.AUTN_LENGTH];
        byte[] concealedSqn = Octets.xor(sqnOctets, out.ak());
        System.arraycopy(concealedSqn, 0, autn, 0, Milenage.SQN_LENGTH);
        System.arraycopy(amf, 0, autn, Milenage.SQN_LENGTH, Milenage.AMF_LENGTH);
        System.arraycopy(macA, 0, autn, Milenage.SQN_LENGTH + Milenage.AMF_LENGTH, Milenage.MAC_LENGTH);
        return new AkaVector(rand, out.res(), out.ck(), out.ik(), autn);
    }

    /** As {@link #generate(Milenage, byte[], long, byte[])} with a RAND drawn from {@code random} (TS 33.102 6.3.2 requires an unpredictable RAND). */
    public static AkaVector generate(Milenage milenage, SecureRandom random, long sqn, byte[] amf) {
        byte[] rand = new byte[Milenage.RAND_LENGTH];
        random.nextBytes(rand);
        return generate(milenage, rand, sqn, amf);
    }
}
