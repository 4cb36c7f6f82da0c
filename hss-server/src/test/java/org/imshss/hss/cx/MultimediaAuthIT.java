package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.SCSCF2;
import static org.imshss.hss.testing.Cx.result;
import static org.imshss.hss.testing.Cx.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.auth.DigestHa1;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MAR over TCP against the real stack and grid: TS 29.228 6.3 identity checks, SIP Digest and IMS-AKA. */
class MultimediaAuthIT {

    private static final HexFormat HEX = HexFormat.of();
    /**
     * Carol of the demo data: K is the bytes of her password (SIPp takes K from the password). Vectors are checked
     * with the test-side Milenage, independent of the server's.
     */
    private static final ReferenceMilenage CAROL = ReferenceMilenage.withOp(
            HEX.parseHex("6361726f6c2d616b612d736563726574"), HEX.parseHex("cdc202d5123e20f62b6d676ac72cb318"));

    private static TestHss hss;
    private static DiameterTestPeer scscf;
    private static DiameterTestPeer scscf2;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        scscf = hss.peer("scscf1.ims.example.org");
        scscf2 = hss.peer("scscf2.ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        scscf.close();
        scscf2.close();
        hss.close();
    }

    @BeforeEach
    void reset() throws Exception {
        hss.resetRegistrations();
    }

    @Test
    void identityChecks() throws Exception {
        assertThat(result(Cx.mar(scscf, "nobody@ims.example.org", "sip:alice@ims.example.org", "SIP Digest", 1,
                SCSCF1, null))).isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(Cx.mar(scscf, "alice@ims.example.org", "sip:nobody@ims.example.org", "SIP Digest", 1,
                SCSCF1, null))).isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(Cx.mar(scscf, "alice@ims.example.org", "sip:bob@ims.example.org", "SIP Digest", 1,
                SCSCF1, null))).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITIES_DONT_MATCH);
    }

    @Test
    void schemesNotAllowedForTheUserAreRefused() throws Exception {
        // Digest-MD5 would carry the cleartext password: never allowed unless provisioned.
        for (String scheme : List.of("Digest-MD5", "no-such-scheme")) {
            assertThat(result(Cx.mar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", scheme, 1, SCSCF1,
                    null))).as(scheme).isEqualTo(ResultCode.DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED);
        }
        // Bob has no line identifier and no address provisioned.
        for (String scheme : List.of("NASS-Bundled", "Early-IMS-Security", "HTTP_DIGEST_MD5")) {
            assertThat(result(Cx.mar(scscf, "bob@ims.example.org", "sip:bob@ims.example.org", scheme, 1, SCSCF1,
                    null))).as(scheme).isEqualTo(ResultCode.DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED);
        }
    }

    @Test
    void sipDigestReturnsTheHa1NeverThePassword() throws Exception {
        Answer answer = Cx.mar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", "sip digest", 1, SCSCF1,
                null);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.USER_NAME)).contains("alice@ims.example.org");
        assertThat(text(answer, Avp.PUBLIC_IDENTITY)).contains("sip:alice@ims.example.org");
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.SIP_NUMBER_AUTH_ITEMS).getAsLong()).isEqualTo(1);
        List<AvpSet> items = Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
        assertThat(items).hasSize(1);
        AvpSet item = items.get(0);
        assertThat(Avps.unsigned32(item, Avp.SIP_ITEM_NUMBER).getAsLong()).isEqualTo(1);
        assertThat(Avps.utf8(item, Avp.SIP_AUTHENTICATION_SCHEME)).contains("SIP Digest");
        AvpSet digest = Avps.grouped(item, Avp.SIP_DIGEST_AUTHENTICATE).orElseThrow();
        assertThat(Avps.utf8(digest, Avp.DIGEST_REALM)).contains("ims.example.org");
        assertThat(Avps.utf8(digest, Avp.DIGEST_ALGORITHM)).contains("MD5");
        assertThat(Avps.utf8(digest, Avp.DIGEST_QOP)).contains("auth");
        assertThat(Avps.utf8(digest, Avp.DIGEST_HA1))
                .contains(DigestHa1.ha1("alice@ims.example.org", "ims.example.org", "alice"));
        assertThat(Avps.has(item, Avp.SIP_AUTHORIZATION)).isFalse();
    }

    @Test
    void unknownSchemeMeansTheUsersDefault() throws Exception {
        Answer alice = Cx.mar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", "Unknown", 1, SCSCF1, null);
        assertThat(Avps.utf8(Avps.groupedAll(alice.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0),
                Avp.SIP_AUTHENTICATION_SCHEME)).contains("SIP Digest");
        Answer carol = Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "unknown", 1, SCSCF1, null);
        assertThat(Avps.utf8(Avps.groupedAll(carol.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0),
                Avp.SIP_AUTHENTICATION_SCHEME)).contains("Digest-AKAv1-MD5");
    }

    @Test
    void akaVectorsAreMilenageWithFreshIncreasingSequenceNumbers() throws Exception {
        Answer answer = Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 3,
                SCSCF1, null);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.SIP_NUMBER_AUTH_ITEMS).getAsLong()).isEqualTo(3);
        List<Long> sqns = new ArrayList<>();
        int number = 1;
        for (AvpSet item : Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM)) {
            assertThat(Avps.unsigned32(item, Avp.SIP_ITEM_NUMBER).getAsLong()).isEqualTo(number++);
            sqns.add(verify(item));
        }
        assertThat(sqns).hasSize(3).doesNotContain(0L).isSorted().doesNotHaveDuplicates();
        // The next MAR continues above them: never the same SQN twice.
        Answer next = Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1,
                SCSCF1, null);
        assertThat(verify(Avps.groupedAll(next.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0))).isGreaterThan(sqns.get(2));
    }

    @Test
    void vectorCountIsCappedByConfiguration() throws Exception {
        Answer answer = Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 50,
                SCSCF1, null);
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.SIP_NUMBER_AUTH_ITEMS).getAsLong()).isEqualTo(5);
        assertThat(Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM)).hasSize(5);
    }

    @Test
    void resynchronisationRestartsFromTheUsimsSequenceNumber() throws Exception {
        Answer first = Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1,
                SCSCF1, null);
        byte[] rand = Arrays.copyOf(Avps.octets(Avps.groupedAll(first.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0),
                Avp.SIP_AUTHENTICATE).orElseThrow(), 16);
        long sqnMs = 5000L << 5;
        byte[] payload = concat(rand, CAROL.auts(rand, AkaItems.sqnOctets(sqnMs)));
        Answer resync = Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 4,
                SCSCF1, payload);
        assertThat(result(resync)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        List<AvpSet> items = Avps.groupedAll(resync.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
        assertThat(items).hasSize(1);
        assertThat(verify(items.get(0)) >>> 5).isEqualTo((sqnMs >>> 5) + 1);

        payload[payload.length - 1] ^= 1;
        assertThat(result(Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1,
                SCSCF1, payload))).isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
    }

    @Test
    void challengeStoresTheServerAndMarksAuthenticationPending() throws Exception {
        Cx.mar(scscf, "bob@ims.example.org", "sip:bob@ims.example.org", "SIP Digest", 1, SCSCF1, null);
        var state = hss.node().store().registration("bob");
        assertThat(state.scscfName()).isEqualTo(SCSCF1);
        assertThat(state.authPending().get("bob@ims.example.org").publicIdentity())
                .isEqualTo("sip:bob@ims.example.org");
    }

    @Test
    void aRegisteredUserAuthenticatingAtAnotherServerMovesThere() throws Exception {
        Cx.sar(scscf, "bob@ims.example.org", "sip:bob@ims.example.org", SCSCF1, "REGISTRATION");
        Cx.mar(scscf2, "bob@ims.example.org", "sip:bob@ims.example.org", "SIP Digest", 1, SCSCF2, null);
        assertThat(hss.node().store().registration("bob").scscfName()).isEqualTo(SCSCF2);
        assertThat(result(Cx.sar(scscf2, "bob@ims.example.org", "sip:bob@ims.example.org", SCSCF2, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
    }

    /** Checks one AKA item (MAC-A, XRES, CK, IK) against the reference Milenage with carol's keys; returns its SQN. */
    private static long verify(AvpSet item) {
        return AkaItems.verify(CAROL, item, "Digest-AKAv1-MD5", HEX.parseHex("8000"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
