package org.imshss.hss.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.diameter.transport.TransportSettings;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.imshss.node.testing.RawRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transport under bad input, over real TCP: ill-framed streams close the connection (RFC 6733 3), a declared
 * length over {@code diameter.max-message-bytes} is refused before its body arrives, and well-framed requests
 * that cannot reach an application get their error answer (RFC 6733 7.1.3, 7.1.5, 7.2).
 */
class TransportIT {

    private static final int MAX_MESSAGE = 65_536;
    /** Gx (TS 29.212): an application the HSS does not advertise. */
    private static final long GX = 16777238L;
    private static final int UNKNOWN_COMMAND = 399;
    private static final AtomicInteger peers = new AtomicInteger();

    private static TestHss hss;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithDiameter(d -> d.withTransport(
                new TransportSettings(MAX_MESSAGE, 4096, 1 << 20, java.time.Duration.ofSeconds(1))));
    }

    @AfterAll
    static void stop() throws Exception {
        hss.close();
    }

    private static RawDiameterClient peer() throws IOException {
        return hss.raw("transport-" + peers.incrementAndGet() + ".ims.example.org");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illFramed")
    void illFramedInputClosesTheConnection(String name, byte[] bytes, boolean endInput) throws Exception {
        try (RawDiameterClient garbled = peer()) {
            garbled.send(bytes);
            if (endInput) {
                garbled.shutdownOutput();
            }
            assertThat(garbled.closedByPeer(5000)).as("closed by the HSS").isTrue();
        }
        try (RawDiameterClient next = peer()) {
            RawMessage uar = RawRequests.uar(next);
            assertThat(next.exchange(uar).resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
    }

    static Stream<Arguments> illFramed() {
        byte[] uar = new RawMessage(RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE, Command.UAR.code(),
                Application.CX.id(), 1, 1, RawRequests.uarAvps("garbled.ims.example.org")).encode();
        byte[] versionTwo = uar.clone();
        versionTwo[0] = 2;
        return Stream.of(
                Arguments.of("version 2", versionTwo, false),
                Arguments.of("length 0", withLength(uar, 0), false),
                Arguments.of("length 12", withLength(Arrays.copyOf(uar, 12), 12), false),
                Arguments.of("length not a multiple of 4", withLength(uar, uar.length - 2), false),
                // Only the header is sent: the connection must close without waiting for (or allocating) 2 MB.
                Arguments.of("length 2 MB over the limit", withLength(Arrays.copyOf(uar, 20), 2 << 20), false),
                Arguments.of("length just over the limit", withLength(Arrays.copyOf(uar, 20), MAX_MESSAGE + 4),
                        false),
                Arguments.of("header truncated, then end of input", Arrays.copyOf(uar, 11), true),
                Arguments.of("message truncated, then end of input", Arrays.copyOf(uar, uar.length - 8), true));
    }

    @Test
    void avpLengthPastTheEndIsInvalidAvpLength() throws Exception {
        try (RawDiameterClient peer = peer()) {
            RawMessage uar = RawRequests.uar(peer);
            // User-Name claiming 200 octets where 16 remain.
            byte[] broken = appendRaw(uar.encode(), avpBytes(Avp.USER_NAME.code(), 0x40, 200, "abcdefgh".getBytes()));

            RawMessage answer = exchangeRaw(peer, broken);

            assertError(uar, answer, ResultCode.DIAMETER_INVALID_AVP_LENGTH);
            // RFC 6733 7.1.5: the AVP header with a zero-filled payload of the type's minimal length.
            RawAvp failed = failedAvp(answer);
            assertThat(failed.code()).isEqualTo(Avp.USER_NAME.code());
            assertThat(failed.data()).isEmpty();
        }
    }

    @Test
    void avpLengthBelowItsHeaderIsInvalidAvpLength() throws Exception {
        try (RawDiameterClient peer = peer()) {
            RawMessage uar = RawRequests.uar(peer);
            byte[] avp = ByteBuffer.allocate(12).putInt(Avp.PUBLIC_IDENTITY.code()).putInt(0xC0 << 24 | 4)
                    .putInt((int) Avp.PUBLIC_IDENTITY.vendorId()).array();
            RawMessage answer = exchangeRaw(peer, appendRaw(uar.encode(), avp));

            assertError(uar, answer, ResultCode.DIAMETER_INVALID_AVP_LENGTH);
            RawAvp failed = failedAvp(answer);
            assertThat(failed.code()).isEqualTo(Avp.PUBLIC_IDENTITY.code());
            assertThat(failed.vendorId()).isEqualTo(Avp.PUBLIC_IDENTITY.vendorId());
        }
    }

    @Test
    void reservedAvpFlagBitIsInvalidAvpBits() throws Exception {
        try (RawDiameterClient peer = peer()) {
            List<RawAvp> avps = RawRequests.uarAvps(peer.originHost());
            avps.replaceAll(a -> a.is(Avp.USER_NAME) ? new RawAvp(a.code(), a.flags() | 0x01, 0, a.data()) : a);
            RawMessage uar = RawRequests.request(peer, Command.UAR, avps);

            RawMessage answer = peer.exchange(uar);

            assertError(uar, answer, ResultCode.DIAMETER_INVALID_AVP_BITS);
            assertThat(failedAvp(answer).code()).isEqualTo(Avp.USER_NAME.code());
            assertThat(failedAvp(answer).flags()).isEqualTo(0x41);
        }
    }

    @Test
    void unknownCommandIsCommandUnsupported() throws Exception {
        try (RawDiameterClient peer = peer()) {
            RawMessage request = new RawMessage(RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE,
                    UNKNOWN_COMMAND, Application.CX.id(), peer.nextId(), peer.nextId(),
                    RawRequests.uarAvps(peer.originHost()));
            assertError(request, peer.exchange(request), ResultCode.DIAMETER_COMMAND_UNSUPPORTED);
        }
    }

    @Test
    void shCommandOnCxIsCommandUnsupported() throws Exception {
        try (RawDiameterClient peer = peer()) {
            RawMessage request = new RawMessage(RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE,
                    Command.UDR.code(), Application.CX.id(), peer.nextId(), peer.nextId(),
                    RawRequests.uarAvps(peer.originHost()));
            assertError(request, peer.exchange(request), ResultCode.DIAMETER_COMMAND_UNSUPPORTED);
        }
    }

    @Test
    void unadvertisedApplicationIsApplicationUnsupported() throws Exception {
        try (RawDiameterClient peer = peer()) {
            RawMessage request = new RawMessage(RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE,
                    Command.UAR.code(), GX, peer.nextId(), peer.nextId(), RawRequests.uarAvps(peer.originHost()));
            assertError(request, peer.exchange(request), ResultCode.DIAMETER_APPLICATION_UNSUPPORTED);
        }
    }

    @Test
    void answersThatMatchNothingAreNotAnswered() throws Exception {
        try (RawDiameterClient peer = peer()) {
            RawMessage stray = new RawMessage(RawMessage.FLAG_PROXIABLE, Command.UAA.code(), Application.CX.id(),
                    peer.nextId(), peer.nextId(), List.of(RawAvp.utf8(Avp.SESSION_ID, "stray;1"),
                            RawAvp.u32(Avp.RESULT_CODE, 2001)));
            peer.send(stray.encode());
            peer.send(appendRaw(stray.encode(), avpBytes(Avp.USER_NAME.code(), 0x40, 300, new byte[4])));
            RawMessage stray3001 = new RawMessage(0, UNKNOWN_COMMAND, GX, peer.nextId(), peer.nextId(),
                    List.of(RawAvp.u32(Avp.RESULT_CODE, 2001)));
            peer.send(stray3001.encode());
            RawMessage uar = RawRequests.uar(peer);

            RawMessage next = peer.exchange(uar);

            // The first message back is the UAR's answer: nothing was sent for the three answers.
            assertThat(next.hopByHop()).isEqualTo(uar.hopByHop());
            assertThat(next.resultCode()).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
    }

    @Test
    void deeplyNestedGroupedAvpsAreAnsweredNotOverflowed() throws Exception {
        try (RawDiameterClient peer = peer()) {
            RawMessage uar = RawRequests.uar(peer);
            int depth = (MAX_MESSAGE - uar.encode().length - 64) / 8;
            byte[] nested = nestedProxyInfo(depth);
            long started = System.nanoTime();

            RawMessage answer = exchangeRaw(peer, appendRaw(uar.encode(), nested));

            assertThat(answer.hopByHop()).isEqualTo(uar.hopByHop());
            // The validator stops at its nesting bound: an invalid value (RFC 6733 7.1.5), in bounded time.
            assertThat(answer.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_VALUE.code());
            assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
            assertThat(peer.exchange(RawRequests.uar(peer)).resultCode())
                    .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
        }
    }

    /** Proxy-Info within Proxy-Info, {@code depth} times, written front to back (no copying per level). */
    static byte[] nestedProxyInfo(int depth) {
        ByteBuffer b = ByteBuffer.allocate(depth * 8);
        for (int level = 0; level < depth; level++) {
            b.putInt(Avp.PROXY_INFO.code()).putInt(0x40 << 24 | (depth - level) * 8);
        }
        return b.array();
    }

    static byte[] withLength(byte[] message, int length) {
        byte[] copy = message.clone();
        ByteBuffer.wrap(copy).putInt(1 << 24 | length);
        return copy;
    }

    /** {@code message} with raw bytes appended and its length fixed. */
    static byte[] appendRaw(byte[] message, byte[] extra) {
        byte[] out = Arrays.copyOf(message, message.length + extra.length);
        System.arraycopy(extra, 0, out, message.length, extra.length);
        return withLength(out, out.length);
    }

    /** An AVP header claiming {@code length} followed by {@code data}, padded. */
    static byte[] avpBytes(int code, int flags, int length, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + ((data.length + 3) & ~3));
        b.putInt(code).putInt(flags << 24 | length).put(data);
        return b.array();
    }

    private static RawMessage exchangeRaw(RawDiameterClient peer, byte[] bytes) throws IOException {
        peer.send(bytes);
        return peer.receive();
    }

    /** The transport's error answer: identifiers, Session-Id first, origin, result, E bit for 3xxx. */
    static void assertError(RawMessage request, RawMessage answer, ResultCode expected) {
        assertThat(answer.isRequest()).isFalse();
        assertThat(answer.commandCode()).isEqualTo(request.commandCode());
        assertThat(answer.applicationId()).isEqualTo(request.applicationId());
        assertThat(answer.hopByHop()).isEqualTo(request.hopByHop());
        assertThat(answer.endToEnd()).isEqualTo(request.endToEnd());
        assertThat(answer.flags() & RawMessage.FLAG_PROXIABLE).isEqualTo(request.flags() & RawMessage.FLAG_PROXIABLE);
        assertThat(answer.avps().get(0).is(Avp.SESSION_ID)).as("Session-Id first").isTrue();
        assertThat(answer.avps().get(0).text()).isEqualTo(request.avp(Avp.SESSION_ID).orElseThrow().text());
        assertThat(answer.avp(Avp.ORIGIN_HOST).map(RawAvp::text)).contains(TestHss.HOST);
        assertThat(answer.avp(Avp.ORIGIN_REALM).map(RawAvp::text)).contains(TestHss.REALM);
        assertThat(answer.all(Avp.RESULT_CODE)).singleElement().extracting(RawAvp::u32)
                .isEqualTo((long) expected.code());
        assertThat(answer.isError()).as("E bit").isEqualTo(expected.isProtocolError());
    }

    private static RawAvp failedAvp(RawMessage answer) {
        List<RawAvp> members = answer.avp(Avp.FAILED_AVP).orElseThrow().members();
        assertThat(members).hasSize(1);
        return members.get(0);
    }
}
