package org.imshss.provisioning.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of the grid's caches as this node hears them: one continuous query per cache, however many listeners
 * (the decoded-record caches, the wildcard index, the Sh notifier) want that cache's changes. Ignite does its
 * bookkeeping for every continuous query on every write of the cache, whatever the listener then does; a second
 * query on each per-subscriber cache cost a bulk import 12–27 µs a subscriber (docs/BENCHMARKS.md, run P3).
 * Listeners of a cache are called one after the other, in the order they started listening, on Ignite's thread.
 */
public final class ChangeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final Map<String, CacheFeed> feeds = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Calls {@code listener} with every later change of {@code cache} made on any node (as a continuous query's
     * local listener would be), until the returned handle is closed.
     */
    public Listening listen(IgniteCache<String, byte[]> cache,
            CacheEntryUpdatedListener<String, byte[]> listener) {
        if (closed) {
            throw new IllegalStateException("the change feed is closed");
        }
        CacheFeed feed = feeds.computeIfAbsent(cache.getName(), name -> new CacheFeed(cache));
        feed.listeners.add(listener);
        return () -> feed.listeners.remove(listener);
    }

    /** A listener's place on the feed; closing it stops the calls. */
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    /** Stops every continuous query; harmless if the node has already stopped. */
    @Override
    public void close() {
        closed = true;
        feeds.values().forEach(CacheFeed::close);
        feeds.clear();
    }

    private static final class CacheFeed {
        private final String cacheName;
        private final List<CacheEntryUpdatedListener<String, byte[]>> listeners = new CopyOnWriteArrayList<>();
        private final QueryCursor<Cache.Entry<String, byte[]>> cursor;

        CacheFeed(IgniteCache<String, byte[]> cache) {
            cacheName = cache.getName();
            ContinuousQuery<String, byte[]> query = new ContinuousQuery<>();
            query.setLocalListener(this::dispatch);
            cursor = cache.query(query);
        }

        private void dispatch(Iterable<CacheEntryEvent<? extends String, ? extends byte[]>> events) {
            List<CacheEntryEvent<? extends String, ? extends byte[]>> batch = new ArrayList<>();
            events.forEach(batch::add);
            for (CacheEntryUpdatedListener<String, byte[]> listener : listeners) {
                try {
                    listener.onUpdated(batch);
                } catch (RuntimeException e) {
                    // One listener's failure must not keep the others (another cache's coherence) from the change.
                    LOG.warn("a listener of cache {} failed on a change: {}", cacheName, e.toString());
                }
            }
        }

        void close() {
            try {
                cursor.close();
            } catch (IgniteException | IllegalStateException e) {
                LOG.debug("continuous query of {} already gone with its node", cacheName);
            }
        }
    }
}
