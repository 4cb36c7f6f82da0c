package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.WireTranscript;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.imshss.node.testing.RawRequests;
import org.imshss.node.testing.Tshark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the HSS sends on Cx, decoded by an independent implementation (Wireshark's Diameter dissector and its 3GPP
 * dictionary): the octets a Cx peer receives, each answer and each HSS-initiated request, decode as Diameter with the
 * command they should be, and no frame is malformed or carries an expert warning or error.
 */
class CxWireDecodingIT {

    private static final String SCSCF = "scscf1.ims.example.org";
    private static final String ALICE = "alice@ims.example.org";
    private static final String ALICE_SIP = "sip:alice@ims.example.org";

    private static TestHss hss;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tshark.available(), "tshark is not installed");
        hss = TestHss.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hss != null) {
            hss.close();
        }
    }

    private static RawMessage mar(WireTranscript wire, String scheme, int items) {
        return wire.request(Command.MAR, RawAvp.utf8(Avp.USER_NAME, ALICE),
                RawAvp.utf8(Avp.PUBLIC_IDENTITY, ALICE_SIP),
                RawAvp.grouped(Avp.SIP_AUTH_DATA_ITEM, RawAvp.utf8(Avp.SIP_AUTHENTICATION_SCHEME, scheme)),
                RawAvp.u32(Avp.SIP_NUMBER_AUTH_ITEMS, items), RawAvp.utf8(Avp.SERVER_NAME, Cx.SCSCF1));
    }

    @Test
    void everyMessageTheHssSendsOnCxDecodesCleanAsTheCommandItIs() throws Exception {
        hss.resetRegistrations();
        try (WireTranscript transcript = WireTranscript.connect(hss, SCSCF, TestHss.REALM)) {
            assertThat(transcript.exchange(transcript.capabilitiesRequest(Application.CX)).resultCode())
                    .isEqualTo(2001);
            transcript.exchange(RawRequests.uar(transcript.client()));
            // An error answer too: Experimental-Result DIAMETER_ERROR_USER_UNKNOWN.
            assertThat(transcript.exchange(transcript.request(Command.UAR,
                    RawAvp.utf8(Avp.USER_NAME, "nobody@ims.example.org"),
                    RawAvp.utf8(Avp.PUBLIC_IDENTITY, ALICE_SIP),
                    RawAvp.utf8(Avp.VISITED_NETWORK_IDENTIFIER, Cx.HOME))).resultCode()).isEqualTo(5001);
            transcript.exchange(mar(transcript, "SIP Digest", 1));
            transcript.exchange(mar(transcript, "Digest-AKAv1-MD5", 2));
            assertThat(transcript.exchange(transcript.request(Command.SAR,
                    RawAvp.utf8(Avp.USER_NAME, ALICE), RawAvp.utf8(Avp.PUBLIC_IDENTITY, ALICE_SIP),
                    RawAvp.utf8(Avp.SERVER_NAME, Cx.SCSCF1),
                    RawAvp.u32(Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue("REGISTRATION")),
                    RawAvp.u32(Avp.USER_DATA_ALREADY_AVAILABLE, 0))).resultCode()).isEqualTo(2001);
            transcript.exchange(transcript.request(Command.LIR, RawAvp.utf8(Avp.PUBLIC_IDENTITY, ALICE_SIP)));

            CompletableFuture<NetworkOutcome> push = hss.node().pushProfile().push("tel:+15550101");
            transcript.answer(transcript.received(), Application.CX);
            assertThat(push.get(10, TimeUnit.SECONDS).status()).isEqualTo(NetworkOutcome.Status.ANSWERED);
            CompletableFuture<NetworkOutcome> termination = hss.node().registrationTermination()
                    .deregisterPublicIdentities(List.of(ALICE_SIP), DeregistrationReason.PERMANENT_TERMINATION,
                            "removed");
            transcript.answer(transcript.received(), Application.CX);
            assertThat(termination.get(10, TimeUnit.SECONDS).status()).isEqualTo(NetworkOutcome.Status.ANSWERED);

            Tshark.Decoded decoded = transcript.decode();

            assertThat(decoded.findings()).isEmpty();
            assertThat(decoded.commands()).containsExactly(
                    "Capabilities-Exchange Request(257)", "Capabilities-Exchange Answer(257)",
                    "User-Authorization Request(300)", "User-Authorization Answer(300)",
                    "User-Authorization Request(300)", "User-Authorization Answer(300)",
                    "Multimedia-Auth Request(303)", "Multimedia-Auth Answer(303)",
                    "Multimedia-Auth Request(303)", "Multimedia-Auth Answer(303)",
                    "Server-Assignment Request(301)", "Server-Assignment Answer(301)",
                    "Location-Info Request(302)", "Location-Info Answer(302)",
                    "Push-Profile Request(305)", "Push-Profile Answer(305)",
                    "Registration-Termination Request(304)", "Registration-Termination Answer(304)");
        }
    }
}
