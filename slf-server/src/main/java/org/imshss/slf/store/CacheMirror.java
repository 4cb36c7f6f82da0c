package org.imshss.slf.store;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * A copy of a whole grid cache on this node's heap, decoded, kept current by a continuous query: for caches an
 * in-memory index is built from (ranges, patterns) or that every request reads (targets). The copy starts from
 * the query's initial scan; a change that arrives while the scan runs wins over the scanned value, so no change
 * made on any node is lost or undone.
 */
final class CacheMirror<R, V> implements AutoCloseable {

    /** Told of every change: the old value (null if none) and the new one (null if removed). */
    interface Listener<V> {
        void changed(String key, V before, V after);
    }

    private final Map<String, V> entries = new ConcurrentHashMap<>();
    private final Function<R, V> decode;
    private final Listener<V> listener;
    private final Object lock = new Object();
    private Set<String> changedWhileLoading = new HashSet<>();
    private final QueryCursor<Cache.Entry<String, R>> cursor;

    CacheMirror(IgniteCache<String, R> cache, Function<R, V> decode, Listener<V> listener) {
        this.decode = decode;
        this.listener = listener;
        ContinuousQuery<String, R> query = new ContinuousQuery<>();
        query.setInitialQuery(new ScanQuery<>());
        query.setLocalListener(events -> {
            for (CacheEntryEvent<? extends String, ? extends R> event : events) {
                boolean gone = event.getEventType() == EventType.REMOVED || event.getEventType() == EventType.EXPIRED;
                apply(event.getKey(), gone ? null : event.getValue(), true);
            }
        });
        cursor = cache.query(query);
        for (Cache.Entry<String, R> entry : cursor) {
            apply(entry.getKey(), entry.getValue(), false);
        }
        synchronized (lock) {
            changedWhileLoading = null;
        }
    }

    V get(String key) {
        return entries.get(key);
    }

    Map<String, V> entries() {
        return entries;
    }

    /** A change this node made: applied at once, so this node reads its own writes. */
    void changed(String key, R raw) {
        apply(key, raw, true);
    }

    private void apply(String key, R raw, boolean isChange) {
        synchronized (lock) {
            if (changedWhileLoading != null) {
                if (isChange) {
                    changedWhileLoading.add(key);
                } else if (changedWhileLoading.contains(key)) {
                    return;
                }
            }
            V value = raw == null ? null : decode.apply(raw);
            V before = value == null ? entries.remove(key) : entries.put(key, value);
            if (before != value) {
                listener.changed(key, before, value);
            }
        }
    }

    @Override
    public void close() {
        try {
            cursor.close();
        } catch (IgniteException | IllegalStateException e) {
            // The node is gone and the continuous query with it.
        }
    }
}
