package org.imshss.slf.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.InvalidMappingException;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingConflictException;
import org.imshss.slf.mapping.MappingKind;

/**
 * The SLF's mappings and HSS targets. Every lookup costs a bounded number of key reads or one search of a
 * sorted index, whatever the number of mappings: one read for an identity, at most
 * {@value org.imshss.slf.mapping.MappingKeys#MAX_DIGITS} for a prefix (one per length), one per label for a
 * domain, one floor search for a range.
 */
public interface MappingStore extends AutoCloseable {

    /** The mapping of exactly this (normalised) identity. */
    Optional<Match> identity(String normalisedIdentity);

    /** The most specific wildcard pattern matching the (normalised) identity. */
    Optional<Match> pattern(String normalisedIdentity);

    /** The range holding this number. */
    Optional<Match> range(String digits);

    /** The longest prefix of this number. */
    Optional<Match> longestPrefix(String digits);

    /** The mapping of the domain or, failing that, of its nearest parent domain. */
    Optional<Match> domain(String domain);

    Optional<Match> globalDefault();

    Optional<HssTarget> target(String name);

    Collection<HssTarget> targets();

    /** Adds or replaces a target (by name). */
    void putTarget(HssTarget target);

    /**
     * Removes a target no mapping points to.
     *
     * @return false if there was none
     * @throws MappingConflictException if a mapping still points to it
     */
    boolean removeTarget(String name);

    /**
     * Adds or replaces a mapping (by kind and key).
     *
     * @throws InvalidMappingException if its target does not exist
     * @throws MappingConflictException if it is a range overlapping another range
     */
    void put(Mapping mapping);

    /** @param key as given; normalised like a mapping's key */
    Optional<Mapping> get(MappingKind kind, String key);

    /** @return false if there was none */
    boolean remove(MappingKind kind, String key);

    /** All mappings of a kind, at most {@code limit}, in no particular order. */
    List<Mapping> list(MappingKind kind, int limit);

    long count(MappingKind kind);

    /** Stores many targets and mappings at once, checked like {@link #putTarget} and {@link #put}. */
    void load(List<HssTarget> targets, List<Mapping> mappings);

    @Override
    void close();
}
