package org.imshss.slf.store;

/**
 * A mapping that matched a lookup.
 *
 * @param key the mapping's key (identity, pattern, first number of a range, prefix, domain)
 * @param target the name of the HSS it points to
 */
public record Match(String key, String target) {
}
