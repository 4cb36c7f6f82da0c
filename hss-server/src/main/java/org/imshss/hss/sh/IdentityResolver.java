package org.imshss.hss.sh;

import java.util.Optional;
import org.imshss.diameter.UserIdentity;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.store.SubscriberStore;

/**
 * Finds the identity of an Sh request: by MSISDN; by the Wildcarded-Public-Identity the AS sent; by the
 * distinct identity; and last by wildcard match, which is then named in the answer's
 * Wildcarded-Public-Identity (TS 29.328 6.1.1, TS 29.329 6.3.20).
 */
final class IdentityResolver {

    private final SubscriberStore store;

    IdentityResolver(SubscriberStore store) {
        this.store = store;
    }

    Optional<ShTarget> resolve(UserIdentity user, String wildcarded) {
        if (user.msisdn() != null) {
            return store.publicIdentityByMsisdn(user.msisdn())
                    .map(found -> target(found, found.identity(), true));
        }
        String requested = user.publicIdentity();
        if (requested == null) {
            return Optional.empty();
        }
        if (wildcarded != null) {
            Optional<PublicIdentity> wildcard = store.publicIdentity(wildcarded).filter(p -> p.type().isWildcard());
            if (wildcard.isPresent()) {
                return wildcard.map(found -> target(found, requested, false));
            }
        }
        Optional<PublicIdentity> distinct = store.publicIdentity(requested).filter(p -> !p.type().isWildcard()
                || Identities.isWildcard(requested));
        if (distinct.isPresent()) {
            return distinct.map(found -> target(found, requested, false));
        }
        return store.wildcardMatch(requested).map(found -> target(found, requested, false));
    }

    private static ShTarget target(PublicIdentity found, String requested, boolean viaMsisdn) {
        boolean wildcard = found.type().isWildcard();
        String key = wildcard ? found.identity().trim() : Identities.normalise(found.identity());
        return new ShTarget(found, key, requested, wildcard ? found.identity() : null, viaMsisdn);
    }
}
