package org.imshss.hss.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four nodes of {@code ops/conf/two-sites}, site-a and site-b each in a network namespace of its own, joined by a
 * veth pair. Two S-CSCFs register the same users, one through each site, and both sites hand out SQNs for the same
 * users, while the link is cut and restored: site-a (the tie-breaker site) goes on writing, site-b answers writes
 * with 3004; site-b then rejoins as documented (restarted with its data directories emptied) and everything is
 * checked: no user with two S-CSCFs, no SQN handed out twice, every acknowledged write there. Needs root (it makes
 * the namespaces, and removes them at the end); skipped otherwise.
 */
class SiteCutIT {

    private static final String PREFIX = "ct";
    private static final int SUBSCRIBERS = 1_000;
    private static final int AKA_USERS = 10;
    private static final int RACE_USERS = SUBSCRIBERS - AKA_USERS;
    private static final String SCSCF_B = "sip:scscf2.ims.example.org:6060";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static SiteNetwork net;
    private static Path work;
    private static final Map<String, HssProcess> nodes = new TreeMap<>();
    private static final Map<String, DiameterTestPeer> peers = new TreeMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(SiteNetwork.available(), "SiteCutIT needs root and iproute2 (ip netns) to cut a link between two"
                + " network namespaces: skipped");
        net = new SiteNetwork();
        net.create();
        work = Files.createDirectories(HssProcess.ROOT.resolve("hss-server/target/cluster-it/site-cut"));
        ClusterFailoverIT.deleteTree(work);
        Files.createDirectories(work);
        Map<String, HssProcess.Ports> ports = new TreeMap<>();
        for (String name : List.of("a1", "a2", "b1", "b2")) {
            ports.put(name, HssProcess.Ports.free());
        }
        StringBuilder discovery = new StringBuilder();
        ports.forEach((name, p) -> discovery.append(discovery.isEmpty() ? "" : ",")
                .append(net.siteAddress(site(name))).append(':').append(p.discovery()));
        for (String name : ports.keySet()) {
            String site = site(name);
            nodes.put(name, new HssProcess("hss-" + name, HssProcess.ROOT.resolve("ops/conf/two-sites/node-" + name
                    + ".properties"), ports.get(name), Map.of(
                            "grid.bind-address", net.siteAddress(site),
                            "diameter.bind-address", net.hostAddress(site),
                            "rest.bind-address", net.hostAddress(site),
                            "grid.discovery-addresses", discovery.toString(),
                            "grid.work-directory", work.resolve("hss-" + name).toString(),
                            "grid.data-region-max-mb", "128",
                            "grid.wal-segment-size-mb", "8"),
                    work.resolve("hss-" + name + ".log")).inNamespace(net.namespace(site), net.hostAddress(site)));
        }
        nodes.get("a1").start("--seed", HssProcess.ROOT.resolve("ops/conf/cluster/service-data.json").toString());
        for (String name : List.of("a2", "b1", "b2")) {
            nodes.get(name).start();
        }
        for (HssProcess node : nodes.values()) {
            assertThat(node.awaitReady(START_TIMEOUT).path("nodes").size()).isEqualTo(4);
        }
        assertThat(ClusterFailoverIT.importSubscribers(nodes.get("a1").rest(), PREFIX, 0, SUBSCRIBERS))
                .containsExactly(Map.entry("created", SUBSCRIBERS));
        for (String name : nodes.keySet()) {
            peers.put(name, peer(name, name.startsWith("a") ? "scscf1" : "scscf2"));
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        peers.values().forEach(DiameterTestPeer::close);
        for (HssProcess node : nodes.values()) {
            node.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void aCutLetsOnlyTheTieBreakerSiteWriteAndTheSitesComeTogetherConsistent() throws Exception {
        Map<Integer, List<String>> registrations = new ConcurrentHashMap<>();
        Map<String, Integer> results = new ConcurrentHashMap<>();
        Map<Integer, List<Long>> sqns = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (String name : List.of("a1", "b1")) {
            String scscf = name.startsWith("a") ? CxTraffic.SCSCF : SCSCF_B;
            load.add(pool.submit(() -> race(peers.get(name), scscf, name, stop, registrations, results)));
        }
        for (String name : List.of("a2", "b2")) {
            load.add(pool.submit(() -> aka(peers.get(name), name, stop, sqns, results)));
        }
        awaitResults(results, 200);
        net.cut();
        long cutAt = System.nanoTime();
        log("cut the link between the sites; results so far %s", new TreeMap<>(results));
        awaitWrites("b1", false);
        awaitWrites("a1", true);
        log("site-b refuses writes, site-a accepts them, %.1f s after the cut", seconds(cutAt));
        int before = results.getOrDefault("a1 SAR DIAMETER_SUCCESS", 0);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (results.getOrDefault("a1 SAR DIAMETER_SUCCESS", 0) < before + 100) {
            assertThat(System.nanoTime()).as("site-a registering during the cut").isLessThan(deadline);
            Thread.sleep(50);
        }
        Map<String, Integer> duringCut = new TreeMap<>(results);
        net.restore();
        log("link restored %.1f s after the cut; results %s", seconds(cutAt), duringCut);
        stop.set(true);
        for (Future<?> lane : load) {
            lane.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(duringCut).as("site-b refused writes with 3004").containsKey("b1 SAR DIAMETER_TOO_BUSY");
        assertThat(duringCut.keySet()).as("answers seen").allMatch(key -> key.endsWith("DIAMETER_SUCCESS")
                || key.endsWith("DIAMETER_TOO_BUSY") || key.endsWith("DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED")
                || key.endsWith("timeout"));

        rejoinSiteB();
        for (String name : List.of("b1", "b2")) {
            peers.put(name, peer(name, "scscf2"));
        }
        assertOneScscfPerUser(registrations);
        assertSqnsHandedOutOnce(sqns);
    }

    /** The documented way back: site-b's nodes stopped, their data directories emptied, started; a full copy. */
    private static void rejoinSiteB() throws Exception {
        long started = System.nanoTime();
        for (String name : List.of("b1", "b2")) {
            peers.remove(name).close();
            nodes.get(name).close();
            ClusterFailoverIT.deleteTree(work.resolve("hss-" + name));
        }
        for (String name : List.of("b1", "b2")) {
            nodes.get(name).start();
        }
        for (String name : List.of("b1", "b2")) {
            nodes.get(name).awaitReady(START_TIMEOUT);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (true) {
            int moving = 0;
            boolean together = true;
            for (HssProcess node : nodes.values()) {
                JsonNode status = node.rest().get("/cluster").json();
                moving += status.path("localRebalancingPartitions").asInt();
                together &= status.path("nodes").size() == 4 && status.path("writesAccepted").asBoolean();
            }
            if (together && moving == 0) {
                break;
            }
            assertThat(System.nanoTime()).as("site-b back and rebalanced").isLessThan(deadline);
            Thread.sleep(250);
        }
        log("site-b rejoined with emptied data directories and rebalanced in %.1f s", seconds(started));
    }

    /** Acknowledged registrations name one S-CSCF per user, and a LIR through every node names that one. */
    private static void assertOneScscfPerUser(Map<Integer, List<String>> registrations) throws Exception {
        for (Map.Entry<Integer, List<String>> user : registrations.entrySet()) {
            assertThat(Set.copyOf(user.getValue())).as("S-CSCFs acknowledged for user %d", user.getKey()).hasSize(1);
        }
        for (String name : nodes.keySet()) {
            Map<Integer, String> located = CxTraffic.locate(List.of(peers.get(name)), PREFIX, 0, RACE_USERS, 8);
            for (Map.Entry<Integer, List<String>> user : registrations.entrySet()) {
                assertThat(located.get(user.getKey())).as("LIR of user %d through %s", user.getKey(), name)
                        .isEqualTo(user.getValue().get(0));
            }
        }
        log("%d users with an acknowledged registration, one S-CSCF each, the same through all four nodes",
                registrations.size());
    }

    /** No SQN of a user acknowledged twice, through either site; the next one above them all. */
    private static void assertSqnsHandedOutOnce(Map<Integer, List<Long>> sqns) throws Exception {
        int total = 0;
        for (Map.Entry<Integer, List<Long>> user : sqns.entrySet()) {
            List<Long> list = user.getValue();
            assertThat(Set.copyOf(list)).as("SQNs of user %d", user.getKey()).hasSize(list.size());
            Answer answer = peers.get("b2").send(Command.MAR, SiteLoad.marBody(PREFIX, user.getKey()));
            assertThat(CxTraffic.result(answer)).contains(ResultCode.DIAMETER_SUCCESS);
            assertThat(SiteLoad.sqnOf(answer, user.getKey())).as("next SQN of user %d", user.getKey())
                    .isGreaterThan(list.stream().mapToLong(Long::longValue).max().orElse(0));
            total += list.size();
        }
        log("%d SQNs acknowledged for %d users through both sites, none twice", total, sqns.size());
    }

    // ---- load -----------------------------------------------------------------------------------------------

    /** One SAR per user in turn through {@code peer}, for {@code scscf}; the other site's S-CSCF races it. */
    private static void race(DiameterTestPeer peer, String scscf, String lane, AtomicBoolean stop,
            Map<Integer, List<String>> registrations, Map<String, Integer> results) {
        for (int user = 0; user < RACE_USERS && !stop.get(); user++) {
            int u = user;
            String outcome = send(peer, Command.SAR, avps -> {
                Avps.addUtf8(avps, Avp.USER_NAME, Subscribers.impi(PREFIX, u));
                Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, Subscribers.impu(PREFIX, u));
                Avps.addUtf8(avps, Avp.SERVER_NAME, scscf);
                Avps.addEnumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE,
                        Avp.SERVER_ASSIGNMENT_TYPE.enumValue("REGISTRATION"));
                Avps.addEnumerated(avps, Avp.USER_DATA_ALREADY_AVAILABLE, 1);
            }, null);
            results.merge(lane + " SAR " + outcome, 1, Integer::sum);
            if (outcome.equals(ResultCode.DIAMETER_SUCCESS.name())) {
                registrations.computeIfAbsent(u, k -> new CopyOnWriteArrayList<>()).add(scscf);
            }
        }
    }

    /** MARs for the AKA users in turn through {@code peer}; both sites ask for the same users' SQNs. */
    private static void aka(DiameterTestPeer peer, String lane, AtomicBoolean stop, Map<Integer, List<Long>> sqns,
            Map<String, Integer> results) {
        for (int round = 0; !stop.get(); round++) {
            int user = RACE_USERS + round % AKA_USERS;
            List<Long> sqn = new ArrayList<>(1);
            String outcome = send(peer, Command.MAR, SiteLoad.marBody(PREFIX, user), answer -> sqn.add(
                    SiteLoad.sqnOf(answer, user)));
            results.merge(lane + " MAR " + outcome, 1, Integer::sum);
            if (!sqn.isEmpty()) {
                sqns.computeIfAbsent(user, k -> new CopyOnWriteArrayList<>()).add(sqn.get(0));
            }
        }
    }

    private static String send(DiameterTestPeer peer, Command command, java.util.function.Consumer<AvpSet> body,
            java.util.function.Consumer<Answer> onSuccess) {
        try {
            Answer answer = peer.send(command, body);
            ResultCode code = CxTraffic.result(answer).orElse(null);
            if (code == ResultCode.DIAMETER_SUCCESS && onSuccess != null) {
                onSuccess.accept(answer);
            }
            return String.valueOf(code);
        } catch (Exception e) {
            return "timeout";
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private static void awaitResults(Map<String, Integer> results, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (results.values().stream().mapToInt(Integer::intValue).sum() < count) {
            assertThat(System.nanoTime()).as("load under way").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitWrites(String name, boolean accepted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (nodes.get(name).rest().get("/cluster").json().path("writesAccepted").asBoolean() != accepted) {
            assertThat(System.nanoTime()).as("%s accepting writes: %s", name, accepted).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static DiameterTestPeer peer(String name, String scscf) throws Exception {
        String site = site(name);
        return DiameterTestPeer.connect(Application.CX, scscf + ".ims.example.org", TestHss.REALM,
                net.testAddress(site), TestHss.freePort(), "hss-" + name + ".ims.example.org", net.hostAddress(site),
                nodes.get(name).ports().diameter());
    }

    private static String site(String name) {
        return name.substring(0, 1);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[site-cut] " + format + "%n", args);
    }
}
