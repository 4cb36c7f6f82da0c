package org.imshss.provisioning.store;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cluster.ClusterNode;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.Usim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills this node's decoded-record caches in the background after a start, so that the first requests after a
 * restart find their subscriber decoded and its pages in memory (a persistent data region loads pages lazily, and
 * every decoded copy is gone with the process). One thread, in batches, paced by {@link Pacing} (at most half of one
 * core, and while the machine is busy a batch every two seconds); it only reads the grid and never delays the node's
 * readiness. In order:
 * <ol>
 *   <li>the subscribers with a registration state this node holds: those the S-CSCFs send SAR, LIR and MAR for;
 *       their subscription, private and public identities, implicit sets and USIMs;</li>
 *   <li>every other record this node holds, kind by kind, until the kind's bound.</li>
 * </ol>
 * Whole partitions are not preloaded: after a restart the region's allocated size says little about what the
 * partitions hold, a preload sized from it filled the region, and the page replacement that followed made a
 * concurrent read give up (Ignite's B+ tree retry limit, a critical failure that stops the node). The records read
 * here bring in their pages as any read does.
 * A copy is kept only through {@link SharedRecordCache#refill}: the version is read before the grid, so a change
 * that arrives during the refill wins over the copy read before it. The refill stops at {@link #FILL} of each
 * kind's bound: a full map is emptied by the next miss, which would throw away what the refill just did.
 */
public final class CacheRefill implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheRefill.class);

    /** Keys read from the grid at once: one getAll, one pacing step. */
    static final int BATCH = 256;
    /** Share of each kind's bound the refill fills, leaving the rest to what requests read. */
    static final double FILL = 0.9;

    /** The kinds of decoded records, named as the metrics tag them. */
    public enum Kind {
        PUBLIC_IDENTITIES("public-identities"), PRIVATE_IDENTITIES("private-identities"),
        SUBSCRIPTIONS("subscriptions"), IMPLICIT_SETS("implicit-sets"), USIMS("usims");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** Called between two batches with the time the last one worked; returns when the next may start. */
    @FunctionalInterface
    interface Pacing {
        void pause(long workedNanos) throws InterruptedException;
    }

    /** Above this share of the machine's CPU in use, the refill waits. */
    static final double BUSY = 0.8;
    /** How long the refill waits before it looks at the machine's CPU again. */
    static final long BUSY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Waits after a batch at most: on a machine busy for good the refill still ends, a batch every two seconds. */
    static final int MAX_BUSY_WAITS = 8;

    /**
     * Rests as long as each batch worked (at most half of one core), then waits while the machine is busy, up to
     * {@value #MAX_BUSY_WAITS} times {@link #BUSY_WAIT_NANOS}: the traffic reads and decodes the records it asks for
     * by itself, and needs the CPU more than the refill does.
     * Competing with it cost a restarted node its first seconds (each batch's decoded copies are live objects every
     * young collection copies): a million subscribers restarted under load had a p99 of 90 to 106 ms in the first 5
     * s after ready with the refill working a fifth of a core, 52 to 67 ms with this pacing (docs/BENCHMARKS.md, run
     * R4).
     */
    static final Pacing IDLE_MACHINE = idleMachine(CacheRefill::cpuLoad, TimeUnit.NANOSECONDS::sleep);

    /** Sleeps for a number of nanoseconds. */
    @FunctionalInterface
    interface Sleep {
        void nanos(long nanos) throws InterruptedException;
    }

    /** {@link #IDLE_MACHINE} over a source of the machine's CPU load (0 to 1, negative where unknown). */
    static Pacing idleMachine(DoubleSupplier cpuLoad, Sleep sleep) {
        return worked -> {
            sleep.nanos(Math.max(worked, 100_000));
            for (int waits = 0; waits < MAX_BUSY_WAITS && cpuLoad.getAsDouble() > BUSY; waits++) {
                sleep.nanos(BUSY_WAIT_NANOS);
            }
        };
    }

    /** The machine's CPU load since the last call (0 to 1), or -1 where the JVM does not tell. */
    private static double cpuLoad() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getCpuLoad() : -1;
    }

    private final Ignite ignite;
    private final SubscriberCaches caches;
    private final SharedRecordCache<Usim> usims;
    private final Pacing pacing;
    private final Map<Kind, AtomicLong> records = new EnumMap<>(Kind.class);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;
    private volatile boolean closed;
    private final Thread thread;
    private long batchStart;
    private int skippedPartitions;

    private CacheRefill(SubscriberCaches caches, SharedRecordCache<Usim> usims, Pacing pacing) {
        this.ignite = caches.ignite;
        this.caches = caches;
        this.usims = usims;
        this.pacing = pacing;
        for (Kind kind : Kind.values()) {
            records.put(kind, new AtomicLong());
        }
        thread = new Thread(this::run, "grid-cache-refill");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    static CacheRefill start(SubscriberCaches caches, SharedRecordCache<Usim> usims, Pacing pacing) {
        CacheRefill refill = new CacheRefill(caches, usims, pacing);
        refill.thread.start();
        return refill;
    }

    /** Records of a kind this refill kept. */
    public long records(Kind kind) {
        return records.get(kind).get();
    }

    /** Whether the refill has ended: done, stopped by {@link #close} or failed (see the log). */
    public boolean done() {
        return finished.getCount() == 0;
    }

    /** How long the refill took, or has taken so far. */
    public Duration elapsed() {
        long end = done() ? endNanos : System.nanoTime();
        return Duration.ofNanos(end - startNanos);
    }

    /** Waits for the refill to end; false if it has not within {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the refill and waits a moment for its thread; call before the store and the grid node are closed. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            batchStart = System.nanoTime();
            refillRegistered();
            refillRest();
            endNanos = System.nanoTime();
            LOG.info("Decoded-record refill done in {} ms: decoded public identities"
                    + " {}, private identities {}, subscriptions {}, implicit sets {}, USIMs {}; partitions not"
                    + " held here any more or yet {}", TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos),
                    records(Kind.PUBLIC_IDENTITIES), records(Kind.PRIVATE_IDENTITIES), records(Kind.SUBSCRIPTIONS),
                    records(Kind.IMPLICIT_SETS), records(Kind.USIMS), skippedPartitions);
        } catch (InterruptedException e) {
            LOG.debug("decoded-record refill stopped");
        } catch (RuntimeException e) {
            if (closed) {
                LOG.debug("decoded-record refill stopped with its node: {}", e.toString());
            } else {
                LOG.warn("Decoded-record refill failed; records are decoded as requests read them: {}", e.toString());
            }
        } finally {
            if (endNanos == 0) {
                endNanos = System.nanoTime();
            }
            finished.countDown();
        }
    }

    private int[] localPartitions(String name) {
        ClusterNode local = ignite.cluster().localNode();
        return ignite.affinity(name).allPartitions(local);
    }

    /** The subscribers with a registration state, and every record a request about them reads. */
    private void refillRegistered() throws InterruptedException {
        for (int partition : localPartitions(CacheNames.REGISTRATIONS)) {
            List<String> ids = localKeys(caches.registrations, partition);
            for (int from = 0; from < ids.size() && !allFull(); from += BATCH) {
                List<ImsSubscription> subscriptions = fill(Kind.SUBSCRIPTIONS, caches.decodedSubscriptions,
                        ids.subList(from, Math.min(ids.size(), from + BATCH)));
                List<PrivateIdentity> impis = fill(Kind.PRIVATE_IDENTITIES, caches.decodedPrivateIds,
                        normalised(subscriptions.stream().flatMap(s -> s.privateIdentities().stream())));
                List<ImplicitRegistrationSet> sets = fill(Kind.IMPLICIT_SETS, caches.decodedImplicitSets,
                        subscriptions.stream().flatMap(s -> s.implicitSetIds().stream()).toList());
                List<PublicIdentity> impus = fill(Kind.PUBLIC_IDENTITIES, caches.decodedPublicIds,
                        normalised(Stream.concat(sets.stream().flatMap(set -> set.publicIdentities().stream()),
                                impis.stream().flatMap(impi -> impi.publicIdentities().stream()))));
                // A subscription written without its list of sets names them only in its identities.
                fill(Kind.IMPLICIT_SETS, caches.decodedImplicitSets,
                        impus.stream().map(PublicIdentity::implicitSetId).toList());
                fill(Kind.USIMS, usims, subscriptions.stream().flatMap(s -> s.imsis().stream()).toList());
                pace();
            }
        }
    }

    /** Every other record this node holds, the kinds a request reads first first, each up to its bound. */
    private void refillRest() throws InterruptedException {
        refillAll(Kind.PUBLIC_IDENTITIES, caches.decodedPublicIds);
        refillAll(Kind.PRIVATE_IDENTITIES, caches.decodedPrivateIds);
        refillAll(Kind.SUBSCRIPTIONS, caches.decodedSubscriptions);
        refillAll(Kind.IMPLICIT_SETS, caches.decodedImplicitSets);
        refillAll(Kind.USIMS, usims);
    }

    private <T> void refillAll(Kind kind, SharedRecordCache<T> target) throws InterruptedException {
        for (int partition : localPartitions(target.cache().getName())) {
            if (full(target)) {
                return;
            }
            List<String> keys = localKeys(target.cache(), partition);
            for (int from = 0; from < keys.size() && !full(target); from += BATCH) {
                fill(kind, target, keys.subList(from, Math.min(keys.size(), from + BATCH)));
                pace();
            }
        }
    }

    /**
     * Reads and decodes the records of {@code keys} a target does not hold yet and offers them to it; returns every
     * record of the keys, held or read, for the records they lead to.
     */
    private <T> List<T> fill(Kind kind, SharedRecordCache<T> target, Collection<String> keys) {
        List<T> found = new ArrayList<>(keys.size());
        Set<String> wanted = new LinkedHashSet<>();
        for (String key : keys) {
            T held = key == null ? null : target.held(key);
            if (held != null) {
                found.add(held);
            } else if (key != null) {
                wanted.add(key);
            }
        }
        if (wanted.isEmpty()) {
            return found;
        }
        // Read before the grid: a change that reaches this node after it makes the copies below stale, and refused.
        long before = target.version();
        Map<String, byte[]> read = target.cache().getAll(wanted);
        int limit = limit(target);
        long kept = 0;
        for (Map.Entry<String, byte[]> entry : read.entrySet()) {
            T value = caches.codec.decode(entry.getValue(), target.type());
            if (value != null) {
                found.add(value);
                if (target.refill(entry.getKey(), value, before, limit)) {
                    kept++;
                }
            }
        }
        records.get(kind).addAndGet(kept);
        return found;
    }

    /**
     * The keys of one partition held here; none where the partition cannot be read here any more. In a cluster a
     * node that restarts receives partitions while the refill runs, and a node joining takes some away: Ignite
     * refuses a local scan of a partition this node does not own yet ("no queryable nodes"). Such a partition is
     * skipped, not the rest of the refill: its records are decoded as requests read them.
     */
    private List<String> localKeys(IgniteCache<String, byte[]> cache, int partition) {
        List<String> keys = new ArrayList<>();
        ScanQuery<String, byte[]> scan = new ScanQuery<String, byte[]>().setPartition(partition);
        scan.setLocal(true);
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = cache.query(scan)) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                keys.add(entry.getKey());
            }
        } catch (CacheException e) {
            if (closed) {
                throw e;
            }
            skippedPartitions++;
            LOG.debug("decoded-record refill skips partition {} of {}: {}", partition, cache.getName(), e.toString());
            return List.of();
        }
        return keys;
    }

    private static List<String> normalised(Stream<String> identities) {
        return identities.map(Identities::normalise).filter(Objects::nonNull).toList();
    }

    private static int limit(SharedRecordCache<?> target) {
        return (int) Math.min(target.maxEntries(), (long) (target.maxEntries() * FILL));
    }

    private static boolean full(SharedRecordCache<?> target) {
        return target.size() >= limit(target);
    }

    private boolean allFull() {
        return Stream.of(caches.decodedSubscriptions, caches.decodedPrivateIds, caches.decodedImplicitSets,
                caches.decodedPublicIds, usims).allMatch(CacheRefill::full);
    }

    /** Between batches: stop if the node is closing, else let live traffic have the time the batch used. */
    private void pace() throws InterruptedException {
        if (closed || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("closed");
        }
        pacing.pause(System.nanoTime() - batchStart);
        batchStart = System.nanoTime();
    }
}
