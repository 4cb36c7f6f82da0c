package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background refill of the decoded records after a restart of a persistent node: the registered subscribers
 * first, each kind up to its bound, and never a copy older than a change.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CacheRefillTest {

    private static final int SUBSCRIBERS = 3_000;
    /** Every tenth subscriber has a registration state. */
    private static final int REGISTERED_EVERY = 10;
    private static final int BOUND = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final CacheRefill.Pacing NO_PAUSE = worked -> { };

    @TempDir
    Path work;

    private final int discoveryPort = TestGrid.freePort();
    private final int communicationPort = TestGrid.freePort();

    private GridSettings settings() {
        return TestGrid.settings("refill", discoveryPort, communicationPort, work).withPersistence(work);
    }

    @Test
    void afterARestartTheRegisteredSubscribersAreDecodedAndEachKindStopsBelowItsBound() throws Exception {
        provision();
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite(), RecordCodec.shared(), BOUND)) {
            SubscriberCaches caches = store.caches();
            assertThat(caches.decodedSubscriptions.size()).as("nothing decoded before the refill").isZero();
            try (CacheRefill refill = store.startRefill(NO_PAUSE)) {
                assertThat(refill.await(WAIT)).as("refill done").isTrue();
                for (int i = 0; i < SUBSCRIBERS; i += REGISTERED_EVERY) {
                    assertThat(caches.decodedSubscriptions.holds(id(i))).as(id(i)).isTrue();
                    assertThat(caches.decodedPrivateIds.holds(impi(i))).as(impi(i)).isTrue();
                    assertThat(caches.decodedPublicIds.holds(impu(i))).as(impu(i)).isTrue();
                    assertThat(caches.decodedImplicitSets.holds(set(i))).as(set(i)).isTrue();
                }
                int limit = (int) (BOUND * CacheRefill.FILL);
                for (SharedRecordCache<?> kind : List.of(caches.decodedSubscriptions, caches.decodedPrivateIds,
                        caches.decodedPublicIds, caches.decodedImplicitSets)) {
                    assertThat(kind.size()).as(kind.type().getSimpleName()).isEqualTo(limit);
                }
                assertThat(refill.records(CacheRefill.Kind.SUBSCRIPTIONS)).isEqualTo(limit);
                assertThat(refill.records(CacheRefill.Kind.PUBLIC_IDENTITIES)).isEqualTo(limit);
                assertThat(refill.records(CacheRefill.Kind.USIMS)).isZero();
            }
            // What the refill kept is what the grid holds.
            assertThat(store.publicIdentity(impu(0))).contains(publicIdentity(0, "Alice"));
        }
    }

    /**
     * The refill runs on its own thread: held in a pause once it has decoded public identities, the start has
     * returned and the refill has not ended. Identities changed then, decoded already or not, are read changed.
     */
    @Test
    void theRefillRunsBesideTheNodeAndAChangeMadeDuringItWins() throws Exception {
        provision();
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite(), RecordCodec.shared(), BOUND)) {
            SharedRecordCache<PublicIdentity> decoded = store.caches().decodedPublicIds;
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try (CacheRefill refill = store.startRefill(worked -> {
                if (decoded.size() > 0 && paused.getCount() > 0) {
                    paused.countDown();
                    release.await();
                }
            })) {
                assertThat(paused.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(refill.done()).isFalse();
                List<Integer> changed = new ArrayList<>();
                IntStream.range(0, SUBSCRIBERS).filter(i -> decoded.holds(impu(i))).limit(3).forEach(changed::add);
                assertThat(changed).as("decoded before the change").isNotEmpty();
                IntStream.range(0, SUBSCRIBERS).filter(i -> !decoded.holds(impu(i))).limit(3).forEach(changed::add);
                for (int i : changed) {
                    store.putPublicIdentity(publicIdentity(i, "Changed " + i));
                }
                release.countDown();
                assertThat(refill.await(WAIT)).isTrue();
                for (int i : changed) {
                    assertThat(store.publicIdentity(impu(i)).map(PublicIdentity::displayName))
                            .contains("Changed " + i);
                }
            }
        }
    }

    /** A copy read before a change reached the node is refused, however late the refill offers it. */
    @Test
    void aCopyReadBeforeAChangeIsNotKeptAndClosingStopsTheRefill() throws Exception {
        provision();
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite(), RecordCodec.shared(), BOUND)) {
            SharedRecordCache<PublicIdentity> decoded = store.caches().decodedPublicIds;
            long before = decoded.version();
            PublicIdentity read = RecordCodec.shared().decode(decoded.cache().get(impu(1)), PublicIdentity.class);
            store.putPublicIdentity(publicIdentity(1, "Changed"));

            assertThat(decoded.refill(impu(1), read, before, BOUND)).isFalse();
            assertThat(decoded.holds(impu(1))).isFalse();
            assertThat(store.publicIdentity(impu(1)).map(PublicIdentity::displayName)).contains("Changed");

            long now = decoded.version();
            PublicIdentity fresh = RecordCodec.shared().decode(decoded.cache().get(impu(2)), PublicIdentity.class);
            assertThat(decoded.refill(impu(2), fresh, now, BOUND)).isTrue();
            assertThat(decoded.held(impu(2))).isEqualTo(fresh);
            assertThat(decoded.refill(impu(3), fresh, now, decoded.size())).as("at the limit").isFalse();

            CountDownLatch paused = new CountDownLatch(1);
            CacheRefill refill = store.startRefill(worked -> {
                paused.countDown();
                new CountDownLatch(1).await();
            });
            assertThat(paused.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            refill.close();
            assertThat(refill.done()).as("closing stops the refill").isTrue();
        }
    }

    /**
     * A node joins during the refill and takes partitions away (no backups): the refill skips what is no longer
     * here and still decodes every record of the partitions the first node kept.
     */
    @Test
    void partitionsThatMoveAwayDuringTheRefillAreSkipped() throws Exception {
        int discoveryB = TestGrid.freePort();
        List<String> discovery = List.of("127.0.0.1:" + discoveryPort, "127.0.0.1:" + discoveryB);
        try (GridNode nodeA = GridNode.start(TestGrid.member("refill-a", discoveryPort, communicationPort,
                work.resolve("a"), discovery));
             IgniteSubscriberStore store = new IgniteSubscriberStore(nodeA.ignite(), RecordCodec.shared(),
                     SUBSCRIBERS * 2)) {
            provision(store);
            GridNode[] nodeB = new GridNode[1];
            try (CacheRefill refill = store.startRefill(worked -> {
                if (nodeB[0] == null) {
                    nodeB[0] = GridNode.start(TestGrid.member("refill-b", discoveryB, TestGrid.freePort(),
                            work.resolve("b"), discovery));
                    try {
                        TestGrid.awaitServers(nodeA.ignite(), 2);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    TestGrid.awaitRebalanced(nodeA.ignite(), nodeB[0].ignite());
                    TestGrid.awaitEvicted(nodeA.ignite());
                }
            })) {
                assertThat(refill.await(WAIT)).as("refill done").isTrue();
                var affinity = nodeA.ignite().affinity(CacheNames.PUBLIC_IDS);
                var local = nodeA.ignite().cluster().localNode();
                List<String> kept = IntStream.range(0, SUBSCRIBERS).mapToObj(CacheRefillTest::impu)
                        .filter(impu -> affinity.isPrimary(local, impu)).toList();
                assertThat(kept).as("the first node kept some partitions").isNotEmpty()
                        .hasSizeLessThan(SUBSCRIBERS);
                assertThat(kept).as("decoded on the first node")
                        .allMatch(impu -> store.caches().decodedPublicIds.holds(impu));
            } finally {
                if (nodeB[0] != null) {
                    nodeB[0].close();
                    // Let A finish the exchange for B's departure before it stops too.
                    TestGrid.awaitServers(nodeA.ignite(), 1);
                }
            }
        }
    }

    /** Writes the subscribers and registers every tenth, then stops the node. */
    private void provision() {
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite(), RecordCodec.shared(), BOUND)) {
            provision(store);
        }
    }

    private static void provision(IgniteSubscriberStore store) {
        List<ImsSubscription> subscriptions = new ArrayList<>();
        List<PrivateIdentity> privateIdentities = new ArrayList<>();
        List<PublicIdentity> publicIdentities = new ArrayList<>();
        List<ImplicitRegistrationSet> sets = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            subscriptions.add(new ImsSubscription(id(i), List.of(impi(i)), Set.of(), Set.of(), List.of(),
                    List.of("ims.example.org"), "default", false, List.of(set(i))));
            privateIdentities.add(Samples.privateIdentity(impi(i), id(i), impu(i)));
            publicIdentities.add(publicIdentity(i, "Alice"));
            sets.add(new ImplicitRegistrationSet(set(i), id(i), List.of(impu(i))));
        }
        store.load(new SubscriberData(subscriptions, privateIdentities, publicIdentities, sets,
                List.of(Samples.serviceProfile()), List.of(Samples.ifc()), List.of(), List.of(Samples.charging()),
                List.of(), List.of(), List.of()));
        for (int i = 0; i < SUBSCRIBERS; i += REGISTERED_EVERY) {
            store.updateRegistration(id(i), new TestUpdates.AssignIfFree("sip:scscf.ims.example.org"));
        }
    }

    private static PublicIdentity publicIdentity(int i, String displayName) {
        return new PublicIdentity(impu(i), IdentityType.PUBLIC_USER_IDENTITY, id(i), set(i), "default", false,
                displayName, "alias-" + i, true, null, List.of(impi(i)));
    }

    private static String id(int i) {
        return "sub-" + i;
    }

    private static String impi(int i) {
        return "user" + i + "@ims.example.org";
    }

    private static String impu(int i) {
        return "sip:user" + i + "@ims.example.org";
    }

    private static String set(int i) {
        return id(i) + "/0";
    }
}
