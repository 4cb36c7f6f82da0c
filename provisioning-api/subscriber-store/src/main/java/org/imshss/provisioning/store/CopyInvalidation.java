package org.imshss.provisioning.store;

import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheInterceptorAdapter;
import org.apache.ignite.lang.IgniteBiTuple;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * The interceptor of a cache whose records {@link PrimaryCopies} keeps: tells this node's copies that a record
 * changes. Ignite runs every update of an atomic cache on the key's primary node and calls this there with the entry
 * locked, before the writer is answered: once before the new value is stored, so that no copy of the old one is
 * served once the new one can be seen (a continuous query hears of it at once, and its listener may read the record
 * again), and once after, for a copy read in between. It finds the copies through the node-local map, where each
 * store registers its own under the cache's name.
 */
final class CopyInvalidation extends CacheInterceptorAdapter<String, byte[]> {

    private static final long serialVersionUID = 1L;
    private static final String NODE_LOCAL_PREFIX = "imshss.primary-copies.";

    private final String cacheName;

    @IgniteInstanceResource
    private transient Ignite ignite;

    CopyInvalidation(String cacheName) {
        this.cacheName = cacheName;
    }

    @Override
    public byte[] onBeforePut(Cache.Entry<String, byte[]> entry, byte[] newValue) {
        invalidate(entry.getKey());
        return newValue;
    }

    @Override
    public IgniteBiTuple<Boolean, byte[]> onBeforeRemove(Cache.Entry<String, byte[]> entry) {
        invalidate(entry.getKey());
        return super.onBeforeRemove(entry);
    }

    @Override
    public void onAfterPut(Cache.Entry<String, byte[]> entry) {
        invalidate(entry.getKey());
    }

    @Override
    public void onAfterRemove(Cache.Entry<String, byte[]> entry) {
        invalidate(entry.getKey());
    }

    private void invalidate(String key) {
        for (PrimaryCopies<?> copies : copiesOf(ignite, cacheName)) {
            copies.invalidate(key);
        }
    }

    /** The copies kept on this node of {@code cacheName}'s records, one per store reading it. */
    @SuppressWarnings("unchecked")
    static Set<PrimaryCopies<?>> copiesOf(Ignite ignite, String cacheName) {
        ConcurrentMap<String, Object> local = ignite.cluster().nodeLocalMap();
        return (Set<PrimaryCopies<?>>) local.computeIfAbsent(NODE_LOCAL_PREFIX + cacheName,
                name -> new CopyOnWriteArraySet<PrimaryCopies<?>>());
    }
}
