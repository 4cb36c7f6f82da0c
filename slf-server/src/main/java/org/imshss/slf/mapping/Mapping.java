package org.imshss.slf.mapping;

/**
 * One mapping: identities matching {@code key} (and up to {@code to} for a range) are served by the HSS
 * named {@code target}. Keys are normalised on construction, so equal mappings have equal keys.
 *
 * @param kind what {@code key} is
 * @param key the identity, pattern, first number of the range, prefix digits or domain; {@link #DEFAULT_KEY}
 *            for the default
 * @param to the last number of a range; null for the other kinds
 * @param target the name of an {@link HssTarget}
 */
public record Mapping(MappingKind kind, String key, String to, String target) {

    public static final String DEFAULT_KEY = "default";

    public Mapping {
        if (kind == null) {
            throw new InvalidMappingException("type", "required");
        }
        target = MappingKeys.name("target", target);
        switch (kind) {
            case IDENTITY -> key = MappingKeys.identity("key", key);
            case PATTERN -> key = MappingKeys.pattern("key", key);
            case PREFIX -> key = MappingKeys.digits("key", key);
            case DOMAIN -> key = MappingKeys.domain("key", key);
            case DEFAULT -> key = DEFAULT_KEY;
            case RANGE -> {
                key = MappingKeys.digits("from", key);
                to = MappingKeys.digits("to", to);
                if (key.length() != to.length()) {
                    throw new InvalidMappingException("to", "must have as many digits as from (" + key.length() + ")");
                }
                if (key.compareTo(to) > 0) {
                    throw new InvalidMappingException("to", "must not be below from");
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (kind != MappingKind.RANGE) {
            if (to != null) {
                throw new InvalidMappingException("to", "only a range has an end");
            }
        }
    }

    public static Mapping of(MappingKind kind, String key, String target) {
        return new Mapping(kind, key, null, target);
    }

    public static Mapping range(String from, String to, String target) {
        return new Mapping(MappingKind.RANGE, from, to, target);
    }

    public static Mapping globalDefault(String target) {
        return new Mapping(MappingKind.DEFAULT, DEFAULT_KEY, null, target);
    }
}
