package org.imshss.slf.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;

/**
 * Identity lookups kept on this node's heap, found and not found alike, so a user asked for again costs one hash
 * map read however many mappings the grid holds. Any change on any node drops the entry (a continuous query); a
 * change made through this node drops it at once. A value read from the grid while a change arrives is not kept.
 * Bounded: when full, the map is emptied and refilled by the next lookups.
 */
final class IdentityCache implements AutoCloseable {

    private final IgniteCache<String, String> cache;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Optional<String>> known = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a value read before one must not be kept after it. */
    private final AtomicLong version = new AtomicLong();
    private final QueryCursor<Cache.Entry<String, String>> watch;

    IdentityCache(IgniteCache<String, String> cache, int maxEntries) {
        this.cache = cache;
        this.maxEntries = maxEntries;
        ContinuousQuery<String, String> query = new ContinuousQuery<>();
        query.setLocalListener(events -> events.forEach(event -> invalidate(event.getKey())));
        watch = cache.query(query);
    }

    /** The target name mapped to this identity key, if any. */
    Optional<String> get(String key) {
        Optional<String> target = known.get(key);
        if (target != null) {
            return target;
        }
        long before = version.get();
        target = Optional.ofNullable(cache.get(key));
        if (version.get() == before) {
            if (known.size() >= maxEntries) {
                known.clear();
            }
            known.put(key, target);
        }
        return target;
    }

    void invalidate(String key) {
        version.incrementAndGet();
        known.remove(key);
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
