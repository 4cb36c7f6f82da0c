package org.imshss.hss.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Four HSS JVMs in two sites, started from {@code ops/conf/two-sites} (site-a decides a tie). In order: site-b's two
 * nodes killed with SIGKILL while Cx registrations, IMS-AKA MARs and bulk imports run through site-a, then checked:
 * every acknowledged registration, SQN and subscriber there, site-b restarted, rebalanced and holding a copy of
 * everything again; then site-a killed: site-b, half of the baseline without the tie-breaker site, serves reads and
 * refuses writes (3004 on Diameter, 503 on REST) until site-a is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoSiteIT {

    private static final String PREFIX = "ts";
    private static final String IMPORT_PREFIX = "im";
    private static final int SUBSCRIBERS = Integer.getInteger("twosite.subscribers", 4_000);
    private static final int AKA_USERS = 40;
    /** Users 0..LOADED-1 register; the AKA users and a few spare ones follow. */
    private static final int LOADED = SUBSCRIBERS - AKA_USERS - 10;
    private static final int SPARE = SUBSCRIBERS - 1;
    private static final int WINDOW = 16;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final List<String> SITE_A = List.of("a1", "a2");
    private static final List<String> SITE_B = List.of("b1", "b2");

    private static Path work;
    private static final Map<String, HssProcess> nodes = new TreeMap<>();
    private static final Map<String, DiameterTestPeer> peers = new HashMap<>();
    private static final Set<Integer> registered = new HashSet<>();
    private static final Set<String> imported = new HashSet<>();
    private static Map<Integer, Long> lastSqns = Map.of();

    @BeforeAll
    static void startCluster() throws Exception {
        work = Files.createDirectories(HssProcess.ROOT.resolve("hss-server/target/cluster-it/two-sites"));
        ClusterFailoverIT.deleteTree(work);
        Files.createDirectories(work);
        Map<String, HssProcess.Ports> ports = new TreeMap<>();
        for (String name : List.of("a1", "a2", "b1", "b2")) {
            ports.put(name, HssProcess.Ports.free());
        }
        StringBuilder discovery = new StringBuilder();
        ports.values().forEach(p -> discovery.append(discovery.isEmpty() ? "" : ",").append("127.0.0.1:")
                .append(p.discovery()));
        for (String name : ports.keySet()) {
            nodes.put(name, new HssProcess("hss-" + name, HssProcess.ROOT.resolve("ops/conf/two-sites/node-" + name
                    + ".properties"), ports.get(name), Map.of(
                            "grid.discovery-addresses", discovery.toString(),
                            "grid.work-directory", work.resolve("hss-" + name).toString(),
                            "grid.data-region-max-mb", "128",
                            "grid.wal-segment-size-mb", "8",
                            "grid.decoded-cache-entries", "20000"),
                    work.resolve("hss-" + name + ".log")));
        }
        nodes.get("a1").start("--seed", HssProcess.ROOT.resolve("ops/conf/cluster/service-data.json").toString());
        for (String name : List.of("a2", "b1", "b2")) {
            nodes.get(name).start();
        }
        for (HssProcess node : nodes.values()) {
            JsonNode status = node.awaitReady(START_TIMEOUT);
            assertThat(status.path("nodes").size()).as("nodes seen by " + node.name()).isEqualTo(4);
            assertThat(status.path("writesAccepted").asBoolean()).as("writes accepted, " + node.name()).isTrue();
            for (JsonNode member : status.path("nodes")) {
                assertThat(member.path("site").asText()).as("site of " + member.path("consistentId").asText())
                        .isEqualTo(member.path("consistentId").asText().startsWith("hss-a") ? "site-a" : "site-b");
            }
        }
        for (String name : SITE_A) {
            peers.put(name, peer(name));
        }
        long started = System.nanoTime();
        Map<String, Integer> results = ClusterFailoverIT.importSubscribers(nodes.get("a1").rest(), PREFIX, 0,
                SUBSCRIBERS);
        log("imported %d subscribers through A1 in %.1f s: %s", SUBSCRIBERS, seconds(started), results);
        assertThat(results).containsExactly(Map.entry("created", SUBSCRIBERS));
        assertEachSiteHoldsACopyOfEverything();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        peers.values().forEach(DiameterTestPeer::close);
        for (HssProcess node : nodes.values()) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void losingSiteBUnderLoadLosesNothingAcknowledged() throws Exception {
        SiteLoad side = new SiteLoad();
        AtomicInteger progress = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Future<CxTraffic.Registrations> load = pool.submit(() -> CxTraffic.register(
                List.of(peers.get("a1"), peers.get("a2")), PREFIX, 0, LOADED, WINDOW, progress));
        int half = LOADED + AKA_USERS / 2;
        List<Future<?>> others = List.of(
                pool.submit(side.aka(peers.get("a1"), PREFIX, LOADED, half)),
                pool.submit(side.aka(peers.get("a2"), PREFIX, half, LOADED + AKA_USERS)),
                pool.submit(side.imports(nodes.get("a2").rest(), IMPORT_PREFIX, 0, 50)));
        long started = System.nanoTime();
        while (progress.get() < LOADED / 3 && !load.isDone()) {
            Thread.sleep(20);
        }
        int doneAtKill = progress.get();
        int sqnsAtKill = side.sqnCount();
        nodes.get("b1").kill();
        nodes.get("b2").kill();
        long killedAt = System.nanoTime();
        log("killed B1 and B2 (SIGKILL) after %d of %d registrations, %d SQNs, %d import batches, %.1f s into the"
                + " load", doneAtKill, LOADED, sqnsAtKill, side.importBatches(), seconds(started));
        CxTraffic.Registrations outcome = load.get(10, TimeUnit.MINUTES);
        side.stop();
        for (Future<?> other : others) {
            other.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        log("registrations: %d attempted, %d acknowledged, %d failed %s; %.1f s in all, %.1f s after the kill",
                outcome.attempted(), outcome.registered().size(), outcome.failed(), outcome.failures(),
                seconds(started), seconds(killedAt));
        log("AKA: %d SQNs acknowledged for %d users, %d MARs failed %s", side.sqnCount(), side.sqns.size(),
                side.akaFailed(), side.akaFailures);
        log("imports: %d batches of 50, %d subscribers acknowledged, %d failed %s", side.importBatches(),
                side.imported.size(), side.importsFailed(), side.importFailures);
        // Only what was in flight at one of the two kills may fail: a window of users per peer, one MAR per lane,
        // one import batch.
        assertThat(outcome.failed()).as("failed registrations").isLessThanOrEqualTo(2 * 2 * WINDOW);
        assertThat(outcome.registered().size() + outcome.failed()).isEqualTo(LOADED);
        assertThat(side.akaFailed()).as("failed MARs").isLessThanOrEqualTo(2 * 2);
        assertThat(side.importFailures.keySet()).as("import failures").allMatch(kind -> kind.startsWith("batch"));
        assertThat(side.importsFailed()).as("failed import batches").isLessThanOrEqualTo(2);
        assertThat(side.duplicates()).as("SQNs handed out twice").isEmpty();
        side.sqns.values().forEach(list -> assertThat(list).as("SQNs of one user, in order").isSorted());
        registered.addAll(outcome.registered());
        imported.addAll(side.imported);
        lastSqns = side.lastSqns();

        JsonNode status = nodes.get("a1").rest().get("/cluster").json();
        assertThat(status.path("writesAccepted").asBoolean()).as("site-a, the tie-breaker, writes").isTrue();
        for (String name : SITE_B) {
            JsonNode member = member(status, "hss-" + name);
            assertThat(member.path("online").asBoolean()).isFalse();
            assertThat(member.path("site").asText()).isEqualTo("site-b");
            assertThat(member.path("writesAccepted").asBoolean()).isFalse();
        }
        for (String name : SITE_A) {
            assertThat(member(status, "hss-" + name).path("writesAccepted").asBoolean()).isTrue();
        }
        assertEverythingThrough(SITE_A, "site-a after the loss of site-b");

        for (String name : SITE_B) {
            nodes.get(name).start();
        }
        for (String name : SITE_B) {
            nodes.get(name).awaitReady(START_TIMEOUT);
        }
        awaitRebalanced();
        assertEachSiteHoldsACopyOfEverything();
        for (String name : SITE_B) {
            peers.put(name, peer(name));
        }
        assertEverythingThrough(SITE_B, "site-b after its restart");
    }

    @Test
    @Order(2)
    void siteBAloneServesReadsAndRefusesWritesUntilSiteAIsBack() throws Exception {
        for (String name : SITE_A) {
            peers.remove(name).close();
            nodes.get(name).kill();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (nodes.get("b1").rest().get("/cluster").json().path("writesAccepted").asBoolean()) {
            assertThat(System.nanoTime()).as("B1 still accepts writes").isLessThan(deadline);
            Thread.sleep(100);
        }
        Map<Integer, String> located = CxTraffic.locate(List.of(peers.get("b1"), peers.get("b2")), PREFIX, 0,
                LOADED, WINDOW);
        long served = registered.stream().filter(user -> CxTraffic.SCSCF.equals(located.get(user))).count();
        log("site-b alone: LIR of %d users, %d registered users answered with their S-CSCF", LOADED, served);
        assertThat(served).as("registrations read from site-b's copies").isEqualTo(registered.size());

        Map<String, Integer> refused = new TreeMap<>();
        for (String name : SITE_B) {
            Answer sar = peers.get(name).send(Command.SAR, sarBody(SPARE));
            Answer mar = peers.get(name).send(Command.MAR, SiteLoad.marBody(PREFIX, LOADED));
            for (Answer answer : List.of(sar, mar)) {
                assertThat(CxTraffic.result(answer)).contains(ResultCode.DIAMETER_TOO_BUSY);
                assertThat(answer.isError()).as("3004 is a protocol error: E bit").isTrue();
                refused.merge("3004", 1, Integer::sum);
            }
            RestClient.Reply post = nodes.get(name).rest().post("/subscribers", Subscribers.line("nw", 1));
            assertThat(post.status()).as("REST write through " + name).isEqualTo(503);
            refused.merge("HTTP 503", 1, Integer::sum);
        }
        log("site-b alone refused writes: %s", refused);

        for (String name : SITE_A) {
            nodes.get(name).start();
        }
        for (String name : SITE_A) {
            nodes.get(name).awaitReady(START_TIMEOUT);
        }
        awaitRebalanced();
        assertThat(nodes.get("b1").rest().get("/cluster").json().path("writesAccepted").asBoolean()).isTrue();
        Answer sar = peers.get("b1").send(Command.SAR, sarBody(SPARE));
        assertThat(CxTraffic.result(sar)).as("SAR through B1 with site-a back").contains(ResultCode.DIAMETER_SUCCESS);
        Answer mar = peers.get("b2").send(Command.MAR, SiteLoad.marBody(PREFIX, LOADED));
        assertThat(CxTraffic.result(mar)).contains(ResultCode.DIAMETER_SUCCESS);
        assertThat(SiteLoad.sqnOf(mar, LOADED)).as("SQN after the refusals").isGreaterThan(lastSqns.get(LOADED));
    }

    // ---- checks ---------------------------------------------------------------------------------------------

    /**
     * Every subscriber (the initial ones and every acknowledged import) exported; a LIR per loaded user answers
     * with the S-CSCF for every acknowledged registration; each AKA user's next SQN is above every one handed out.
     */
    private static void assertEverythingThrough(List<String> through, String when) throws Exception {
        RestClient rest = nodes.get(through.get(0)).rest();
        Set<String> ids = exported(rest, PREFIX);
        assertThat(ids).as("subscribers exported " + when).hasSize(SUBSCRIBERS);
        Set<String> importedIds = exported(rest, IMPORT_PREFIX);
        assertThat(importedIds).as("acknowledged imports " + when).containsAll(imported);
        List<DiameterTestPeer> via = through.stream().map(peers::get).toList();
        Map<Integer, String> located = CxTraffic.locate(via, PREFIX, 0, LOADED, WINDOW);
        long lost = registered.stream().filter(user -> !CxTraffic.SCSCF.equals(located.get(user))).count();
        assertThat(located.values()).as("LIR answers " + when).doesNotContain("timeout");
        assertThat(lost).as("acknowledged registrations lost " + when).isZero();
        int sqnsChecked = 0;
        for (Map.Entry<Integer, Long> last : lastSqns.entrySet()) {
            Answer answer = via.get(sqnsChecked % via.size()).send(Command.MAR,
                    SiteLoad.marBody(PREFIX, last.getKey()));
            assertThat(CxTraffic.result(answer)).contains(ResultCode.DIAMETER_SUCCESS);
            long next = SiteLoad.sqnOf(answer, last.getKey());
            assertThat(next).as("next SQN of user %d %s", last.getKey(), when).isGreaterThan(last.getValue());
            lastSqns.put(last.getKey(), next);
            sqnsChecked++;
        }
        log("%s: %d subscribers and %d imported exported, %d acknowledged registrations answered, %d SQNs above the"
                + " last", when, ids.size(), importedIds.size(), registered.size(), sqnsChecked);
    }

    /** With every node up and rebalanced, the nodes of each site hold one copy of every entry between them. */
    private static void assertEachSiteHoldsACopyOfEverything() throws Exception {
        long primaries = 0;
        Map<String, Long> perSite = new TreeMap<>();
        for (Map.Entry<String, HssProcess> node : nodes.entrySet()) {
            JsonNode status = node.getValue().rest().get("/cluster").json();
            primaries += status.path("localPrimaryEntries").asLong();
            perSite.merge(node.getKey().substring(0, 1), status.path("localPrimaryEntries").asLong()
                    + status.path("localBackupEntries").asLong(), Long::sum);
        }
        log("entries: %d primary copies, held per site %s", primaries, perSite);
        assertThat(perSite).as("copies per site").containsOnly(Map.entry("a", primaries), Map.entry("b", primaries));
    }

    private static Set<String> exported(RestClient rest, String prefix) throws Exception {
        RestClient.Reply export = rest.get("/subscribers/export?prefix=" + prefix);
        assertThat(export.status()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : export.body().split("\n")) {
            if (!line.isBlank()) {
                ids.add(json.readTree(line).path("id").asText());
            }
        }
        return ids;
    }

    private static JsonNode member(JsonNode status, String consistentId) {
        for (JsonNode member : status.path("nodes")) {
            if (consistentId.equals(member.path("consistentId").asText())) {
                return member;
            }
        }
        throw new AssertionError(consistentId + " not in " + status);
    }

    /** Until every node sees all four and none is loading partitions from another. */
    private static void awaitRebalanced() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        long started = System.nanoTime();
        while (true) {
            int moving = 0;
            boolean complete = true;
            for (HssProcess node : nodes.values()) {
                JsonNode status = node.rest().get("/cluster").json();
                moving += status.path("localRebalancingPartitions").asInt();
                complete &= status.path("nodes").size() == nodes.size()
                        && status.path("writesAccepted").asBoolean();
            }
            if (complete && moving == 0) {
                log("all four nodes up and no partition moving after %.1f s", seconds(started));
                return;
            }
            assertThat(System.nanoTime()).as("rebalancing still under way").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private static java.util.function.Consumer<org.jdiameter.api.AvpSet> sarBody(int user) {
        return avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, Subscribers.impi(PREFIX, user));
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, Subscribers.impu(PREFIX, user));
            Avps.addUtf8(avps, Avp.SERVER_NAME, CxTraffic.SCSCF);
            Avps.addEnumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue("REGISTRATION"));
            Avps.addEnumerated(avps, Avp.USER_DATA_ALREADY_AVAILABLE, 1);
        };
    }

    private static DiameterTestPeer peer(String name) throws Exception {
        return DiameterTestPeer.connect("scscf1.ims.example.org", TestHss.REALM, TestHss.freePort(),
                "hss-" + name + ".ims.example.org", nodes.get(name).ports().diameter());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[two-sites] " + format + "%n", args);
    }
}
