package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.s6a.S6aFixture.AMF;
import static org.imshss.hss.s6a.S6aFixture.EUTRAN_AMF;
import static org.imshss.hss.s6a.S6aFixture.MILENAGE;
import static org.imshss.hss.testing.S6a.PLMN_001_01;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.ignite.Ignition;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.S6a;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.CacheNames;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AIR over TCP from an MME of the EPC realm against the real stack and grid (TS 29.272 5.2.3.1). Every vector is
 * checked with the test's own Milenage and KDF; the USIMs hold TS 35.208 test set 1 with AMF 1234.
 */
class AuthenticationInformationIT {

    private static final String IMSI = "001010000000001";
    private static final String NO_EPS = "001010000000002";
    private static final String NO_APN = "001010000000003";
    private static final String RESYNC = "001010000000004";
    private static final String GERAN = "001010000000005";
    private static final String CAPPED = "001010000000006";
    private static final String MME = "mme1.epc.mnc001.mcc001.3gppnetwork.org";

    private static TestHss hss;
    private static DiameterTestPeer mme;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startEpc(S6aFixture.SECRETS_KEY);
        S6aFixture.apnProfile(hss);
        for (String imsi : List.of(IMSI, RESYNC, GERAN, CAPPED)) {
            S6aFixture.usim(hss, imsi, "carol", S6aFixture.withApn());
        }
        S6aFixture.usim(hss, NO_EPS, "carol", null);
        S6aFixture.usim(hss, NO_APN, "carol", S6aFixture.withoutApn());
        mme = hss.mme(MME);
    }

    @AfterAll
    static void stop() throws Exception {
        mme.close();
        hss.close();
    }

    private static List<AvpSet> vectors(Answer answer, Avp kind) {
        return Avps.groupedAll(Avps.grouped(answer.getAvps(), Avp.AUTHENTICATION_INFO).orElseThrow(), kind);
    }

    private static void assertSuccess(Answer answer) {
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.RESULT_CODE).getAsLong()).isEqualTo(2001);
        assertThat(Avps.has(answer.getAvps(), Avp.EXPERIMENTAL_RESULT)).isFalse();
        assertThat(Avps.enumerated(answer.getAvps(), Avp.AUTH_SESSION_STATE).getAsInt()).isEqualTo(1);
    }

    /** 3GPP codes in Experimental-Result {Vendor-Id 10415, code}, Result-Code absent (TS 29.272 7.4). */
    private static void assertExperimental(Answer answer, ResultCode expected) {
        assertThat(Avps.has(answer.getAvps(), Avp.RESULT_CODE)).isFalse();
        AvpSet er = Avps.grouped(answer.getAvps(), Avp.EXPERIMENTAL_RESULT).orElseThrow();
        assertThat(Avps.unsigned32(er, Avp.VENDOR_ID).getAsLong()).isEqualTo(10415);
        assertThat(Avps.unsigned32(er, Avp.EXPERIMENTAL_RESULT_CODE).getAsLong()).isEqualTo(expected.code());
        assertThat(Avps.has(answer.getAvps(), Avp.AUTHENTICATION_INFO)).isFalse();
    }

    private static void assertFailed(Answer answer, ResultCode expected, Avp failed) {
        assertThat(Avps.result(answer.getAvps())).contains(expected);
        AvpSet failedAvp = Avps.grouped(answer.getAvps(), Avp.FAILED_AVP).orElseThrow();
        assertThat(Avps.has(failedAvp, failed)).as("Failed-AVP names " + failed.specName()).isTrue();
        assertThat(Avps.has(answer.getAvps(), Avp.AUTHENTICATION_INFO)).isFalse();
    }

    @Test
    void oneEutranVector() throws Exception {
        Answer answer = S6a.air(mme, IMSI, PLMN_001_01, S6a.Wanted.of(1), null);

        assertSuccess(answer);
        List<AvpSet> vectors = vectors(answer, Avp.E_UTRAN_VECTOR);
        assertThat(vectors).hasSize(1);
        assertThat(Avps.unsigned32(vectors.get(0), Avp.ITEM_NUMBER).getAsLong()).isEqualTo(1);
        assertThat(Avps.octets(vectors.get(0), Avp.KASME).orElseThrow()).hasSize(32);
        long sqn = S6a.verifyEutran(MILENAGE, vectors.get(0), EUTRAN_AMF, PLMN_001_01);
        assertThat(sqn).isPositive().isEqualTo(S6aFixture.sequence(hss, Usim.sequenceKey(IMSI)));
        assertThat(vectors(answer, Avp.UTRAN_VECTOR)).isEmpty();
    }

    @Test
    void fiveEutranVectorsWithStrictlyIncreasingSequenceNumbers() throws Exception {
        Answer answer = S6a.air(mme, IMSI, PLMN_001_01, S6a.Wanted.of(5), null);

        assertSuccess(answer);
        List<AvpSet> vectors = vectors(answer, Avp.E_UTRAN_VECTOR);
        assertThat(vectors).hasSize(5);
        List<Long> sqns = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            assertThat(Avps.unsigned32(vectors.get(i), Avp.ITEM_NUMBER).getAsLong()).isEqualTo(i + 1);
            sqns.add(S6a.verifyEutran(MILENAGE, vectors.get(i), EUTRAN_AMF, PLMN_001_01));
        }
        assertThat(sqns).isSorted().doesNotHaveDuplicates();
        // A different serving network gives a different KASME for the same kind of vector.
        byte[] plmn26207 = {0x62, (byte) 0xf2, 0x70};
        AvpSet other = vectors(S6a.air(mme, IMSI, plmn26207, S6a.Wanted.of(1), null), Avp.E_UTRAN_VECTOR).get(0);
        assertThat(S6a.verifyEutran(MILENAGE, other, EUTRAN_AMF, plmn26207)).isGreaterThan(sqns.get(4));
    }

    @Test
    void vectorCountIsCappedByTheSetting() throws Exception {
        Answer answer = S6a.air(mme, CAPPED, PLMN_001_01, S6a.Wanted.of(50), null);

        assertSuccess(answer);
        assertThat(vectors(answer, Avp.E_UTRAN_VECTOR)).hasSize(5);
        // Absent Number-Of-Requested-Vectors: one.
        Answer one = S6a.air(mme, CAPPED, PLMN_001_01, new S6a.Wanted(null, false, null), null);
        assertThat(vectors(one, Avp.E_UTRAN_VECTOR)).hasSize(1);
    }

    @Test
    void utranVectorsCarryCkIkWithTheSeparationBitClearAndNoGsmTriplets() throws Exception {
        Answer answer = S6a.air(mme, GERAN, PLMN_001_01, null, S6a.Wanted.of(2));

        assertSuccess(answer);
        List<AvpSet> utran = vectors(answer, Avp.UTRAN_VECTOR);
        List<AvpSet> geran = vectors(answer, Avp.GERAN_VECTOR);
        assertThat(vectors(answer, Avp.E_UTRAN_VECTOR)).isEmpty();
        assertThat(utran).hasSize(2);
        // A USIM subscriber gets quintuplets; triplets are for GSM (SIM) subscribers.
        assertThat(geran).isEmpty();
        long previous = 0;
        for (int i = 0; i < 2; i++) {
            assertThat(Avps.unsigned32(utran.get(i), Avp.ITEM_NUMBER).getAsLong()).isEqualTo(i + 1);
            long sqn = S6a.verifyUtran(MILENAGE, utran.get(i), AMF);
            assertThat(sqn).isGreaterThan(previous);
            previous = sqn;
        }
        // Both kinds in one AIR: one allocation, E-UTRAN first, every SQN distinct.
        Answer both = S6a.air(mme, GERAN, PLMN_001_01, S6a.Wanted.of(2), S6a.Wanted.of(1));
        List<Long> sqns = new ArrayList<>();
        for (AvpSet v : vectors(both, Avp.E_UTRAN_VECTOR)) {
            sqns.add(S6a.verifyEutran(MILENAGE, v, EUTRAN_AMF, PLMN_001_01));
        }
        sqns.add(S6a.verifyUtran(MILENAGE, vectors(both, Avp.UTRAN_VECTOR).get(0), AMF));
        assertThat(sqns).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(sqns.get(0)).isGreaterThan(previous);
    }

    @Test
    void unknownImsiIsUserUnknownAndWritesNoSequence() throws Exception {
        String unknown = "001019999999999";
        Answer answer = S6a.air(mme, unknown, PLMN_001_01, S6a.Wanted.of(1), null);

        assertExperimental(answer, ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(Ignition.ignite("hss-test-" + hss.port()).cache(CacheNames.AUTH_SEQUENCES)
                .containsKey(Usim.sequenceKey(unknown))).isFalse();
    }

    @Test
    void noEpsSubscriptionOrNoApnIsUnknownEpsSubscription() throws Exception {
        assertExperimental(S6a.air(mme, NO_EPS, PLMN_001_01, S6a.Wanted.of(1), null),
                ResultCode.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION);
        assertExperimental(S6a.air(mme, NO_EPS, PLMN_001_01, null, S6a.Wanted.of(1)),
                ResultCode.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION);
        assertExperimental(S6a.air(mme, NO_APN, PLMN_001_01, S6a.Wanted.of(1), null),
                ResultCode.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION);
        assertThat(S6aFixture.sequence(hss, Usim.sequenceKey(NO_EPS))).isZero();
        // Without APNs a packet subscription still gets UTRAN vectors (S6d).
        Answer utran = S6a.air(mme, NO_APN, PLMN_001_01, null, S6a.Wanted.of(1));
        assertSuccess(utran);
        S6a.verifyUtran(MILENAGE, vectors(utran, Avp.UTRAN_VECTOR).get(0), AMF);
    }

    @Test
    void missingVisitedPlmnIdIsMissingAvp() throws Exception {
        assertFailed(S6a.air(mme, IMSI, null, S6a.Wanted.of(1), null), ResultCode.DIAMETER_MISSING_AVP,
                Avp.VISITED_PLMN_ID);
    }

    @Test
    void invalidValuesAreInvalidAvpValue() throws Exception {
        long before = S6aFixture.sequence(hss, Usim.sequenceKey(IMSI));
        assertFailed(S6a.air(mme, IMSI, PLMN_001_01, S6a.Wanted.of(0), null), ResultCode.DIAMETER_INVALID_AVP_VALUE,
                Avp.NUMBER_OF_REQUESTED_VECTORS);
        assertFailed(S6a.air(mme, IMSI, new byte[] {0x00, (byte) 0xf1}, S6a.Wanted.of(1), null),
                ResultCode.DIAMETER_INVALID_AVP_VALUE, Avp.VISITED_PLMN_ID);
        assertFailed(S6a.air(mme, IMSI, PLMN_001_01, new S6a.Wanted(1L, false, new byte[29]), null),
                ResultCode.DIAMETER_INVALID_AVP_VALUE, Avp.RE_SYNCHRONIZATION_INFO);
        assertThat(S6aFixture.sequence(hss, Usim.sequenceKey(IMSI))).isEqualTo(before);
    }

    /** TS 33.102 6.3.5: a verified AUTS moves SQN_HE up to SQN_MS, the next vector is above it. */
    @Test
    void resynchronisationContinuesAboveSqnMs() throws Exception {
        long first = S6a.verifyEutran(MILENAGE, vectors(S6a.air(mme, RESYNC, PLMN_001_01, S6a.Wanted.of(1), null),
                Avp.E_UTRAN_VECTOR).get(0), EUTRAN_AMF, PLMN_001_01);
        byte[] rand = S6aFixture.HEX.parseHex("23553cbe9637a89d218ae64dae47bf35");
        long sqnMs = first + (1000L << 5);

        Answer answer = S6a.air(mme, RESYNC, PLMN_001_01, new S6a.Wanted(1L, true, S6a.resync(MILENAGE, rand, sqnMs)),
                null);

        assertSuccess(answer);
        long next = S6a.verifyEutran(MILENAGE, vectors(answer, Avp.E_UTRAN_VECTOR).get(0), EUTRAN_AMF, PLMN_001_01);
        assertThat(next >>> 5).isGreaterThan(sqnMs >>> 5);
    }

    /** A MAC-S that does not verify: 4181, no vector, and SQN_HE where it was. */
    @Test
    void badMacSIsAuthenticationDataUnavailableAndLeavesTheSequence() throws Exception {
        S6a.air(mme, RESYNC, PLMN_001_01, S6a.Wanted.of(1), null);
        long before = S6aFixture.sequence(hss, Usim.sequenceKey(RESYNC));
        byte[] rand = S6aFixture.HEX.parseHex("9f7c8d021accf4db213ccff0c7f71a6a");
        byte[] payload = S6a.resync(MILENAGE, rand, before + (5000L << 5));
        payload[payload.length - 1] ^= 1;

        Answer answer = S6a.air(mme, RESYNC, PLMN_001_01, new S6a.Wanted(1L, true, payload), null);

        assertExperimental(answer, ResultCode.DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE);
        assertThat(S6aFixture.sequence(hss, Usim.sequenceKey(RESYNC))).isEqualTo(before);
        assertThat(Arrays.copyOf(payload, 16)).isEqualTo(rand);
    }
}
