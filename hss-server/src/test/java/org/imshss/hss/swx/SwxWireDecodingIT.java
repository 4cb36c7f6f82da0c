package org.imshss.hss.swx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.hss.cx.NetworkOutcome;
import org.imshss.hss.testing.Swx;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.WireTranscript;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.imshss.node.testing.Tshark;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the HSS sends on SWx, decoded by an independent implementation (Wireshark's Diameter dissector and its 3GPP
 * dictionary): the octets a 3GPP AAA server receives, each answer (TS 29.273 8.2.2) and each HSS-initiated request
 * (RTR, PPR), decode as Diameter with the command they should be, and no frame is malformed or carries an expert
 * warning or error.
 */
class SwxWireDecodingIT {

    private static final String AAA1 = "aaa-wire1.ims.example.org";
    private static final String AAA2 = "aaa-wire2.ims.example.org";
    private static final String IMSI = "001010000000221";
    private static final int REGISTRATION = 1;
    private static final Non3gppSubscription NON_3GPP = new Non3gppSubscription(true, true, List.of(2, 1), 1, false,
            true, List.of("HRPD"));

    private static TestHss hss;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tshark.available(), "tshark is not installed");
        hss = TestHss.start(cx -> cx, SwxFixture.KEY, null);
        SwxFixture.putProfiles(hss);
        SwxFixture.usim(hss, IMSI, NON_3GPP);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hss != null) {
            hss.close();
        }
    }

    private static RawMessage mar(WireTranscript wire, String scheme, long items, String anid) throws Exception {
        List<RawAvp> avps = new ArrayList<>(List.of(RawAvp.utf8(Avp.USER_NAME, IMSI),
                RawAvp.grouped(Avp.SIP_AUTH_DATA_ITEM, RawAvp.utf8(Avp.SIP_AUTHENTICATION_SCHEME, scheme)),
                RawAvp.u32(Avp.SIP_NUMBER_AUTH_ITEMS, items)));
        if (anid != null) {
            avps.add(RawAvp.utf8(Avp.ANID, anid));
        }
        return wire.exchange(wire.request(Command.SWX_MAR, avps.toArray(RawAvp[]::new)));
    }

    private static RawMessage connected(WireTranscript wire) throws Exception {
        RawMessage cea = wire.exchange(wire.capabilitiesRequest(Application.SWX));
        assertThat(cea.resultCode()).isEqualTo(2001);
        return cea;
    }

    private static void assertClean(Tshark.Decoded decoded, String... commands) {
        assertThat(decoded.findings()).isEmpty();
        assertThat(decoded.commands()).containsExactly(commands);
    }

    @Test
    void everyMessageTheHssSendsOnSwxDecodesCleanAsTheCommandItIs() throws Exception {
        try (WireTranscript aaa1 = WireTranscript.connect(hss, AAA1, TestHss.REALM);
                WireTranscript aaa2 = WireTranscript.connect(hss, AAA2, TestHss.REALM)) {
            connected(aaa1);
            connected(aaa2);
            RawMessage aka = mar(aaa1, Swx.EAP_AKA, 3, null);
            assertThat(aka.resultCode()).isEqualTo(2001);
            assertThat(aka.all(Avp.SIP_AUTH_DATA_ITEM)).hasSize(3);
            RawMessage akaPrime = mar(aaa1, Swx.EAP_AKA_PRIME, 2, "WLAN");
            assertThat(akaPrime.resultCode()).isEqualTo(2001);
            assertThat(akaPrime.all(Avp.SIP_AUTH_DATA_ITEM)).hasSize(2);
            RawMessage saa = aaa1.exchange(aaa1.request(Command.SWX_SAR, RawAvp.utf8(Avp.USER_NAME, IMSI),
                    RawAvp.u32(Avp.SERVER_ASSIGNMENT_TYPE, REGISTRATION)));
            assertThat(saa.resultCode()).isEqualTo(2001);
            assertThat(saa.avp(Avp.NON_3GPP_USER_DATA)).isPresent();

            RawMessage refused = mar(aaa2, Swx.EAP_AKA, 1, null);
            assertThat(refused.resultCode()).as("DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED").isEqualTo(5005);
            assertThat(refused.avp(Avp.TGPP_AAA_SERVER_NAME).orElseThrow().text()).isEqualTo(AAA1);

            SwxFixture.usim(hss, IMSI, new Non3gppSubscription(true, true, List.of(2, 1), 1, false, true,
                    List.of("HRPD", "WLAN")));
            CompletableFuture<NetworkOutcome> pushed = hss.node().swxProvisioningChanges()
                    .subscriptionChanged(List.of(IMSI));
            RawMessage ppr = aaa1.received();
            assertThat(ppr.commandCode()).isEqualTo(Command.SWX_PPR.code());
            assertThat(ppr.avp(Avp.NON_3GPP_USER_DATA)).isPresent();
            aaa1.answer(ppr, Application.SWX);
            assertThat(pushed.get(10, TimeUnit.SECONDS).status()).isEqualTo(NetworkOutcome.Status.ANSWERED);
            CompletableFuture<NetworkOutcome> deregistered = hss.node().swxProvisioningChanges().deregister(IMSI);
            RawMessage rtr = aaa1.received();
            assertThat(rtr.commandCode()).isEqualTo(Command.SWX_RTR.code());
            aaa1.answer(rtr, Application.SWX);
            assertThat(deregistered.get(10, TimeUnit.SECONDS).status()).isEqualTo(NetworkOutcome.Status.ANSWERED);

            assertClean(aaa1.decode(),
                    "Capabilities-Exchange Request(257)", "Capabilities-Exchange Answer(257)",
                    "Multimedia-Auth Request(303)", "Multimedia-Auth Answer(303)",
                    "Multimedia-Auth Request(303)", "Multimedia-Auth Answer(303)",
                    "Server-Assignment Request(301)", "Server-Assignment Answer(301)",
                    "Push-Profile Request(305)", "Push-Profile Answer(305)",
                    "Registration-Termination Request(304)", "Registration-Termination Answer(304)");
            assertClean(aaa2.decode(),
                    "Capabilities-Exchange Request(257)", "Capabilities-Exchange Answer(257)",
                    "Multimedia-Auth Request(303)", "Multimedia-Auth Answer(303)");
        }
    }
}
