package org.imshss.hss.sh;

import java.util.List;
import org.imshss.diameter.UserIdentity;

/**
 * A decoded UDR (TS 29.329 6.1.1).
 *
 * @param dataReferences Data-Reference values, in request order
 * @param dsaiTags the DSAI-Tags asked for; empty for every tag of the AS
 */
public record UserDataRequest(
        String originHost,
        UserIdentity userIdentity,
        String wildcardedIdentity,
        String serverName,
        List<String> serviceIndications,
        List<Integer> dataReferences,
        List<IdentitySet> identitySets,
        List<String> dsaiTags) {

    public UserDataRequest {
        serviceIndications = List.copyOf(serviceIndications);
        dataReferences = List.copyOf(dataReferences);
        identitySets = List.copyOf(identitySets);
        dsaiTags = List.copyOf(dsaiTags);
    }
}
