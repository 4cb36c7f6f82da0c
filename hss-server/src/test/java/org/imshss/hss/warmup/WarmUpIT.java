package org.imshss.hss.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ignite.Ignition;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.imshss.node.diameter.warmup.WarmUpOutcome;
import org.imshss.node.diameter.warmup.WarmUpTally;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.SubscriberData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A node started as deployed, warm-up on, over the demo data: it warms up over its throwaway store, every answer of
 * the warm-up is the success its request expects, and afterwards nothing of it is left: no cache, no synthetic
 * subscriber in the store or the API, no answer in the node's Diameter metrics. A real request is then served.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarmUpIT {

    private static final String ADMIN = "warm-up-admin-token-0001";

    private static TestHss hss;
    private static RestClient api;
    private static RestClient root;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startDemoWarmedUp(List.of(new ApiToken("ops-admin", Role.ADMIN, ADMIN)));
        api = new RestClient(hss.node().restUri(), ADMIN);
        root = new RestClient(hss.node().restUri().resolve("/"), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hss != null) {
            hss.close();
        }
    }

    @Test
    @Order(1)
    void theNodeWarmedUpWithEveryAnswerASuccessAndBecameReady() throws Exception {
        assertThat(hss.node().ready()).isTrue();
        assertThat(root.get("ready").status()).isEqualTo(200);
        WarmUpOutcome outcome = hss.node().warmUp();
        assertThat(outcome.ran()).isTrue();
        WarmUpTally tally = outcome.tally();
        assertThat(tally.unexpected()).as(tally.toString()).isZero();
        // The default: the coverage rounds and depth batches of at least warm-up.requests in all, then depth batches
        // while the JIT settled.
        assertThat(tally.total()).isGreaterThanOrEqualTo(defaultTraffic())
                .isGreaterThanOrEqualTo(HssSettings.WARM_UP_DEFAULTS.requests());
        assertThat(tally.answers().keySet()).allMatch(key -> key.endsWith(" 2001") || key.equals("UAR 2002"))
                .contains("UAR 2001", "UAR 2002", "MAR 2001", "SAR 2001", "LIR 2001", "UDR 2001", "PUR 2001",
                        "SNR 2001", "AIR 2001", "ULR 2001", "S6A_PUR 2001", "SWX_MAR 2001", "SWX_SAR 2001");
        assertThat(outcome.duration()).isPositive();
        // The start-up phase holds the warm-up and its caches' creation and removal.
        assertThat(value(root.get("metrics").body(), "imshss_start_seconds{phase=\"warm-up\"}"))
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
    void theStoreHoldsExactlyTheDemoSubscribers() throws Exception {
        SubscriberData demo = new SeedLoader().demo();
        var store = hss.node().store();
        assertThat(store.subscriptionIds(null, null, 1000))
                .containsExactlyInAnyOrderElementsOf(demo.subscriptions().stream().map(s -> s.id()).toList());
        assertThat(store.publicIdentities(null, null, 1000)).map(PublicIdentity::identity)
                .containsExactlyInAnyOrderElementsOf(demo.publicIdentities().stream().map(PublicIdentity::identity)
                        .toList());
        assertThat(store.privateIdentity(WarmUpSubscribers.impi(0))).isEmpty();
        assertThat(store.publicIdentity(WarmUpSubscribers.impu(0))).isEmpty();
        assertThat(hss.node().epsStore().usim(WarmUpSubscribers.imsi(0))).isEmpty();
        assertThat(hss.node().shStore().applicationServer(WarmUpSubscribers.CLIENT_HOST)).isEmpty();
        assertThat(api.get("/subscribers/warm-up-0").status()).isEqualTo(404);
        assertThat(api.get("/imsis/" + WarmUpSubscribers.imsi(0)).status()).isEqualTo(404);
        assertThat(api.get("/public-identities/" + RestClient.segment(WarmUpSubscribers.impu(0))).status())
                .isEqualTo(404);
        assertThat(api.get("/subscribers").body()).doesNotContain("warm-up");
    }

    @Test
    @Order(4)
    void theDiameterMetricsCountNothingBeforeTheFirstRealRequestWhichIsServed() throws Exception {
        String before = root.get("metrics").body();
        assertThat(before).doesNotContainPattern("(?m)^diameter_answers_total\\{")
                .doesNotContainPattern("(?m)^diameter_sent_requests_total\\{");
        try (DiameterTestPeer scscf = hss.peer("scscf1.ims.example.org")) {
            assertThat(Cx.result(Cx.uar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", Cx.HOME)))
                    .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        }
        String after = root.get("metrics").body();
        assertThat(value(after, "diameter_answers_total{application=\"cx\",command=\"UAR\",result=\"2001\"}"))
                .isEqualTo(1);
        assertThat(after).containsPattern("(?m)^diameter_answers_total\\{").doesNotContain("warm-up.invalid");
    }

    /**
     * A persistent node: the warm-up's caches live in an in-memory region of their own, so they are created and
     * destroyed as on an in-memory node and nothing of them reaches the disk; the node holds no subscriber after it.
     */
    @Test
    @Order(5)
    void aPersistentNodeWarmsUpToo() throws Exception {
        try (TestHss persistent = TestHss.startEmptyPersistentWarmedUp(
                List.of(new ApiToken("ops-admin", Role.ADMIN, ADMIN)))) {
            assertThat(persistent.node().ready()).isTrue();
            WarmUpOutcome outcome = persistent.node().warmUp();
            assertThat(outcome.ran()).isTrue();
            assertThat(outcome.tally().unexpected()).as(outcome.tally().toString()).isZero();
            assertThat(outcome.tally().total()).isGreaterThanOrEqualTo(defaultTraffic());
            assertThat(persistent.node().store().subscriptionIds(null, null, 10)).isEmpty();
            assertThat(Ignition.allGrids()).allSatisfy(grid ->
                    assertThat(grid.cacheNames()).noneMatch(name -> name.startsWith("warm-up")));
        }
    }

    private static long defaultTraffic() {
        return new WarmUpTraffic(TestHss.REALM, HssWarmUp.USERS, HssSettings.WARM_UP_DEFAULTS.requests())
                .requests();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(metrics);
        assertThat(m.find()).as(series).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
