package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.testing.DiameterCapture;
import org.imshss.node.testing.DiameterCapture.Direction;
import org.imshss.node.testing.DiameterCapture.Message;
import org.imshss.node.testing.RawDiameterClient;
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

    /** Every message of one connection, in the order and direction it travelled. */
    private static final class Transcript {
        private final List<Message> messages = new ArrayList<>();
        private final RawDiameterClient client;

        Transcript(RawDiameterClient client) {
            this.client = client;
        }

        byte[] exchange(RawMessage request) throws Exception {
            byte[] octets = request.encode();
            messages.add(new Message(octets, Direction.TO_SERVER));
            client.send(octets);
            return received();
        }

        byte[] received() throws Exception {
            byte[] octets = client.receiveOctets();
            messages.add(new Message(octets, Direction.TO_CLIENT));
            return octets;
        }

        /** Answers a request of the HSS with DIAMETER_SUCCESS. */
        void answer(byte[] requestOctets) throws Exception {
            RawMessage request = RawMessage.decode(requestOctets);
            RawMessage answer = new RawMessage(RawMessage.FLAG_PROXIABLE, request.commandCode(),
                    request.applicationId(), request.hopByHop(), request.endToEnd(), List.of(
                            request.avp(Avp.SESSION_ID).orElseThrow(),
                            RawAvp.grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID,
                                    RawAvp.u32(Avp.VENDOR_ID, Application.CX.vendorId()),
                                    RawAvp.u32(Avp.AUTH_APPLICATION_ID, Application.CX.id())),
                            RawAvp.u32(Avp.RESULT_CODE, 2001),
                            RawAvp.u32(Avp.AUTH_SESSION_STATE,
                                    Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED")),
                            RawAvp.utf8(Avp.ORIGIN_HOST, client.originHost()),
                            RawAvp.utf8(Avp.ORIGIN_REALM, client.originRealm())));
            byte[] octets = answer.encode();
            messages.add(new Message(octets, Direction.TO_SERVER));
            client.send(octets);
        }
    }

    private static RawMessage request(RawDiameterClient client, Command command, RawAvp... avps) {
        List<RawAvp> all = RawRequests.base(client.originHost(), Application.CX);
        all.addAll(List.of(avps));
        return RawRequests.request(client, command, all);
    }

    private static RawMessage mar(RawDiameterClient client, String scheme, int items) {
        return request(client, Command.MAR, RawAvp.utf8(Avp.USER_NAME, ALICE),
                RawAvp.utf8(Avp.PUBLIC_IDENTITY, ALICE_SIP),
                RawAvp.grouped(Avp.SIP_AUTH_DATA_ITEM, RawAvp.utf8(Avp.SIP_AUTHENTICATION_SCHEME, scheme)),
                RawAvp.u32(Avp.SIP_NUMBER_AUTH_ITEMS, items), RawAvp.utf8(Avp.SERVER_NAME, Cx.SCSCF1));
    }

    @Test
    void everyMessageTheHssSendsOnCxDecodesCleanAsTheCommandItIs() throws Exception {
        hss.resetRegistrations();
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", hss.port()), 5000);
        try (RawDiameterClient client = RawDiameterClient.over(socket, SCSCF, TestHss.REALM)) {
            Transcript transcript = new Transcript(client);
            assertThat(RawMessage.decode(transcript.exchange(client.capabilitiesRequest())).resultCode())
                    .isEqualTo(2001);
            transcript.exchange(RawRequests.uar(client));
            // An error answer too: Experimental-Result DIAMETER_ERROR_USER_UNKNOWN.
            assertThat(RawMessage.decode(transcript.exchange(request(client, Command.UAR,
                    RawAvp.utf8(Avp.USER_NAME, "nobody@ims.example.org"),
                    RawAvp.utf8(Avp.PUBLIC_IDENTITY, ALICE_SIP),
                    RawAvp.utf8(Avp.VISITED_NETWORK_IDENTIFIER, Cx.HOME)))).resultCode()).isEqualTo(5001);
            transcript.exchange(mar(client, "SIP Digest", 1));
            transcript.exchange(mar(client, "Digest-AKAv1-MD5", 2));
            assertThat(RawMessage.decode(transcript.exchange(request(client, Command.SAR,
                    RawAvp.utf8(Avp.USER_NAME, ALICE), RawAvp.utf8(Avp.PUBLIC_IDENTITY, ALICE_SIP),
                    RawAvp.utf8(Avp.SERVER_NAME, Cx.SCSCF1),
                    RawAvp.u32(Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue("REGISTRATION")),
                    RawAvp.u32(Avp.USER_DATA_ALREADY_AVAILABLE, 0)))).resultCode()).isEqualTo(2001);
            transcript.exchange(request(client, Command.LIR, RawAvp.utf8(Avp.PUBLIC_IDENTITY, ALICE_SIP)));

            CompletableFuture<NetworkOutcome> push = hss.node().pushProfile().push("tel:+15550101");
            transcript.answer(transcript.received());
            assertThat(push.get(10, TimeUnit.SECONDS).status()).isEqualTo(NetworkOutcome.Status.ANSWERED);
            CompletableFuture<NetworkOutcome> termination = hss.node().registrationTermination()
                    .deregisterPublicIdentities(List.of(ALICE_SIP), DeregistrationReason.PERMANENT_TERMINATION,
                            "removed");
            transcript.answer(transcript.received());
            assertThat(termination.get(10, TimeUnit.SECONDS).status()).isEqualTo(NetworkOutcome.Status.ANSWERED);

            Tshark.Decoded decoded = Tshark.decode(DiameterCapture.pcapOf(transcript.messages));

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
