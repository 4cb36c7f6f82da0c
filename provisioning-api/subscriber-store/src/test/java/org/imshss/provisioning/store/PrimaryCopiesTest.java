package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.imshss.provisioning.model.DsaiValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registration and DSAI copies kept on the primary node: served there, dropped by every change whichever node makes it, and
 * never served after the node lost the key and got it back. Two server nodes with a backup each, a third joining and
 * leaving.
 */
class PrimaryCopiesTest {

    private static final int DISCOVERY_A = TestGrid.freePort();
    private static final int DISCOVERY_B = TestGrid.freePort();
    private static final List<String> DISCOVERY = List.of("127.0.0.1:" + DISCOVERY_A, "127.0.0.1:" + DISCOVERY_B);

    @TempDir
    static Path work;

    private static GridNode nodeA;
    private static GridNode nodeB;
    private static IgniteSubscriberStore storeA;
    private static IgniteSubscriberStore storeB;

    @BeforeAll
    static void start() throws InterruptedException {
        nodeA = GridNode.start(member("copies-a", DISCOVERY_A, "a"));
        nodeB = GridNode.start(member("copies-b", DISCOVERY_B, "b"));
        storeA = new IgniteSubscriberStore(nodeA.ignite());
        storeB = new IgniteSubscriberStore(nodeB.ignite());
        TestGrid.awaitRebalanced(nodeA.ignite(), nodeB.ignite());
    }

    @AfterAll
    static void stop() throws Exception {
        storeB.close();
        storeA.close();
        nodeB.close();
        TestGrid.awaitServers(nodeA.ignite(), 1);
        nodeA.close();
    }

    @Test
    void theCopyOnThePrimaryIsDroppedByAChangeFromEitherNode() {
        String key = keysWithPrimary(nodeA.ignite(), "drop-", 1).get(0);
        assertThat(storeA.registration(key).isEmpty()).isTrue();
        assertThat(readUntilKept(storeA, key)).as("an absent registration is kept too").isTrue();
        storeB.updateRegistration(key, new TestUpdates.Increment());
        assertThat(copies(storeA).holds(key)).isFalse();
        assertThat(TestUpdates.counter(storeA.registration(key))).isEqualTo(1);
        storeA.updateRegistration(key, new TestUpdates.Increment());
        assertThat(TestUpdates.counter(storeA.registration(key))).isEqualTo(2);
        assertThat(readUntilKept(storeA, key)).isTrue();
        storeB.removeRegistration(key);
        assertThat(storeA.registration(key).isEmpty()).isTrue();
    }

    /** DSAI values mask the iFCs of every User-Data document: an Sh-Update through one node is seen at once. */
    @Test
    void dsaiValuesChangedThroughTheOtherNodeAreReadAtOnce() {
        List<String> identities = keysWithPrimary(nodeA.ignite(), CacheNames.SH_DSAI_VALUES, "sip:dsai-", 1);
        identities.addAll(keysWithPrimary(nodeB.ignite(), CacheNames.SH_DSAI_VALUES, "sip:dsai-b-", 1));
        String onA = identities.get(0);
        try (IgniteShDataStore shA = new IgniteShDataStore(nodeA.ignite());
                IgniteShDataStore shB = new IgniteShDataStore(nodeB.ignite())) {
            assertThat(shA.dsaiValues(onA).inactive()).isEmpty();
            assertThat(shA.dsaiValues(identities)).isEmpty();
            for (String identity : identities) {
                assertThat(shB.updateDsaiValues(identity, new Deactivate(identity, "tag-1"))).isTrue();
            }
            assertThat(shA.dsaiValues(onA).inactive()).containsExactly("tag-1");
            assertThat(shA.dsaiValues(identities)).containsOnlyKeys(identities)
                    .allSatisfy((identity, values) -> assertThat(values.isActive("tag-1")).isFalse());
            shB.updateDsaiValues(onA, new Deactivate(onA, "tag-2"));
            assertThat(shA.dsaiValues(List.of(onA)).get(onA).inactive()).containsExactlyInAnyOrder("tag-1", "tag-2");
        }
    }

    /** Sets one tag of an identity INACTIVE; true when that changed something. */
    private record Deactivate(String identity, String tag) implements RecordUpdate<DsaiValues, Boolean> {
        @Override
        public Outcome<DsaiValues, Boolean> apply(DsaiValues current) {
            DsaiValues now = current != null ? current : DsaiValues.allActive(identity);
            return now.isActive(tag) ? Outcome.put(now.with(tag, false, "as"), true) : Outcome.keep(false);
        }
    }

    @Test
    void aNodeKeepsNoCopyOfAKeyItIsNotPrimaryFor() {
        String key = keysWithPrimary(nodeB.ignite(), "backup-", 1).get(0);
        storeB.updateRegistration(key, new TestUpdates.Increment());
        assertThat(TestUpdates.counter(storeA.registration(key))).isEqualTo(1);
        assertThat(copies(storeA).holds(key)).isFalse();
        assertThat(copies(storeB).holds(key)).isFalse();
        assertThat(readUntilKept(storeB, key)).isTrue();
    }

    /**
     * Writers on both nodes increment counters; after each increment completes, a read through either node returns
     * that count or a later one, while readers keep refilling the copies. The final counts show no increment lost.
     */
    @Test
    void noReadAfterACompletedChangeReturnsAnOlderState() throws Exception {
        List<String> keys = new ArrayList<>(keysWithPrimary(nodeA.ignite(), "race-a-", 4));
        keys.addAll(keysWithPrimary(nodeB.ignite(), "race-b-", 4));
        int writers = 4;
        int rounds = 400;
        Queue<String> stale = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                IgniteSubscriberStore writer = w % 2 == 0 ? storeA : storeB;
                int first = w;
                done.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < rounds; i++) {
                        String key = keys.get((first + i) % keys.size());
                        long written = writer.updateRegistration(key, new TestUpdates.Increment());
                        for (IgniteSubscriberStore reader : List.of(storeA, storeB)) {
                            long read = TestUpdates.counter(reader.registration(key));
                            if (read < written) {
                                stale.add(key + ": wrote " + written + ", read " + read);
                            }
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (IgniteSubscriberStore reader : List.of(storeA, storeB)) {
                readers.add(threads.submit(() -> {
                    go.await();
                    while (writing.get()) {
                        keys.forEach(reader::registration);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> writer : done) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(stale).isEmpty();
        long total = 0;
        for (String key : keys) {
            long a = TestUpdates.counter(storeA.registration(key));
            assertThat(TestUpdates.counter(storeB.registration(key))).isEqualTo(a);
            total += a;
        }
        assertThat(total).isEqualTo((long) writers * rounds);
    }

    /**
     * Keys of node A move to a third node and are changed there; when it leaves, A is their primary again and must
     * read the changes rather than serve the copies it made before.
     */
    @Test
    void aCopyFromAnEarlierTenureIsNeverServed() throws Exception {
        List<String> keys = keysWithPrimary(nodeA.ignite(), "tenure-", 200);
        assertThat(keys).allMatch(key -> readUntilKept(storeA, key));
        List<String> moved;
        int discoveryC = TestGrid.freePort();
        try (GridNode nodeC = GridNode.start(member("copies-c", discoveryC, "c"))) {
            moved = awaitPrimary(nodeC.ignite(), keys, 1);
            try (IgniteSubscriberStore storeC = new IgniteSubscriberStore(nodeC.ignite())) {
                for (String key : moved) {
                    assertThat(storeC.updateRegistration(key, new TestUpdates.Increment())).isEqualTo(1L);
                }
            }
        }
        TestGrid.awaitServers(nodeA.ignite(), 2);
        assertThat(moved).as("keys of A that went to C").isNotEmpty();
        // Back on two nodes, the assignment is the one before C joined once the moved partitions are home again.
        assertThat(awaitPrimary(nodeA.ignite(), moved, moved.size())).containsExactlyElementsOf(moved);
        for (String key : moved) {
            assertThat(TestUpdates.counter(storeA.registration(key))).as(key).isEqualTo(1);
        }
    }

    /**
     * Reads until the store keeps a copy: a read leaves one on the primary unless the affinity changes meanwhile
     * (another test's node leaving still being rebalanced), which drops every copy.
     */
    private static boolean readUntilKept(IgniteSubscriberStore store, String key) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            store.registration(key);
            if (copies(store).holds(key)) {
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** Those of {@code keys} whose primary is {@code node}, once at least {@code count} are; 60 s at most. */
    private static List<String> awaitPrimary(Ignite node, List<String> keys, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<String> found = keys.stream().filter(key -> isPrimary(node, key)).toList();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(20);
        }
    }

    private static PrimaryCopies<?> copies(IgniteSubscriberStore store) {
        return store.caches().decodedRegistrations;
    }

    private static boolean isPrimary(Ignite node, String key) {
        ClusterNode local = node.cluster().localNode();
        return node.affinity(CacheNames.REGISTRATIONS).isPrimary(local, key);
    }

    private static List<String> keysWithPrimary(Ignite primary, String prefix, int count) {
        return keysWithPrimary(primary, CacheNames.REGISTRATIONS, prefix, count);
    }

    private static List<String> keysWithPrimary(Ignite primary, String cache, String prefix, int count) {
        return new ArrayList<>(TestGrid.keysWithPrimary(primary, cache, prefix, "", count));
    }

    private static GridSettings member(String name, int discovery, String directory) {
        return TestGrid.member(name, discovery, TestGrid.freePort(), work.resolve(directory), DISCOVERY).withBackups(1);
    }
}
