package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.s6a.LocationRequests.EUTRAN;
import static org.imshss.hss.s6a.LocationRequests.MME_ATTACH;
import static org.imshss.hss.s6a.LocationRequests.MME_UPDATE;
import static org.imshss.hss.s6a.LocationRequests.fullSubscription;
import static org.imshss.hss.s6a.LocationRequests.plmn;
import static org.imshss.hss.s6a.LocationRequests.ulr;
import static org.imshss.hss.s6a.LocationRequests.usim;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.NetworkAccessMode;
import org.imshss.provisioning.model.PdnType;
import org.imshss.provisioning.model.SubscriberStatus;
import org.imshss.provisioning.store.IgniteEpsStore;
import org.imshss.provisioning.store.RecordUpdate;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Update-Location, Purge-UE and Notify (TS 29.272 5.2.1.1.3, 5.2.1.3.3, 5.2.5.1.3) over TCP against the HSS and its
 * embedded grid node, from MMEs that answer (or not) the CLRs the HSS sends them.
 */
class S6aLocationIT {

    private static final String FULL = "001010000000001";
    private static final String NO_EPS = "001010000000002";
    private static final String NO_APN = "001010000000003";
    private static final String NO_EUTRAN = "001010000000004";
    private static final String HOME_ONLY = "001010000000005";
    private static final String UNKNOWN = "001019999999999";
    private static final String RACE_PREFIX = "0010100000010";

    private static TestHss hss;
    private static IgniteEpsStore eps;
    private static DiameterTestPeer mme1;
    private static DiameterTestPeer mme2;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        eps = hss.node().epsStore();
        eps.putApnProfile(new ApnProfile("internet", "internet", PdnType.IPv4v6, 9, 8, false, true,
                new Ambr(50_000_000, 100_000_000), true, "0800"));
        eps.putApnProfile(new ApnProfile("ims", "ims", PdnType.IPv4, 5, 1, true, false, null, false, null));
        eps.putUsim(usim(FULL, fullSubscription(List.of(), 0)));
        eps.putUsim(usim(NO_EPS, null));
        eps.putUsim(usim(NO_APN, new EpsSubscription("491710000003", null, null, 0, null, 0, null, 0, List.of(),
                null, 0, null)));
        eps.putUsim(usim(NO_EUTRAN, fullSubscription(List.of(), EpsSubscription.E_UTRAN_NOT_ALLOWED)));
        eps.putUsim(usim(HOME_ONLY, fullSubscription(List.of("00101"), 0)));
        for (int round = 0; round < 100; round++) {
            eps.putUsim(usim(raceImsi(round), fullSubscription(List.of(), 0)));
        }
        mme1 = DiameterTestPeer.connect(Application.S6A, "mme1.ims.example.org", TestHss.REALM, TestHss.freePort(),
                TestHss.HOST, hss.port());
        mme2 = DiameterTestPeer.connect(Application.S6A, "mme2.ims.example.org", TestHss.REALM, TestHss.freePort(),
                TestHss.HOST, hss.port());
    }

    private static String raceImsi(int round) {
        return RACE_PREFIX + String.format("%02d", round);
    }

    @AfterAll
    static void stop() throws Exception {
        mme1.close();
        mme2.close();
        hss.close();
    }

    @BeforeEach
    void reset() throws Exception {
        for (String imsi : List.of(FULL, NO_EPS, NO_APN, NO_EUTRAN, HOME_ONLY, UNKNOWN)) {
            eps.updateRegistration(imsi, current -> RecordUpdate.Outcome.remove(Boolean.TRUE));
        }
        for (DiameterTestPeer mme : List.of(mme1, mme2)) {
            mme.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
            while (mme.nextReceived(0, TimeUnit.MILLISECONDS) != null) {
                // drop what earlier tests left
            }
        }
    }

    private static ResultCode result(Answer answer) {
        return Avps.result(answer.getAvps()).orElseThrow();
    }

    private static AvpSet group(AvpSet set, Avp avp) {
        return Avps.grouped(set, avp).orElseThrow(() -> new AssertionError(avp.specName() + " missing"));
    }

    /** TS 29.272 7.1.8: S6a/S6d is advertised in the CEA as a 3GPP vendor-specific auth application. */
    @Test
    void capabilitiesAnswerAdvertisesS6a() throws Exception {
        try (RawDiameterClient peer = hss.raw("cea-check.ims.example.org")) {
            RawMessage cea = peer.capabilitiesAnswer();
            assertThat(cea.resultCode()).isEqualTo(2001);
            assertThat(cea.all(Avp.VENDOR_SPECIFIC_APPLICATION_ID)).anySatisfy(vsai -> {
                assertThat(vsai.member(Avp.VENDOR_ID).orElseThrow().u32()).isEqualTo(10415);
                assertThat(vsai.member(Avp.AUTH_APPLICATION_ID).orElseThrow().u32()).isEqualTo(16777251L);
            });
        }
    }

    @Test
    void updateLocationAnswersWithTheCompleteSubscriptionData() throws Exception {
        Answer ula = ulr(mme1, FULL, MME_ATTACH);
        assertThat(result(ula)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        AvpSet avps = ula.getAvps();
        assertThat(Avps.unsigned32(avps, Avp.ULA_FLAGS).getAsLong()).as("Separation Indication").isEqualTo(1);
        AvpSet data = group(avps, Avp.SUBSCRIPTION_DATA);
        assertThat(Avps.enumerated(data, Avp.SUBSCRIBER_STATUS).getAsInt()).isEqualTo(0);
        assertThat(Avps.octets(data, Avp.MSISDN).orElseThrow()).isEqualTo(HexFormat.of().parseHex("947111325476"));
        assertThat(Avps.octets(data, Avp.A_MSISDN).orElseThrow()).isEqualTo(HexFormat.of().parseHex("3316325476f8"));
        assertThat(Avps.enumerated(data, Avp.NETWORK_ACCESS_MODE).getAsInt()).as("PACKET_AND_CIRCUIT").isEqualTo(0);
        assertThat(Avps.has(data, Avp.OPERATOR_DETERMINED_BARRING)).isFalse();
        assertThat(Avps.has(data, Avp.ACCESS_RESTRICTION_DATA)).isFalse();
        assertThat(Avps.utf8(data, Avp.TGPP_CHARGING_CHARACTERISTICS)).contains("0800");
        assertThat(Avps.unsigned32(data, Avp.SUBSCRIBED_PERIODIC_RAU_TAU_TIMER).getAsLong()).isEqualTo(720);
        AvpSet ueAmbr = group(data, Avp.AMBR);
        assertThat(Avps.unsigned32(ueAmbr, Avp.MAX_REQUESTED_BANDWIDTH_UL).getAsLong()).isEqualTo(1_000_000);
        assertThat(Avps.unsigned32(ueAmbr, Avp.MAX_REQUESTED_BANDWIDTH_DL).getAsLong()).isEqualTo(2_000_000);

        AvpSet profile = group(data, Avp.APN_CONFIGURATION_PROFILE);
        assertThat(Avps.unsigned32(profile, Avp.CONTEXT_IDENTIFIER).getAsLong()).as("default APN").isEqualTo(1);
        assertThat(Avps.enumerated(profile, Avp.ALL_APN_CONFIGURATIONS_INCLUDED_INDICATOR).getAsInt()).isEqualTo(0);
        List<AvpSet> apns = Avps.groupedAll(profile, Avp.APN_CONFIGURATION);
        assertThat(apns).hasSize(2);
        assertApn(apns.get(0), 1, "internet", 2, 9, 8, 1, 0, 1);
        assertThat(Avps.address(apns.get(0), Avp.SERVED_PARTY_IP_ADDRESS))
                .contains(InetAddress.getByName("10.45.0.7"));
        AvpSet apnAmbr = group(apns.get(0), Avp.AMBR);
        assertThat(Avps.unsigned32(apnAmbr, Avp.MAX_REQUESTED_BANDWIDTH_UL).getAsLong()).isEqualTo(50_000_000);
        assertThat(Avps.unsigned32(apnAmbr, Avp.MAX_REQUESTED_BANDWIDTH_DL).getAsLong()).isEqualTo(100_000_000);
        assertThat(Avps.utf8(apns.get(0), Avp.TGPP_CHARGING_CHARACTERISTICS)).contains("0800");
        assertApn(apns.get(1), 2, "ims", 0, 5, 1, 0, 1, 0);
        assertThat(Avps.has(apns.get(1), Avp.SERVED_PARTY_IP_ADDRESS)).isFalse();
        assertThat(Avps.has(apns.get(1), Avp.AMBR)).isFalse();

        EpsRegistration stored = eps.registration(FULL);
        assertThat(stored.mme().host()).isEqualTo("mme1.ims.example.org");
        assertThat(stored.mme().realm()).isEqualTo(TestHss.REALM);
        assertThat(stored.mme().visitedPlmn()).isEqualTo("00101");
        assertThat(stored.mme().ratType()).isEqualTo("EUTRAN");
        assertThat(stored.mme().imei()).isEqualTo("35609204079301");
        assertThat(stored.mme().softwareVersion()).isEqualTo("12");
        assertThat(stored.mme().srvccSupported()).isFalse();
        assertThat(stored.mmePurged()).isFalse();
        assertThat(mme1.nextReceived(200, TimeUnit.MILLISECONDS)).as("no CLR to the new MME").isNull();
    }

    /** PDN-Type (7.3.62), QCI and ARP (TS 29.212 5.3.17, 5.3.32), VPLMN-Dynamic-Address-Allowed (7.3.38). */
    private static void assertApn(AvpSet apn, int context, String name, int pdnType, int qci, int priority,
            int capability, int vulnerability, int vplmnAllowed) {
        assertThat(Avps.unsigned32(apn, Avp.CONTEXT_IDENTIFIER).getAsLong()).isEqualTo(context);
        assertThat(Avps.utf8(apn, Avp.SERVICE_SELECTION)).contains(name);
        assertThat(Avps.enumerated(apn, Avp.PDN_TYPE).getAsInt()).isEqualTo(pdnType);
        AvpSet qos = group(apn, Avp.EPS_SUBSCRIBED_QOS_PROFILE);
        assertThat(Avps.enumerated(qos, Avp.QOS_CLASS_IDENTIFIER).getAsInt()).isEqualTo(qci);
        AvpSet arp = group(qos, Avp.ALLOCATION_RETENTION_PRIORITY);
        assertThat(Avps.unsigned32(arp, Avp.PRIORITY_LEVEL).getAsLong()).isEqualTo(priority);
        assertThat(Avps.enumerated(arp, Avp.PRE_EMPTION_CAPABILITY).getAsInt()).isEqualTo(capability);
        assertThat(Avps.enumerated(arp, Avp.PRE_EMPTION_VULNERABILITY).getAsInt()).isEqualTo(vulnerability);
        assertThat(Avps.enumerated(apn, Avp.VPLMN_DYNAMIC_ADDRESS_ALLOWED).getAsInt()).isEqualTo(vplmnAllowed);
    }

    /** 7.3.29, 7.3.30: a barred subscriber's Subscription-Data names the barring categories. */
    @Test
    void aBarredSubscriberGetsItsBarringCategories() throws Exception {
        String barred = "001010000000006";
        EpsSubscription full = fullSubscription(List.of(), 0);
        eps.putUsim(usim(barred, new EpsSubscription(full.msisdn(), List.of(),
                SubscriberStatus.OPERATOR_DETERMINED_BARRING, 1L << 2, NetworkAccessMode.ONLY_PACKET, 0,
                full.ueAmbr(), 1, full.apns(), List.of(), 0, null)));
        Answer ula = ulr(mme1, barred, MME_ATTACH);
        assertThat(result(ula)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        AvpSet data = group(ula.getAvps(), Avp.SUBSCRIPTION_DATA);
        assertThat(Avps.enumerated(data, Avp.SUBSCRIBER_STATUS).getAsInt()).isEqualTo(1);
        assertThat(Avps.unsigned32(data, Avp.OPERATOR_DETERMINED_BARRING).getAsLong())
                .as("Roamer Access to VPLMN-AP Barred").isEqualTo(4);
        assertThat(Avps.has(data, Avp.A_MSISDN)).isFalse();
        assertThat(Avps.has(data, Avp.TGPP_CHARGING_CHARACTERISTICS)).isFalse();
        assertThat(Avps.has(data, Avp.SUBSCRIBED_PERIODIC_RAU_TAU_TIMER)).isFalse();
    }

    @Test
    void anUnknownImsiIsRefusedAndNothingIsStored() throws Exception {
        Answer ula = ulr(mme1, UNKNOWN, MME_ATTACH);
        assertThat(result(ula)).isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(Avps.has(ula.getAvps(), Avp.EXPERIMENTAL_RESULT)).isTrue();
        assertThat(Avps.has(ula.getAvps(), Avp.RESULT_CODE)).isFalse();
        assertThat(Avps.has(ula.getAvps(), Avp.SUBSCRIPTION_DATA)).isFalse();
        assertThat(eps.registration(UNKNOWN)).isEqualTo(EpsRegistration.NONE);
    }

    @Test
    void aUsimWithoutEpsSubscriptionOrWithoutApnIsRefused() throws Exception {
        assertThat(result(ulr(mme1, NO_EPS, MME_ATTACH))).isEqualTo(ResultCode.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION);
        assertThat(result(ulr(mme1, NO_APN, MME_ATTACH))).isEqualTo(ResultCode.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION);
        assertThat(eps.registration(NO_APN)).isEqualTo(EpsRegistration.NONE);
    }

    @Test
    void aRatTheAccessRestrictionForbidsIsRefused() throws Exception {
        assertThat(result(ulr(mme1, NO_EUTRAN, MME_ATTACH))).isEqualTo(ResultCode.DIAMETER_ERROR_RAT_NOT_ALLOWED);
        assertThat(eps.registration(NO_EUTRAN)).isEqualTo(EpsRegistration.NONE);
        // UTRAN is not restricted for this USIM, and Access-Restriction-Data is then sent (bit 4).
        Answer ula = ulr(mme1, NO_EUTRAN, MME_ATTACH, 1000, plmn("001", "01"));
        assertThat(result(ula)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.unsigned32(group(ula.getAvps(), Avp.SUBSCRIPTION_DATA), Avp.ACCESS_RESTRICTION_DATA)
                .getAsLong()).isEqualTo(1L << 4);
    }

    @Test
    void aVisitedPlmnNotAllowedIsRefused() throws Exception {
        assertThat(result(ulr(mme1, HOME_ONLY, MME_ATTACH, EUTRAN, plmn("262", "07"))))
                .isEqualTo(ResultCode.DIAMETER_ERROR_ROAMING_NOT_ALLOWED);
        assertThat(result(ulr(mme1, HOME_ONLY, MME_ATTACH, EUTRAN, plmn("001", "010"))))
                .as("a 3-digit MNC 010 is another PLMN than 01")
                .isEqualTo(ResultCode.DIAMETER_ERROR_ROAMING_NOT_ALLOWED);
        assertThat(eps.registration(HOME_ONLY)).isEqualTo(EpsRegistration.NONE);
        assertThat(result(ulr(mme1, HOME_ONLY, MME_ATTACH, EUTRAN, plmn("001", "01"))))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
    }

    @Test
    void aMissingVisitedPlmnIdIsAnsweredWithFailedAvp() throws Exception {
        Answer ula = ulr(mme1, FULL, MME_ATTACH, EUTRAN, null);
        assertThat(result(ula)).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
        AvpSet failed = group(ula.getAvps(), Avp.FAILED_AVP);
        assertThat(Avps.has(failed, Avp.VISITED_PLMN_ID)).isTrue();
        assertThat(eps.registration(FULL)).isEqualTo(EpsRegistration.NONE);
    }

    @Test
    void aSecondMmeTakesTheUeAndTheFirstIsCancelled() throws Exception {
        assertThat(result(ulr(mme1, FULL, MME_ATTACH))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(result(ulr(mme2, FULL, MME_UPDATE))).isEqualTo(ResultCode.DIAMETER_SUCCESS);

        assertClr(mme1.nextReceived(5, TimeUnit.SECONDS), "mme1.ims.example.org", FULL, "MME_UPDATE_PROCEDURE", 1);
        assertThat(mme2.nextReceived(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(eps.registration(FULL).mme().host()).isEqualTo("mme2.ims.example.org");
    }

    static void assertClr(Request clr, String mme, String imsi, String type, long flags) {
        assertThat(clr).as("CLR received").isNotNull();
        assertThat(clr.getCommandCode()).isEqualTo(Command.CLR.code());
        assertThat(clr.isRequest()).isTrue();
        AvpSet avps = clr.getAvps();
        assertThat(Avps.utf8(avps, Avp.DESTINATION_HOST)).contains(mme);
        assertThat(Avps.utf8(avps, Avp.DESTINATION_REALM)).contains(TestHss.REALM);
        assertThat(Avps.utf8(avps, Avp.ORIGIN_HOST)).contains(TestHss.HOST);
        assertThat(Avps.utf8(avps, Avp.USER_NAME)).contains(imsi);
        assertThat(Avps.enumerated(avps, Avp.AUTH_SESSION_STATE).getAsInt()).isEqualTo(1);
        assertThat(Avps.unsigned32(group(avps, Avp.VENDOR_SPECIFIC_APPLICATION_ID), Avp.AUTH_APPLICATION_ID)
                .getAsLong()).isEqualTo(Application.S6A.id());
        assertThat(Avps.enumerated(avps, Avp.CANCELLATION_TYPE).getAsInt())
                .isEqualTo(Avp.CANCELLATION_TYPE.enumValue(type));
        assertThat(Avps.unsigned32(avps, Avp.CLR_FLAGS).getAsLong()).isEqualTo(flags);
    }

    /**
     * 7.3.7 bit 5, 7.3.24: an MME's initial attach cancels the SGSN registered over S6d with INITIAL_ATTACH_PROCEDURE
     * (CLR-Flags without S6a/S6d-Indicator), and the SGSN registration is gone.
     */
    @Test
    void anInitialAttachAtAnMmeCancelsTheSgsn() throws Exception {
        try (DiameterTestPeer sgsn = DiameterTestPeer.connect(Application.S6A, "sgsn1.ims.example.org",
                TestHss.REALM, TestHss.freePort(), TestHss.HOST, hss.port())) {
            Answer s6d = ulr(sgsn, FULL, 0, 1000, plmn("001", "01"));
            assertThat(result(s6d)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            assertThat(eps.registration(FULL).sgsn().host()).isEqualTo("sgsn1.ims.example.org");
            assertThat(eps.registration(FULL).sgsn().ratType()).isEqualTo("UTRAN");
            assertThat(result(ulr(mme1, FULL, MME_UPDATE))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            assertThat(sgsn.nextReceived(300, TimeUnit.MILLISECONDS)).as("an update keeps the SGSN").isNull();
            assertThat(eps.registration(FULL).sgsn()).isNotNull();

            assertThat(result(ulr(mme2, FULL, MME_ATTACH))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            assertClr(sgsn.nextReceived(5, TimeUnit.SECONDS), "sgsn1.ims.example.org", FULL,
                    "INITIAL_ATTACH_PROCEDURE", 0);
            assertClr(mme1.nextReceived(5, TimeUnit.SECONDS), "mme1.ims.example.org", FULL, "MME_UPDATE_PROCEDURE", 1);
            assertThat(eps.registration(FULL).sgsn()).isNull();
            assertThat(eps.registration(FULL).mme().host()).isEqualTo("mme2.ims.example.org");
        }
    }

    /** The request timeout of the test HSS is 2 s: the ULA must not wait for the old MME's CLA. */
    @Test
    void anOldMmeThatNeverAnswersTheClrDoesNotHoldTheUla() throws Exception {
        assertThat(result(ulr(mme1, FULL, MME_ATTACH))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        mme1.answerWith(request -> null);
        long start = System.nanoTime();
        Answer ula = ulr(mme2, FULL, MME_UPDATE);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(result(ula)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(millis).as("ULA time in ms").isLessThan(1000);
        assertClr(mme1.nextReceived(5, TimeUnit.SECONDS), "mme1.ims.example.org", FULL, "MME_UPDATE_PROCEDURE", 1);
        assertThat(eps.registration(FULL).mme().host()).isEqualTo("mme2.ims.example.org");
    }

    /** Two MMEs updating one USIM at once, many times: one is stored, the other cancelled, never both or neither. */
    @Test
    void concurrentUpdatesLeaveExactlyOneMmeAndCancelTheOther() throws Exception {
        int rounds = 100;
        for (int round = 0; round < rounds; round++) {
            String imsi = raceImsi(round);
            CompletableFuture<Answer> one = LocationRequests.ulrAsync(mme1, imsi, MME_ATTACH, EUTRAN,
                    plmn("001", "01"));
            CompletableFuture<Answer> two = LocationRequests.ulrAsync(mme2, imsi, MME_ATTACH, EUTRAN,
                    plmn("001", "01"));
            assertThat(result(one.get(10, TimeUnit.SECONDS))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            assertThat(result(two.get(10, TimeUnit.SECONDS))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            String winner = eps.registration(imsi).mme().host();
            DiameterTestPeer loser = winner.equals(mme1.originHost()) ? mme2 : mme1;
            assertClr(loser.nextReceived(5, TimeUnit.SECONDS), loser.originHost(), imsi, "MME_UPDATE_PROCEDURE", 1);
        }
        assertThat(mme1.nextReceived(300, TimeUnit.MILLISECONDS)).as("no CLR beyond one per round").isNull();
        assertThat(mme2.nextReceived(0, TimeUnit.MILLISECONDS)).as("no CLR beyond one per round").isNull();
    }

    @Test
    void skipSubscriberDataIsHonouredOnlyWhileTheDataIsUnchanged() throws Exception {
        long skip = MME_UPDATE | 1L << 2;
        assertThat(Avps.has(ulr(mme1, FULL, skip).getAvps(), Avp.SUBSCRIPTION_DATA)).as("new MME").isTrue();
        Answer unchanged = ulr(mme1, FULL, skip);
        assertThat(result(unchanged)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.has(unchanged.getAvps(), Avp.SUBSCRIPTION_DATA)).isFalse();
        assertThat(Avps.unsigned32(unchanged.getAvps(), Avp.ULA_FLAGS).getAsLong()).isEqualTo(1);
        assertThat(Avps.has(ulr(mme1, FULL, MME_UPDATE).getAvps(), Avp.SUBSCRIPTION_DATA)).as("no skip").isTrue();
        try {
            eps.putUsim(usim(FULL, new EpsSubscription("491711234567", List.of(), SubscriberStatus.SERVICE_GRANTED,
                    0, NetworkAccessMode.ONLY_PACKET, 0, new Ambr(1_000_000, 2_000_000), 1,
                    fullSubscription(List.of(), 0).apns(), List.of(), 720, "0800")));
            AvpSet data = group(ulr(mme1, FULL, skip).getAvps(), Avp.SUBSCRIPTION_DATA);
            assertThat(Avps.enumerated(data, Avp.NETWORK_ACCESS_MODE).getAsInt()).as("ONLY_PACKET").isEqualTo(2);
        } finally {
            eps.putUsim(usim(FULL, fullSubscription(List.of(), 0)));
        }
    }

    @Test
    void purgeFromTheRegisteredMmeFreezesTheTmsiAndFromAnotherChangesNothing() throws Exception {
        assertThat(result(ulr(mme1, FULL, MME_ATTACH))).isEqualTo(ResultCode.DIAMETER_SUCCESS);

        Answer other = LocationRequests.pur(mme2, FULL, -1);
        assertThat(result(other)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.unsigned32(other.getAvps(), Avp.PUA_FLAGS).getAsLong()).isEqualTo(0);
        assertThat(eps.registration(FULL).mmePurged()).isFalse();

        Answer own = LocationRequests.pur(mme1, FULL, -1);
        assertThat(result(own)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.unsigned32(own.getAvps(), Avp.PUA_FLAGS).getAsLong()).as("Freeze M-TMSI").isEqualTo(1);
        assertThat(eps.registration(FULL).mmePurged()).isTrue();

        // A purged MME is not cancelled when another takes the UE, and the mark goes with the new registration.
        assertThat(result(ulr(mme2, FULL, MME_ATTACH))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(mme1.nextReceived(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(eps.registration(FULL).mmePurged()).isFalse();
        assertThat(result(LocationRequests.pur(mme1, UNKNOWN, -1))).isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    }

    @Test
    void notifyIsAcceptedOnlyFromTheServingNode() throws Exception {
        assertThat(result(LocationRequests.nor(mme1, UNKNOWN, null))).isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(LocationRequests.nor(mme1, FULL, null)))
                .as("no node registered").isEqualTo(ResultCode.DIAMETER_ERROR_UNKNOWN_SERVING_NODE);
        assertThat(result(ulr(mme1, FULL, MME_ATTACH))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(result(LocationRequests.nor(mme2, FULL, "35609204079302")))
                .isEqualTo(ResultCode.DIAMETER_ERROR_UNKNOWN_SERVING_NODE);
        assertThat(eps.registration(FULL).mme().imei()).isEqualTo("35609204079301");
        assertThat(result(LocationRequests.nor(mme1, FULL, "35609204079302"))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(eps.registration(FULL).mme().imei()).as("Terminal-Information of the NOR")
                .isEqualTo("35609204079302");
    }
}
