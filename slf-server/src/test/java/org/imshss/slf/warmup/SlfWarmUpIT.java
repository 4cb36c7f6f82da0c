package org.imshss.slf.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ignite.Ignition;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.http.RestSettings;
import org.imshss.node.diameter.warmup.WarmUpOutcome;
import org.imshss.node.diameter.warmup.WarmUpTally;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.store.MappingStore;
import org.imshss.slf.testing.RawClient;
import org.imshss.slf.testing.TestSlf;
import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An SLF started with the default warm-up: it warms up over its throwaway mapping store with every answer the
 * redirect its request expects, even though it is set to relay the warm-up client's realm, and afterwards nothing
 * of it is left: no cache, no synthetic HSS or mapping in the store, no answer in the node's Diameter metrics. A
 * real request is then answered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlfWarmUpIT {

    private static final HssTarget HOME = new HssTarget("home", TestSlf.REALM,
            List.of(new HssHost("hss1.ims.example.org", 3868, null)));
    private static final List<Mapping> MAPPINGS = List.of(
            Mapping.of(MappingKind.IDENTITY, "sip:alice@ims.example.org", "home"),
            Mapping.of(MappingKind.DOMAIN, "ims.example.org", "home"),
            Mapping.of(MappingKind.PREFIX, "1555", "home"));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static TestSlf slf;
    private static URI root;

    @BeforeAll
    static void start() throws Exception {
        // Relaying the warm-up's realm would need an HSS: the warm-up redirects whatever the routing says.
        slf = TestSlf.startWarmedUp(new SlfSettings.RoutingSettings(SlfSettings.Mode.REDIRECT,
                        List.of(WarmUpMappings.REALM), 0, Duration.ZERO, Duration.ofSeconds(1)),
                new MappingFile.Content(List.of(HOME), MAPPINGS), RestSettings.local(0, List.of()));
        root = slf.node().restUri().resolve("/");
    }

    @AfterAll
    static void stop() throws Exception {
        if (slf != null) {
            slf.close();
        }
    }

    @Test
    @Order(1)
    void theNodeWarmedUpWithEveryAnswerARedirectAndBecameReady() throws Exception {
        assertThat(get("ready").statusCode()).isEqualTo(200);
        WarmUpOutcome outcome = slf.node().warmUp();
        assertThat(outcome.ran()).isTrue();
        WarmUpTally tally = outcome.tally();
        assertThat(tally.unexpected()).as(tally.toString()).isZero();
        long requests = new WarmUpTraffic(TestSlf.REALM, new WarmUpMappings(SlfWarmUp.USERS),
                SlfSettings.WARM_UP_DEFAULTS.requests()).requests();
        long perRound = new WarmUpTraffic(TestSlf.REALM, new WarmUpMappings(SlfWarmUp.USERS), 1).requests();
        // At least the requested rounds, then whole rounds while the JIT settled.
        assertThat(tally.total()).isGreaterThanOrEqualTo(requests)
                .isGreaterThanOrEqualTo(SlfSettings.WARM_UP_DEFAULTS.requests());
        assertThat(tally.total() % perRound).isZero();
        long perCommand = tally.total() / 8;
        assertThat(tally.answers()).isEqualTo(Map.of("UAR 3006", perCommand, "SAR 3006", 2 * perCommand,
                "LIR 3006", perCommand, "MAR 3006", perCommand, "UDR 3006", perCommand, "PUR 3006", perCommand,
                "SNR 3006", perCommand));
        assertThat(outcome.duration()).isPositive();
        assertThat(value(get("metrics").body(), "imshss_start_seconds{phase=\"warm-up\"}"))
                .isGreaterThanOrEqualTo(outcome.duration().toNanos() / 1e9 - 1e-3);
    }

    @Test
    @Order(2)
    void noWarmUpCacheIsLeft() {
        // Every grid node of this JVM: the node of this test and any other test's still running.
        assertThat(Ignition.allGrids()).isNotEmpty().allSatisfy(grid ->
                assertThat(grid.cacheNames()).noneMatch(name -> name.startsWith("warm-up")));
    }

    @Test
    @Order(3)
    void theStoreHoldsExactlyTheConfiguredMappings() {
        MappingStore store = slf.node().store();
        assertThat(store.targets()).containsExactly(HOME);
        for (MappingKind kind : MappingKind.values()) {
            assertThat(store.list(kind, 1000)).as(kind.name())
                    .containsExactlyInAnyOrderElementsOf(MAPPINGS.stream().filter(m -> m.kind() == kind).toList());
            assertThat(store.target(WarmUpMappings.target(kind))).isEmpty();
        }
        assertThat(store.identity(WarmUpMappings.publicIdentity(MappingKind.IDENTITY, 0))).isEmpty();
        assertThat(store.globalDefault()).isEmpty();
    }

    @Test
    @Order(4)
    void theDiameterMetricsCountNothingBeforeTheFirstRealRequestWhichIsAnswered() throws Exception {
        String before = get("metrics").body();
        assertThat(before).doesNotContainPattern("(?m)^diameter_answers_total\\{");
        try (RawClient icscf = RawClient.connect(slf.port(), "icscf.ims.example.org", TestSlf.REALM)) {
            Answer answer = icscf.send(Command.LIR, TestSlf.REALM, null,
                    avps -> Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, "sip:alice@ims.example.org")).answer();
            assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_REDIRECT_INDICATION);
            assertThat(Avps.utf8All(answer.getAvps(), Avp.REDIRECT_HOST))
                    .containsExactly("aaa://hss1.ims.example.org:3868;transport=tcp");
        }
        String after = get("metrics").body();
        assertThat(value(after, "diameter_answers_total{application=\"cx\",command=\"LIR\",result=\"3006\"}"))
                .isEqualTo(1);
        assertThat(after).doesNotContain("warm-up.invalid").doesNotContain("command=\"UAR\"");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(metrics);
        assertThat(m.find()).as(series).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
