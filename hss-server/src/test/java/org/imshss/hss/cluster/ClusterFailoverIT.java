package org.imshss.hss.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three HSS JVMs started from {@code ops/conf/cluster/node-*.properties}, persistent, one backup. In order: bulk
 * provisioning through A; Cx registrations through A and B while C is killed with SIGKILL (every subscriber and every
 * acknowledged registration checked afterwards, failures bounded by what was in flight); C restarted, back in the
 * cluster and rebalanced; concurrent MARs and SARs for one user through two nodes; Sh repository data written
 * through one node and read through another; then the whole cluster stopped and started again with everything
 * back. The phases share the cluster, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {

    private static final String PREFIX = "cl";
    private static final int SUBSCRIBERS = Integer.getInteger("cluster.subscribers", 10_000);
    /** The last users are kept out of the load for the race tests. */
    private static final int RACE_USERS = 50;
    private static final int LOADED = SUBSCRIBERS - RACE_USERS - 1;
    /** The user whose SQN two nodes race for. */
    private static final int SQN_USER = SUBSCRIBERS - 1;
    private static final int SH_USERS = 100;
    private static final int WINDOW = 16;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int IMPORT_BATCH = 1_000;

    private static Path work;
    private static final Map<String, HssProcess> nodes = new TreeMap<>();
    private static final Map<String, DiameterTestPeer> peers = new HashMap<>();

    /** What the later phases check again after the whole cluster restarted. */
    private static final Set<Integer> registered = new HashSet<>();
    private static final Map<Integer, String> raceWinners = new HashMap<>();
    private static long lastSqn;

    @BeforeAll
    static void startCluster() throws Exception {
        work = Files.createDirectories(HssProcess.ROOT.resolve("hss-server/target/cluster-it/failover"));
        deleteTree(work);
        Files.createDirectories(work);
        Map<String, HssProcess.Ports> ports = new TreeMap<>();
        for (String name : List.of("a", "b", "c")) {
            ports.put(name, HssProcess.Ports.free());
        }
        StringBuilder discovery = new StringBuilder();
        ports.values().forEach(p -> discovery.append(discovery.isEmpty() ? "" : ",").append("127.0.0.1:")
                .append(p.discovery()));
        for (String name : ports.keySet()) {
            nodes.put(name, new HssProcess("hss-" + name, HssProcess.ROOT.resolve("ops/conf/cluster/node-" + name
                    + ".properties"), ports.get(name), Map.of(
                            "grid.discovery-addresses", discovery.toString(),
                            "grid.work-directory", work.resolve("hss-" + name).toString(),
                            "grid.data-region-max-mb", "128",
                            "grid.wal-segment-size-mb", "8",
                            "grid.decoded-cache-entries", "20000"),
                    work.resolve("hss-" + name + ".log")));
        }
        nodes.get("a").start("--seed", HssProcess.ROOT.resolve("ops/conf/cluster/service-data.json").toString());
        nodes.get("b").start();
        nodes.get("c").start();
        for (HssProcess node : nodes.values()) {
            JsonNode status = node.awaitReady(START_TIMEOUT);
            assertThat(status.path("nodes").size()).as("nodes seen by " + node.name()).isEqualTo(3);
        }
        connectPeers();
        long started = System.nanoTime();
        Map<String, Integer> results = importSubscribers(nodes.get("a").rest(), 0, SUBSCRIBERS);
        log("imported %d subscribers through A in %.1f s: %s", SUBSCRIBERS, seconds(started), results);
        assertThat(results).containsExactly(Map.entry("created", SUBSCRIBERS));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        closePeers();
        for (HssProcess node : nodes.values()) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void killingANodeUnderCxLoadLosesNoSubscriberAndNoRegistration() throws Exception {
        AtomicInteger progress = new AtomicInteger();
        CompletableFuture<CxTraffic.Registrations> load = CompletableFuture.supplyAsync(() -> {
            try {
                return CxTraffic.register(List.of(peers.get("a"), peers.get("b")), PREFIX, 0, LOADED, WINDOW,
                        progress);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long started = System.nanoTime();
        while (progress.get() < LOADED / 3 && !load.isDone()) {
            Thread.sleep(20);
        }
        int doneAtKill = progress.get();
        nodes.get("c").kill();
        long killedAt = System.nanoTime();
        log("killed C (SIGKILL) after %d of %d registrations, %.1f s into the load", doneAtKill, LOADED,
                seconds(started));
        CxTraffic.Registrations outcome = load.get(10, TimeUnit.MINUTES);
        log("registrations: %d attempted, %d acknowledged, %d failed %s; %.1f s in all, %.1f s after the kill",
                outcome.attempted(), outcome.registered().size(), outcome.failed(), outcome.failures(),
                seconds(started), seconds(killedAt));
        // Only requests in flight when C went away may fail: at most one user per window slot on A and B.
        assertThat(outcome.failed()).as("failed registrations").isLessThanOrEqualTo(2 * WINDOW);
        assertThat(outcome.registered().size() + outcome.failed()).isEqualTo(LOADED);
        registered.addAll(outcome.registered());

        assertEverySubscriberAndRegistration(List.of("a", "b"), "after the kill of C");

        nodes.get("c").start();
        nodes.get("c").awaitReady(START_TIMEOUT);
        awaitRebalanced();
        JsonNode c = nodes.get("c").rest().get("/cluster").json();
        long held = c.path("localPrimaryEntries").asLong() + c.path("localBackupEntries").asLong();
        log("C back: %d primary and %d backup entries of subscriber caches", c.path("localPrimaryEntries").asLong(),
                c.path("localBackupEntries").asLong());
        // With one backup each of the three nodes holds about two thirds of all copies.
        assertThat(held).as("entries held by C after rebalancing").isGreaterThan(totalEntries() / 2);
        peers.put("c", peer("c"));
        assertEverySubscriberAndRegistration(List.of("c"), "through C after its restart");
    }

    @Test
    @Order(2)
    void concurrentAuthenticationsThroughTwoNodesGetDistinctIncreasingSequenceNumbers() throws Exception {
        int perNode = 150;
        List<CompletableFuture<List<Long>>> runs = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            DiameterTestPeer peer = peers.get(name);
            runs.add(CompletableFuture.supplyAsync(() -> {
                List<Long> sqns = new ArrayList<>();
                for (int i = 0; i < perNode; i++) {
                    sqns.add(akaSqn(peer, SQN_USER));
                }
                return sqns;
            }));
        }
        Set<Long> all = new HashSet<>();
        for (CompletableFuture<List<Long>> run : runs) {
            List<Long> sqns = run.get(5, TimeUnit.MINUTES);
            for (int i = 1; i < sqns.size(); i++) {
                assertThat(sqns.get(i)).as("SQN %d of one node's sequence", i).isGreaterThan(sqns.get(i - 1));
            }
            all.addAll(sqns);
        }
        assertThat(all).as("distinct SQNs of both nodes").hasSize(2 * perNode);
        lastSqn = all.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    @Test
    @Order(3)
    void twoScscfsRegisteringOneUserThroughTwoNodesHaveExactlyOneWinner() throws Exception {
        DiameterTestPeer second = DiameterTestPeer.connect("scscf2.ims.example.org", TestHss.REALM,
                TestHss.freePort(), "hss-b.ims.example.org", nodes.get("b").ports().diameter());
        try {
            for (int user = LOADED; user < LOADED + RACE_USERS; user++) {
                CompletableFuture<Answer> one = sar(peers.get("a"), user, CxTraffic.SCSCF);
                CompletableFuture<Answer> two = sar(second, user, "sip:scscf2.ims.example.org:6060");
                ResultCode first = CxTraffic.result(one.get(30, TimeUnit.SECONDS)).orElseThrow();
                ResultCode other = CxTraffic.result(two.get(30, TimeUnit.SECONDS)).orElseThrow();
                assertThat(List.of(first, other)).as("user %d", user).containsExactlyInAnyOrder(
                        ResultCode.DIAMETER_SUCCESS, ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED);
                raceWinners.put(user, first == ResultCode.DIAMETER_SUCCESS ? CxTraffic.SCSCF
                        : "sip:scscf2.ims.example.org:6060");
            }
        } finally {
            second.close();
        }
        Map<Integer, String> located = CxTraffic.locate(List.of(peers.get("c")), PREFIX, LOADED,
                LOADED + RACE_USERS, WINDOW);
        assertThat(located).isEqualTo(raceWinners);
        log("SAR races: %d users, winners %s", RACE_USERS, count(raceWinners.values()));
    }

    @Test
    @Order(4)
    void shRepositoryDataWrittenThroughOneNodeIsReadThroughAnother() throws Exception {
        try (DiameterTestPeer asOnB = asPeer("b")) {
            for (int i = 0; i < SH_USERS; i++) {
                Answer answer = asOnB.send(Command.PUR, purBody(i));
                assertThat(CxTraffic.result(answer)).as("PUR %d", i).contains(ResultCode.DIAMETER_SUCCESS);
            }
        }
        assertRepositoryData("c");
    }

    @Test
    @Order(5)
    void theWholeClusterStoppedAndStartedAgainHasEverythingBack() throws Exception {
        closePeers();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (HssProcess node : nodes.values()) {
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    node.stop();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Void> stop : stops) {
            stop.get(3, TimeUnit.MINUTES);
        }
        long started = System.nanoTime();
        for (HssProcess node : nodes.values()) {
            node.start();
        }
        for (HssProcess node : nodes.values()) {
            node.awaitReady(START_TIMEOUT);
        }
        log("whole cluster stopped and started again, active after %.1f s", seconds(started));
        connectPeers();
        peers.put("c", peer("c"));
        assertEverySubscriberAndRegistration(List.of("a", "b", "c"), "after the whole cluster restarted");
        Map<Integer, String> located = CxTraffic.locate(List.of(peers.get("b")), PREFIX, LOADED,
                LOADED + RACE_USERS, WINDOW);
        assertThat(located).as("race winners after the restart").isEqualTo(raceWinners);
        long sqn = akaSqn(peers.get("c"), SQN_USER);
        assertThat(sqn).as("SQN after the restart").isGreaterThan(lastSqn);
        assertRepositoryData("a");
    }

    /**
     * A fourth node joins the active cluster: it serves Diameter at once but holds no data until an administrator
     * makes it part of the baseline ({@code hssctl cluster baseline}); then partitions move to it.
     */
    @Test
    @Order(6)
    void aNewNodeHoldsDataOnlyOnceTheAdministratorAddsItToTheBaseline() throws Exception {
        StringBuilder discovery = new StringBuilder();
        nodes.values().forEach(n -> discovery.append("127.0.0.1:").append(n.ports().discovery()).append(','));
        HssProcess.Ports ports = HssProcess.Ports.free();
        discovery.append("127.0.0.1:").append(ports.discovery());
        HssProcess d = new HssProcess("hss-d", HssProcess.ROOT.resolve("ops/conf/cluster/node-c.properties"), ports,
                Map.of("grid.instance-name", "hss-d",
                        "diameter.identity", "hss-d.ims.example.org",
                        "grid.discovery-addresses", discovery.toString(),
                        "grid.work-directory", work.resolve("hss-d").toString(),
                        "grid.data-region-max-mb", "128",
                        "grid.wal-segment-size-mb", "8",
                        "grid.decoded-cache-entries", "20000"),
                work.resolve("hss-d.log"));
        nodes.put("d", d);
        d.start();
        JsonNode joined = d.awaitReady(START_TIMEOUT);
        assertThat(joined.path("nodes").size()).isEqualTo(4);
        assertThat(member(joined, "hss-d").path("inBaseline").asBoolean()).as("D in the baseline on joining").isFalse();
        assertThat(joined.path("localPrimaryEntries").asLong() + joined.path("localBackupEntries").asLong())
                .as("entries held by D outside the baseline").isZero();
        peers.put("d", peer("d"));
        Map<Integer, String> beforeBaseline = CxTraffic.locate(List.of(peers.get("d")), PREFIX, 0, 200, WINDOW);
        assertThat(beforeBaseline).as("D answers Cx from the others' data").hasSize(200).doesNotContainValue("timeout");

        String output = hssctl(d, "cluster", "baseline");
        JsonNode set = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output);
        assertThat(member(set, "hss-d").path("inBaseline").asBoolean()).as("D in the baseline after hssctl").isTrue();
        awaitRebalanced();
        JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(hssctl(d, "cluster", "status"));
        long held = status.path("localPrimaryEntries").asLong() + status.path("localBackupEntries").asLong();
        log("D in the baseline: %d primary and %d backup entries", status.path("localPrimaryEntries").asLong(),
                status.path("localBackupEntries").asLong());
        assertThat(held).as("entries held by D after rebalancing").isGreaterThan(totalEntries() / 4);
        assertEverySubscriberAndRegistration(List.of("d"), "through D in the baseline");
        JsonNode audit = nodes.get("a").rest().get("/audit?object=baseline").json();
        assertThat(audit.path("items").size()).as("baseline changes audited").isEqualTo(1);
    }

    // ---- checks ---------------------------------------------------------------------------------------------

    private static JsonNode member(JsonNode status, String consistentId) {
        for (JsonNode member : status.path("nodes")) {
            if (consistentId.equals(member.path("consistentId").asText())) {
                return member;
            }
        }
        throw new AssertionError(consistentId + " not in " + status);
    }

    /** Runs {@code ops/bin/hssctl} against a node; its standard output. */
    private static String hssctl(HssProcess node, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", HssProcess.ROOT.resolve("ops/bin/hssctl").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("HSSCTL_URL", "http://127.0.0.1:" + node.ports().rest() + "/api/v1");
        builder.environment().put("HSSCTL_TOKEN", HssProcess.ADMIN_TOKEN);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("hssctl " + String.join(" ", arguments)).isZero();
        return output;
    }

    /**
     * Every provisioned subscriber is exported, and answers a LIR: with the S-CSCF for every acknowledged
     * registration, never "user unknown" for anyone.
     */
    private static void assertEverySubscriberAndRegistration(List<String> through, String when) throws Exception {
        long started = System.nanoTime();
        RestClient.Reply export = nodes.get(through.get(0)).rest().get("/subscribers/export?prefix=" + PREFIX);
        assertThat(export.status()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (String line : export.body().split("\n")) {
            if (!line.isBlank()) {
                ids.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("id").asText());
            }
        }
        assertThat(ids).as("subscribers exported " + when).hasSize(SUBSCRIBERS);
        List<DiameterTestPeer> via = new ArrayList<>();
        through.forEach(name -> via.add(peers.get(name)));
        Map<Integer, String> located = CxTraffic.locate(via, PREFIX, 0, LOADED, WINDOW);
        Map<String, Integer> summary = new TreeMap<>();
        int registrationsLost = 0;
        for (int i = 0; i < LOADED; i++) {
            String answer = located.get(i);
            String kind = answer.startsWith("result:") || answer.equals("timeout") ? answer
                    : answer.isEmpty() ? "no S-CSCF" : "registered";
            summary.merge(kind, 1, Integer::sum);
            if (registered.contains(i) && !CxTraffic.SCSCF.equals(answer)) {
                registrationsLost++;
            }
        }
        log("%s: %d subscribers exported, LIR of %d users in %.1f s: %s", when, ids.size(), LOADED,
                seconds(started), summary);
        assertThat(summary).as("LIR answers " + when).doesNotContainKeys("timeout",
                "result:" + ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(registrationsLost).as("acknowledged registrations lost " + when).isZero();
        assertThat(summary.getOrDefault("registered", 0)).isGreaterThanOrEqualTo(registered.size());
    }

    private static void assertRepositoryData(String through) throws Exception {
        try (DiameterTestPeer as = asPeer(through)) {
            for (int i = 0; i < SH_USERS; i++) {
                int user = i;
                Answer answer = as.send(Command.UDR, avps -> {
                    userIdentity(avps, Subscribers.impu(PREFIX, user));
                    Avps.addOctets(avps, Avp.SERVICE_INDICATION, "cluster-test".getBytes(StandardCharsets.UTF_8));
                    Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("RepositoryData"));
                });
                assertThat(CxTraffic.result(answer)).as("UDA %d", i).contains(ResultCode.DIAMETER_SUCCESS);
                assertThat(Avps.utf8(answer.getAvps(), Avp.USER_DATA_SH).orElseThrow())
                        .contains("<SequenceNumber>0</SequenceNumber>")
                        .contains("<note>value of user " + i + "</note>");
            }
        }
    }

    private static long totalEntries() throws Exception {
        long total = 0;
        for (HssProcess node : nodes.values()) {
            total += node.rest().get("/cluster").json().path("localPrimaryEntries").asLong();
        }
        return total;
    }

    /** Until no node is loading partitions from another any more. */
    private static void awaitRebalanced() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        long started = System.nanoTime();
        while (true) {
            int moving = 0;
            for (HssProcess node : nodes.values()) {
                JsonNode status = node.rest().get("/cluster").json();
                moving += status.path("localRebalancingPartitions").asInt();
                assertThat(status.path("nodes").size()).isEqualTo(nodes.size());
            }
            if (moving == 0) {
                log("no partition moving any more after %.1f s", seconds(started));
                return;
            }
            assertThat(System.nanoTime()).as("rebalancing still under way").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    // ---- requests -------------------------------------------------------------------------------------------

    private static long akaSqn(DiameterTestPeer peer, int user) {
        try {
            Answer answer = peer.send(Command.MAR, avps -> {
                Avps.addUtf8(avps, Avp.USER_NAME, Subscribers.impi(PREFIX, user));
                Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, Subscribers.impu(PREFIX, user));
                AvpSet item = Avps.addGrouped(avps, Avp.SIP_AUTH_DATA_ITEM);
                Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "Digest-AKAv1-MD5");
                Avps.addUnsigned32(avps, Avp.SIP_NUMBER_AUTH_ITEMS, 1);
                Avps.addUtf8(avps, Avp.SERVER_NAME, CxTraffic.SCSCF);
            });
            assertThat(CxTraffic.result(answer)).contains(ResultCode.DIAMETER_SUCCESS);
            List<AvpSet> items = Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
            assertThat(items).hasSize(1);
            return AkaItems.verify(Subscribers.milenage(user), items.get(0), "Digest-AKAv1-MD5",
                    new byte[] {(byte) 0x80, 0});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<Answer> sar(DiameterTestPeer peer, int user, String serverName)
            throws Exception {
        return peer.sendAsync(Command.SAR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, Subscribers.impi(PREFIX, user));
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, Subscribers.impu(PREFIX, user));
            Avps.addUtf8(avps, Avp.SERVER_NAME, serverName);
            Avps.addEnumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue("REGISTRATION"));
            Avps.addEnumerated(avps, Avp.USER_DATA_ALREADY_AVAILABLE, 1);
        });
    }

    private static java.util.function.Consumer<AvpSet> purBody(int user) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data><RepositoryData>"
                + "<ServiceIndication>cluster-test</ServiceIndication><SequenceNumber>0</SequenceNumber>"
                + "<ServiceData><note>value of user " + user + "</note></ServiceData></RepositoryData></Sh-Data>";
        return avps -> {
            userIdentity(avps, Subscribers.impu(PREFIX, user));
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("RepositoryData"));
            Avps.addOctets(avps, Avp.USER_DATA_SH, xml.getBytes(StandardCharsets.UTF_8));
        };
    }

    private static void userIdentity(AvpSet avps, String identity) {
        AvpSet user = Avps.addGrouped(avps, Avp.USER_IDENTITY);
        Avps.addUtf8(user, Avp.PUBLIC_IDENTITY, identity);
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    static Map<String, Integer> importSubscribers(RestClient rest, int from, int to) throws Exception {
        return importSubscribers(rest, PREFIX, from, to);
    }

    /**
     * Imports in requests of {@link #IMPORT_BATCH} subscribers, as a provisioning system sends a large load: one
     * request of all of them would have to finish within the client's timeout on however busy a machine.
     */
    static Map<String, Integer> importSubscribers(RestClient rest, String prefix, int from, int to) throws Exception {
        Map<String, Integer> results = new TreeMap<>();
        for (int batch = from; batch < to; batch += IMPORT_BATCH) {
            RestClient.Reply reply = rest.post("/subscribers/import", "application/x-ndjson",
                    Subscribers.ndjson(prefix, batch, Math.min(to, batch + IMPORT_BATCH)));
            assertThat(reply.status()).isEqualTo(200);
            for (String line : reply.body().split("\n")) {
                if (!line.isBlank()) {
                    results.merge(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("result")
                            .asText(), 1, Integer::sum);
                }
            }
        }
        return results;
    }

    private static DiameterTestPeer peer(String name) throws Exception {
        return DiameterTestPeer.connect("scscf1.ims.example.org", TestHss.REALM, TestHss.freePort(),
                "hss-" + name + ".ims.example.org", nodes.get(name).ports().diameter());
    }

    private static DiameterTestPeer asPeer(String name) throws Exception {
        return DiameterTestPeer.connect(Application.SH, "as.ims.example.org", TestHss.REALM, TestHss.freePort(),
                "hss-" + name + ".ims.example.org", nodes.get(name).ports().diameter());
    }

    private static void connectPeers() throws Exception {
        peers.put("a", peer("a"));
        peers.put("b", peer("b"));
    }

    private static void closePeers() {
        peers.values().forEach(DiameterTestPeer::close);
        peers.clear();
    }

    private static Map<String, Integer> count(Iterable<String> values) {
        Map<String, Integer> counts = new TreeMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[cluster] " + format + "%n", args);
    }

    static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
