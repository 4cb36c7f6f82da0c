package org.imshss.hss.swx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.swx.SwxFixture.AMF;
import static org.imshss.hss.swx.SwxFixture.AMF_CLEARED;
import static org.imshss.hss.swx.SwxFixture.MILENAGE;
import static org.imshss.hss.swx.SwxFixture.NON_3GPP;
import static org.imshss.hss.swx.SwxFixture.nai;

import java.util.Arrays;
import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.S6a;
import org.imshss.hss.testing.Swx;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.provisioning.model.AaaRegistration;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SWx Multimedia-Auth (TS 29.273 8.1.2.1) over TCP against the HSS and its grid: EAP-AKA and EAP-AKA' vectors
 * checked with the test's own Milenage and KDF, resynchronisation, the AAA server stored per IMSI, and every
 * refusal with its result code. Each test has its own IMSI.
 */
class SwxAuthenticationIT {

    private static final String AAA1 = "aaa1.ims.example.org";
    private static final String AAA2 = "aaa2.ims.example.org";

    private static TestHss hss;
    private static DiameterTestPeer aaa1;
    private static DiameterTestPeer aaa2;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start(cx -> cx, SwxFixture.KEY, null);
        SwxFixture.putProfiles(hss);
        aaa1 = Swx.aaa(hss, AAA1);
        aaa2 = Swx.aaa(hss, AAA2);
    }

    @AfterAll
    static void stop() throws Exception {
        aaa1.close();
        aaa2.close();
        hss.close();
    }

    private static long sequence(String imsi) {
        return ((IgniteSubscriberStore) hss.node().store()).sequence(Usim.sequenceKey(imsi));
    }

    private static ResultCode result(Answer answer) {
        return Avps.result(answer.getAvps()).orElseThrow();
    }

    private static List<AvpSet> items(Answer answer) {
        return Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
    }

    /** The CEA names SWx (16777265, vendor 10415) among the node's applications (TS 29.273 8.1.1). */
    @Test
    void capabilitiesExchangeAdvertisesSwx() throws Exception {
        try (RawDiameterClient peer = hss.raw("aaa9.ims.example.org")) {
            RawMessage cea = peer.capabilitiesAnswer();
            assertThat(cea.resultCode()).isEqualTo(2001);
            assertThat(cea.all(Avp.VENDOR_SPECIFIC_APPLICATION_ID)).anySatisfy(vsai -> {
                assertThat(vsai.member(Avp.VENDOR_ID).orElseThrow().u32()).isEqualTo(10415);
                assertThat(vsai.member(Avp.AUTH_APPLICATION_ID).orElseThrow().u32()).isEqualTo(16777265L);
            });
        }
    }

    @Test
    void eapAkaVectorsForTheNaiOfEapAka() throws Exception {
        String imsi = "001010000000201";
        SwxFixture.usim(hss, imsi, NON_3GPP);

        Answer answer = Swx.mar(aaa1, nai('0', imsi), Swx.EAP_AKA, 3, null);

        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.utf8(answer.getAvps(), Avp.USER_NAME)).contains(nai('0', imsi));
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.SIP_NUMBER_AUTH_ITEMS)).hasValue(3);
        List<AvpSet> items = items(answer);
        assertThat(items).hasSize(3);
        long previous = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(Avps.unsigned32(items.get(i), Avp.SIP_ITEM_NUMBER)).hasValue(i + 1);
            // EAP-AKA: the separation bit cleared (TS 33.102 Annex H), CK and IK as Milenage gives them.
            long sqn = Swx.verifyEapAka(MILENAGE, items.get(i), AMF_CLEARED);
            assertThat(sqn).isGreaterThan(previous);
            previous = sqn;
        }
        assertThat(sequence(imsi)).isEqualTo(previous);
        assertThat(hss.node().epsStore().aaaRegistration(imsi)).get()
                .extracting(AaaRegistration::host, AaaRegistration::registered).containsExactly(AAA1, false);
    }

    @Test
    void eapAkaPrimeVectorsCarryCkIkPrimeForTheAnidAndTheSeparationBit() throws Exception {
        String imsi = "001010000000202";
        SwxFixture.usim(hss, imsi, NON_3GPP);

        Answer answer = Swx.mar(aaa1, nai('6', imsi), Swx.EAP_AKA_PRIME, 2, "WLAN");

        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        List<AvpSet> items = items(answer);
        assertThat(items).hasSize(2);
        long first = Swx.verifyEapAkaPrime(MILENAGE, items.get(0), AMF, "WLAN");
        long second = Swx.verifyEapAkaPrime(MILENAGE, items.get(1), AMF, "WLAN");
        assertThat(second).isGreaterThan(first);
        assertThat(sequence(imsi)).isEqualTo(second);
    }

    @Test
    void theBareImsiAndTheNaiWithoutPrefixAreAcceptedAndTheCountIsCapped() throws Exception {
        String imsi = "001010000000203";
        SwxFixture.usim(hss, imsi, NON_3GPP);

        assertThat(items(Swx.mar(aaa1, imsi, Swx.EAP_AKA, 1, null))).hasSize(1);
        assertThat(result(Swx.mar(aaa1, imsi + "@nai.epc.mnc001.mcc001.3gppnetwork.org", Swx.EAP_AKA, 1, null)))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        // The test HSS caps an answer at 5 vectors.
        assertThat(items(Swx.mar(aaa1, imsi, Swx.EAP_AKA, 100, null))).hasSize(5);
    }

    @Test
    void resynchronisationContinuesAboveSqnMsAndABadMacSLeavesTheSequence() throws Exception {
        String imsi = "001010000000204";
        SwxFixture.usim(hss, imsi, NON_3GPP);
        List<AvpSet> first = items(Swx.mar(aaa1, imsi, Swx.EAP_AKA, 1, null));
        byte[] rand = Arrays.copyOf(Avps.octets(first.get(0), Avp.SIP_AUTHENTICATE).orElseThrow(), 16);
        long sqnMs = (1000L << 5) | 3;

        byte[] good = S6a.resync(MILENAGE, rand, sqnMs);
        byte[] bad = good.clone();
        bad[29] ^= 1;
        long before = sequence(imsi);
        Answer refused = Swx.mar(aaa1, imsi, Swx.EAP_AKA_PRIME, 1, "WLAN", bad, avps -> { });
        assertThat(result(refused)).isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        assertThat(items(refused)).isEmpty();
        assertThat(sequence(imsi)).isEqualTo(before);

        Answer answer = Swx.mar(aaa1, imsi, Swx.EAP_AKA_PRIME, 1, "WLAN", good, avps -> { });
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        long sqn = Swx.verifyEapAkaPrime(MILENAGE, items(answer).get(0), AMF, "WLAN");
        assertThat(sqn >>> 5).isEqualTo(1001L);
        assertThat(sequence(imsi)).isEqualTo(sqn);
    }

    @Test
    void unknownUsersAreUserUnknownAndWriteNothing() throws Exception {
        String unknown = "001010000000299";
        for (String userName : List.of(unknown, nai('0', unknown), "alice@ims.example.org", "0012@x", "")) {
            Answer answer = Swx.mar(aaa1, userName, Swx.EAP_AKA, 1, null);
            assertThat(result(answer)).as(userName).isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
            assertThat(items(answer)).isEmpty();
        }
        assertThat(hss.node().epsStore().aaaRegistration(unknown)).isEmpty();
        assertThat(sequence(unknown)).isZero();
    }

    @Test
    void noOrBarredNon3gppSubscriptionIsUserNoNon3gppSubscription() throws Exception {
        SwxFixture.usim(hss, "001010000000205", null);
        SwxFixture.usim(hss, "001010000000206", new Non3gppSubscription(false, true, List.of(1), 1, true, true,
                List.of()));
        for (String imsi : List.of("001010000000205", "001010000000206")) {
            assertThat(result(Swx.mar(aaa1, imsi, Swx.EAP_AKA, 1, null)))
                    .isEqualTo(ResultCode.DIAMETER_ERROR_USER_NO_NON_3GPP_SUBSCRIPTION);
            assertThat(sequence(imsi)).isZero();
            assertThat(hss.node().epsStore().aaaRegistration(imsi)).isEmpty();
        }
    }

    @Test
    void anotherSchemeIsAuthSchemeNotSupported() throws Exception {
        String imsi = "001010000000207";
        SwxFixture.usim(hss, imsi, NON_3GPP);
        for (String scheme : List.of("Digest-AKAv1-MD5", "EAP-AKA''", "eap-aka")) {
            assertThat(result(Swx.mar(aaa1, imsi, scheme, 1, null))).as(scheme)
                    .isEqualTo(ResultCode.DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED);
        }
        assertThat(sequence(imsi)).isZero();
    }

    @Test
    void eapAkaPrimeWithoutAnidIsMissingAvpNamingAnid() throws Exception {
        String imsi = "001010000000208";
        SwxFixture.usim(hss, imsi, NON_3GPP);

        Answer answer = Swx.mar(aaa1, imsi, Swx.EAP_AKA_PRIME, 1, null);

        // A base protocol code: Result-Code, not Experimental-Result (RFC 6733 7.5, TS 29.273 8.1.2.1.1).
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.RESULT_CODE)).hasValue(5005);
        AvpSet failed = Avps.grouped(answer.getAvps(), Avp.FAILED_AVP).orElseThrow();
        assertThat(Avps.has(failed, Avp.ANID)).isTrue();
        assertThat(sequence(imsi)).isZero();
    }

    @Test
    void anAccessTheSubscriptionDoesNotAllowIsRatTypeNotAllowed() throws Exception {
        String imsi = "001010000000209";
        SwxFixture.usim(hss, imsi, NON_3GPP);
        int hrpd = Avp.RAT_TYPE.enumValue("HRPD");
        int trusted = Avp.AN_TRUSTED.enumValue("TRUSTED");
        int untrusted = Avp.AN_TRUSTED.enumValue("UNTRUSTED");

        assertThat(result(Swx.mar(aaa1, imsi, Swx.EAP_AKA, 1, null, null,
                avps -> Avps.addEnumerated(avps, Avp.RAT_TYPE, hrpd))))
                .isEqualTo(ResultCode.DIAMETER_ERROR_RAT_TYPE_NOT_ALLOWED);
        assertThat(result(Swx.mar(aaa1, imsi, Swx.EAP_AKA, 1, null, null,
                avps -> Avps.addEnumerated(avps, Avp.AN_TRUSTED, trusted))))
                .isEqualTo(ResultCode.DIAMETER_ERROR_RAT_TYPE_NOT_ALLOWED);
        assertThat(sequence(imsi)).isZero();
        assertThat(result(Swx.mar(aaa1, imsi, Swx.EAP_AKA, 1, null, null, avps -> {
            Avps.addEnumerated(avps, Avp.AN_TRUSTED, untrusted);
            Avps.addEnumerated(avps, Avp.RAT_TYPE, Avp.RAT_TYPE.enumValue("WLAN"));
        }))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
    }

    @Test
    void anotherRegisteredServerIsIdentityAlreadyRegisteredUntilTheFailureIndication() throws Exception {
        String imsi = "001010000000210";
        SwxFixture.usim(hss, imsi, NON_3GPP);
        assertThat(result(Swx.mar(aaa1, imsi, Swx.EAP_AKA, 1, null))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(result(Swx.sar(aaa1, imsi, 1))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        long before = sequence(imsi);

        Answer refused = Swx.mar(aaa2, imsi, Swx.EAP_AKA, 1, null);
        assertThat(result(refused)).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED);
        assertThat(Avps.utf8(refused.getAvps(), Avp.TGPP_AAA_SERVER_NAME)).contains(AAA1);
        assertThat(items(refused)).isEmpty();
        assertThat(sequence(imsi)).isEqualTo(before);
        // Bit 0 clear is no failure indication.
        assertThat(result(Swx.mar(aaa2, imsi, Swx.EAP_AKA, 1, null, null,
                avps -> Avps.addUnsigned32(avps, Avp.AAA_FAILURE_INDICATION, 2))))
                .isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED);

        Answer takeover = Swx.mar(aaa2, imsi, Swx.EAP_AKA, 1, null, null,
                avps -> Avps.addUnsigned32(avps, Avp.AAA_FAILURE_INDICATION, 1));
        assertThat(result(takeover)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(hss.node().epsStore().aaaRegistration(imsi)).get()
                .extracting(AaaRegistration::host, AaaRegistration::registered).containsExactly(AAA2, false);
        // The former server, not registered any more, may authenticate again (and so take the USIM back).
        assertThat(result(Swx.mar(aaa1, imsi, Swx.EAP_AKA, 1, null))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
    }
}
