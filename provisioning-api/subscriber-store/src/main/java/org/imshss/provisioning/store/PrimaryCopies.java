package org.imshss.provisioning.store;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.internal.processors.affinity.AffinityTopologyVersion;
import org.apache.ignite.internal.processors.cache.GridCacheContext;
import org.apache.ignite.internal.processors.cache.IgniteCacheProxy;

/**
 * Records decoded on the node that is primary for them, for caches read on every request that must never be read
 * stale: the registration state (UAR, LIR, SAR, Sh; its grid read was a third of a UAR) and the DSAI values that mask
 * a User-Data document's iFCs (a quarter of a SAR). Unlike the copies of {@link SharedRecordCache}, which a
 * continuous query invalidates some time after a change, these are dropped as the change is made: Ignite runs every
 * update of an atomic cache on the key's primary node, where {@link CopyInvalidation} drops the copy with the entry
 * locked, before the new value is stored and again after, whichever node the change came from.
 *
 * <p>So a copy is kept and served only for a key this node is primary for, in a settled affinity (no partition map
 * exchange under way: once one is done, every update mapped before it has completed), and each copy is tagged with
 * that affinity, its tenure: a copy from an earlier tenure is never served, since the node may have lost the key and
 * got it back, missing the changes in between. Other keys are read from the grid. A copy is made on a key's second
 * read lately ({@link SeenOnce}, as for {@link SharedRecordCache}); at most {@code maxEntries} copies, beyond that
 * the map is emptied and refills with what is read.
 */
final class PrimaryCopies<T> implements AutoCloseable {

    /** The caches whose records are kept so: they get a {@link CopyInvalidation} (logical names). */
    static final Set<String> CACHES = Set.of(CacheNames.REGISTRATIONS, CacheNames.SH_DSAI_VALUES);

    /** Invalidation counters, spread over stripes eight longs apart so that two do not share a cache line. */
    private static final int STRIPES = 64;
    private static final int SPACING = 8;

    private final IgniteCache<String, byte[]> cache;
    private final Function<byte[], T> decode;
    private final GridCacheContext<?, ?> context;
    private final UUID localNode;
    private final int maxEntries;
    private final SeenOnce seen;
    private final ConcurrentHashMap<String, Copy<T>> copies = new ConcurrentHashMap<>();
    private final AtomicLongArray invalidations = new AtomicLongArray(STRIPES * SPACING);
    private volatile Tenure tenure;

    /** A decoded record, null when none is stored, and the tenure it was read in. */
    private record Copy<T>(T value, Tenure tenure) {
    }

    private record Tenure(AffinityTopologyVersion version, BitSet primary) {
    }

    /** @param decode the record of stored bytes; given null (no entry), null or a record that stands for none */
    PrimaryCopies(IgniteCache<String, byte[]> cache, Function<byte[], T> decode, int maxEntries) {
        this.cache = cache;
        this.decode = decode;
        this.context = ((IgniteCacheProxy<?, ?>) cache).context();
        this.localNode = context.localNodeId();
        this.maxEntries = maxEntries;
        this.seen = new SeenOnce(maxEntries);
        CopyInvalidation.copiesOf(context.grid(), cache.getName()).add(this);
    }

    /** The record stored under {@code key}, decoded; what {@code decode} makes of null when there is none. */
    T get(String key) {
        Tenure now = tenure();
        return primary(now, key) ? kept(key, now) : fromGrid(key);
    }

    /** The records of {@code keys} that are stored, decoded: from copies where this node is primary, else one read. */
    Map<String, T> getAll(Collection<String> keys) {
        Tenure now = tenure();
        Map<String, T> found = new HashMap<>();
        Set<String> elsewhere = new HashSet<>();
        for (String key : keys) {
            if (primary(now, key)) {
                T value = kept(key, now);
                if (value != null) {
                    found.put(key, value);
                }
            } else {
                elsewhere.add(key);
            }
        }
        if (!elsewhere.isEmpty()) {
            cache.getAll(elsewhere).forEach((key, bytes) -> found.put(key, decode.apply(bytes)));
        }
        return found;
    }

    /** The copy of a key this node is primary for under {@code now}, read from the grid and kept if there is none. */
    private T kept(String key, Tenure now) {
        Copy<T> copy = copies.get(key);
        if (copy != null && copy.tenure() == now) {
            return copy.value();
        }
        int stripe = stripe(key);
        long before = invalidations.get(stripe);
        T value = fromGrid(key);
        if (seen.markAndCheck(key)) {
            keep(key, new Copy<>(value, now), stripe, before);
        }
        return value;
    }

    /** Called by the cache's interceptor after each change of {@code key}'s entry on this node. */
    void invalidate(String key) {
        invalidations.incrementAndGet(stripe(key));
        copies.remove(key);
    }

    /** Whether this node keeps a copy of {@code key}'s record (of any tenure). */
    boolean holds(String key) {
        return copies.containsKey(key);
    }

    private void keep(String key, Copy<T> copy, int stripe, long before) {
        if (copies.size() >= maxEntries) {
            copies.clear();
        }
        copies.put(key, copy);
        // An invalidation between the read and the put found nothing to remove, but it counted first.
        if (invalidations.get(stripe) != before) {
            copies.remove(key, copy);
        }
    }

    private T fromGrid(String key) {
        // An absent entry reads as null too: TopologyRetry runs a read again only when it failed.
        return decode.apply(TopologyRetry.run(() -> Optional.ofNullable(cache.get(key))).orElse(null));
    }

    private boolean primary(Tenure tenure, String key) {
        return tenure != null && tenure.primary().get(context.affinity().partition(key));
    }

    /** This node's primary partitions in the settled affinity; null while an exchange is under way. */
    private Tenure tenure() {
        AffinityTopologyVersion ready = context.topology().readyTopologyVersion();
        if (!ready.equals(context.affinity().affinityTopologyVersion())) {
            return null;
        }
        Tenure current = tenure;
        if (current != null && current.version().equals(ready)) {
            return current;
        }
        synchronized (this) {
            if (tenure == null || !tenure.version().equals(ready)) {
                BitSet primary = new BitSet();
                context.affinity().primaryPartitions(localNode, ready).forEach(primary::set);
                tenure = new Tenure(ready, primary);
                copies.clear();
            }
            return tenure;
        }
    }

    private static int stripe(String key) {
        return (key.hashCode() & (STRIPES - 1)) * SPACING;
    }

    @Override
    public void close() {
        CopyInvalidation.copiesOf(context.grid(), cache.getName()).remove(this);
        copies.clear();
    }
}
