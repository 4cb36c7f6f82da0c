package org.imshss.hss.cx;

import java.util.Optional;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.store.SubscriberStore;

/**
 * A public identity as a request named it, found either as a distinct identity or through a wildcarded
 * PSI/IMPU (TS 29.228 6.1.2.1, 6.1.4.1: a distinct identity wins over a matching wildcard).
 *
 * @param wildcard the wildcard string when found through one (answered in Wildcarded-Public-Identity), else null
 */
public record ResolvedIdentity(PublicIdentity identity, String wildcard) {

    /**
     * @param wildcardHint the request's Wildcarded-Public-Identity, if any: the S-CSCF already knows which
     *                     wildcard applies
     */
    public static Optional<ResolvedIdentity> resolve(SubscriberStore store, String requested, String wildcardHint) {
        if (wildcardHint != null) {
            Optional<PublicIdentity> wildcard = store.publicIdentity(wildcardHint);
            if (wildcard.isPresent() && wildcard.get().type().isWildcard()) {
                return Optional.of(new ResolvedIdentity(wildcard.get(), wildcard.get().identity()));
            }
        }
        if (requested == null) {
            return Optional.empty();
        }
        Optional<PublicIdentity> distinct = store.publicIdentity(requested);
        if (distinct.isPresent()) {
            PublicIdentity id = distinct.get();
            return Optional.of(new ResolvedIdentity(id, id.type().isWildcard() ? id.identity() : null));
        }
        return store.wildcardMatch(requested).map(id -> new ResolvedIdentity(id, id.identity()));
    }

    public boolean viaWildcard() {
        return wildcard != null;
    }
}
