package org.imshss.provisioning.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.IgniteCache;

/**
 * Decoded records of a read-mostly cache, kept on the heap of this node. Reading a grid entry and decoding it
 * costs more than the rest of a UAR; subscriber data changes only when provisioned, so each record is decoded
 * once per node, not once per request. Shared records (service profiles, iFCs, charging functions: a million
 * users on one profile) are kept without bound; per-subscriber records up to {@code maxEntries}, beyond which
 * the map is emptied and refills with what is read (a crude bound that needs no bookkeeping per read).
 * Any change on any node invalidates the entry (a continuous query); a change made through this node
 * invalidates it synchronously as well. Registration state and SQNs are never kept here: they change on
 * every registration and must be read fresh.
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

    SharedRecordCache(IgniteCache<String, byte[]> cache, RecordCodec codec, Class<T> type, int maxEntries,
            ChangeFeed changes) {
        this.cache = cache;
        this.codec = codec;
        this.type = type;
        this.maxEntries = maxEntries;
        this.watch = changes.listen(cache, events -> events.forEach(event -> invalidate(event.getKey())));
    }

    Optional<T> get(String key) {
        T value = decoded.get(key);
        if (value != null) {
            return Optional.of(value);
        }
        long before = version.get();
        value = codec.decode(cache.get(key), type);
        if (value != null && version.get() == before) {
            if (decoded.size() >= maxEntries) {
                decoded.clear();
            }
            decoded.put(key, value);
        }
        return Optional.ofNullable(value);
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
