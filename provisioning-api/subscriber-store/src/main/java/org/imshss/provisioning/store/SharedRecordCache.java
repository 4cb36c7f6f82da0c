package org.imshss.provisioning.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.IgniteCache;

/**
 * Decoded records of a read-mostly cache, kept on the heap of this node. Reading a grid entry and decoding it
 * costs more than the rest of a UAR; subscriber data changes only when provisioned, so a record is decoded once or
 * twice per node, not once per request. Shared records (service profiles, iFCs, charging functions: a million
 * users on one profile) are kept without bound from their first read; per-subscriber records from their second
 * ({@link SeenOnce}) up to {@code maxEntries}, beyond which the map is emptied and refills with what is read (a
 * crude bound that needs no bookkeeping per read). After a start, {@link CacheRefill} fills it in the background
 * through {@link #refill}, under the same version check. Any change on any node invalidates the entry (a
 * continuous query); a change made through this node invalidates it synchronously as well. Registration state and
 * SQNs are never kept here: they change on every registration and must never be read stale ({@link PrimaryCopies}
 * keeps registrations on their primary node, where a change drops the copy before it completes).
 */
final class SharedRecordCache<T> implements AutoCloseable {

    static final int UNBOUNDED = Integer.MAX_VALUE;

    private final IgniteCache<String, byte[]> cache;
    private final RecordCodec codec;
    private final Class<T> type;
    private final int maxEntries;
    private final ConcurrentHashMap<String, T> decoded = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a value read before one must not be kept after it. */
    private final AtomicLong version = new AtomicLong();
    private final ChangeFeed.Listening watch;
    /** For per-subscriber records: a copy is kept on the second read (SeenOnce); null for shared records. */
    private final SeenOnce seen;

    SharedRecordCache(IgniteCache<String, byte[]> cache, RecordCodec codec, Class<T> type, int maxEntries,
            ChangeFeed changes) {
        this.cache = cache;
        this.codec = codec;
        this.type = type;
        this.maxEntries = maxEntries;
        this.seen = maxEntries == UNBOUNDED ? null : new SeenOnce(maxEntries);
        this.watch = changes.listen(cache, events -> events.forEach(event -> invalidate(event.getKey())));
    }

    Optional<T> get(String key) {
        T value = decoded.get(key);
        if (value != null) {
            return Optional.of(value);
        }
        long before = version.get();
        value = codec.decode(cache.get(key), type);
        if (value != null && version.get() == before && (seen == null || seen.markAndCheck(key))) {
            if (decoded.size() >= maxEntries) {
                decoded.clear();
            }
            keep(key, value, before);
        }
        return Optional.ofNullable(value);
    }

    /**
     * Keeps a copy the background refill read: {@code before} is {@link #version()} taken before the grid was read,
     * so a change that came since wins. Never beyond {@code limit} entries nor over a copy a request already made.
     *
     * @return whether the copy is kept
     */
    boolean refill(String key, T value, long before, int limit) {
        if (value == null || version.get() != before || decoded.size() >= Math.min(limit, maxEntries)
                || decoded.putIfAbsent(key, value) != null) {
            return false;
        }
        if (version.get() != before) {
            decoded.remove(key, value);
            return false;
        }
        return true;
    }

    /**
     * Puts a copy read after {@code before}, then takes it back if an invalidation came in the meantime: one that
     * ran between the check and the put removed nothing, but it bumped the version before removing.
     */
    private void keep(String key, T value, long before) {
        decoded.put(key, value);
        if (version.get() != before) {
            decoded.remove(key, value);
        }
    }

    /** The invalidation count; read it before reading the grid for {@link #refill}. */
    long version() {
        return version.get();
    }

    boolean holds(String key) {
        return decoded.containsKey(key);
    }

    /** This node's copy, null when it has none; never reads the grid. */
    T held(String key) {
        return decoded.get(key);
    }

    int size() {
        return decoded.size();
    }

    int maxEntries() {
        return maxEntries;
    }

    IgniteCache<String, byte[]> cache() {
        return cache;
    }

    Class<T> type() {
        return type;
    }

    /** The record as the grid holds it now, never this node's copy (which a change elsewhere may not have reached). */
    Optional<T> stored(String key) {
        return Optional.ofNullable(codec.decode(cache.get(key), type));
    }

    void invalidate(String key) {
        version.incrementAndGet();
        decoded.remove(key);
    }

    void invalidateAll() {
        version.incrementAndGet();
        decoded.clear();
    }

    @Override
    public void close() {
        watch.close();
    }
}
