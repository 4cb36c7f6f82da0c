package org.imshss.provisioning.model;

import java.util.Set;
import java.util.TreeSet;

/**
 * The DSAI-Values of one public identity (TS 29.328 7.6.11): every tag is ACTIVE unless listed here as
 * INACTIVE, so a new tag needs no per-user record.
 *
 * @param identity the public identity key (normalised distinct identity, or the wildcard string)
 * @param inactive the tags whose DSAI-Value is INACTIVE
 * @param updatedBy the Diameter identity of the AS that made the last change, or null
 */
public record DsaiValues(String identity, Set<String> inactive, String updatedBy) {

    public DsaiValues {
        inactive = Set.copyOf(inactive);
    }

    public static DsaiValues allActive(String identity) {
        return new DsaiValues(identity, Set.of(), null);
    }

    public boolean isActive(String tag) {
        return !inactive.contains(tag);
    }

    /** With {@code tag} set to {@code active}, changed by {@code writer}. */
    public DsaiValues with(String tag, boolean active, String writer) {
        Set<String> next = new TreeSet<>(inactive);
        if (active) {
            next.remove(tag);
        } else {
            next.add(tag);
        }
        return new DsaiValues(identity, next, writer);
    }
}
