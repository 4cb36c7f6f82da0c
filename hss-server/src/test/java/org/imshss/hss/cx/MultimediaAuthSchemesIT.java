package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;
import static org.imshss.hss.testing.Cx.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.seed.SeedException;
import org.imshss.provisioning.seed.SeedLoader;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MAR over TCP for every scheme besides the identity checks of MultimediaAuthIT: HTTP_DIGEST_MD5, Digest-MD5
 * (cleartext password, only where provisioned and only with a key), NASS-Bundled and Early-IMS-Security
 * (TS 29.228 6.3, TS 29.229 6.3.13), and the demo's alice in each scheme.
 */
class MultimediaAuthSchemesIT {

    static final byte[] PASSWORD_KEY =
            HexFormat.of().parseHex("5a0c6e3f9b1d47a2c8e05f6b3d2a1908f7e6d5c4b3a2918070605040302010ff");
    static final String SEED = "/auth-test-seed.json";
    static final String DAVE_PASSWORD = "dave-Md5-Pa55";

    private static final HexFormat HEX = HexFormat.of();
    /** Alice's demo keys: K and OP of TS 35.208 test set 1. */
    private static final ReferenceMilenage ALICE = ReferenceMilenage.withOp(
            HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc"), HEX.parseHex("cdc202d5123e20f62b6d676ac72cb318"));

    private static TestHss hss;
    private static DiameterTestPeer scscf;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start(cx -> cx, PASSWORD_KEY, SEED);
        scscf = hss.peer("scscf1.ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        scscf.close();
        hss.close();
    }

    @BeforeEach
    void reset() throws Exception {
        hss.resetRegistrations();
    }

    private static AvpSet onlyItem(Answer answer, String impi, String impu, String scheme) {
        assertThat(result(answer)).as(scheme).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.USER_NAME)).contains(impi);
        assertThat(text(answer, Avp.PUBLIC_IDENTITY)).contains(impu);
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.SIP_NUMBER_AUTH_ITEMS).getAsLong()).isEqualTo(1);
        List<AvpSet> items = Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
        assertThat(items).hasSize(1);
        assertThat(Avps.unsigned32(items.get(0), Avp.SIP_ITEM_NUMBER).getAsLong()).isEqualTo(1);
        assertThat(Avps.utf8(items.get(0), Avp.SIP_AUTHENTICATION_SCHEME)).contains(scheme);
        return items.get(0);
    }

    private static String md5Hex(String s) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDemosAliceIsAnsweredInEverySchemeButDigestMd5() throws Exception {
        String impi = "alice@ims.example.org";
        String impu = "sip:alice@ims.example.org";
        String ha1 = md5Hex(impi + ":ims.example.org:alice");
        for (String scheme : List.of("SIP Digest", "HTTP_DIGEST_MD5")) {
            AvpSet item = onlyItem(Cx.mar(scscf, impi, impu, scheme, 1, SCSCF1, null), impi, impu, scheme);
            AvpSet digest = Avps.grouped(item, Avp.SIP_DIGEST_AUTHENTICATE).orElseThrow();
            assertThat(Avps.utf8(digest, Avp.DIGEST_REALM)).contains("ims.example.org");
            assertThat(Avps.utf8(digest, Avp.DIGEST_QOP)).contains("auth");
            assertThat(Avps.utf8(digest, Avp.DIGEST_HA1)).contains(ha1);
            assertThat(Avps.has(item, Avp.SIP_AUTHORIZATION)).isFalse();
        }
        for (String scheme : List.of("Digest-AKAv1-MD5", "Digest-AKAv2-MD5")) {
            AvpSet item = onlyItem(Cx.mar(scscf, impi, impu, scheme, 1, SCSCF1, null), impi, impu, scheme);
            assertThat(AkaItems.verify(ALICE, item, scheme, HEX.parseHex("8000"))).isPositive();
        }
        AvpSet nass = onlyItem(Cx.mar(scscf, impi, impu, "NASS-Bundled", 1, SCSCF1, null), impi, impu,
                "NASS-Bundled");
        assertThat(Avps.octets(nass, Avp.LINE_IDENTIFIER)).hasValue("alice-line-0001".getBytes(StandardCharsets.UTF_8));
        assertThat(nass.getAvp(Avp.LINE_IDENTIFIER.code(), 13019).getVendorId()).isEqualTo(13019L);
        AvpSet early = onlyItem(Cx.mar(scscf, impi, impu, "early-ims-security", 1, SCSCF1, null), impi, impu,
                "Early-IMS-Security");
        assertThat(Avps.octets(early, Avp.FRAMED_IP_ADDRESS)).hasValue(new byte[] {(byte) 192, 0, 2, 11});
        assertThat(Avps.has(early, Avp.FRAMED_IPV6_PREFIX)).isFalse();

        assertThat(result(Cx.mar(scscf, impi, impu, "Digest-MD5", 1, SCSCF1, null)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED);
    }

    @Test
    void nassBundledAndEarlyImsStoreTheServerButMarkNothingPending() throws Exception {
        for (String scheme : List.of("NASS-Bundled", "Early-IMS-Security")) {
            hss.resetRegistrations();
            Cx.mar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", scheme, 3, SCSCF1, null);
            var state = hss.node().store().registration("alice");
            assertThat(state.scscfName()).as(scheme).isEqualTo(SCSCF1);
            assertThat(state.authPending()).as(scheme).isEmpty();
        }
        Cx.mar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", "HTTP_DIGEST_MD5", 1, SCSCF1, null);
        assertThat(hss.node().store().registration("alice").authPending()).containsKey("alice@ims.example.org");
    }

    @Test
    void digestMd5HandsTheProvisionedPasswordToTheScscf() throws Exception {
        String impi = "dave@ims.example.org";
        String impu = "sip:dave@ims.example.org";
        AvpSet item = onlyItem(Cx.mar(scscf, impi, impu, "digest-md5", 5, SCSCF1, null), impi, impu, "Digest-MD5");
        assertThat(Avps.octets(item, Avp.SIP_AUTHORIZATION)).hasValue(DAVE_PASSWORD.getBytes(StandardCharsets.UTF_8));
        byte[] nonce = Avps.octets(item, Avp.SIP_AUTHENTICATE).orElseThrow();
        assertThat(nonce).hasSize(16);
        AvpSet again = onlyItem(Cx.mar(scscf, impi, impu, "Unknown", 1, SCSCF1, null), impi, impu, "Digest-MD5");
        assertThat(Avps.octets(again, Avp.SIP_AUTHENTICATE).orElseThrow()).isNotEqualTo(nonce);
        assertThat(hss.node().store().registration("dave").authPending()).containsKey(impi);
    }

    @Test
    void theCleartextPasswordIsKeptOnlyEncrypted() {
        PrivateIdentity dave = hss.node().store().privateIdentity("dave@ims.example.org").orElseThrow();
        assertThat(dave.auth().cleartextPasswordAllowed()).isTrue();
        byte[] ciphertext = dave.auth().sealedPassword().ciphertext();
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(DAVE_PASSWORD);
        assertThat(dave.toString()).doesNotContain(DAVE_PASSWORD);
    }

    @Test
    void earlyImsWithAnIpv6PrefixSendsFramedIpv6Prefix() throws Exception {
        String impi = "dave@ims.example.org";
        String impu = "sip:dave@ims.example.org";
        AvpSet item = onlyItem(Cx.mar(scscf, impi, impu, "Early-IMS-Security", 1, SCSCF1, null), impi, impu,
                "Early-IMS-Security");
        // RFC 3162 2.3: Reserved, Prefix-Length 64, prefix 2001:db8:0:42:: with the host bits zero.
        assertThat(HEX.formatHex(Avps.octets(item, Avp.FRAMED_IPV6_PREFIX).orElseThrow()))
                .isEqualTo("0040" + "20010db8000000420000000000000000");
        assertThat(Avps.has(item, Avp.FRAMED_IP_ADDRESS)).isFalse();
    }

    @Test
    void withoutAKeyACleartextCapableSeedIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> TestHss.start(cx -> cx, null, SEED))
                .isInstanceOf(SeedException.class)
                .hasMessageContaining("cleartextPassword")
                .hasMessageContaining(SeedLoader.PASSWORD_KEY_SETTING);
    }
}
