package org.imshss.hss.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.imshss.hss.auth.TestSets.hex;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyDerivationTest {

    /** The S6a AIR vector of the reference sheet: K, OPc, RAND, SQN 0x136, AMF 8000, SN id 62f270 (MCC 262, MNC 07). */
    private static final String K = "e49da901cde1f94d708fe61af8d7501d";
    private static final String OPC = "6c2b5772e236ae93d0f77f716616a644";
    private static final String RAND = "4ec67bf2956de16702d68e3af481ca2c";

    @Test
    void kasmeMatchesThePublishedE_UtranVector() {
        AkaVector vector = AkaVectorFactory.generate(new Milenage(hex(K), hex(OPC)), hex(RAND), 0x136L, hex("8000"));
        assertThat(hex(vector.autn())).isEqualTo("263b1975ff74800015a0616a9c3aafde");
        assertThat(hex(vector.xres())).isEqualTo("ce24257eeed33b5a");
        assertThat(hex(vector.ck())).isEqualTo("e1b2bdc2b86ea755fdde522d5b5225fd");
        assertThat(hex(vector.ik())).isEqualTo("a55bce70977e953e50dfaca5358c8a76");

        byte[] kasme = KeyDerivation.kasme(vector.ck(), vector.ik(), hex("62f270"),
                Arrays.copyOf(vector.autn(), 6));

        assertThat(hex(kasme)).isEqualTo("8891b65582d3d46dcbe5256105dddda0fd83f96e02e800e417a64e0b69fcb593");
    }

    @Test
    void kasmeInputStringIsLaidOutAsTs33220AnnexB() {
        byte[] ck = hex("e1b2bdc2b86ea755fdde522d5b5225fd");
        byte[] ik = hex("a55bce70977e953e50dfaca5358c8a76");
        byte[] expected = hmacSha256(concat(ck, ik), hex("1062f2700003263b1975ff740006"));

        assertThat(KeyDerivation.kasme(ck, ik, hex("62f270"), hex("263b1975ff74"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "RFC 5448 case {index}: {2}")
    @CsvSource({
        "5349fbe098649f948f5d2e973a81c00f, 9744871ad32bf9bbd1dd5ce54e3e2e5a, WLAN, bb52e91c747a,"
                + " 0093962d0dd84aa5684b045c9edffa04, ccfc230ca74fcc96c0a5d61164f5a76c",
        "5349fbe098649f948f5d2e973a81c00f, 9744871ad32bf9bbd1dd5ce54e3e2e5a, HRPD, bb52e91c747a,"
                + " 3820f0277fa5f77732b1fb1d90c1a0da, db94a0ab557ef6c9ab48619ca05b9a9f",
        "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0, b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0, WLAN, a0a0a0a0a0a0,"
                + " cd4c8e5c68f57dd1d7d7dfd0c538e577, 3ece6b705dbbf7dfc459a11280c65524"})
    void ckIkPrimeMatchesRfc5448(String ck, String ik, String anid, String sqnXorAk, String ckPrime, String ikPrime) {
        KeyDerivation.CkIkPrime out = KeyDerivation.ckIkPrime(hex(ck), hex(ik), anid, hex(sqnXorAk));

        assertThat(hex(out.ckPrime())).isEqualTo(ckPrime);
        assertThat(hex(out.ikPrime())).isEqualTo(ikPrime);
        assertThat(out.toString()).doesNotContain(ckPrime).doesNotContain(ikPrime);
    }

    @Test
    void genericKdfEncodesEveryParameterLength() {
        byte[] key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] p0 = "ab".getBytes(StandardCharsets.US_ASCII);
        byte[] p1 = new byte[300];
        byte[] s = concat(new byte[] {0x21}, p0, new byte[] {0, 2}, p1, new byte[] {1, 44});

        assertThat(KeyDerivation.kdf(key, 0x21, p0, p1)).isEqualTo(hmacSha256(key, s));
    }

    @Test
    void rejectsWrongLengths() {
        byte[] k16 = new byte[16];
        assertThatIllegalArgumentException().isThrownBy(() -> KeyDerivation.kasme(k16, k16, new byte[4], new byte[6]));
        assertThatIllegalArgumentException().isThrownBy(() -> KeyDerivation.kasme(k16, k16, new byte[3], new byte[5]));
        assertThatIllegalArgumentException().isThrownBy(() -> KeyDerivation.kdf(k16, 0x100));
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int from = out.length;
            out = Arrays.copyOf(out, from + p.length);
            System.arraycopy(p, 0, out, from, p.length);
        }
        return out;
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
