package org.imshss.provisioning.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ignite.internal.IgniteEx;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.CacheNames;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.IgniteAuditLog;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.provisioning.store.Samples;
import org.imshss.provisioning.store.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscribers written at the same instant through the provisioning service of two server nodes of one cluster
 * (and of one node): identities and If-Match are claimed and checked in the grid, not on the node.
 */
class SubscriberClaimsTest {

    private static final String REALM = "ims.example.org";
    private static final int ROUNDS = 20;
    private static final int DISCOVERY_A = TestGrid.freePort();
    private static final int DISCOVERY_B = TestGrid.freePort();
    private static final List<String> DISCOVERY = List.of("127.0.0.1:" + DISCOVERY_A, "127.0.0.1:" + DISCOVERY_B);

    @TempDir
    static Path work;

    private static GridNode nodeA;
    private static GridNode nodeB;
    private static IgniteSubscriberStore storeA;
    private static IgniteSubscriberStore storeB;
    private static SubscriberProvisioning viaA;
    private static SubscriberProvisioning viaB;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        nodeA = GridNode.start(TestGrid.member("claims-a", DISCOVERY_A, TestGrid.freePort(), work.resolve("a"),
                DISCOVERY).withBackups(1));
        nodeB = GridNode.start(TestGrid.member("claims-b", DISCOVERY_B, TestGrid.freePort(), work.resolve("b"),
                DISCOVERY).withBackups(1));
        storeA = new IgniteSubscriberStore(nodeA.ignite());
        storeB = new IgniteSubscriberStore(nodeB.ignite());
        storeA.putServiceProfile(new ServiceProfile("default", List.of(), List.of(), 0));
        viaA = provisioning(nodeA, storeA);
        viaB = provisioning(nodeB, storeB);
        pool = Executors.newFixedThreadPool(2);
    }

    private static SubscriberProvisioning provisioning(GridNode node, IgniteSubscriberStore store) {
        return new SubscriberProvisioning(store, new SeedLoader(), REALM, NetworkUpdates.NONE,
                new IgniteAuditLog(node.ignite(), RecordCodec.shared()), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        pool.shutdownNow();
        storeB.close();
        storeA.close();
        nodeB.close();
        while (nodeA.ignite().cluster().nodes().size() > 1) {
            Thread.sleep(10);
        }
        ((IgniteEx) nodeA.ignite()).context().cache().context().exchange().lastTopologyFuture().get(30_000);
        nodeA.close();
    }

    /** One subscriber: one private identity, its own public identity and the shared one, optionally an MSISDN. */
    static SeedDocument.Subscription subscriber(String id, String impi, String sharedImpu, String msisdn,
            String password) {
        String own = "sip:" + id + "@" + REALM;
        List<String> impus = sharedImpu == null ? List.of(own) : List.of(own, sharedImpu);
        List<SeedDocument.PublicId> publics = new ArrayList<>();
        publics.add(new SeedDocument.PublicId(own, null, "default", null, id, null, null, null, msisdn));
        if (sharedImpu != null) {
            publics.add(new SeedDocument.PublicId(sharedImpu, null, "default", null, null, null, null, null, null));
        }
        return new SeedDocument.Subscription(id, List.of(REALM), null, null, null, null, null,
                List.of(new SeedDocument.PrivateId(impi, REALM, password, null, null, null, null, null, null, null,
                        impus, null, null, null)),
                List.of(new SeedDocument.ImplicitSet(id + "-set", impus)), publics);
    }

    /** Runs both at the same instant and returns what each did: its result, or the exception it threw. */
    private static List<Object> atOnce(Supplier<?> first, Supplier<?> second) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<Object>> running = new ArrayList<>();
        for (Supplier<?> action : List.of(first, second)) {
            running.add(pool.submit(() -> {
                barrier.await(30, TimeUnit.SECONDS);
                try {
                    return action.get();
                } catch (ProvisioningException e) {
                    return e;
                }
            }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> outcome : running) {
            outcomes.add(outcome.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    @Test
    void twoNewSubscribersClaimingOneIdentityThroughOneNodeNeverBothGetIt() throws Exception {
        claimRaces("one", viaA, viaA);
    }

    @Test
    void twoNewSubscribersClaimingOneIdentityThroughTwoNodesNeverBothGetIt() throws Exception {
        claimRaces("two", viaA, viaB);
    }

    /** Rounds in turn over a shared public identity, a shared private identity and a shared MSISDN. */
    private static void claimRaces(String name, SubscriberProvisioning first, SubscriberProvisioning second)
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String a = name + "-a" + round;
            String b = name + "-b" + round;
            int kind = round % 3;
            String shared = kind == 0 ? "sip:" + name + "-shared" + round + "@" + REALM : null;
            String impiA = kind == 1 ? name + "-impi" + round + "@" + REALM : a + "@" + REALM;
            String impiB = kind == 1 ? impiA : b + "@" + REALM;
            String msisdn = kind == 2 ? "4670" + (1_000_000 + round) + (name.equals("one") ? "1" : "2") : null;
            List<Object> outcomes = atOnce(
                    () -> first.create(subscriber(a, impiA, shared, msisdn, "pw-a"), "test"),
                    () -> second.create(subscriber(b, impiB, shared, msisdn, "pw-b"), "test"));
            long created = outcomes.stream().filter(SubscriberProvisioning.Versioned.class::isInstance).count();
            assertThat(created).as("round %d: %s", round, outcomes).isEqualTo(1);
            ProvisioningException refused = (ProvisioningException) outcomes.stream()
                    .filter(ProvisioningException.class::isInstance).findFirst().orElseThrow();
            boolean aWon = outcomes.get(0) instanceof SubscriberProvisioning.Versioned;
            String winner = aWon ? a : b;
            String loser = aWon ? b : a;
            assertThat(refused.kind()).isEqualTo(ProvisioningException.Kind.CONFLICT);
            String named = kind == 0 ? shared.substring(4) : kind == 1 ? impiA : msisdn;
            assertThat(refused.errors()).as("round %d", round).anyMatch(e -> e.message().contains(named));
            assertThat(storeB.storedSubscription(loser)).as("round %d", round).isEmpty();
            assertThat(storeB.storedSubscription(winner)).isPresent();
            assertThat(holder(CacheNames.PUBLIC_IDS, "sip:" + loser + "@" + REALM)).isNull();
            assertThat(holder(CacheNames.IMPLICIT_SETS, loser + "-set")).isNull();
            assertThat(holder(CacheNames.PRIVATE_IDS, (aWon ? impiB : impiA).toLowerCase()))
                    .isIn(null, winner);
            if (kind == 0) {
                assertThat(holder(CacheNames.PUBLIC_IDS, shared)).isEqualTo(winner);
            } else if (kind == 1) {
                assertThat(holder(CacheNames.PRIVATE_IDS, impiA)).isEqualTo(winner);
            } else {
                byte[] identity = nodeB.ignite().<String, byte[]>cache(CacheNames.MSISDNS).get(msisdn);
                assertThat(holder(CacheNames.PUBLIC_IDS, new String(identity, StandardCharsets.UTF_8)))
                        .isEqualTo(winner);
            }
        }
    }

    /** The subscriber a record names, as the grid holds it now (not a node's decoded copy); null if none. */
    private static String holder(String cache, String key) {
        byte[] stored = nodeB.ignite().<String, byte[]>cache(cache).get(key);
        if (stored == null) {
            return null;
        }
        return switch (cache) {
            case CacheNames.PUBLIC_IDS -> RecordCodec.shared().decode(stored, PublicIdentity.class).subscriptionId();
            case CacheNames.PRIVATE_IDS -> RecordCodec.shared().decode(stored, PrivateIdentity.class).subscriptionId();
            default -> RecordCodec.shared().decode(stored, ImplicitRegistrationSet.class).subscriptionId();
        };
    }

    @Test
    void twoWritesWithOneIfMatchThroughTwoNodesHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = "match-" + round;
            String impi = id + "@" + REALM;
            String etag = viaA.create(subscriber(id, impi, null, null, "pw"), "test").etag();
            String ifMatch = "\"" + etag + "\"";
            String addedA = "sip:" + id + "-via-a@" + REALM;
            String addedB = "sip:" + id + "-via-b@" + REALM;
            List<Object> outcomes = atOnce(
                    () -> viaA.put(id, subscriber(id, impi, addedA, null, null), ifMatch, "test"),
                    () -> viaB.put(id, subscriber(id, impi, addedB, null, null), ifMatch, "test"));
            long written = outcomes.stream().filter(SubscriberProvisioning.Written.class::isInstance).count();
            assertThat(written).as("round %d: %s", round, outcomes).isEqualTo(1);
            ProvisioningException refused = (ProvisioningException) outcomes.stream()
                    .filter(ProvisioningException.class::isInstance).findFirst().orElseThrow();
            assertThat(refused.kind()).isEqualTo(ProvisioningException.Kind.STALE);
            boolean aWon = outcomes.get(0) instanceof SubscriberProvisioning.Written;
            String kept = aWon ? addedA : addedB;
            String given = aWon ? addedB : addedA;
            assertThat(holder(CacheNames.PUBLIC_IDS, kept)).isEqualTo(id);
            assertThat(holder(CacheNames.PUBLIC_IDS, given)).as("round %d", round).isNull();
            SubscriberProvisioning.Versioned won =
                    ((SubscriberProvisioning.Written) outcomes.get(aWon ? 0 : 1)).stored();
            assertThat(won.document().publicIdentities()).extracting(SeedDocument.PublicId::identity)
                    .contains(kept).doesNotContain(given);
            assertThat(servedBy(viaA, id, won)).as("round %d: node A serves the winner's version", round)
                    .isEqualTo(won);
        }
    }

    /**
     * What {@code via} serves for the subscriber once it serves {@code expected}, or what it serves at the deadline.
     * A node reads records from its decoded copies, which a write through the other node drops through a
     * continuous query, one cache at a time: right after that write it may still show (part of) the version before.
     */
    private static SubscriberProvisioning.Versioned servedBy(SubscriberProvisioning via, String id,
            SubscriberProvisioning.Versioned expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        SubscriberProvisioning.Versioned served = via.get(id);
        while (!served.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            served = via.get(id);
        }
        return served;
    }

    @Test
    void aDeleteRacingAConditionalWriteLeavesOneOfThem() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = "gone-" + round;
            String impi = id + "@" + REALM;
            String ifMatch = "\"" + viaA.create(subscriber(id, impi, null, null, "pw"), "test").etag() + "\"";
            String added = "sip:" + id + "-added@" + REALM;
            List<Object> outcomes = atOnce(
                    () -> viaA.put(id, subscriber(id, impi, added, null, null), ifMatch, "test"),
                    () -> {
                        viaB.delete(id, ifMatch, "test");
                        return "deleted";
                    });
            long done = outcomes.stream().filter(o -> !(o instanceof ProvisioningException)).count();
            assertThat(done).as("round %d: %s", round, outcomes).isEqualTo(1);
            boolean deleted = outcomes.get(1).equals("deleted");
            assertThat(storeB.storedSubscription(id).isPresent()).isEqualTo(!deleted);
            assertThat(holder(CacheNames.PUBLIC_IDS, added)).as("round %d", round).isEqualTo(deleted ? null : id);
            assertThat(holder(CacheNames.PRIVATE_IDS, impi)).isEqualTo(deleted ? null : id);
        }
    }

    /**
     * A writer that stopped midway (a node killed between a claim and the switch) leaves an identity naming its
     * subscriber but in none of its records: nobody else gets it while that subscriber is stored, the subscriber's own
     * next write takes it over, and once that subscriber is deleted anyone may claim it.
     */
    @Test
    void anIdentityLeftByAWriterThatStoppedMidwayIsOnlyItsSubscribersUntilThatOneIsGone() {
        String owner = "left-owner";
        String left = "sip:left-over@" + REALM;
        viaA.create(subscriber(owner, owner + "@" + REALM, null, null, "pw"), "test");
        storeA.putPublicIdentity(Samples.publicIdentity(left, owner, owner + "@" + REALM));

        ProvisioningException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> viaB.create(subscriber("left-other", "left-other@" + REALM, left, null, "pw"), "test"),
                ProvisioningException.class);
        assertThat(refused.kind()).isEqualTo(ProvisioningException.Kind.CONFLICT);
        assertThat(storeB.storedSubscription("left-other")).isEmpty();
        assertThat(holder(CacheNames.PUBLIC_IDS, left)).isEqualTo(owner);

        viaB.put(owner, subscriber(owner, owner + "@" + REALM, left, null, null), null, "test");
        assertThat(viaA.get(owner).document().publicIdentities()).extracting(SeedDocument.PublicId::identity)
                .contains(left);
        viaA.put(owner, subscriber(owner, owner + "@" + REALM, null, null, null), null, "test");
        assertThat(holder(CacheNames.PUBLIC_IDS, left)).as("given up by the write that dropped it").isNull();

        storeA.putPublicIdentity(Samples.publicIdentity(left, owner, owner + "@" + REALM));
        viaA.delete(owner, null, "test");
        assertThat(holder(CacheNames.PUBLIC_IDS, left)).as("not in the deleted subscriber's records").isEqualTo(owner);
        viaB.create(subscriber("left-other", "left-other@" + REALM, left, null, "pw"), "test");
        assertThat(holder(CacheNames.PUBLIC_IDS, left)).isEqualTo("left-other");
    }

    /**
     * Without a key the sealed credentials are the clear HA1: a tag derived from them would let anyone who may read
     * test password guesses offline. Before, setting the password back gave back the old tag.
     */
    @Test
    void anEntityTagIsAVersionAndNeverAFunctionOfTheCredentials() throws Exception {
        String id = "tag-1";
        String impi = id + "@" + REALM;
        List<String> tags = new ArrayList<>();
        tags.add(viaA.create(subscriber(id, impi, null, null, "first-password"), "test").etag());
        SubscriberProvisioning.Written second = viaB.put(id, subscriber(id, impi, null, null, "second-password"),
                null, "test");
        assertThat(second.changed()).as("a new password is a change").isTrue();
        tags.add(second.stored().etag());
        tags.add(viaA.put(id, subscriber(id, impi, null, null, "first-password"), null, "test").stored().etag());
        SubscriberProvisioning.Written again = viaA.put(id, subscriber(id, impi, null, null, null), null, "test");
        assertThat(again.changed()).as("no credentials given: the stored ones are kept").isFalse();
        assertThat(again.stored().etag()).isEqualTo(tags.get(2));
        viaB.delete(id, null, "test");
        tags.add(viaB.create(subscriber(id, impi, null, null, "first-password"), "test").etag());

        assertThat(tags).as("the same password never gives the same tag again").doesNotHaveDuplicates();
        for (String password : List.of("first-password", "second-password")) {
            byte[] ha1 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((impi + ":" + REALM + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.UTF_8);
            for (String algorithm : List.of("MD5", "SHA-1", "SHA-256")) {
                String hashed = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(ha1));
                for (String tag : tags) {
                    assertThat(hashed).doesNotContain(tag);
                    assertThat(tag).doesNotContain(new String(ha1, StandardCharsets.UTF_8))
                            .doesNotContain(hashed.substring(0, 8));
                }
            }
        }
    }
}
