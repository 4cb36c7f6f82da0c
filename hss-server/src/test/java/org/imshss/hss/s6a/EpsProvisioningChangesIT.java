package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.s6a.LocationRequests.MME_ATTACH;
import static org.imshss.hss.s6a.LocationRequests.fullSubscription;
import static org.imshss.hss.s6a.LocationRequests.ulr;
import static org.imshss.hss.s6a.LocationRequests.usim;
import static org.imshss.hss.s6a.S6aLocationIT.assertClr;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.PdnType;
import org.imshss.provisioning.service.NetworkUpdates.Outcome;
import org.imshss.provisioning.store.IgniteEpsStore;
import org.imshss.provisioning.store.RecordUpdate;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What provisioning changes send to the serving MME (TS 29.272 5.2.2.1 IDR, 5.2.2.2 DSR, 5.2.1.2 CLR), through the
 * facade the provisioning side calls, to a real MME peer over TCP.
 */
class EpsProvisioningChangesIT {

    private static final String IMSI = "001010000000011";
    private static final String IDLE = "001010000000012";

    private static TestHss hss;
    private static IgniteEpsStore eps;
    private static EpsProvisioningChanges changes;
    private static DiameterTestPeer mme;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        eps = hss.node().epsStore();
        changes = hss.node().epsProvisioningChanges();
        mme = DiameterTestPeer.connect(Application.S6A, "mme1.ims.example.org", TestHss.REALM, TestHss.freePort(),
                TestHss.HOST, hss.port());
    }

    @AfterAll
    static void stop() throws Exception {
        mme.close();
        hss.close();
    }

    @BeforeEach
    void reset() throws Exception {
        eps.putApnProfile(new ApnProfile("internet", "internet", PdnType.IPv4v6, 9, 8, false, true,
                new Ambr(50_000_000, 100_000_000), true, "0800"));
        eps.putApnProfile(new ApnProfile("ims", "ims", PdnType.IPv4, 5, 1, true, false, null, false, null));
        eps.putUsim(usim(IMSI, fullSubscription(List.of(), 0)));
        eps.putUsim(usim(IDLE, fullSubscription(List.of(), 0)));
        for (String imsi : List.of(IMSI, IDLE)) {
            eps.updateRegistration(imsi, current -> RecordUpdate.Outcome.remove(Boolean.TRUE));
        }
        mme.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
        while (mme.nextReceived(0, TimeUnit.MILLISECONDS) != null) {
            // drop what earlier tests left
        }
        assertThat(Avps.result(ulr(mme, IMSI, MME_ATTACH).getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
    }

    private static Request next(Command command) throws InterruptedException {
        Request request = mme.nextReceived(5, TimeUnit.SECONDS);
        assertThat(request).as(command + " received").isNotNull();
        assertThat(request.getCommandCode()).isEqualTo(command.code());
        AvpSet avps = request.getAvps();
        assertThat(Avps.utf8(avps, Avp.DESTINATION_HOST)).contains(mme.originHost());
        assertThat(Avps.utf8(avps, Avp.DESTINATION_REALM)).contains(TestHss.REALM);
        assertThat(Avps.utf8(avps, Avp.USER_NAME)).contains(IMSI);
        return request;
    }

    private static List<AvpSet> apnConfigurations(Request idr) {
        AvpSet data = Avps.grouped(idr.getAvps(), Avp.SUBSCRIPTION_DATA).orElseThrow();
        AvpSet profile = Avps.grouped(data, Avp.APN_CONFIGURATION_PROFILE).orElseThrow();
        assertThat(Avps.enumerated(profile, Avp.ALL_APN_CONFIGURATIONS_INCLUDED_INDICATOR).getAsInt())
                .as("All_APN_CONFIGURATIONS_INCLUDED").isEqualTo(0);
        return Avps.groupedAll(profile, Avp.APN_CONFIGURATION);
    }

    @Test
    void aChangedApnProfileReachesTheServingMmeByIdr() throws Exception {
        eps.putApnProfile(new ApnProfile("ims", "ims", PdnType.IPv4v6, 6, 2, true, false, null, false, null));
        changes.subscriptionChanged(eps.usimsWithApnProfile("ims"));

        Request idr = next(Command.IDR);
        assertThat(Avps.has(idr.getAvps(), Avp.IDR_FLAGS)).isFalse();
        AvpSet data = Avps.grouped(idr.getAvps(), Avp.SUBSCRIPTION_DATA).orElseThrow();
        assertThat(Avps.octets(data, Avp.MSISDN).orElseThrow())
                .isEqualTo(java.util.HexFormat.of().parseHex("947111325476"));
        List<AvpSet> apns = apnConfigurations(idr);
        assertThat(apns).hasSize(2);
        AvpSet ims = apns.get(1);
        assertThat(Avps.unsigned32(ims, Avp.CONTEXT_IDENTIFIER).getAsLong()).isEqualTo(2);
        assertThat(Avps.enumerated(ims, Avp.PDN_TYPE).getAsInt()).as("IPv4v6").isEqualTo(2);
        AvpSet qos = Avps.grouped(ims, Avp.EPS_SUBSCRIBED_QOS_PROFILE).orElseThrow();
        assertThat(Avps.enumerated(qos, Avp.QOS_CLASS_IDENTIFIER).getAsInt()).isEqualTo(6);
        assertThat(Avps.unsigned32(Avps.grouped(qos, Avp.ALLOCATION_RETENTION_PRIORITY).orElseThrow(),
                Avp.PRIORITY_LEVEL).getAsLong()).isEqualTo(2);
        assertThat(mme.nextReceived(200, TimeUnit.MILLISECONDS)).as("only the serving MME's UE").isNull();
    }

    /** MSISDN and APN 2 withdrawn: a DSR (7.3.25 bits 23 and 3, Context-Identifier 2), then the IDR without APN 2. */
    @Test
    void withdrawnDataIsDeletedByDsrBeforeTheIdr() throws Exception {
        EpsSubscription before = fullSubscription(List.of(), 0);
        eps.putUsim(usim(IMSI, new EpsSubscription(null, before.additionalMsisdns(), before.subscriberStatus(), 0,
                before.networkAccessMode(), 0, before.ueAmbr(), 1, List.of(before.apn(1)), List.of(),
                before.subscribedPeriodicTauTimer(), before.chargingCharacteristics())));
        changes.subscriptionChanged(IMSI, before);

        Request dsr = next(Command.DSR);
        assertThat(Avps.unsigned32(dsr.getAvps(), Avp.DSR_FLAGS).getAsLong()).isEqualTo(1L << 23 | 1L << 3);
        assertThat(Avps.unsigned32All(dsr.getAvps(), Avp.CONTEXT_IDENTIFIER)).containsExactly(2L);
        Request idr = next(Command.IDR);
        List<AvpSet> apns = apnConfigurations(idr);
        assertThat(apns).hasSize(1);
        assertThat(Avps.unsigned32(apns.get(0), Avp.CONTEXT_IDENTIFIER).getAsLong()).isEqualTo(1);
        AvpSet data = Avps.grouped(idr.getAvps(), Avp.SUBSCRIPTION_DATA).orElseThrow();
        assertThat(Avps.has(data, Avp.MSISDN)).isFalse();
    }

    @Test
    void aRemovedSubscriberIsCancelledWithSubscriptionWithdrawal() throws Exception {
        Outcome outcome = changes.subscribersRemoved(List.of(IMSI)).get(10, TimeUnit.SECONDS);
        assertThat(eps.registration(IMSI)).isEqualTo(EpsRegistration.NONE);
        assertClr(next(Command.CLR), mme.originHost(), IMSI, "SUBSCRIPTION_WITHDRAWAL", 1);
        assertThat(outcome).isEqualTo(new Outcome("ANSWERED", 2001, null));
    }

    @Test
    void administrativeDetachCancelsTheMmeAndClearsTheRegistration() throws Exception {
        Outcome outcome = changes.detach(IMSI).get(10, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(new Outcome("ANSWERED", 2001, null));
        assertClr(next(Command.CLR), mme.originHost(), IMSI, "SUBSCRIPTION_WITHDRAWAL", 1);
        assertThat(eps.registration(IMSI)).isEqualTo(EpsRegistration.NONE);

        assertThat(Avps.result(ulr(mme, IMSI, MME_ATTACH).getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
        changes.detach(IMSI, true).get(10, TimeUnit.SECONDS);
        assertClr(next(Command.CLR), mme.originHost(), IMSI, "SUBSCRIPTION_WITHDRAWAL", 1 | 1L << 1);
    }

    @Test
    void aDetachTheMmeDoesNotAnswerEndsFailedWithTheRegistrationCleared() throws Exception {
        mme.answerWith(request -> null);
        Outcome outcome = changes.detach(IMSI).get(10, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo("FAILED");
        assertThat(outcome.detail()).contains("not answered");
        assertThat(eps.registration(IMSI)).isEqualTo(EpsRegistration.NONE);
    }

    @Test
    void nothingIsSentForAUeNoNodeServes() throws Exception {
        assertThat(changes.detach(IDLE).get(10, TimeUnit.SECONDS)).isEqualTo(new Outcome("NOT_SERVED", null, null));
        changes.subscriptionChanged(List.of(IDLE));
        assertThat(Avps.unsigned32(LocationRequests.pur(mme, IMSI, -1).getAvps(), Avp.PUA_FLAGS).getAsLong())
                .isEqualTo(1);
        changes.subscriptionChanged(List.of(IMSI));
        assertThat(mme.nextReceived(500, TimeUnit.MILLISECONDS)).as("nothing to an MME that purged the UE").isNull();
    }
}
