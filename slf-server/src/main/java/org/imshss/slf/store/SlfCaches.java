package org.imshss.slf.store;

import java.util.List;
import java.util.Map;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;
import org.imshss.provisioning.store.CacheLayout;
import org.imshss.slf.mapping.MappingKind;

/**
 * The SLF's grid caches, one per kind of mapping plus the targets; keys are normalised mapping keys. The node's
 * mappings are under {@link CacheLayout#NODE}, a warm-up's under a prefix of their own.
 */
public final class SlfCaches {

    public static final String TARGETS = "slf-targets";
    public static final String IDENTITIES = "slf-identities";
    public static final String PATTERNS = "slf-patterns";
    public static final String RANGES = "slf-ranges";
    public static final String PREFIXES = "slf-prefixes";
    public static final String DOMAINS = "slf-domains";
    public static final String DEFAULTS = "slf-defaults";

    /** Every cache of the SLF. */
    public static final List<String> ALL = List.of(TARGETS, IDENTITIES, PATTERNS, RANGES, PREFIXES, DOMAINS, DEFAULTS);

    static final Map<MappingKind, String> BY_KIND = Map.of(
            MappingKind.IDENTITY, IDENTITIES,
            MappingKind.PATTERN, PATTERNS,
            MappingKind.RANGE, RANGES,
            MappingKind.PREFIX, PREFIXES,
            MappingKind.DOMAIN, DOMAINS,
            MappingKind.DEFAULT, DEFAULTS);

    /** Identities may number millions; the other caches hold few entries. */
    private static final int LARGE_PARTITIONS = 1024;
    private static final int SMALL_PARTITIONS = 64;

    private SlfCaches() {
    }

    /** Every cache of the SLF under {@code layout}, as the mapping store creates them. */
    public static List<CacheConfiguration<?, ?>> configurations(CacheLayout layout, int backups) {
        return ALL.stream().<CacheConfiguration<?, ?>>map(name -> configuration(layout, name, backups)).toList();
    }

    /** @param name one of {@link #ALL}, the cache's name under {@code layout} */
    static <V> CacheConfiguration<String, V> configuration(CacheLayout layout, String name, int backups) {
        int partitions = name.equals(IDENTITIES) || name.equals(RANGES) || name.equals(PREFIXES)
                ? LARGE_PARTITIONS : SMALL_PARTITIONS;
        return new CacheConfiguration<String, V>(layout.name(name))
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(backups)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                // A mapping written through one SLF node is seen by the next request to any other.
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setReadFromBackup(true)
                .setCopyOnRead(false)
                .setAffinity(new RendezvousAffinityFunction(false, partitions));
    }
}
