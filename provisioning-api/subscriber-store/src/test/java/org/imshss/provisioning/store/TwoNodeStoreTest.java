package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.RepositoryDataSet;
import org.imshss.provisioning.model.ServiceProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two server nodes in one JVM, backups=1: what one node writes the other reads, updates run on the primary. */
class TwoNodeStoreTest {

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
        nodeA = GridNode.start(TestGrid.member("two-a", DISCOVERY_A, TestGrid.freePort(), work.resolve("a"), DISCOVERY).withBackups(1));
        nodeB = GridNode.start(TestGrid.member("two-b", DISCOVERY_B, TestGrid.freePort(), work.resolve("b"), DISCOVERY).withBackups(1));
        storeA = new IgniteSubscriberStore(nodeA.ignite());
        storeB = new IgniteSubscriberStore(nodeB.ignite());
        TestGrid.awaitRebalanced(nodeA.ignite(), nodeB.ignite());
    }

    @AfterAll
    static void stop() throws Exception {
        storeB.close();
        storeA.close();
        nodeB.close();
        // Let A finish the exchange for B's departure before stopping it too, or it logs an interrupted exchange.
        TestGrid.awaitServers(nodeA.ignite(), 1);
        nodeA.close();
    }

    @Test
    void theNodesFormOneCluster() {
        assertThat(nodeA.ignite().cluster().nodes()).hasSize(2);
    }

    @Test
    void whatOneNodeWritesTheOtherReads() {
        storeA.putPublicIdentity(Samples.publicIdentity("sip:shared@ims.example.org", "shared", "shared@ims.example.org"));
        assertThat(storeB.publicIdentity("SIP:shared@ims.example.org")).isPresent();
        storeA.updateRegistration("shared", new TestUpdates.AssignIfFree("sip:scscf-a"));
        assertThat(storeB.registration("shared").scscfName()).isEqualTo("sip:scscf-a");
    }

    /** Profiles are decoded once per node; a change through the other node must still be seen. */
    @Test
    void aSharedRecordChangedOnOneNodeIsSeenOnTheOther() throws Exception {
        storeA.putServiceProfile(new ServiceProfile("shared-profile", List.of("ifc-1"), List.of(), 1));
        assertThat(storeB.serviceProfile("shared-profile").orElseThrow().subscribedMediaProfileId()).isEqualTo(1);
        storeA.putServiceProfile(new ServiceProfile("shared-profile", List.of("ifc-1"), List.of(), 2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (storeB.serviceProfile("shared-profile").orElseThrow().subscribedMediaProfileId() != 2
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(storeB.serviceProfile("shared-profile").orElseThrow().subscribedMediaProfileId()).isEqualTo(2);
        // Through its own store a node sees its change at once.
        storeB.putServiceProfile(new ServiceProfile("shared-profile", List.of("ifc-1"), List.of(), 3));
        assertThat(storeB.serviceProfile("shared-profile").orElseThrow().subscribedMediaProfileId()).isEqualTo(3);
    }

    /** The key's primary is node A; the update is issued on B, so Ignite marshals the processor and the result. */
    @Test
    void updatesIssuedOnTheNonPrimaryNodeCrossTheNetwork() {
        String key = keyWithPrimary(nodeA.ignite(), "remote-");
        assertThat(storeB.updateRegistration(key, new TestUpdates.AssignIfFree("sip:scscf-b"))).isEqualTo("sip:scscf-b");
        assertThat(storeB.updateRegistration(key, new TestUpdates.AssignIfFree("sip:other"))).isEqualTo("sip:scscf-b");
        assertThat(storeA.registration(key).scscfName()).isEqualTo("sip:scscf-b");
        for (int i = 0; i < 100; i++) {
            storeB.updateRegistration(key, new TestUpdates.Increment());
        }
        assertThat(TestUpdates.counter(storeA.registration(key))).isEqualTo(100);
        assertThat(storeB.updateRegistration(key, (RegistrationUpdate<Integer>) current ->
                new RegistrationUpdate.Outcome<>(current, current.restorationInfo().size()))).isEqualTo(1);
        assertThatThrownBy(() -> storeB.updateRegistration(key, new TestUpdates.Refuse("refused remotely")))
                .hasMessageContaining("refused remotely");
        String impi = keyWithPrimary(nodeA.ignite(), CacheNames.AUTH_SEQUENCES, "sqn-", "@ims.example.org");
        storeB.updateSequence(impi, new TestUpdates.NextSqn(32));
        assertThat(storeB.updateSequence(impi, new TestUpdates.NextSqn(32))).isEqualTo(64L);
        assertThat(storeA.sequence(impi)).isEqualTo(64L);
        // Proof that this path really marshals: an update Java serialization refuses cannot leave node B.
        assertThatThrownBy(() -> storeB.updateRegistration(key, new TestUpdates.LocalOnly(new Object())));
        assertThat(storeB.updateRegistration(key, new TestUpdates.Clear())).isTrue();
        assertThat(storeA.registration(key).isEmpty()).isTrue();
    }

    /** On the primary node nothing is marshalled, even with a backup: the backup gets the new value, not the update. */
    @Test
    void updatesIssuedOnThePrimaryStayLocal() {
        String key = keyWithPrimary(nodeA.ignite(), "local-");
        assertThat(storeA.updateRegistration(key, new TestUpdates.AssignIfFree("sip:scscf-a"))).isEqualTo("sip:scscf-a");
        assertThat(storeA.updateRegistration(key, new TestUpdates.LocalOnly(new Object()))).isEqualTo("local");
        assertThat(storeB.registration(key).scscfName()).isEqualTo("sip:scscf-a");
    }

    /**
     * Listing scans every node with a filter that Ignite marshals to the nodes holding entries; between nodes in one
     * JVM it is marshalled too, so a filter that cannot be rebuilt on the other node fails here.
     */
    @Test
    void scansFilterOnEveryNode() {
        for (int i = 0; i < 40; i++) {
            storeA.putSubscription(Samples.subscription("scan-" + i));
            storeA.updateRegistration("scan-" + i, new TestUpdates.AssignIfFree("sip:scscf-scan"));
        }
        assertThat(storeB.subscriptionIds("scan-", null, 100)).hasSize(40);
        assertThat(storeB.subscriptionIds("scan-", "scan-5", 100)).containsExactly("scan-6", "scan-7", "scan-8", "scan-9");
        assertThat(storeB.subscriptionsServedBy("sip:scscf-scan")).hasSize(40);
        assertThat(storeB.subscriptionsWithCharging("no-such-charging")).isEmpty();
        assertThat(storeB.publicIdentitiesWithProfiles(java.util.Set.of("no-such-profile"))).isEmpty();
        IgniteAuditLog auditA = new IgniteAuditLog(nodeA.ignite(), RecordCodec.shared());
        IgniteAuditLog auditB = new IgniteAuditLog(nodeB.ignite(), RecordCodec.shared());
        for (int i = 0; i < 10; i++) {
            (i % 2 == 0 ? auditA : auditB).record(new org.imshss.provisioning.store.AuditEntry(0, "t" + i, "test",
                    "UPDATE", "scan", "scan-audit-" + i, List.of("name")));
        }
        List<org.imshss.provisioning.store.AuditEntry> newest = auditB.list(null, null, 10);
        assertThat(newest).extracting(org.imshss.provisioning.store.AuditEntry::time)
                .as("ids in the order the entries were made, whichever node made them")
                .containsExactly("t9", "t8", "t7", "t6", "t5", "t4", "t3", "t2", "t1", "t0");
        assertThat(auditA.list(newest.get(4).id(), null, 100)).extracting(org.imshss.provisioning.store.AuditEntry::time)
                .startsWith("t4", "t3");
    }

    @Test
    void aWildcardAddedOnOneNodeIsMatchedOnTheOther() throws Exception {
        assertThat(storeB.wildcardMatch("sip:team-7@ims.example.org")).isEmpty();
        storeA.putPublicIdentity(Samples.wildcardPsi("sip:team-!\\d+!@ims.example.org"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (storeB.wildcardMatch("sip:team-7@ims.example.org").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(storeB.wildcardMatch("sip:team-7@ims.example.org"))
                .map(PublicIdentity::identity).contains("sip:team-!\\d+!@ims.example.org");
    }

    /**
     * An identity's repository data is one entry, changed on its primary whichever node asks; entries of the old
     * per-Service-Indication layout held by the other node are moved into it when a store starts.
     */
    @Test
    void repositoryDataOfAnIdentityIsOneEntryWhicheverNodeWritesIt() {
        String identity = keyWithPrimary(nodeA.ignite(), CacheNames.SH_REPOSITORY, "sip:repo-", "@ims.example.org");
        try (IgniteShDataStore shA = new IgniteShDataStore(nodeA.ignite());
                IgniteShDataStore shB = new IgniteShDataStore(nodeB.ignite())) {
            RepositoryData a = new RepositoryData(identity, "a", 0, "<a/>", "as");
            RepositoryData b = new RepositoryData(identity, "b", 0, "<b/>", "as");
            assertThat((Boolean) shB.updateRepositoryData(identity, new PutAll(identity, List.of(a, b)))).isTrue();
            assertThat(shA.repositoryData(identity).entries()).containsExactly(a, b);
            nodeA.ignite().<String, byte[]>cache(CacheNames.SH_REPOSITORY).put(identity + "\nold",
                    RecordCodec.shared().encode(new RepositoryData(identity, "old", 3, "<old/>", "as")));
        }
        try (IgniteShDataStore restarted = new IgniteShDataStore(nodeB.ignite())) {
            assertThat(restarted.repositoryData(identity).entries()).extracting(RepositoryData::serviceIndication)
                    .containsExactly("a", "b", "old");
        }
        assertThat(nodeB.ignite().cache(CacheNames.SH_REPOSITORY).containsKey(identity + "\nold")).isFalse();
    }

    /** Stores every given element in the identity's repository data. */
    private record PutAll(String identity, List<RepositoryData> data)
            implements RecordUpdate<RepositoryDataSet, Boolean> {

        @Override
        public Outcome<RepositoryDataSet, Boolean> apply(RepositoryDataSet current) {
            RepositoryDataSet next = current != null ? current : RepositoryDataSet.empty(identity);
            for (RepositoryData element : data) {
                next = next.with(element);
            }
            return Outcome.put(next, true);
        }
    }

    private static String keyWithPrimary(Ignite primary, String prefix) {
        return keyWithPrimary(primary, CacheNames.REGISTRATIONS, prefix, "");
    }

    private static String keyWithPrimary(Ignite primary, String cache, String prefix, String suffix) {
        return TestGrid.keysWithPrimary(primary, cache, prefix, suffix, 1).get(0);
    }
}
