package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protocol-error behaviour of the Diameter edge (RFC 6733 3, 6.2, 7), over real TCP with hand-built wire
 * messages: result codes, E bit, Failed-AVP, the answer's fixed AVPs and header identifiers.
 */
class ProtocolErrorsIT {

    private static final String IMPI = "alice@ims.example.org";
    private static final String IMPU = "sip:alice@ims.example.org";
    private static final String IMPU_TEL = "tel:+15550101";
    /** Gx (TS 29.212): an application the HSS does not serve. */
    private static final long GX = 16777238L;
    /** A command code no Cx/Dx ABNF defines. */
    private static final int UNKNOWN_COMMAND = 399;
    /** An AVP (code, vendor) the dictionary does not know. */
    private static final int UNKNOWN_AVP = 65000;
    /** Kamailio's own AVP for the SIP Call-ID (vendor 50, code 494), sent without the M bit. */
    private static final int KAMAILIO_CALL_ID = 494;
    private static final long KAMAILIO_VENDOR = 50L;
    private static final int NO_STATE_MAINTAINED = Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED");

    private static final AtomicInteger sessions = new AtomicInteger();
    private static final AtomicInteger peers = new AtomicInteger();
    private static TestHss hss;

    private RawDiameterClient peer;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
    }

    @AfterAll
    static void stop() throws Exception {
        hss.close();
    }

    /** Every test gets its own connection under its own Origin-Host (see {@link #connectPeer()}). */
    @BeforeEach
    void connect() throws Exception {
        hss.resetRegistrations();
        peer = connectPeer();
    }

    @AfterEach
    void disconnect() throws Exception {
        peer.close();
    }

    @Test
    void missingPublicIdentityIsMissingAvp() throws Exception {
        List<RawAvp> avps = uarAvps();
        avps.removeIf(a -> a.is(Avp.PUBLIC_IDENTITY));
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_MISSING_AVP);
        // RFC 6733 7.5: for a missing AVP, Failed-AVP holds an AVP of that code and vendor with a minimal value.
        RawAvp failed = failedAvp(answer);
        assertThat(failed.code()).isEqualTo(Avp.PUBLIC_IDENTITY.code());
        assertThat(failed.vendorId()).isEqualTo(Avp.PUBLIC_IDENTITY.vendorId());
        assertThat(failed.flags() & RawAvp.FLAG_VENDOR).isNotZero();
        assertThat(failed.data()).isEmpty();
    }

    @Test
    void secondUserNameOccursTooManyTimes() throws Exception {
        List<RawAvp> avps = uarAvps();
        avps.add(RawAvp.utf8(Avp.USER_NAME, "second@ims.example.org"));
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        // RFC 6733 7.1.5: Failed-AVP carries the first instance that exceeds the maximum.
        assertAnswer(request, answer, ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES);
        assertFailedAvp(answer, Avp.USER_NAME, "second@ims.example.org".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownMandatoryAvpIsUnsupported() throws Exception {
        RawAvp unknown = new RawAvp(UNKNOWN_AVP, RawAvp.FLAG_VENDOR | RawAvp.FLAG_MANDATORY,
                Application.CX.vendorId(), new byte[] {1, 2, 3, 4, 5});
        List<RawAvp> avps = uarAvps();
        avps.add(unknown);
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        // RFC 6733 4.1: an unrecognised AVP with the M bit set makes the message fail with 5001.
        assertAnswer(request, answer, ResultCode.DIAMETER_AVP_UNSUPPORTED);
        RawAvp failed = failedAvp(answer);
        assertThat(failed.code()).isEqualTo(UNKNOWN_AVP);
        assertThat(failed.vendorId()).isEqualTo(Application.CX.vendorId());
        assertThat(failed.flags()).isEqualTo(RawAvp.FLAG_VENDOR | RawAvp.FLAG_MANDATORY);
        assertThat(failed.data()).containsExactly(1, 2, 3, 4, 5);
    }

    /**
     * A Vendor-Specific-Application-Id with a member its grouping does not allow (here a Result-Code, what a flipped
     * bit in a Vendor-Id's code gives) is refused, and the answer names the application itself rather than echoing
     * the malformed group; a stray top-level Auth-Application-Id is not echoed either.
     */
    @Test
    void malformedApplicationIdIsNotEchoed() throws Exception {
        List<RawAvp> avps = uarAvps();
        avps.set(1, RawAvp.grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID,
                RawAvp.u32(Avp.VENDOR_ID, Application.CX.vendorId()),
                RawAvp.u32(Avp.AUTH_APPLICATION_ID, Application.CX.id()),
                RawAvp.u32(Avp.RESULT_CODE, 2001)));
        avps.add(RawAvp.u32(Avp.AUTH_APPLICATION_ID, Application.SH.id()));
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_AVP_NOT_ALLOWED);
        assertThat(failedAvp(answer).code()).isIn(Avp.RESULT_CODE.code(), Avp.AUTH_APPLICATION_ID.code());
    }

    /**
     * A request whose AVPs name no application (here the Vendor-Specific-Application-Id's code turned into a
     * Result-Code's, as one flipped bit does) gets 5005 naming the missing AVP, and nothing of the request is echoed:
     * jDiameter answered such a request with the request itself, User-Name and the request's "Result-Code" included.
     */
    @Test
    void requestNamingNoApplicationIsMissingAvp() throws Exception {
        List<RawAvp> avps = uarAvps();
        RawAvp vsai = avps.get(1);
        avps.set(1, new RawAvp(Avp.RESULT_CODE.code(), vsai.flags(), vsai.vendorId(), vsai.data()));
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_MISSING_AVP);
        RawAvp failed = failedAvp(answer);
        assertThat(failed.code()).isEqualTo(Avp.VENDOR_SPECIFIC_APPLICATION_ID.code());
        assertThat(failed.data()).isEmpty();
        assertThat(answer.avp(Avp.USER_NAME)).isEmpty();
        assertThat(answer.avp(Avp.PUBLIC_IDENTITY)).isEmpty();
        assertThat(answer.avp(Avp.VISITED_NETWORK_IDENTIFIER)).isEmpty();
    }

    /**
     * RFC 6733 3.2 and 6.1: every request carries Origin-Host, Origin-Realm and (Cx, Sh) Destination-Realm. One
     * without one of them (here turned into a Result-Code, as one flipped bit does) gets 5005 naming the missing AVP
     * with an empty payload (7.5), and nothing of the request is echoed: jDiameter answered such a request 3007 or
     * 5005 with the request itself, User-Name and the request's "Result-Code" included.
     */
    @ParameterizedTest
    @MethodSource("routingAvps")
    void requestWithoutARoutingAvpIsMissingAvp(Avp routing) throws Exception {
        List<RawAvp> avps = uarAvps();
        int at = 0;
        while (!avps.get(at).is(routing)) {
            at++;
        }
        RawAvp removed = avps.get(at);
        avps.set(at, new RawAvp(Avp.RESULT_CODE.code(), removed.flags(), removed.vendorId(), removed.data()));
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_MISSING_AVP);
        assertFailedAvp(answer, routing, new byte[0]);
        assertThat(answer.avp(Avp.USER_NAME)).as("nothing of the request echoed").isEmpty();
        assertThat(answer.avp(Avp.PUBLIC_IDENTITY)).isEmpty();
        assertThat(peer.exchange(request(Command.UAR, uarAvps())).resultCode())
                .as("the connection still serves").isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
    }

    static Stream<Avp> routingAvps() {
        return Stream.of(Avp.ORIGIN_HOST, Avp.ORIGIN_REALM, Avp.DESTINATION_REALM);
    }

    /** A Cx request whose Vendor-Specific-Application-Id names Sh: 5004 with that AVP, answered once. */
    @Test
    void requestNamingAnotherApplicationIsInvalidAvpValue() throws Exception {
        List<RawAvp> avps = uarAvps();
        RawAvp sh = RawAvp.grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID,
                RawAvp.u32(Avp.VENDOR_ID, Application.SH.vendorId()),
                RawAvp.u32(Avp.AUTH_APPLICATION_ID, Application.SH.id()));
        avps.set(1, sh);
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_INVALID_AVP_VALUE);
        RawAvp failed = failedAvp(answer);
        assertThat(failed.code()).isEqualTo(Avp.VENDOR_SPECIFIC_APPLICATION_ID.code());
        assertThat(failed.data()).isEqualTo(sh.data());
        assertThat(answer.avp(Avp.USER_NAME)).isEmpty();
    }

    @Test
    void unknownOptionalAvpIsIgnored() throws Exception {
        List<RawAvp> avps = uarAvps();
        avps.add(new RawAvp(KAMAILIO_CALL_ID, RawAvp.FLAG_VENDOR, KAMAILIO_VENDOR,
                "a84b4c76e66710@pc33.ims.example.org".getBytes(StandardCharsets.UTF_8)));
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        // RFC 6733 4.1: an unrecognised AVP without the M bit is ignored.
        assertAnswer(request, answer, ResultCode.DIAMETER_FIRST_REGISTRATION);
        assertThat(answer.avp(Avp.FAILED_AVP)).isEmpty();
    }

    @Test
    void secondPublicIdentityInRegistrationSarOccursTooManyTimes() throws Exception {
        RawMessage request = request(Command.SAR, sarAvps(Avp.SERVER_ASSIGNMENT_TYPE.enumValue("REGISTRATION"),
                IMPU, IMPU_TEL));

        RawMessage answer = peer.exchange(request);

        // TS 29.229 6.1.3: one Public-Identity only for REGISTRATION; the excess one goes to Failed-AVP.
        assertAnswer(request, answer, ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES);
        assertFailedAvp(answer, Avp.PUBLIC_IDENTITY, IMPU_TEL.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unservedApplicationIsApplicationUnsupported() throws Exception {
        List<RawAvp> avps = uarAvps();
        avps.replaceAll(a -> a.is(Avp.VENDOR_SPECIFIC_APPLICATION_ID) ? RawAvp.grouped(
                Avp.VENDOR_SPECIFIC_APPLICATION_ID, RawAvp.u32(Avp.VENDOR_ID, Application.CX.vendorId()),
                RawAvp.u32(Avp.AUTH_APPLICATION_ID, GX)) : a);
        RawMessage request = request(Command.UAR.code(), GX, RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE,
                avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_APPLICATION_UNSUPPORTED);
    }

    @Test
    void foreignDestinationRealmIsRealmNotServed() throws Exception {
        List<RawAvp> avps = uarAvps();
        avps.replaceAll(a -> a.is(Avp.DESTINATION_REALM) ? RawAvp.utf8(Avp.DESTINATION_REALM, "other.example.net")
                : a);
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_REALM_NOT_SERVED);
        // jDiameter answered this by sending the request back with a Result-Code; the transport answers it now.
        assertThat(answer.avp(Avp.USER_NAME)).as("nothing of the request echoed").isEmpty();
        assertThat(answer.avp(Avp.DESTINATION_REALM)).isEmpty();
    }

    @Test
    void anotherApplicationsCommandCodeUnderCxIsCommandUnsupported() throws Exception {
        // Commands are named by (code, Application-Id, R bit): Sh's UDR code under Cx's id names no command.
        RawMessage request = request(Command.UDR.code(), Application.CX.id(),
                RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE, uarAvps());

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_COMMAND_UNSUPPORTED);
    }

    /** S6b (TS 29.273 9.1.1), an application of the dictionary's vendor the node does not serve. */
    private static final long S6B = 16777272L;

    @Test
    void requestOfAnApplicationTheNodeDoesNotServeIsApplicationUnsupported() throws Exception {
        List<RawAvp> avps = uarAvps();
        avps.replaceAll(a -> a.is(Avp.VENDOR_SPECIFIC_APPLICATION_ID) ? RawAvp.grouped(
                Avp.VENDOR_SPECIFIC_APPLICATION_ID, RawAvp.u32(Avp.VENDOR_ID, Application.SWX.vendorId()),
                RawAvp.u32(Avp.AUTH_APPLICATION_ID, S6B)) : a);
        RawMessage request = request(Command.SWX_MAR.code(), S6B,
                RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_APPLICATION_UNSUPPORTED);
    }

    @Test
    void unknownCommandIsCommandUnsupported() throws Exception {
        RawMessage request = request(UNKNOWN_COMMAND, Application.CX.id(),
                RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE, uarAvps());

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_COMMAND_UNSUPPORTED);
    }

    @Test
    void shortUnsigned32IsInvalidAvpLength() throws Exception {
        RawAvp flags = RawAvp.of(Avp.UAR_FLAGS, new byte[] {0, 0, 1});
        List<RawAvp> avps = uarAvps();
        avps.add(flags);
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_INVALID_AVP_LENGTH);
        assertFailedAvp(answer, Avp.UAR_FLAGS, new byte[] {0, 0, 1});
    }

    @Test
    void unknownAuthorizationTypeIsInvalidAvpValue() throws Exception {
        List<RawAvp> avps = uarAvps();
        avps.add(RawAvp.u32(Avp.USER_AUTHORIZATION_TYPE, 7));
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_INVALID_AVP_VALUE);
        assertFailedAvp(answer, Avp.USER_AUTHORIZATION_TYPE, u32(7));
    }

    @Test
    void unknownServerAssignmentTypeIsInvalidAvpValue() throws Exception {
        RawMessage request = request(Command.SAR, sarAvps(99, IMPU));

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_INVALID_AVP_VALUE);
        assertFailedAvp(answer, Avp.SERVER_ASSIGNMENT_TYPE, u32(99));
    }

    @Test
    void invalidUtf8IsInvalidAvpValue() throws Exception {
        byte[] invalid = {'s', 'i', 'p', ':', (byte) 0xC3, (byte) 0x28, '@', 'x'};
        List<RawAvp> avps = uarAvps();
        avps.replaceAll(a -> a.is(Avp.PUBLIC_IDENTITY) ? RawAvp.of(Avp.PUBLIC_IDENTITY, invalid) : a);
        RawMessage request = request(Command.UAR, avps);

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_INVALID_AVP_VALUE);
        assertFailedAvp(answer, Avp.PUBLIC_IDENTITY, invalid);
    }

    @Test
    void errorBitOnRequestIsInvalidHeaderBits() throws Exception {
        RawMessage request = request(Command.UAR.code(), Application.CX.id(),
                RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE | RawMessage.FLAG_ERROR, uarAvps());

        RawMessage answer = peer.exchange(request);

        // RFC 6733 3: the E bit must not be set in requests; 7.1.3: 3008 for inconsistent header bits.
        assertAnswer(request, answer, ResultCode.DIAMETER_INVALID_HDR_BITS);
    }

    @Test
    void clearProxiableBitIsAnsweredNormally() throws Exception {
        RawMessage request = request(Command.UAR.code(), Application.CX.id(), RawMessage.FLAG_REQUEST, uarAvps());

        RawMessage answer = peer.exchange(request);

        assertAnswer(request, answer, ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    @Test
    void pipelinedRequestsAreEachAnsweredOnce() throws Exception {
        int count = 2_000;
        Map<Integer, RawMessage> requests = new HashMap<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            RawMessage request = request(Command.UAR, uarAvps());
            requests.put(request.hopByHop(), request);
            all.writeBytes(request.encode());
        }
        peer.send(all.toByteArray());

        Map<Integer, Integer> answered = new HashMap<>();
        for (int i = 0; i < count; i++) {
            RawMessage answer = peer.receive();
            assertThat(requests).containsKey(answer.hopByHop());
            assertAnswer(requests.get(answer.hopByHop()), answer, ResultCode.DIAMETER_FIRST_REGISTRATION);
            answered.merge(answer.hopByHop(), 1, Integer::sum);
        }
        assertThat(answered).hasSize(count).allSatisfy((id, times) -> assertThat(times).isOne());
        // No late duplicate: the next answer on the connection is the one to a new request.
        RawMessage last = request(Command.UAR, uarAvps());
        assertAnswer(last, peer.exchange(last), ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    /**
     * RFC 6733 3: version 1, length a multiple of 4 and at least the 20-octet header. Such input closes the
     * connection (TransportIT); the requirement here is that the HSS keeps serving.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("illFramed")
    void illFramedInputDoesNotStopTheServer(String name, byte[] garbage) throws Exception {
        RawDiameterClient garbled = peer;
        try {
            garbled.send(garbage);
            peer = connectPeer();
            RawMessage request = request(Command.UAR, uarAvps());

            RawMessage answer = peer.exchange(request);

            assertAnswer(request, answer, ResultCode.DIAMETER_FIRST_REGISTRATION);
        } finally {
            garbled.close();
        }
    }

    static Stream<Arguments> illFramed() {
        byte[] uar = new RawMessage(RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE, Command.UAR.code(),
                Application.CX.id(), 1, 1, List.of(RawAvp.utf8(Avp.SESSION_ID, "garbage;1;1"),
                        RawAvp.utf8(Avp.USER_NAME, IMPI))).encode();
        byte[] lengthZero = uar.clone();
        ByteBuffer.wrap(lengthZero).putInt(1 << 24);
        byte[] lengthTwelve = Arrays.copyOf(uar, 12);
        ByteBuffer.wrap(lengthTwelve).putInt((1 << 24) | 12);
        byte[] lengthPlusTwo = Arrays.copyOf(uar, uar.length + 2);
        ByteBuffer.wrap(lengthPlusTwo).putInt((1 << 24) | lengthPlusTwo.length);
        byte[] lengthMinusTwo = uar.clone();
        ByteBuffer.wrap(lengthMinusTwo).putInt((1 << 24) | (uar.length - 2));
        byte[] versionTwo = uar.clone();
        versionTwo[0] = 2;
        return Stream.of(
                Arguments.of("length 0", lengthZero),
                Arguments.of("length 12", lengthTwelve),
                Arguments.of("length not a multiple of 4 (+2)", lengthPlusTwo),
                Arguments.of("length not a multiple of 4 (-2)", lengthMinusTwo),
                Arguments.of("version 2", versionTwo));
    }

    /**
     * A new peer under a fresh name (jDiameter keeps one peer object per Origin-Host). Requests follow the CEA at
     * once, as RFC 6733 5.3 allows (ReconnectIT shows none is lost).
     */
    private static RawDiameterClient connectPeer() throws Exception {
        return hss.raw("cscf-" + peers.incrementAndGet() + ".ims.example.org");
    }

    private List<RawAvp> uarAvps() {
        List<RawAvp> avps = base();
        avps.add(RawAvp.utf8(Avp.USER_NAME, IMPI));
        avps.add(RawAvp.utf8(Avp.PUBLIC_IDENTITY, IMPU));
        avps.add(RawAvp.utf8(Avp.VISITED_NETWORK_IDENTIFIER, TestHss.REALM));
        return avps;
    }

    private List<RawAvp> sarAvps(int type, String... impus) {
        List<RawAvp> avps = base();
        avps.add(RawAvp.utf8(Avp.USER_NAME, IMPI));
        for (String impu : impus) {
            avps.add(RawAvp.utf8(Avp.PUBLIC_IDENTITY, impu));
        }
        avps.add(RawAvp.utf8(Avp.SERVER_NAME, Cx.SCSCF1));
        avps.add(RawAvp.u32(Avp.SERVER_ASSIGNMENT_TYPE, type));
        avps.add(RawAvp.u32(Avp.USER_DATA_ALREADY_AVAILABLE,
                Avp.USER_DATA_ALREADY_AVAILABLE.enumValue("USER_DATA_NOT_AVAILABLE")));
        return avps;
    }

    /** Session-Id first (RFC 6733 8.8), then the fixed Cx header AVPs (TS 29.229 6.1). */
    private List<RawAvp> base() {
        List<RawAvp> avps = new ArrayList<>();
        avps.add(RawAvp.utf8(Avp.SESSION_ID,
                peer.originHost() + ";" + System.nanoTime() + ";" + sessions.incrementAndGet()));
        avps.add(RawAvp.grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID,
                RawAvp.u32(Avp.VENDOR_ID, Application.CX.vendorId()),
                RawAvp.u32(Avp.AUTH_APPLICATION_ID, Application.CX.id())));
        avps.add(RawAvp.u32(Avp.AUTH_SESSION_STATE, NO_STATE_MAINTAINED));
        avps.add(RawAvp.utf8(Avp.ORIGIN_HOST, peer.originHost()));
        avps.add(RawAvp.utf8(Avp.ORIGIN_REALM, TestHss.REALM));
        avps.add(RawAvp.utf8(Avp.DESTINATION_REALM, TestHss.REALM));
        return avps;
    }

    private RawMessage request(Command command, List<RawAvp> avps) {
        return request(command.code(), Application.CX.id(), RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE,
                avps);
    }

    private RawMessage request(int commandCode, long applicationId, int flags, List<RawAvp> avps) {
        return new RawMessage(flags, commandCode, applicationId, peer.nextId(), peer.nextId(), avps);
    }

    /**
     * The answer to {@code request}: identifiers echoed (RFC 6733 3), Session-Id first and unchanged (6.2, 8.8),
     * Origin-Host, Origin-Realm and Auth-Session-State present, the result in the right AVP and the E bit set
     * exactly for protocol errors (7.1.3).
     */
    private static void assertAnswer(RawMessage request, RawMessage answer, ResultCode expected) {
        assertThat(answer.isRequest()).as("R bit").isFalse();
        assertThat(answer.commandCode()).isEqualTo(request.commandCode());
        assertThat(answer.applicationId()).isEqualTo(request.applicationId());
        // RFC 6733 6.2: the answer's P bit is the request's.
        assertThat(answer.flags() & RawMessage.FLAG_PROXIABLE).as("P bit")
                .isEqualTo(request.flags() & RawMessage.FLAG_PROXIABLE);
        assertThat(answer.hopByHop()).as("hop-by-hop").isEqualTo(request.hopByHop());
        assertThat(answer.endToEnd()).as("end-to-end").isEqualTo(request.endToEnd());
        assertThat(answer.avps()).isNotEmpty();
        assertThat(answer.avps().get(0).is(Avp.SESSION_ID)).as("Session-Id first").isTrue();
        assertThat(sessionId(answer)).isEqualTo(sessionId(request));
        assertThat(answer.avp(Avp.ORIGIN_HOST).map(RawAvp::text)).contains(TestHss.HOST);
        assertThat(answer.avp(Avp.ORIGIN_REALM).map(RawAvp::text)).contains(TestHss.REALM);
        assertThat(answer.avp(Avp.AUTH_SESSION_STATE).map(RawAvp::u32)).contains((long) NO_STATE_MAINTAINED);
        // TS 29.229 6.1: {Vendor-Specific-Application-Id} of the application, never a copy of what the request held;
        // a protocol error answered by the transport has the generic answer-message format without it (RFC 6733 7.2).
        Application application = Application.lookup(request.applicationId()).orElse(Application.CX);
        List<RawAvp> vsais = answer.all(Avp.VENDOR_SPECIFIC_APPLICATION_ID);
        if (!expected.isProtocolError()) {
            assertThat(vsais).hasSize(1);
        }
        assertThat(vsais).hasSizeLessThanOrEqualTo(1).allSatisfy(vsai -> {
            assertThat(vsai.members()).hasSize(2);
            assertThat(vsai.member(Avp.VENDOR_ID).map(RawAvp::u32)).contains(application.vendorId());
            assertThat(vsai.member(Avp.AUTH_APPLICATION_ID).map(RawAvp::u32)).contains(application.id());
        });
        assertThat(answer.avp(Avp.AUTH_APPLICATION_ID)).as("top-level Auth-Application-Id").isEmpty();
        assertThat(answer.avp(Avp.ACCT_APPLICATION_ID)).as("top-level Acct-Application-Id").isEmpty();
        if (expected.isExperimental()) {
            assertThat(answer.avp(Avp.RESULT_CODE)).isEmpty();
            RawAvp result = answer.avp(Avp.EXPERIMENTAL_RESULT).orElseThrow();
            assertThat(result.member(Avp.VENDOR_ID).map(RawAvp::u32)).contains(expected.vendorId());
            assertThat(result.member(Avp.EXPERIMENTAL_RESULT_CODE).map(RawAvp::u32)).contains((long) expected.code());
        } else {
            assertThat(answer.avp(Avp.EXPERIMENTAL_RESULT)).isEmpty();
            assertThat(answer.all(Avp.RESULT_CODE)).singleElement()
                    .extracting(RawAvp::u32).isEqualTo((long) expected.code());
        }
        assertThat(answer.isError()).as("E bit").isEqualTo(expected.isProtocolError());
    }

    /** The one AVP inside the one Failed-AVP (RFC 6733 7.5). */
    private static RawAvp failedAvp(RawMessage answer) {
        assertThat(answer.all(Avp.FAILED_AVP)).hasSize(1);
        List<RawAvp> members = answer.avp(Avp.FAILED_AVP).orElseThrow().members();
        assertThat(members).hasSize(1);
        return members.get(0);
    }

    private static void assertFailedAvp(RawMessage answer, Avp avp, byte[] data) {
        RawAvp failed = failedAvp(answer);
        assertThat(failed.code()).isEqualTo(avp.code());
        assertThat(failed.vendorId()).isEqualTo(avp.vendorId());
        assertThat(failed.data()).isEqualTo(data);
    }

    private static String sessionId(RawMessage message) {
        return message.avp(Avp.SESSION_ID).orElseThrow().text();
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }
}
