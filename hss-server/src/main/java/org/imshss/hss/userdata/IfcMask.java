package org.imshss.hss.userdata;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imshss.provisioning.model.PublicIdentity;

/**
 * The iFCs an S-CSCF must not receive for some public identities: Dynamic Service Activation Info masks an iFC
 * whose DSAI tags are all INACTIVE for the identity (TS 29.328 7.6.11). User-Data over Cx (SAA, PPR) leaves
 * such iFCs out of the identity's service profile.
 */
@FunctionalInterface
public interface IfcMask {

    /** Nothing is masked. */
    IfcMask NONE = identities -> Map.of();

    /**
     * @return for each given identity that has masked iFCs, keyed by {@link PublicIdentity#identity()}, the ids
     *         of those iFCs; identities without any are absent
     */
    Map<String, Set<String>> masked(List<PublicIdentity> identities);
}
