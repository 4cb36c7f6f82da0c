package org.imshss.slf.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageDecoder;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ReceivedAvp;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.Answers;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.junit.jupiter.api.Test;

/**
 * The relay and the redirect on the messages' octets (RFC 6733 6.1.9, 6.2.2, 6.13), against an upstream that
 * records what it is given.
 */
class RelayingTest {

    static final LocalIdentity SLF = new LocalIdentity("slf.ims.example.org", "ims.example.org");
    static final String CLIENT = "cdp.relay.example.net";
    static final HssTarget TARGET = new HssTarget("enterprise", "corp.example.com", List.of(
            new HssHost("hss-b1.corp.example.com", 3868, null), new HssHost("hss-b2.corp.example.com", 3870, null)));
    static final int DOWNSTREAM_HOP_BY_HOP = 0x0A0B0C0D;
    static final int END_TO_END = 0x11223344;
    static final int UNKNOWN_AVP = 99_999;
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** An upstream whose connected nodes are given and which keeps every request sent. */
    static final class RecordingUpstream implements Relaying.Upstream {
        final Set<String> connected;
        final List<String> hosts = new ArrayList<>();
        final List<byte[]> requests = new ArrayList<>();
        final CompletableFuture<DiameterMessage> answer = new CompletableFuture<>();

        RecordingUpstream(String... connected) {
            this.connected = Set.of(connected);
        }

        @Override
        public boolean connected(String host) {
            return connected.contains(host);
        }

        @Override
        public CompletableFuture<DiameterMessage> send(String host, byte[] request, Duration timeout) {
            assertThat(timeout).isEqualTo(TIMEOUT);
            DiameterMessage.setHopByHop(request, 0x7777);
            hosts.add(host);
            requests.add(request);
            return answer;
        }
    }

    /** A UAR as a client sends it, with Proxy-Info, an AVP the dictionary does not know and the T flag. */
    static DiameterMessage uar(String... routeRecords) {
        return uarFrom(null, routeRecords);
    }

    /** {@link #uar} as read from a connection whose peer named itself {@code peer} in its CER. */
    static DiameterMessage uarFrom(String peer, String... routeRecords) {
        MessageWriter out = MessageWriter.request(Command.UAR, END_TO_END)
                .utf8(Avp.SESSION_ID, CLIENT + ";1;2")
                .vendorSpecificApplicationId(Application.CX)
                .enumerated(Avp.AUTH_SESSION_STATE, 1)
                .identity(Avp.ORIGIN_HOST, CLIENT)
                .identity(Avp.ORIGIN_REALM, "relay.example.net")
                .identity(Avp.DESTINATION_HOST, SLF.host())
                .identity(Avp.DESTINATION_REALM, SLF.realm())
                .utf8(Avp.USER_NAME, "erin@corp.example.com")
                .utf8(Avp.PUBLIC_IDENTITY, "sip:erin@corp.example.com")
                .octets(Avp.VISITED_NETWORK_IDENTIFIER, "relay.example.net".getBytes(StandardCharsets.UTF_8));
        int proxyInfo = out.begin(Avp.PROXY_INFO);
        out.identity(Avp.PROXY_HOST, "proxy.relay.example.net");
        out.octets(Avp.PROXY_STATE, "state-42".getBytes(StandardCharsets.UTF_8));
        out.end(proxyInfo);
        out.avp(UNKNOWN_AVP, 0, false, new byte[] {1, 2, 3});
        for (String record : routeRecords) {
            out.identity(Avp.ROUTE_RECORD, record);
        }
        byte[] bytes = out.toBytes();
        bytes[4] |= (byte) DiameterMessage.FLAG_RETRANSMITTED;
        DiameterMessage.setHopByHop(bytes, DOWNSTREAM_HOP_BY_HOP);
        return MessageDecoder.decode(bytes, peer).message();
    }

    static String name(ReceivedAvp avp) {
        return avp.definition() == null ? Integer.toString(avp.code()) : avp.definition().specName();
    }

    static ReceivedAvp unknown(DiameterMessage message) {
        return message.avps().all().stream().filter(avp -> avp.code() == UNKNOWN_AVP).findFirst().orElseThrow();
    }

    static byte[] encoded(DiameterMessage message, Avp avp) {
        return message.avps().first(avp).encoded();
    }

    @Test
    void theRequestKeepsEveryAvpInOrderAndGoesToTheFirstConnectedNodeWithARouteRecord() {
        RecordingUpstream upstream = new RecordingUpstream("hss-b2.corp.example.com");
        DiameterMessage request = uar();
        Answer answer = new Relaying(SLF, upstream, TIMEOUT).forward(request, TARGET);

        assertThat(answer.relayed()).isNotNull();
        assertThat(upstream.hosts).containsExactly("hss-b2.corp.example.com");
        MessageDecoder.Decoded decoded = MessageDecoder.decode(upstream.requests.get(0));
        assertThat(decoded.layoutError()).isNull();
        assertThat(decoded.violation()).isNull();
        DiameterMessage sent = decoded.message();
        assertThat(sent.command()).contains(Command.UAR);
        assertThat(sent.applicationId()).isEqualTo(Application.CX.id());
        assertThat(sent.endToEnd()).isEqualTo(END_TO_END);
        assertThat(sent.hopByHop()).isEqualTo(0x7777);
        assertThat(sent.isRequest()).isTrue();
        assertThat(sent.isProxiable()).isTrue();
        assertThat(sent.isRetransmitted()).as("T flag kept").isTrue();
        assertThat(sent.isError()).isFalse();
        assertThat(sent.avps().all().stream().map(RelayingTest::name).toList()).containsExactly(
                "Session-Id", "Vendor-Specific-Application-Id", "Auth-Session-State", "Origin-Host", "Origin-Realm",
                "Destination-Realm", "Destination-Host", "User-Name", "Public-Identity", "Visited-Network-Identifier",
                "Proxy-Info",
                Integer.toString(UNKNOWN_AVP), "Route-Record");
        assertThat(sent.avps().utf8(Avp.DESTINATION_REALM)).isEqualTo("corp.example.com");
        assertThat(sent.avps().utf8(Avp.DESTINATION_HOST)).isEqualTo("hss-b2.corp.example.com");
        assertThat(sent.avps().utf8All(Avp.ROUTE_RECORD)).containsExactly(CLIENT);
        for (Avp kept : new Avp[] {Avp.SESSION_ID, Avp.VENDOR_SPECIFIC_APPLICATION_ID, Avp.ORIGIN_HOST,
                Avp.ORIGIN_REALM, Avp.USER_NAME, Avp.PUBLIC_IDENTITY, Avp.VISITED_NETWORK_IDENTIFIER, Avp.PROXY_INFO}) {
            assertThat(encoded(sent, kept)).as(kept.specName()).isEqualTo(encoded(request, kept));
        }
        assertThat(unknown(sent).encoded()).isEqualTo(unknown(request).encoded());
    }

    @Test
    void theHssAnswerGoesBackOctetForOctetWithTheDownstreamHopByHop() {
        RecordingUpstream upstream = new RecordingUpstream("hss-b1.corp.example.com", "hss-b2.corp.example.com");
        Answer answer = new Relaying(SLF, upstream, TIMEOUT).forward(uar(), TARGET);
        assertThat(upstream.hosts).containsExactly("hss-b1.corp.example.com");
        DiameterMessage sent = MessageDecoder.decode(upstream.requests.get(0)).message();
        MessageWriter hss = MessageWriter.answerTo(sent, false);
        sent.avps().first(Avp.SESSION_ID).copyTo(hss);
        hss.result(ResultCode.DIAMETER_FIRST_REGISTRATION)
                .identity(Avp.ORIGIN_HOST, "hss-b1.corp.example.com")
                .identity(Avp.ORIGIN_REALM, "corp.example.com");
        sent.avps().first(Avp.PROXY_INFO).copyTo(hss);
        byte[] hssAnswer = hss.toBytes();

        upstream.answer.complete(MessageDecoder.decode(hssAnswer).message());

        byte[] downstream = answer.relayed().toCompletableFuture().join();
        assertThat(DiameterMessage.hopByHop(downstream)).isEqualTo(DOWNSTREAM_HOP_BY_HOP);
        byte[] expected = hssAnswer.clone();
        DiameterMessage.setHopByHop(expected, DOWNSTREAM_HOP_BY_HOP);
        assertThat(downstream).isEqualTo(expected);
    }

    @Test
    void anUnansweredRequestEndsTheRelayedAnswerExceptionally() {
        RecordingUpstream upstream = new RecordingUpstream("hss-b1.corp.example.com");
        Answer answer = new Relaying(SLF, upstream, TIMEOUT).forward(uar(), TARGET);
        upstream.answer.completeExceptionally(new TimeoutException("no answer in time"));
        assertThat(answer.relayed().toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void behindAnotherRelayTheRouteRecordNamesThatRelay() {
        // RFC 6733 6.7.1: the DRA added a Route-Record naming the I-CSCF it received the request from; the SLF adds
        // one naming the DRA, the peer of the connection the request came in on.
        RecordingUpstream upstream = new RecordingUpstream("hss-b1.corp.example.com");
        new Relaying(SLF, upstream, TIMEOUT).forward(uarFrom("dra.relay.example.net", "icscf.relay.example.net"),
                TARGET);
        DiameterMessage sent = MessageDecoder.decode(upstream.requests.get(0)).message();
        assertThat(sent.avps().utf8All(Avp.ROUTE_RECORD)).containsExactly("icscf.relay.example.net",
                "dra.relay.example.net");
    }

    @Test
    void aRouteRecordNamingThisNodeIsALoop() {
        RecordingUpstream upstream = new RecordingUpstream("hss-b1.corp.example.com");
        Answer answer = new Relaying(SLF, upstream, TIMEOUT).forward(uar("SLF.ims.example.ORG"), TARGET);
        assertThat(answer.result()).isEqualTo(ResultCode.DIAMETER_LOOP_DETECTED);
        assertThat(answer.relayed()).isNull();
        assertThat(upstream.requests).isEmpty();
    }

    @Test
    void noConnectedNodeIsUnableToDeliver() {
        RecordingUpstream upstream = new RecordingUpstream();
        Answer answer = new Relaying(SLF, upstream, TIMEOUT).forward(uar(), TARGET);
        assertThat(answer.result()).isEqualTo(ResultCode.DIAMETER_UNABLE_TO_DELIVER);
        assertThat(upstream.requests).isEmpty();
    }

    @Test
    void aRedirectNamesEveryNodeWithItsUsageAndCacheTime() {
        DiameterMessage request = uar();
        Answer redirect = new Redirection(0, Duration.ofSeconds(300)).answer(TARGET);
        DiameterMessage written = MessageDecoder.decode(
                new Answers(SLF, Set.of(Application.CX, Application.SH)).write(request, redirect)).message();
        assertThat(written.isError()).isTrue();
        assertThat(written.avps().result()).isEqualTo(ResultCode.DIAMETER_REDIRECT_INDICATION);
        assertThat(written.avps().utf8All(Avp.REDIRECT_HOST)).containsExactly(
                "aaa://hss-b1.corp.example.com:3868;transport=tcp", "aaa://hss-b2.corp.example.com:3870;transport=tcp");
        assertThat(written.avps().int32(Avp.REDIRECT_HOST_USAGE)).hasValue(0);
        assertThat(written.avps().unsigned32(Avp.REDIRECT_MAX_CACHE_TIME)).hasValue(300);
        assertThat(Arrays.asList(written.avps().utf8(Avp.ORIGIN_HOST), written.avps().utf8(Avp.SESSION_ID)))
                .containsExactly(SLF.host(), CLIENT + ";1;2");
    }
}
