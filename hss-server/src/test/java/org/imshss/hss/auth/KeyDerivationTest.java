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
import org.junit.jupiter.params.provider.MethodSource;

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

    static java.util.List<TestSets.Set> sets() {
        return TestSets.all();
    }

    /** c2 and c3 recomputed here word by word from TS 33.102 6.8.1.2. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void gsmConversionOfEveryConformanceSet(TestSets.Set set) {
        byte[] res = hex(set.f2());
        int sres = word(res, 0) ^ word(res, 4);
        byte[] ck = hex(set.f3());
        byte[] ik = hex(set.f4());
        long kc = half(ck, 0) ^ half(ck, 8) ^ half(ik, 0) ^ half(ik, 8);

        assertThat(hex(KeyDerivation.c2(res))).isEqualTo(String.format("%08x", sres));
        assertThat(hex(KeyDerivation.c3(ck, ik))).isEqualTo(String.format("%016x", kc));
    }

    @Test
    void gsmConversionOfTestSet1MatchesPublishedTriplet() {
        assertThat(hex(KeyDerivation.c2(hex("a54211d5e3ba50bf")))).isEqualTo("46f8416a");
        assertThat(hex(KeyDerivation.c3(hex("b40ba9a3c58b2a05bbf0d987b21bf8cb"),
                hex("f769bcd751044604127672711c6d3441")))).isEqualTo("eae4be823af9a08b");
    }

    @Test
    void c2PadsShortAndOddXresWithZeroBits() {
        assertThat(hex(KeyDerivation.c2(hex("01020304")))).isEqualTo("01020304");
        assertThat(hex(KeyDerivation.c2(hex("0102030405")))).isEqualTo("04020304");
        assertThat(hex(KeyDerivation.c2(hex("0102030405060708090a0b0c0d0e0f10")))).isEqualTo("00000010");
    }

    @Test
    void rejectsWrongLengths() {
        byte[] k16 = new byte[16];
        assertThatIllegalArgumentException().isThrownBy(() -> KeyDerivation.kasme(k16, k16, new byte[4], new byte[6]));
        assertThatIllegalArgumentException().isThrownBy(() -> KeyDerivation.kasme(k16, k16, new byte[3], new byte[5]));
        assertThatIllegalArgumentException().isThrownBy(() -> KeyDerivation.c2(new byte[3]));
        assertThatIllegalArgumentException().isThrownBy(() -> KeyDerivation.c3(new byte[15], k16));
        assertThatIllegalArgumentException().isThrownBy(() -> KeyDerivation.kdf(k16, 0x100));
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static long half(byte[] b, int at) {
        return (long) word(b, at) << 32 | (word(b, at + 4) & 0xffffffffL);
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
