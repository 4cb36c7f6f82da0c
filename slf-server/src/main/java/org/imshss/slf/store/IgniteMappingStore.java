package org.imshss.slf.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.imshss.provisioning.store.CacheLayout;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.InvalidMappingException;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingConflictException;
import org.imshss.slf.mapping.MappingKeys;
import org.imshss.slf.mapping.MappingKind;

/**
 * The mappings in Ignite caches of their own ({@link SlfCaches}), created on first use. Identities, which may
 * number millions, are read by key through a bounded cache of recent lookups on the heap ({@link IdentityCache});
 * everything else is mirrored whole on each node's heap ({@link CacheMirror}): targets, patterns, prefixes and
 * domains because they are few (a number plan, a list of domains) and a lookup tries several keys of them, ranges
 * because they need a sorted index.
 */
public final class IgniteMappingStore implements MappingStore {

    private final Ignite ignite;
    private final RecordCodec codec;
    private final CacheLayout layout;
    private final IgniteCache<String, byte[]> targetCache;
    private final IgniteCache<String, String> identities;
    private final IgniteCache<String, String> patternCache;
    private final IgniteCache<String, byte[]> rangeCache;
    private final IgniteCache<String, String> prefixes;
    private final IgniteCache<String, String> domains;
    private final IgniteCache<String, String> defaults;
    private final RangeIndex rangeIndex = new RangeIndex();
    private final PatternIndex patternIndex = new PatternIndex();
    private final CacheMirror<byte[], HssTarget> targets;
    private final CacheMirror<String, String> patterns;
    private final CacheMirror<byte[], RangeValue> ranges;
    private final CacheMirror<String, String> prefixMirror;
    private final CacheMirror<String, String> domainMirror;
    private final IdentityCache identityCache;

    /** Identity lookups kept on each node's heap by default. */
    public static final int DEFAULT_CACHED_IDENTITIES = 1_000_000;

    /** @param backups backup copies of each partition of the caches this store creates */
    public IgniteMappingStore(Ignite ignite, RecordCodec codec, int backups) {
        this(ignite, codec, backups, DEFAULT_CACHED_IDENTITIES);
    }

    /**
     * @param backups backup copies of each partition of the caches this store creates
     * @param cachedIdentities identity lookups (found or not) kept on this node's heap
     */
    public IgniteMappingStore(Ignite ignite, RecordCodec codec, int backups, int cachedIdentities) {
        this(ignite, codec, backups, cachedIdentities, CacheLayout.NODE);
    }

    /**
     * @param backups backup copies of each partition of the caches this store creates
     * @param cachedIdentities identity lookups (found or not) kept on this node's heap
     * @param layout where the caches are: the node's, or a warm-up's created beforehand
     */
    public IgniteMappingStore(Ignite ignite, RecordCodec codec, int backups, int cachedIdentities,
            CacheLayout layout) {
        this.ignite = ignite;
        this.codec = codec;
        this.layout = layout;
        targetCache = cache(SlfCaches.TARGETS, backups);
        identities = cache(SlfCaches.IDENTITIES, backups);
        patternCache = cache(SlfCaches.PATTERNS, backups);
        rangeCache = cache(SlfCaches.RANGES, backups);
        prefixes = cache(SlfCaches.PREFIXES, backups);
        domains = cache(SlfCaches.DOMAINS, backups);
        defaults = cache(SlfCaches.DEFAULTS, backups);
        targets = new CacheMirror<>(targetCache, bytes -> codec.decode(bytes, HssTarget.class), (k, b, a) -> { });
        patterns = new CacheMirror<>(patternCache, target -> target, (k, b, a) -> patternIndex.changed());
        ranges = new CacheMirror<>(rangeCache, bytes -> codec.decode(bytes, RangeValue.class), rangeIndex::changed);
        prefixMirror = new CacheMirror<>(prefixes, target -> target, (k, b, a) -> { });
        domainMirror = new CacheMirror<>(domains, target -> target, (k, b, a) -> { });
        identityCache = new IdentityCache(identities, cachedIdentities);
    }

    private <V> IgniteCache<String, V> cache(String name, int backups) {
        return ignite.getOrCreateCache(SlfCaches.<V>configuration(layout, name, backups));
    }

    // ---- lookups ----------------------------------------------------------------------------------------------

    @Override
    public Optional<Match> identity(String normalisedIdentity) {
        return identityCache.get(normalisedIdentity).map(target -> new Match(normalisedIdentity, target));
    }

    @Override
    public Optional<Match> pattern(String normalisedIdentity) {
        if (patterns.entries().isEmpty()) {
            return Optional.empty();
        }
        return patternIndex.find(normalisedIdentity, patterns.entries());
    }

    @Override
    public Optional<Match> range(String digits) {
        return rangeIndex.find(digits);
    }

    @Override
    public Optional<Match> longestPrefix(String digits) {
        for (int length = Math.min(digits.length(), MappingKeys.MAX_DIGITS); length > 0; length--) {
            String prefix = digits.substring(0, length);
            String target = prefixMirror.get(prefix);
            if (target != null) {
                return Optional.of(new Match(prefix, target));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Match> domain(String domain) {
        for (String candidate : MappingKeys.domainAndParents(domain)) {
            String target = domainMirror.get(candidate);
            if (target != null) {
                return Optional.of(new Match(candidate, target));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Match> globalDefault() {
        String target = defaults.get(Mapping.DEFAULT_KEY);
        return target == null ? Optional.empty() : Optional.of(new Match(Mapping.DEFAULT_KEY, target));
    }

    @Override
    public Optional<HssTarget> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    @Override
    public Collection<HssTarget> targets() {
        return new TreeMap<>(targets.entries()).values();
    }

    // ---- provisioning -----------------------------------------------------------------------------------------

    @Override
    public void putTarget(HssTarget target) {
        byte[] value = codec.encode(target);
        targetCache.put(target.name(), value);
        targets.changed(target.name(), value);
    }

    @Override
    public boolean removeTarget(String name) {
        if (targets.get(name) == null) {
            return false;
        }
        for (MappingKind kind : MappingKind.values()) {
            Optional<Mapping> user = firstPointingTo(kind, name);
            if (user.isPresent()) {
                throw new MappingConflictException("HSS '" + name + "' is still the target of the " + kind + " mapping "
                        + user.get().key());
            }
        }
        boolean removed = targetCache.remove(name);
        targets.changed(name, null);
        return removed;
    }

    private Optional<Mapping> firstPointingTo(MappingKind kind, String name) {
        if (kind == MappingKind.RANGE) {
            return ranges.entries().entrySet().stream().filter(e -> e.getValue().target().equals(name)).findFirst()
                    .map(e -> Mapping.range(e.getKey(), e.getValue().to(), name));
        }
        if (kind == MappingKind.PATTERN) {
            return patterns.entries().entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst()
                    .map(e -> Mapping.of(kind, e.getKey(), name));
        }
        // An administrative check, not on any request's path: a scan is acceptable here.
        IgniteCache<String, String> cache = stringCache(kind);
        try (QueryCursor<Cache.Entry<String, String>> cursor =
                cache.query(new ScanQuery<String, String>((k, v) -> name.equals(v)).setPageSize(1))) {
            for (Cache.Entry<String, String> entry : cursor) {
                return Optional.of(Mapping.of(kind, entry.getKey(), name));
            }
        }
        return Optional.empty();
    }

    @Override
    public void put(Mapping mapping) {
        requireTarget(mapping.target());
        switch (mapping.kind()) {
            case RANGE -> {
                Optional<String> other = rangeIndex.overlapping(mapping.key(), mapping.to());
                if (other.isPresent()) {
                    throw new MappingConflictException("range " + mapping.key() + ".." + mapping.to()
                            + " overlaps the range starting at " + other.get());
                }
                byte[] value = codec.encode(new RangeValue(mapping.to(), mapping.target()));
                rangeCache.put(mapping.key(), value);
                ranges.changed(mapping.key(), value);
            }
            case PATTERN -> {
                patternCache.put(mapping.key(), mapping.target());
                patterns.changed(mapping.key(), mapping.target());
            }
            default -> {
                stringCache(mapping.kind()).put(mapping.key(), mapping.target());
                changed(mapping.kind(), mapping.key(), mapping.target());
            }
        }
    }

    private void requireTarget(String name) {
        if (targets.get(name) == null) {
            throw new InvalidMappingException("target", "no HSS named '" + name + "'");
        }
    }

    @Override
    public Optional<Mapping> get(MappingKind kind, String key) {
        String normalised = normalisedKey(kind, key);
        if (kind == MappingKind.RANGE) {
            RangeValue range = ranges.get(normalised);
            return range == null ? Optional.empty() : Optional.of(Mapping.range(normalised, range.to(), range.target()));
        }
        String target = kind == MappingKind.PATTERN ? patterns.get(normalised) : stringCache(kind).get(normalised);
        return target == null ? Optional.empty() : Optional.of(new Mapping(kind, normalised, null, target));
    }

    @Override
    public boolean remove(MappingKind kind, String key) {
        String normalised = normalisedKey(kind, key);
        switch (kind) {
            case RANGE -> {
                boolean removed = rangeCache.remove(normalised);
                ranges.changed(normalised, null);
                return removed;
            }
            case PATTERN -> {
                boolean removed = patternCache.remove(normalised);
                patterns.changed(normalised, null);
                return removed;
            }
            default -> {
                boolean removed = stringCache(kind).remove(normalised);
                changed(kind, normalised, null);
                return removed;
            }
        }
    }

    /** A change this node made, applied to its heap copies at once so the next lookup here sees it. */
    private void changed(MappingKind kind, String key, String target) {
        switch (kind) {
            case IDENTITY -> identityCache.invalidate(key);
            case PREFIX -> prefixMirror.changed(key, target);
            case DOMAIN -> domainMirror.changed(key, target);
            default -> {
                // read from the grid on every lookup
            }
        }
    }

    /** The key as a mapping of that kind would store it (the target is a placeholder). */
    private static String normalisedKey(MappingKind kind, String key) {
        if (kind == MappingKind.RANGE) {
            return new Mapping(kind, key, key, "x").key();
        }
        return new Mapping(kind, key, null, "x").key();
    }

    @Override
    public List<Mapping> list(MappingKind kind, int limit) {
        List<Mapping> out = new ArrayList<>();
        if (kind == MappingKind.RANGE) {
            for (Map.Entry<String, RangeValue> e : new TreeMap<>(ranges.entries()).entrySet()) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(Mapping.range(e.getKey(), e.getValue().to(), e.getValue().target()));
            }
            return out;
        }
        IgniteCache<String, String> cache = kind == MappingKind.PATTERN ? patternCache : stringCache(kind);
        try (QueryCursor<Cache.Entry<String, String>> cursor = cache.query(new ScanQuery<String, String>())) {
            for (Cache.Entry<String, String> entry : cursor) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(new Mapping(kind, entry.getKey(), null, entry.getValue()));
            }
        }
        return out;
    }

    @Override
    public long count(MappingKind kind) {
        return switch (kind) {
            case RANGE -> rangeCache.sizeLong();
            case PATTERN -> patternCache.sizeLong();
            default -> stringCache(kind).sizeLong();
        };
    }

    @Override
    public void load(List<HssTarget> newTargets, List<Mapping> mappings) {
        for (HssTarget target : newTargets) {
            putTarget(target);
        }
        Map<MappingKind, List<Mapping>> byKind = new HashMap<>();
        for (Mapping mapping : mappings) {
            requireTarget(mapping.target());
            byKind.computeIfAbsent(mapping.kind(), k -> new ArrayList<>()).add(mapping);
        }
        // Ranges and patterns are few and indexed: one at a time, so overlaps are found.
        for (MappingKind kind : List.of(MappingKind.RANGE, MappingKind.PATTERN, MappingKind.DEFAULT)) {
            for (Mapping mapping : byKind.getOrDefault(kind, List.of())) {
                put(mapping);
            }
        }
        for (MappingKind kind : List.of(MappingKind.IDENTITY, MappingKind.PREFIX, MappingKind.DOMAIN)) {
            List<Mapping> list = byKind.getOrDefault(kind, List.of());
            if (list.isEmpty()) {
                continue;
            }
            // Closing the streamer flushes it: everything is in the grid when load() returns.
            String cache = layout.name(SlfCaches.BY_KIND.get(kind));
            try (IgniteDataStreamer<String, String> streamer = ignite.dataStreamer(cache)) {
                streamer.allowOverwrite(true);
                for (Mapping mapping : list) {
                    streamer.addData(mapping.key(), mapping.target());
                }
            }
            // The continuous query brings these too, but only after load() returns.
            list.forEach(mapping -> changed(kind, mapping.key(), mapping.target()));
        }
    }

    private IgniteCache<String, String> stringCache(MappingKind kind) {
        return switch (kind) {
            case IDENTITY -> identities;
            case PREFIX -> prefixes;
            case DOMAIN -> domains;
            case DEFAULT -> defaults;
            default -> throw new IllegalArgumentException(kind + " is not kept as plain text");
        };
    }

    @Override
    public void close() {
        identityCache.close();
        prefixMirror.close();
        domainMirror.close();
        targets.close();
        patterns.close();
        ranges.close();
    }
}
