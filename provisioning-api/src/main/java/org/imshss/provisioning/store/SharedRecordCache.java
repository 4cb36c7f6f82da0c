package org.imshss.provisioning.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;

/**
 * Decoded records of a small, shared, read-mostly cache (service profiles, iFCs, charging functions): a
 * million users on one profile read it on every SAR and LIR, so it is decoded once per node, not once per
 * request. Any change on any node invalidates the entry (a continuous query); a change made through this
 * node invalidates it synchronously as well.
 */
final class SharedRecordCache<T> implements AutoCloseable {

    private final IgniteCache<String, byte[]> cache;
    private final RecordCodec codec;
    private final Class<T> type;
    private final ConcurrentHashMap<String, T> decoded = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a value read before one must not be kept after it. */
    private final AtomicLong version = new AtomicLong();
    private final QueryCursor<Cache.Entry<String, byte[]>> watch;

    SharedRecordCache(IgniteCache<String, byte[]> cache, RecordCodec codec, Class<T> type) {
        this.cache = cache;
        this.codec = codec;
        this.type = type;
        ContinuousQuery<String, byte[]> query = new ContinuousQuery<>();
        query.setLocalListener(events -> events.forEach(event -> invalidate(event.getKey())));
        this.watch = cache.query(query);
    }

    Optional<T> get(String key) {
        T value = decoded.get(key);
        if (value != null) {
            return Optional.of(value);
        }
        long before = version.get();
        value = codec.decode(cache.get(key), type);
        if (value != null && version.get() == before) {
            decoded.put(key, value);
        }
        return Optional.ofNullable(value);
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
        try {
            watch.close();
        } catch (IgniteException | IllegalStateException e) {
            // The node is gone and the continuous query with it.
        }
    }
}
