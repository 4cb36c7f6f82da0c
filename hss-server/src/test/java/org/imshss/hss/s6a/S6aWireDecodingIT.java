package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.hss.testing.S6a;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.WireTranscript;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.imshss.node.testing.Tshark;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.PdnType;
import org.imshss.provisioning.service.NetworkUpdates.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the HSS sends on S6a, decoded by an independent implementation (Wireshark's Diameter dissector and its 3GPP
 * dictionary): the octets an MME receives, each answer (TS 29.272 7.2) and each HSS-initiated request (CLR, IDR,
 * DSR), decode as Diameter with the command they should be, and no frame is malformed or carries an expert warning
 * or error.
 */
class S6aWireDecodingIT {

    private static final String MME = "mme-wire.ims.example.org";
    private static final String IMSI = "001010000000021";
    private static final String UNKNOWN = "001019999999998";
    private static final int EUTRAN = 1004;

    private static TestHss hss;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tshark.available(), "tshark is not installed");
        hss = TestHss.startEpc(S6aFixture.SECRETS_KEY);
        hss.node().epsStore().putApnProfile(new ApnProfile("internet", "internet", PdnType.IPv4v6, 9, 8, false,
                true, new Ambr(50_000_000, 100_000_000), true, "0800"));
        hss.node().epsStore().putApnProfile(new ApnProfile("ims", "ims", PdnType.IPv4, 5, 1, true, false, null,
                false, null));
        S6aFixture.usim(hss, IMSI, "wire", LocationRequests.fullSubscription(List.of(), 0));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hss != null) {
            hss.close();
        }
    }

    private static RawMessage air(WireTranscript wire, String imsi, byte[] plmn, RawAvp requested)
            throws Exception {
        return wire.exchange(wire.request(Command.AIR, RawAvp.utf8(Avp.USER_NAME, imsi), requested,
                RawAvp.of(Avp.VISITED_PLMN_ID, plmn)));
    }

    private static RawAvp requested(Avp group, long vectors) {
        return RawAvp.grouped(group, RawAvp.u32(Avp.NUMBER_OF_REQUESTED_VECTORS, vectors),
                RawAvp.u32(Avp.IMMEDIATE_RESPONSE_PREFERRED, 0));
    }

    private static RawMessage ulr(WireTranscript wire, String imsi) throws Exception {
        return wire.exchange(wire.request(Command.ULR, RawAvp.utf8(Avp.USER_NAME, imsi),
                RawAvp.grouped(Avp.TERMINAL_INFORMATION, RawAvp.utf8(Avp.IMEI, "35609204079301"),
                        RawAvp.utf8(Avp.SOFTWARE_VERSION, "12")),
                RawAvp.u32(Avp.RAT_TYPE, EUTRAN), RawAvp.u32(Avp.ULR_FLAGS, LocationRequests.MME_ATTACH),
                RawAvp.u32(Avp.UE_SRVCC_CAPABILITY, 0), RawAvp.of(Avp.VISITED_PLMN_ID, S6a.PLMN_001_01)));
    }

    private static int vectors(RawMessage aia, Avp kind) {
        return aia.avp(Avp.AUTHENTICATION_INFO).orElseThrow().members().stream().filter(m -> m.is(kind))
                .toList().size();
    }

    /** Receives the HSS's next request, checks its command and answers it with DIAMETER_SUCCESS. */
    private static void answerNext(WireTranscript wire, Command command) throws Exception {
        RawMessage request = wire.received();
        assertThat(request.isRequest()).isTrue();
        assertThat(request.commandCode()).isEqualTo(command.code());
        wire.answer(request, Application.S6A);
    }

    @Test
    void everyMessageTheHssSendsOnS6aDecodesCleanAsTheCommandItIs() throws Exception {
        try (WireTranscript wire = WireTranscript.connect(hss, MME, TestHss.REALM)) {
            RawMessage cea = wire.exchange(wire.capabilitiesRequest(Application.S6A, Application.SWX));
            assertThat(cea.resultCode()).isEqualTo(2001);
            assertThat(cea.all(Avp.VENDOR_SPECIFIC_APPLICATION_ID).stream()
                    .map(v -> v.member(Avp.AUTH_APPLICATION_ID).orElseThrow().u32()).toList())
                    .contains(Application.S6A.id(), Application.SWX.id());

            RawMessage one = air(wire, IMSI, S6a.PLMN_001_01,
                    requested(Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO, 1));
            assertThat(one.resultCode()).isEqualTo(2001);
            assertThat(vectors(one, Avp.E_UTRAN_VECTOR)).isEqualTo(1);
            RawMessage several = air(wire, IMSI, S6a.PLMN_001_01,
                    requested(Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO, 4));
            assertThat(vectors(several, Avp.E_UTRAN_VECTOR)).isEqualTo(4);
            RawMessage utran = air(wire, IMSI, S6a.PLMN_001_01,
                    requested(Avp.REQUESTED_UTRAN_GERAN_AUTHENTICATION_INFO, 2));
            assertThat(vectors(utran, Avp.UTRAN_VECTOR)).isEqualTo(2);
            RawMessage unknown = air(wire, UNKNOWN, S6a.PLMN_001_01,
                    requested(Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO, 1));
            assertThat(unknown.avp(Avp.EXPERIMENTAL_RESULT)).isPresent();
            assertThat(unknown.resultCode()).as("DIAMETER_ERROR_USER_UNKNOWN").isEqualTo(5001);
            // Zero vectors asked for: the refused value is one Wireshark can show in the Failed-AVP. (A Visited-PLMN-Id
            // of two octets is refused as well, but the Failed-AVP carries it as received, RFC 6733 7.5, and an
            // E.212 PLMN of two octets is malformed to Wireshark in the request and the answer alike.)
            RawMessage invalid = air(wire, IMSI, S6a.PLMN_001_01,
                    requested(Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO, 0));
            assertThat(invalid.avp(Avp.RESULT_CODE).orElseThrow().u32()).as("DIAMETER_INVALID_AVP_VALUE")
                    .isEqualTo(5004);
            assertThat(invalid.avp(Avp.FAILED_AVP).orElseThrow().member(Avp.NUMBER_OF_REQUESTED_VECTORS))
                    .isPresent();

            RawMessage ula = ulr(wire, IMSI);
            assertThat(ula.resultCode()).isEqualTo(2001);
            assertThat(ula.avp(Avp.SUBSCRIPTION_DATA).orElseThrow().member(Avp.APN_CONFIGURATION_PROFILE))
                    .isPresent();
            assertThat(ulr(wire, UNKNOWN).resultCode()).as("DIAMETER_ERROR_USER_UNKNOWN").isEqualTo(5001);
            assertThat(wire.exchange(wire.request(Command.NOR, RawAvp.utf8(Avp.USER_NAME, IMSI),
                    RawAvp.grouped(Avp.TERMINAL_INFORMATION, RawAvp.utf8(Avp.IMEI, "35609204079302")),
                    RawAvp.u32(Avp.NOR_FLAGS, 1L << 3))).resultCode()).isEqualTo(2001);

            EpsProvisioningChanges changes = hss.node().epsProvisioningChanges();
            changes.subscriptionChanged(List.of(IMSI));
            answerNext(wire, Command.IDR);
            // MSISDN and APN 2 withdrawn: a DSR, then the IDR of what is left (TS 29.272 5.2.2.2).
            EpsSubscription before = LocationRequests.fullSubscription(List.of(), 0);
            S6aFixture.usim(hss, IMSI, "wire", new EpsSubscription(null, before.additionalMsisdns(),
                    before.subscriberStatus(), 0, before.networkAccessMode(), 0, before.ueAmbr(), 1,
                    List.of(before.apn(1)), before.allowedVisitedPlmns(), before.subscribedPeriodicTauTimer(),
                    before.chargingCharacteristics()));
            changes.subscriptionChanged(IMSI, before);
            answerNext(wire, Command.DSR);
            answerNext(wire, Command.IDR);
            CompletableFuture<Outcome> detach = changes.detach(IMSI);
            answerNext(wire, Command.CLR);
            assertThat(detach.get(10, TimeUnit.SECONDS).status()).isEqualTo("ANSWERED");

            assertThat(ulr(wire, IMSI).resultCode()).isEqualTo(2001);
            assertThat(wire.exchange(wire.request(Command.S6A_PUR, RawAvp.utf8(Avp.USER_NAME, IMSI),
                    RawAvp.u32(Avp.PUR_FLAGS, 1))).resultCode()).isEqualTo(2001);

            Tshark.Decoded decoded = wire.decode();

            assertThat(decoded.findings()).isEmpty();
            assertThat(decoded.commands()).containsExactly(
                    "Capabilities-Exchange Request(257)", "Capabilities-Exchange Answer(257)",
                    "3GPP-Authentication-Information Request(318)", "3GPP-Authentication-Information Answer(318)",
                    "3GPP-Authentication-Information Request(318)", "3GPP-Authentication-Information Answer(318)",
                    "3GPP-Authentication-Information Request(318)", "3GPP-Authentication-Information Answer(318)",
                    "3GPP-Authentication-Information Request(318)", "3GPP-Authentication-Information Answer(318)",
                    "3GPP-Authentication-Information Request(318)", "3GPP-Authentication-Information Answer(318)",
                    "3GPP-Update-Location Request(316)", "3GPP-Update-Location Answer(316)",
                    "3GPP-Update-Location Request(316)", "3GPP-Update-Location Answer(316)",
                    "3GPP-Notify Request(323)", "3GPP-Notify Answer(323)",
                    "3GPP-Insert-Subscriber-Data Request(319)", "3GPP-Insert-Subscriber-Data Answer(319)",
                    "3GPP-Delete-Subscriber-Data Request(320)", "3GPP-Delete-Subscriber-Data Answer(320)",
                    "3GPP-Insert-Subscriber-Data Request(319)", "3GPP-Insert-Subscriber-Data Answer(319)",
                    "3GPP-Cancel-Location Request(317)", "3GPP-Cancel-Location Answer(317)",
                    "3GPP-Update-Location Request(316)", "3GPP-Update-Location Answer(316)",
                    "3GPP-Purge-UE Request(321)", "3GPP-Purge-UE Answer(321)");
        }
    }
}
