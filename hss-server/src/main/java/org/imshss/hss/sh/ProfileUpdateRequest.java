package org.imshss.hss.sh;

import org.imshss.diameter.UserIdentity;

/** A decoded PUR (TS 29.329 6.1.3). */
public record ProfileUpdateRequest(
        String originHost,
        UserIdentity userIdentity,
        String wildcardedIdentity,
        int dataReference,
        String userData) {
}
