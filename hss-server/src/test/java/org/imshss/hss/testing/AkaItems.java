package org.imshss.hss.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;

/** Checks an IMS-AKA SIP-Auth-Data-Item of an MAA with {@link ReferenceMilenage}, never with the server's code. */
public final class AkaItems {

    private AkaItems() {
    }

    /**
     * Puts the CK, IK and XRES of every AKA item of an MAA into {@code secrets} (named by {@code label} and the
     * item's number), for tests that look for them where they must not be; RAND is public.
     *
     * @return how many SIP-Auth-Data-Items the answer held
     */
    public static int collectSecrets(Answer answer, Map<String, byte[]> secrets, String label) {
        int i = 0;
        for (AvpSet item : Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM)) {
            i++;
            if (Avps.has(item, Avp.CONFIDENTIALITY_KEY)) {
                secrets.put("CK " + label + "/" + i, Avps.octets(item, Avp.CONFIDENTIALITY_KEY).orElseThrow());
                secrets.put("IK " + label + "/" + i, Avps.octets(item, Avp.INTEGRITY_KEY).orElseThrow());
                secrets.put("XRES " + label + "/" + i, Avps.octets(item, Avp.SIP_AUTHORIZATION).orElseThrow());
            }
        }
        return i;
    }

    /**
     * Asserts SIP-Authenticate = RAND ‖ AUTN with the right AMF and MAC-A, SIP-Authorization = XRES, CK and IK.
     *
     * @return the SQN the item carries (AUTN's first six octets xor AK)
     */
    public static long verify(ReferenceMilenage milenage, AvpSet item, String scheme, byte[] amf) {
        assertThat(Avps.utf8(item, Avp.SIP_AUTHENTICATION_SCHEME)).contains(scheme);
        byte[] authenticate = Avps.octets(item, Avp.SIP_AUTHENTICATE).orElseThrow();
        assertThat(authenticate).hasSize(32);
        byte[] rand = Arrays.copyOfRange(authenticate, 0, 16);
        byte[] autn = Arrays.copyOfRange(authenticate, 16, 32);
        byte[] ak = milenage.compute(rand, new byte[6], amf).ak();
        byte[] sqn = new byte[6];
        for (int i = 0; i < 6; i++) {
            sqn[i] = (byte) (autn[i] ^ ak[i]);
        }
        ReferenceMilenage.Outputs out = milenage.compute(rand, sqn, amf);
        assertThat(Arrays.copyOfRange(autn, 6, 8)).as("AMF").isEqualTo(amf);
        assertThat(Arrays.copyOfRange(autn, 8, 16)).as("MAC-A").isEqualTo(out.macA());
        assertThat(Avps.octets(item, Avp.SIP_AUTHORIZATION).orElseThrow()).as("XRES").isEqualTo(out.res());
        assertThat(Avps.octets(item, Avp.CONFIDENTIALITY_KEY).orElseThrow()).as("CK").isEqualTo(out.ck());
        assertThat(Avps.octets(item, Avp.INTEGRITY_KEY).orElseThrow()).as("IK").isEqualTo(out.ik());
        long value = 0;
        for (byte b : sqn) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    /** The SQN as the six octets Milenage takes. */
    public static byte[] sqnOctets(long sqn) {
        byte[] out = new byte[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = (byte) sqn;
            sqn >>>= 8;
        }
        return out;
    }
}
