package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.ScscfServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgniteSubscriberStoreTest {

    private static final int DISCOVERY_PORT = TestGrid.freePort();
    private static final int COMMUNICATION_PORT = TestGrid.freePort();

    @TempDir
    static Path work;

    private static GridNode node;
    private static IgniteSubscriberStore store;

    @BeforeAll
    static void start() {
        node = GridNode.start(TestGrid.settings("store-test", DISCOVERY_PORT, COMMUNICATION_PORT, work));
        store = new IgniteSubscriberStore(node.ignite());
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (node != null) {
            node.close();
        }
    }

    /**
     * Records are kept decoded per store; a change made through another store (here on the same node, in a
     * cluster on another node) reaches it through the continuous query, and a small bound only costs re-reads.
     */
    @Test
    void decodedRecordsFollowChangesMadeElsewhere() throws Exception {
        try (IgniteSubscriberStore other = new IgniteSubscriberStore(node.ignite(), RecordCodec.shared(), 2)) {
            for (int i = 0; i < 3; i++) {
                store.putPrivateIdentity(Samples.privateIdentity("decoded" + i + "@ims.example.org", "decoded",
                        "sip:decoded" + i + "@ims.example.org"));
            }
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 3; i++) {
                    assertThat(other.privateIdentity("decoded" + i + "@ims.example.org").orElseThrow()
                            .publicIdentities()).containsExactly("sip:decoded" + i + "@ims.example.org");
                }
            }
            store.putPrivateIdentity(Samples.privateIdentity("decoded2@ims.example.org", "decoded",
                    "sip:changed@ims.example.org"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!other.privateIdentity("decoded2@ims.example.org").orElseThrow().publicIdentities()
                    .contains("sip:changed@ims.example.org") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(other.privateIdentity("decoded2@ims.example.org").orElseThrow().publicIdentities())
                    .containsExactly("sip:changed@ims.example.org");
            assertThat(store.privateIdentity("decoded2@ims.example.org").orElseThrow().publicIdentities())
                    .containsExactly("sip:changed@ims.example.org");
        }
    }

    @Test
    void putsAndGetsEveryType() {
        store.putSubscription(Samples.subscription("put-get"));
        store.putPrivateIdentity(Samples.privateIdentity("put-get@ims.example.org", "put-get", "sip:put-get@ims.example.org"));
        store.putPublicIdentity(Samples.publicIdentity("sip:put-get@ims.example.org", "put-get", "put-get@ims.example.org"));
        store.putImplicitRegistrationSet(Samples.implicitSet("put-get/0", "put-get", "sip:put-get@ims.example.org"));
        store.putServiceProfile(Samples.serviceProfile());
        store.putInitialFilterCriteria(Samples.ifc());
        store.putSharedIfcSet(Samples.sharedIfcSet());
        store.putChargingInformation(Samples.charging());
        store.putScscfServer(Samples.scscf("sip:scscf-b.ims.example.org"));
        store.putScscfServer(Samples.scscf("sip:scscf-a.ims.example.org"));

        assertThat(store.subscription("put-get")).contains(Samples.subscription("put-get"));
        assertThat(store.privateIdentity("put-get@ims.example.org")).contains(
                Samples.privateIdentity("put-get@ims.example.org", "put-get", "sip:put-get@ims.example.org"));
        assertThat(store.publicIdentity("sip:put-get@ims.example.org")).contains(
                Samples.publicIdentity("sip:put-get@ims.example.org", "put-get", "put-get@ims.example.org"));
        assertThat(store.implicitRegistrationSet("put-get/0")).contains(
                Samples.implicitSet("put-get/0", "put-get", "sip:put-get@ims.example.org"));
        assertThat(store.serviceProfile("default")).contains(Samples.serviceProfile());
        assertThat(store.initialFilterCriteria("orig-invite-as")).contains(Samples.ifc());
        assertThat(store.sharedIfcSet(7)).contains(Samples.sharedIfcSet());
        assertThat(store.chargingInformation("default")).contains(Samples.charging());
        assertThat(store.scscfServers()).extracting(ScscfServer::name)
                .containsSubsequence("sip:scscf-a.ims.example.org", "sip:scscf-b.ims.example.org");

        assertThat(store.subscription("nobody")).isEmpty();
        assertThat(store.publicIdentity("sip:nobody@ims.example.org")).isEmpty();
        assertThat(store.privateIdentity("nobody@ims.example.org")).isEmpty();
        assertThat(store.sharedIfcSet(99)).isEmpty();
        assertThat(store.subscription(null)).isEmpty();
    }

    @Test
    void lookupsNormaliseTheIdentity() {
        store.putPublicIdentity(Samples.publicIdentity("sip:norm@ims.example.org", "norm", "norm@ims.example.org"));
        store.putPublicIdentity(Samples.publicIdentity("tel:+15550199", "norm", "norm@ims.example.org"));
        store.putPrivateIdentity(Samples.privateIdentity("norm@ims.example.org", "norm", "sip:norm@ims.example.org"));

        assertThat(store.publicIdentity("SIP:norm@IMS.Example.org;transport=tcp"))
                .map(PublicIdentity::identity).contains("sip:norm@ims.example.org");
        assertThat(store.publicIdentity(" tel:+1-555-0199;phone-context=x ")).isPresent();
        assertThat(store.privateIdentity(" norm@ims.example.org ")).isPresent();
        // The user part is case-sensitive (RFC 3261 19.1.4).
        assertThat(store.publicIdentity("sip:NORM@ims.example.org")).isEmpty();
    }

    /** A new subscriber as a bulk import converts it: one of each record, its SIP URI carrying an MSISDN. */
    private static SubscriberData newSubscriber(String id, String impu, String msisdn) {
        String impi = id + "@ims.example.org";
        PublicIdentity plain = Samples.publicIdentity(impu, id, impi);
        PublicIdentity withNumber = new PublicIdentity(plain.identity(), plain.type(), id, id + "/0",
                plain.serviceProfileId(), false, null, null, false, null, plain.privateIdentities(), msisdn);
        return new SubscriberData(List.of(Samples.subscription(id)), List.of(Samples.privateIdentity(impi, id, impu)),
                List.of(withNumber), List.of(Samples.implicitSet(id + "/0", id, impu)), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static void assertStoredWhole(String id, String impu, String msisdn) {
        // Written as its first version, under an incarnation of its own.
        ImsSubscription stored = store.subscription(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.incarnation()).isNotNull();
        assertThat(stored.versioned(null, 0)).isEqualTo(Samples.subscription(id));
        assertThat(store.privateIdentity(id + "@ims.example.org").orElseThrow().subscriptionId()).isEqualTo(id);
        assertThat(store.publicIdentity(impu).orElseThrow().subscriptionId()).isEqualTo(id);
        assertThat(store.publicIdentityByMsisdn(msisdn).orElseThrow().identity()).isEqualTo(impu);
        assertThat(store.implicitRegistrationSet(id + "/0").orElseThrow().subscriptionId()).isEqualTo(id);
    }

    private static void assertNothingLeftOf(String id) {
        assertThat(store.subscription(id)).isEmpty();
        assertThat(store.privateIdentity(id + "@ims.example.org")).isEmpty();
        assertThat(store.implicitRegistrationSet(id + "/0")).isEmpty();
    }

    @Test
    void newSubscribersClaimTheirKeysAndOneFindingAKeyTakenLeavesNothingBehind() {
        assertThat(store.insertNew(List.of(newSubscriber("claim-held", "sip:claim-held@ims.example.org",
                "491700000001")))).isEmpty();
        assertStoredWhole("claim-held", "sip:claim-held@ims.example.org", "491700000001");

        Map<String, String> refused = store.insertNew(List.of(
                newSubscriber("claim-a", "sip:claim-a@ims.example.org", "491700000002"),
                newSubscriber("claim-b", "sip:claim-held@ims.example.org", "491700000003"),
                newSubscriber("claim-c", "sip:claim-c@ims.example.org", "+491700000001"),
                newSubscriber("claim-held", "sip:claim-d@ims.example.org", "491700000004")));

        assertThat(refused).containsOnlyKeys("claim-b", "claim-c", "claim-held");
        assertThat(refused.get("claim-b")).isEqualTo("sip:claim-held@ims.example.org belongs to subscriber claim-held");
        assertThat(refused.get("claim-c")).isEqualTo("491700000001 belongs to subscriber claim-held");
        assertThat(refused.get("claim-held")).isEqualTo("subscriber claim-held exists");
        assertStoredWhole("claim-a", "sip:claim-a@ims.example.org", "491700000002");
        assertStoredWhole("claim-held", "sip:claim-held@ims.example.org", "491700000001");
        assertNothingLeftOf("claim-b");
        assertThat(store.publicIdentityByMsisdn("491700000003")).isEmpty();
        assertNothingLeftOf("claim-c");
        assertThat(store.publicIdentity("sip:claim-c@ims.example.org")).isEmpty();
        // A second claim-held claims nothing: its subscription id is taken, and that is claimed first.
        assertThat(store.publicIdentity("sip:claim-d@ims.example.org")).isEmpty();
        assertThat(store.publicIdentityByMsisdn("491700000004")).isEmpty();
    }

    /** Refused by its first identity, a subscriber leaves none of the others it was given in the same grid call. */
    @Test
    void aSubscriberRefusedByOneOfItsIdentitiesLeavesNoneOfTheOthers() {
        store.insertNew(List.of(newSubscriber("claim-two-held", "sip:claim-two-held@ims.example.org", "491740000000")));
        SubscriberData two = newSubscriber("claim-two", "sip:claim-two-held@ims.example.org", "491740000001");
        PublicIdentity second = Samples.publicIdentity("sip:claim-two-b@ims.example.org", "claim-two",
                "claim-two@ims.example.org");
        SubscriberData withSecond = new SubscriberData(two.subscriptions(), two.privateIdentities(),
                List.of(two.publicIdentities().get(0), second), two.implicitRegistrationSets(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of());
        // Two subscribers claiming one number in one call: the second is refused before the grid is asked.
        SubscriberData first = newSubscriber("claim-dup-a", "sip:claim-dup-a@ims.example.org", "491740000009");
        SubscriberData rival = newSubscriber("claim-dup-b", "sip:claim-dup-b@ims.example.org", "491740000009");

        Map<String, String> refused = store.insertNew(List.of(withSecond, first, rival));

        assertThat(refused).containsOnlyKeys("claim-two", "claim-dup-b");
        assertThat(refused.get("claim-two")).isEqualTo(
                "sip:claim-two-held@ims.example.org belongs to subscriber claim-two-held");
        assertThat(refused.get("claim-dup-b")).isEqualTo("491740000009 is also claimed by subscriber claim-dup-a");
        assertThat(store.publicIdentity("sip:claim-two-b@ims.example.org")).isEmpty();
        assertThat(store.publicIdentityByMsisdn("491740000001")).isEmpty();
        assertNothingLeftOf("claim-two");
        assertStoredWhole("claim-dup-a", "sip:claim-dup-a@ims.example.org", "491740000009");
        assertNothingLeftOf("claim-dup-b");
        assertThat(store.publicIdentity("sip:claim-dup-b@ims.example.org")).isEmpty();
        assertStoredWhole("claim-two-held", "sip:claim-two-held@ims.example.org", "491740000000");
    }

    @Test
    void aRecordLeftByAnEarlierWriteOfTheSameSubscriberIsTakenOver() {
        store.putPrivateIdentity(Samples.privateIdentity("claim-left@ims.example.org", "claim-left", "sip:old@x"));

        assertThat(store.insertNew(List.of(newSubscriber("claim-left", "sip:claim-left@ims.example.org",
                "491700000010")))).isEmpty();

        assertStoredWhole("claim-left", "sip:claim-left@ims.example.org", "491700000010");
        assertThat(store.privateIdentity("claim-left@ims.example.org").orElseThrow().publicIdentities())
                .containsExactly("sip:claim-left@ims.example.org");
    }

    /** A batch large enough to be written in parts side by side: every subscriber lands, wherever its part ran. */
    @Test
    void aLargeBatchIsWrittenWholeWithARefusalInAnyPart() {
        store.insertNew(List.of(newSubscriber("claim-big-held", "sip:claim-big-held@ims.example.org", "491710000000")));
        List<SubscriberData> batch = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String impu = i == 599 ? "sip:claim-big-held@ims.example.org" : "sip:claim-big-" + i + "@ims.example.org";
            batch.add(newSubscriber("claim-big-" + i, impu, Long.toString(491720000000L + i)));
        }

        assertThat(store.insertNew(batch)).containsOnlyKeys("claim-big-599");

        for (int i = 0; i < 599; i++) {
            assertStoredWhole("claim-big-" + i, "sip:claim-big-" + i + "@ims.example.org",
                    Long.toString(491720000000L + i));
        }
        assertNothingLeftOf("claim-big-599");
    }

    /** Concurrent imports claiming one identity: exactly one subscriber gets it, the others leave nothing. */
    @Test
    void concurrentClaimsOfOneIdentityLetExactlyOneSubscriberIn() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, String>>> outcomes = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                String id = "claim-race-" + w;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return store.insertNew(List.of(newSubscriber(id, "sip:claim-race@ims.example.org",
                            "49173000000" + id.charAt(id.length() - 1))));
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                if (outcomes.get(w).get(30, TimeUnit.SECONDS).isEmpty()) {
                    winners.add("claim-race-" + w);
                }
            }
            assertThat(winners).hasSize(1);
            String winner = winners.get(0);
            assertThat(store.publicIdentity("sip:claim-race@ims.example.org").orElseThrow().subscriptionId())
                    .isEqualTo(winner);
            for (int w = 0; w < writers; w++) {
                if (!winner.equals("claim-race-" + w)) {
                    assertNothingLeftOf("claim-race-" + w);
                    assertThat(store.publicIdentityByMsisdn("49173000000" + w)).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wildcardsAreFoundByStringAndByMatchIncludingOnesAddedLater() {
        store.putPublicIdentity(Samples.wildcardPsi("sip:chat-!.*!@ims.example.org"));

        assertThat(store.publicIdentity("sip:chat-!.*!@ims.example.org"))
                .map(PublicIdentity::identity).contains("sip:chat-!.*!@ims.example.org");
        assertThat(store.wildcardMatch("sip:chat-room1@IMS.example.org;transport=tcp"))
                .map(PublicIdentity::identity).contains("sip:chat-!.*!@ims.example.org");
        assertThat(store.wildcardMatch("sip:conf-12@ims.example.org")).isEmpty();
        // Distinct identities are not in the wildcard cache.
        assertThat(store.publicIdentity("sip:chat-room1@ims.example.org")).isEmpty();

        store.putPublicIdentity(Samples.wildcardPsi("sip:conf-!\\d+!@ims.example.org"));
        assertThat(store.wildcardMatch("sip:conf-12@ims.example.org"))
                .map(PublicIdentity::identity).contains("sip:conf-!\\d+!@ims.example.org");

        // Several matches: the first in wildcard-string order wins, every time.
        store.putPublicIdentity(Samples.wildcardPsi("sip:!.*!-room1@ims.example.org"));
        assertThat(store.wildcardMatch("sip:chat-room1@ims.example.org"))
                .map(PublicIdentity::identity).contains("sip:!.*!-room1@ims.example.org");

        assertThat(store.removePublicIdentity("sip:!.*!-room1@ims.example.org")).isTrue();
        assertThat(store.removePublicIdentity("sip:conf-!\\d+!@ims.example.org")).isTrue();
        assertThat(store.wildcardMatch("sip:chat-room1@ims.example.org"))
                .map(PublicIdentity::identity).contains("sip:chat-!.*!@ims.example.org");
        assertThat(store.wildcardMatch("sip:conf-12@ims.example.org")).isEmpty();
    }

    /** A wildcard written by another store instance (another component, or another node) reaches this index. */
    @Test
    void wildcardsWrittenElsewhereArriveThroughTheContinuousQuery() throws Exception {
        try (IgniteSubscriberStore other = new IgniteSubscriberStore(node.ignite())) {
            assertThat(store.wildcardMatch("sip:other-1@elsewhere.example.org")).isEmpty();
            other.putPublicIdentity(Samples.wildcardPsi("sip:other-!\\d!@elsewhere.example.org"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.wildcardMatch("sip:other-1@elsewhere.example.org").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(store.wildcardMatch("sip:other-1@elsewhere.example.org")).isPresent();
            other.removePublicIdentity("sip:other-!\\d!@elsewhere.example.org");
        }
    }

    @Test
    void registrationIsEmptyUntilWrittenAndRemovedWhenEmptiedAgain() {
        assertThat(store.registration("reg-1")).isEqualTo(RegistrationState.empty("reg-1"));
        assertThat(store.updateRegistration("reg-1", new TestUpdates.Peek())).isNull();
        assertThat(node.ignite().cache(CacheNames.REGISTRATIONS).containsKey("reg-1")).isFalse();

        assertThat(store.updateRegistration("reg-1", new TestUpdates.AssignIfFree("sip:s1"))).isEqualTo("sip:s1");
        assertThat(store.registration("reg-1").scscfName()).isEqualTo("sip:s1");
        assertThat(store.updateRegistration("reg-1", new TestUpdates.Peek())).isEqualTo("sip:s1");

        assertThat(store.updateRegistration("reg-1", new TestUpdates.Clear())).isTrue();
        assertThat(node.ignite().cache(CacheNames.REGISTRATIONS).containsKey("reg-1")).isFalse();
        assertThat(store.registration("reg-1")).isEqualTo(RegistrationState.empty("reg-1"));
    }

    @Test
    void anUpdateThatThrowsReachesTheCallerWithItsOwnException() {
        assertThatThrownBy(() -> store.updateRegistration("reg-2", new TestUpdates.Refuse("no way")))
                .isInstanceOf(IllegalStateException.class).hasMessage("no way");
        // A serializable lambda works as well as a record.
        String name = store.updateRegistration("reg-2", (RegistrationUpdate<String>) current ->
                new RegistrationUpdate.Outcome<>(current.withScscf("sip:lambda", null, null), "done"));
        assertThat(name).isEqualTo("done");
        assertThat(store.registration("reg-2").scscfName()).isEqualTo("sip:lambda");
    }

    /** On a single node Ignite hands the processor over as is: the update is never serialized. */
    @Test
    void theLocalPathDoesNotSerializeTheUpdate() {
        assertThat(store.updateRegistration("reg-3", new TestUpdates.LocalOnly(new Object()))).isEqualTo("local");
    }

    @Test
    void concurrentUpdatesLoseNothing() throws Exception {
        int threads = 8;
        int increments = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < increments; i++) {
                        store.updateRegistration("counter", new TestUpdates.Increment());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestUpdates.counter(store.registration("counter"))).isEqualTo((long) threads * increments);
    }

    /** TS 33.102 Annex C: concurrent MARs never share an SQN. */
    @Test
    void concurrentSequenceAllocationsAreUnique() throws Exception {
        int threads = 8;
        int allocations = 500;
        Set<Long> allocated = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < allocations; i++) {
                        allocated.add(store.updateSequence("sqn@ims.example.org", new TestUpdates.NextSqn(32)));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(allocated).hasSize(threads * allocations);
        assertThat(store.sequence(" sqn@ims.example.org")).isEqualTo(32L * threads * allocations);
        assertThat(store.sequence("nobody@ims.example.org")).isZero();
    }

    /** TS 29.228 6.1.2: one S-CSCF serves a subscription; racing assignments must agree on a single winner. */
    @Test
    void exactlyOneScscfWinsTheAssignmentRace() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<String> winners = ConcurrentHashMap.newKeySet();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String mine = "sip:scscf-" + t + ".ims.example.org";
                futures.add(pool.submit(() -> {
                    go.await();
                    String stored = store.updateRegistration("race", new TestUpdates.AssignIfFree(mine));
                    seen.add(stored);
                    if (stored.equals(mine)) {
                        winners.add(mine);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(winners).hasSize(1);
        String winner = winners.iterator().next();
        assertThat(seen).hasSize(threads).containsOnly(winner);
        assertThat(store.registration("race").scscfName()).isEqualTo(winner);
    }

    @Test
    void aTakenPortFailsTheStart() {
        // Communication port of the running node, with a free discovery port.
        assertThatThrownBy(() -> GridNode.start(TestGrid.settings("clash-comm", TestGrid.freePort(),
                COMMUNICATION_PORT, work.resolve("clash-comm"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed to start");
        // Discovery port of the running node, with a free communication port.
        assertThatThrownBy(() -> GridNode.start(TestGrid.settings("clash-disco", DISCOVERY_PORT,
                TestGrid.freePort(), work.resolve("clash-disco"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed to start");
    }

    /** Audit keys sort as the ids they carry: the list pages by key order. */
    @Test
    void auditKeysAreNineteenDigitsInIdOrder() {
        assertThat(IgniteAuditLog.key(0)).isEqualTo("0000000000000000000");
        assertThat(IgniteAuditLog.key(42)).isEqualTo(String.format("%019d", 42));
        assertThat(IgniteAuditLog.key(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(IgniteAuditLog.key(999)).isLessThan(IgniteAuditLog.key(1000));
        assertThatThrownBy(() -> IgniteAuditLog.key(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A batch streamed into the single node is numbered in order after what was there and listed newest first. */
    @Test
    void auditBatchIsStoredInOrderAfterSingleEntries() {
        IgniteAuditLog audit = new IgniteAuditLog(node.ignite(), RecordCodec.shared());
        AuditEntry single = audit.record(
                new AuditEntry(0, "t0", "ops", "UPDATE", "subscriber", "audit-single", List.of("name")));
        List<AuditEntry> batch = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            batch.add(new AuditEntry(0, "t1", "bulk", "CREATE", "subscriber",
                    "audit-batch-" + i, List.of("*")));
        }
        audit.recordAll(batch);
        List<AuditEntry> newest = audit.list(null, null, 1501);
        assertThat(newest).hasSize(1501);
        assertThat(newest.get(0).objectId()).isEqualTo("audit-batch-1499");
        assertThat(newest.get(0).id()).isEqualTo(single.id() + 1500);
        assertThat(newest.get(1499).objectId()).isEqualTo("audit-batch-0");
        assertThat(newest.get(1500)).isEqualTo(single);
        assertThat(audit.list(null, "audit-batch-700", 10)).singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo(single.id() + 701));

        // Pages follow the cursor across the listing's chunks; an id reserved but never stored is skipped.
        node.ignite().cache(CacheNames.AUDIT).remove(IgniteAuditLog.key(single.id() + 1000));
        List<AuditEntry> page = audit.list(newest.get(399).id(), null, 600);
        assertThat(page).hasSize(600);
        assertThat(page.get(0).objectId()).isEqualTo("audit-batch-1099");
        assertThat(page).extracting(AuditEntry::objectId)
                .doesNotContain("audit-batch-999").contains("audit-batch-998", "audit-batch-1000");
        assertThat(page.get(599).objectId()).isEqualTo("audit-batch-499");
    }

    /**
     * Listeners of one cache share one continuous query: each hears every change, in the order they started
     * listening; one that throws does not keep the change from the others; a closed one hears nothing more.
     */
    @Test
    void changeFeedListenersShareTheCachesChanges() throws Exception {
        org.apache.ignite.IgniteCache<String, byte[]> cache = node.ignite().cache(CacheNames.SH_REPOSITORY);
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch a = new CountDownLatch(1);
        CountDownLatch b = new CountDownLatch(1);
        ChangeFeed feed = new ChangeFeed();
        ChangeFeed.Listening first = feed.listen(cache, events -> events.forEach(e -> heard.add("1:" + e.getKey())));
        feed.listen(cache, events -> {
            throw new IllegalStateException("listener failure");
        });
        feed.listen(cache, events -> events.forEach(e -> {
            heard.add("3:" + e.getKey());
            (e.getKey().equals("feed-a") ? a : b).countDown();
        }));
        cache.put("feed-a", new byte[] {1});
        assertThat(a.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(heard).containsExactly("1:feed-a", "3:feed-a");
        first.close();
        cache.put("feed-b", new byte[] {2});
        assertThat(b.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(heard).containsExactly("1:feed-a", "3:feed-a", "3:feed-b");
        feed.close();
        assertThatThrownBy(() -> feed.listen(cache, events -> { })).isInstanceOf(IllegalStateException.class);
    }
}
