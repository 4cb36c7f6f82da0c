package org.imshss.provisioning.model;

import java.util.List;

/**
 * A service profile, shared by reference by many public identities (TS 29.228 Annex B).
 *
 * @param ifcIds ids of the {@link InitialFilterCriteria} of this profile
 * @param sharedIfcSetIds ids of {@link SharedIfcSet}s this profile uses
 * @param subscribedMediaProfileId CoreNetworkServicesAuthorization/SubscribedMediaProfileId, or null
 */
public record ServiceProfile(
        String id,
        List<String> ifcIds,
        List<Integer> sharedIfcSetIds,
        Integer subscribedMediaProfileId) {

    public ServiceProfile {
        ifcIds = List.copyOf(ifcIds);
        sharedIfcSetIds = List.copyOf(sharedIfcSetIds);
    }
}
