package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a read costs when this node holds the key (primary or backup: reads from backups are on) and when it holds
 * no copy, three nodes with one backup each in this JVM (the messages still go over loopback TCP and are
 * marshalled). Prints the figures docs/BENCHMARKS.md quotes; asserts only that both kinds of key were read.
 */
class RemoteReadCostTest {

    /** Free ports, not a fixed range: fixed ports in the ephemeral range were once taken by another socket. */
    private static final int[] DISCOVERY_PORTS = {TestGrid.freePort(), TestGrid.freePort(), TestGrid.freePort()};
    private static final List<String> DISCOVERY = java.util.Arrays.stream(DISCOVERY_PORTS)
            .mapToObj(port -> "127.0.0.1:" + port).toList();
    private static final int KEYS = 2_000;
    private static final int ROUNDS = 5;

    @TempDir
    static Path work;

    private static final List<GridNode> nodes = new ArrayList<>();
    private static IgniteSubscriberStore reader;

    @BeforeAll
    static void start() {
        for (int i = 0; i < 3; i++) {
            nodes.add(GridNode.start(TestGrid.member("read-cost-" + i, DISCOVERY_PORTS[i], TestGrid.freePort(),
                    work.resolve("n" + i), DISCOVERY).withBackups(1)));
        }
        reader = new IgniteSubscriberStore(nodes.get(0).ignite());
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.close();
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    @Test
    void aReadOfAKeyHeldElsewhereCostsANetworkRoundTrip() {
        IgniteSubscriberStore writer = new IgniteSubscriberStore(nodes.get(1).ignite());
        Ignite local = nodes.get(0).ignite();
        List<String> here = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        Affinity<String> affinity = local.affinity(CacheNames.REGISTRATIONS);
        ClusterNode self = local.cluster().localNode();
        for (int i = 0; here.size() < KEYS || elsewhere.size() < KEYS; i++) {
            String key = "cost-" + i;
            List<String> target = affinity.isPrimaryOrBackup(self, key) ? here : elsewhere;
            if (target.size() < KEYS) {
                target.add(key);
                writer.putSubscription(Samples.subscription(key));
                writer.updateRegistration(key, new TestUpdates.AssignIfFree("sip:scscf-cost"));
            }
        }
        IgniteCache<String, byte[]> registrations = local.cache(CacheNames.REGISTRATIONS);
        double registrationHere = best(() -> here.forEach(reader::registration));
        double registrationElsewhere = best(() -> elsewhere.forEach(reader::registration));
        double subscriptionHere = best(() -> here.forEach(reader::subscription));
        double subscriptionElsewhere = best(() -> elsewhere.forEach(reader::subscription));
        double rawHere = best(() -> here.forEach(registrations::get));
        double rawElsewhere = best(() -> elsewhere.forEach(registrations::get));
        System.out.printf("read cost, one thread, best of %d rounds of %d keys (us/op):%n", ROUNDS, KEYS);
        System.out.printf("  registration (always from the grid):  held here %.1f, held elsewhere %.1f%n",
                registrationHere, registrationElsewhere);
        System.out.printf("  cache get, codec bytes only:          held here %.1f, held elsewhere %.1f%n",
                rawHere, rawElsewhere);
        System.out.printf("  subscription (decoded copy on heap):  held here %.1f, held elsewhere %.1f%n",
                subscriptionHere, subscriptionElsewhere);
        assertThat(reader.registration(elsewhere.get(0)).scscfName()).isEqualTo("sip:scscf-cost");
        assertThat(reader.registration(here.get(0)).scscfName()).isEqualTo("sip:scscf-cost");
        writer.close();
    }

    private static double best(Runnable round) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            round.run();
            best = Math.min(best, (System.nanoTime() - start) / 1_000.0 / KEYS);
        }
        return best;
    }
}
