package org.imshss.slf.lookup;

import java.util.Optional;
import org.imshss.provisioning.model.Identities;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Location;
import org.imshss.slf.mapping.MappingKeys;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.store.Match;
import org.imshss.slf.store.MappingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the HSS of an identity, trying the kinds of mapping in their order of precedence ({@link MappingKind}):
 * identity, pattern, range, longest prefix, domain (longest suffix), default. A mapping whose target has been
 * removed is skipped, so a dangling mapping never hides a valid one below it.
 */
public final class HssLookup {

    private static final Logger log = LoggerFactory.getLogger(HssLookup.class);

    private final MappingStore store;

    public HssLookup(MappingStore store) {
        this.store = store;
    }

    /** @param identity an IMPU, PSI or IMPI as received; an MSISDN as {@code tel:+digits} */
    public Optional<Location> locate(String identity) {
        String normalised = Identities.normalise(identity);
        Optional<Location> found = resolve(MappingKind.IDENTITY, store.identity(normalised));
        if (found.isPresent()) {
            return found;
        }
        found = resolve(MappingKind.PATTERN, store.pattern(normalised));
        if (found.isPresent()) {
            return found;
        }
        String number = MappingKeys.numberOf(identity);
        if (number != null) {
            found = resolve(MappingKind.RANGE, store.range(number));
            if (found.isPresent()) {
                return found;
            }
            found = resolve(MappingKind.PREFIX, store.longestPrefix(number));
            if (found.isPresent()) {
                return found;
            }
        }
        String domain = MappingKeys.domainOf(normalised);
        if (domain != null) {
            found = resolve(MappingKind.DOMAIN, store.domain(domain));
            if (found.isPresent()) {
                return found;
            }
        }
        return resolve(MappingKind.DEFAULT, store.globalDefault());
    }

    private Optional<Location> resolve(MappingKind kind, Optional<Match> match) {
        if (match.isEmpty()) {
            return Optional.empty();
        }
        Optional<HssTarget> target = store.target(match.get().target());
        if (target.isEmpty()) {
            log.warn("{} mapping {} names HSS '{}', which does not exist: skipped", kind, match.get().key(),
                    match.get().target());
            return Optional.empty();
        }
        return Optional.of(new Location(target.get(), kind, match.get().key()));
    }
}
