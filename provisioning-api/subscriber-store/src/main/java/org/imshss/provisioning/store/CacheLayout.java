package org.imshss.provisioning.store;

import java.util.List;
import java.util.Objects;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Where a set of stores keeps its records: the {@link CacheNames} with a prefix. The node's stores use
 * {@link #NODE} (the names as they are); a throwaway set of stores (the warm-up's) uses caches of its own, so that
 * nothing it writes can reach a subscriber's records.
 */
public record CacheLayout(String prefix) {

    /** The node's own caches, under their plain names. */
    public static final CacheLayout NODE = new CacheLayout("");

    public CacheLayout {
        Objects.requireNonNull(prefix, "prefix");
    }

    /** The name of the cache that holds the records of {@code logical} (one of {@link CacheNames}). */
    public String name(String logical) {
        return prefix + logical;
    }

    /** The caches the subscriber, EPS and Sh stores read and write (all of {@link CacheNames#ALL} but the audit). */
    public List<String> storeCaches() {
        return CacheNames.ALL.stream().filter(name -> !CacheNames.AUDIT.equals(name)).map(this::name).toList();
    }

    IgniteCache<String, byte[]> cache(Ignite ignite, String logical) {
        IgniteCache<String, byte[]> cache = ignite.cache(name(logical));
        if (cache == null) {
            throw new IllegalStateException("cache " + name(logical) + " is not configured on node " + ignite.name());
        }
        return cache;
    }
}
