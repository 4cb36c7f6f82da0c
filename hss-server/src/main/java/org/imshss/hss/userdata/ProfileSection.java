package org.imshss.hss.userdata;

import java.util.List;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServiceProfile;

/**
 * One ServiceProfile element: the profile, the public identities sharing it (in implicit-set order) and
 * its iFCs, already resolved and sorted by priority (TS 29.228 Annex B.2.2: lower value first).
 */
public record ProfileSection(ServiceProfile profile, List<PublicIdentity> identities, List<InitialFilterCriteria> ifcs) {

    public ProfileSection {
        identities = List.copyOf(identities);
        ifcs = List.copyOf(ifcs);
    }
}
