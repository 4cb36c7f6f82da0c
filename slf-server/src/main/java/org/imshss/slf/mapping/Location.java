package org.imshss.slf.mapping;

/**
 * Where a user is served, and why.
 *
 * @param target the HSS
 * @param matchedBy the kind of mapping that decided
 * @param matchedKey the key of that mapping
 */
public record Location(HssTarget target, MappingKind matchedBy, String matchedKey) {
}
