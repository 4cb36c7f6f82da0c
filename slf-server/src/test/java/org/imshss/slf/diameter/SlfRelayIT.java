package org.imshss.slf.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.testing.RawClient;
import org.imshss.slf.testing.TestClient.Exchange;
import org.imshss.slf.testing.TestSlf;
import org.imshss.slf.testing.TestStack;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SLF in relay mode in front of an HSS stand-in that records what reaches it (RFC 6733 6.1.9, 6.2.2): what the
 * HSS receives, what the client gets back, and the relay's own answers for a loop and for an HSS that stays silent.
 */
class SlfRelayIT {

    static final String HOME = TestSlf.REALM;
    static final String HSS = "probe-hss.ims.example.org";
    static final String CLIENT = "icscf.ims.example.org";
    static final String PROBED = "sip:probe@ims.example.org";
    static final String SILENCED = "sip:silent@ims.example.org";

    static final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    static TestStack hss;
    static TestSlf slf;
    static RawClient icscf;

    @BeforeAll
    static void start() throws Exception {
        hss = TestStack.start(HSS, HOME, List.of(), request -> {
            received.add(request);
            if (SILENCED.equals(Avps.utf8(request.getAvps(), Avp.PUBLIC_IDENTITY).orElse(null))) {
                return null;
            }
            Answer answer = request.createAnswer();
            Avps.addResult(answer.getAvps(), ResultCode.DIAMETER_SUCCESS);
            Avps.addEnumerated(answer.getAvps(), Avp.AUTH_SESSION_STATE, 1);
            Avps.addIdentity(answer.getAvps(), Avp.ORIGIN_HOST, HSS);
            Avps.addIdentity(answer.getAvps(), Avp.ORIGIN_REALM, HOME);
            return answer;
        });
        MappingFile.Content mappings = new MappingFile.Content(
                List.of(new HssTarget("probe", HOME, List.of(new HssHost(HSS, hss.port(), "127.0.0.1")))),
                List.of(Mapping.of(MappingKind.DOMAIN, HOME, "probe")));
        slf = TestSlf.start(new SlfSettings.RoutingSettings(SlfSettings.Mode.RELAY, List.of(), 0, Duration.ZERO,
                Duration.ofSeconds(1)), mappings);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!slf.node().relayPeerConnected(HSS)) {
            assertThat(System.nanoTime()).as("SLF connected to " + HSS).isLessThan(deadline);
            Thread.sleep(20);
        }
        icscf = RawClient.connect(slf.port(), CLIENT, HOME);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {icscf, slf, hss}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static Consumer<AvpSet> uar(String impu) {
        return avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, "probe@ims.example.org");
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
            Avps.addOctets(avps, Avp.VISITED_NETWORK_IDENTIFIER, HOME.getBytes(StandardCharsets.UTF_8));
        };
    }

    static String proxyState(AvpSet avps) {
        AvpSet proxyInfo = Avps.grouped(avps, Avp.PROXY_INFO).orElseThrow();
        assertThat(Avps.utf8(proxyInfo, Avp.PROXY_HOST)).contains("proxy.ims.example.org");
        return new String(Avps.octets(proxyInfo, Avp.PROXY_STATE).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void theHssGetsTheRequestWithARouteRecordAndTheClientGetsTheHssAnswer() throws Exception {
        received.clear();
        Exchange relayed = icscf.send(Command.UAR, HOME, TestSlf.IDENTITY, uar(PROBED).andThen(avps -> {
            AvpSet proxyInfo = Avps.addGrouped(avps, Avp.PROXY_INFO);
            Avps.addIdentity(proxyInfo, Avp.PROXY_HOST, "proxy.ims.example.org");
            Avps.addOctets(proxyInfo, Avp.PROXY_STATE, "state-7".getBytes(StandardCharsets.UTF_8));
        }));

        Request seen = received.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        AvpSet avps = seen.getAvps();
        assertThat(Avps.utf8All(avps, Avp.ROUTE_RECORD)).containsExactly(CLIENT);
        assertThat(Avps.utf8(avps, Avp.ORIGIN_HOST)).contains(CLIENT);
        assertThat(Avps.utf8(avps, Avp.DESTINATION_HOST)).contains(HSS);
        assertThat(Avps.utf8(avps, Avp.DESTINATION_REALM)).contains(HOME);
        assertThat(Avps.utf8(avps, Avp.SESSION_ID)).isEqualTo(Avps.utf8(relayed.request().getAvps(), Avp.SESSION_ID));
        assertThat(seen.getEndToEndIdentifier()).isEqualTo(relayed.request().getEndToEndIdentifier());
        assertThat(Avps.utf8(avps, Avp.PUBLIC_IDENTITY)).contains(PROBED);
        assertThat(proxyState(avps)).isEqualTo("state-7");

        Answer answer = relayed.answer();
        assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.utf8(answer.getAvps(), Avp.ORIGIN_HOST)).contains(HSS);
        assertThat(answer.getHopByHopIdentifier()).isEqualTo(relayed.request().getHopByHopIdentifier());
        assertThat(answer.getEndToEndIdentifier()).isEqualTo(relayed.request().getEndToEndIdentifier());
        assertThat(proxyState(answer.getAvps())).isEqualTo("state-7");
    }

    @Test
    void anHssThatDoesNotAnswerInTimeIsUnableToDeliver() throws Exception {
        long started = System.nanoTime();
        Answer answer = icscf.send(Command.UAR, HOME, null, uar(SILENCED)).answer();
        assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_UNABLE_TO_DELIVER);
        assertThat(answer.isError()).isTrue();
        assertThat(Avps.utf8(answer.getAvps(), Avp.ORIGIN_HOST)).contains(TestSlf.IDENTITY);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aRequestThatAlreadyPassedThisSlfIsALoop() throws Exception {
        Answer answer = icscf.send(Command.UAR, HOME, null, uar(PROBED)
                .andThen(avps -> Avps.addIdentity(avps, Avp.ROUTE_RECORD, TestSlf.IDENTITY))).answer();
        assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_LOOP_DETECTED);
        assertThat(answer.isError()).isTrue();
    }
}
