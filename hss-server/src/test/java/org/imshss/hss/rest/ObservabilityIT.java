package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.HOME;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;
import static org.imshss.hss.testing.RestClient.segment;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** /metrics, /health and /ready over HTTP, counting what real Diameter traffic did. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

    private static final String ADMIN = "observability-admin-token";

    private static TestHss hss;
    private static DiameterTestPeer scscf;
    private static RestClient root;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithRest(List.of(new ApiToken("admin", Role.ADMIN, ADMIN)));
        scscf = hss.peer("scscf1.ims.example.org");
        // The observability endpoints live beside the API, not under it, and need no token.
        root = new RestClient(hss.node().restUri().resolve("/"), null);
    }

    @AfterAll
    static void stop() throws Exception {
        scscf.close();
        hss.close();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(metrics);
        assertThat(m.find()).as(series + " in\n" + metrics.lines().filter(l -> l.startsWith(series.substring(0,
                Math.min(15, series.length())))).toList()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    @Order(1)
    void metricsCountAnswersSentRequestsCachesAndTheJvm() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(result(Cx.uar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", HOME)))
                    .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        }
        assertThat(result(Cx.uar(scscf, "nobody@ims.example.org", "sip:nobody@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(Cx.sar(scscf, "bob@ims.example.org", "sip:bob@ims.example.org", SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        RestClient.Reply rtr = new RestClient(hss.node().restUri(), ADMIN)
                .delete("/registrations/" + segment("sip:bob@ims.example.org"));
        assertThat(rtr.json().get("resultCode").asInt()).isEqualTo(2001);

        RestClient.Reply reply = root.get("metrics");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        String metrics = reply.body();
        assertThat(value(metrics, "diameter_answers_total{application=\"cx\",command=\"UAR\",result=\"2001\"}"))
                .isEqualTo(3);
        assertThat(value(metrics, "diameter_answers_total{application=\"cx\",command=\"UAR\",result=\"5001\"}"))
                .isEqualTo(1);
        assertThat(value(metrics, "diameter_request_duration_seconds_count{application=\"cx\",command=\"UAR\"}"))
                .isEqualTo(4);
        assertThat(metrics).contains("diameter_request_duration_seconds_bucket{application=\"cx\",command=\"UAR\",le=");
        assertThat(value(metrics, "diameter_sent_requests_total{command=\"RTR\",outcome=\"2001\"}")).isEqualTo(1);
        assertThat(value(metrics, "grid_cache_entries{cache=\"hss-subscriptions\"}")).isGreaterThanOrEqualTo(3);
        assertThat(value(metrics, "grid_server_nodes")).isEqualTo(1);
        assertThat(metrics).contains("jvm_memory_used_bytes", "process_uptime_seconds");
        // The S-CSCF test peer is connected.
        assertThat(value(metrics, "diameter_peers{state=\"OKAY\"}")).isGreaterThanOrEqualTo(1);
        // No secret, no subscriber identity in the metrics.
        assertThat(metrics).doesNotContain("alice", ADMIN);
    }

    /** After the traffic of the first test: every series the dashboard plots is then exported. */
    @Test
    @Order(2)
    void theGrafanaDashboardAsksOnlyForSeriesTheNodeExports() throws Exception {
        // A collection reaches the GC meters through the JVM's notifications, after System.gc() has returned.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        System.gc();
        String metrics = root.get("metrics").body();
        while (!metrics.contains("jvm_gc_pause_seconds_sum") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            System.gc();
            metrics = root.get("metrics").body();
        }
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("../ops/monitoring/grafana-dashboard.json"));
        Matcher names = Pattern.compile("\\b((?:diameter|grid|jvm)_[a-z_]+)").matcher(dashboard);
        java.util.Set<String> asked = new java.util.TreeSet<>();
        while (names.find()) {
            asked.add(names.group(1));
        }
        assertThat(asked).contains("diameter_answers_total", "diameter_request_duration_seconds_bucket",
                "diameter_sent_requests_total", "diameter_peers", "grid_cache_entries", "grid_server_nodes");
        for (String name : asked) {
            assertThat(metrics).as(name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    /** Where the start-up went, from the JVM's start to ready: each phase and the whole, as gauges. */
    @Test
    void metricsTellTheStartUpTimes() throws Exception {
        String metrics = root.get("metrics").body();
        Matcher series = Pattern.compile("(?m)^imshss_start_seconds\\{phase=\"([a-z-]+)\"} ([0-9.eE+-]+)$")
                .matcher(metrics);
        java.util.Map<String, Double> phases = new java.util.LinkedHashMap<>();
        while (series.find()) {
            phases.put(series.group(1), Double.parseDouble(series.group(2)));
        }
        assertThat(phases).containsKeys("jvm", "grid", "store", "diameter", "rest");
        assertThat(phases.values()).allSatisfy(seconds -> assertThat(seconds).isPositive());
        double startToReady = value(metrics, "imshss_start_to_ready_seconds");
        // Measured with two clocks, the JVM's uptime in milliseconds: the phases make up the whole.
        assertThat(startToReady).isCloseTo(phases.values().stream().mapToDouble(Double::doubleValue).sum(),
                org.assertj.core.data.Offset.offset(0.1));
        assertThat(startToReady).isLessThan(value(metrics, "process_uptime_seconds"));
    }

    /** The refill after the start runs beside the serving node and reports when it has ended and what it kept. */
    @Test
    void theRefillAfterTheStartReportsItsEnd() throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        String metrics = root.get("metrics").body();
        while (value(metrics, "grid_refill_done") != 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            metrics = root.get("metrics").body();
        }
        assertThat(value(metrics, "grid_refill_done")).isEqualTo(1);
        assertThat(value(metrics, "grid_refill_records{kind=\"subscriptions\"}")).isPositive();
        assertThat(value(metrics, "grid_refill_records{kind=\"public-identities\"}")).isPositive();
        assertThat(value(metrics, "grid_refill_seconds")).isPositive();
    }

    @Test
    void healthAndReadinessAnswerWithoutAToken() throws Exception {
        RestClient.Reply health = root.get("health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        RestClient.Reply ready = root.get("ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
        assertThat(root.post("metrics", "{}").status()).isEqualTo(405);
        // The API itself still needs a token.
        assertThat(root.get("api/v1/subscribers/alice").status()).isEqualTo(401);
    }
}
