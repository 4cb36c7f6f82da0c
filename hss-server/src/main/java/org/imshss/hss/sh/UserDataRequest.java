package org.imshss.hss.sh;

import java.util.List;

/**
 * A decoded UDR (TS 29.329 6.1.1).
 *
 * @param dataReferences Data-Reference values, in request order
 */
public record UserDataRequest(
        String originHost,
        UserIdentity userIdentity,
        String wildcardedIdentity,
        String serverName,
        List<String> serviceIndications,
        List<Integer> dataReferences,
        List<IdentitySet> identitySets) {

    public UserDataRequest {
        serviceIndications = List.copyOf(serviceIndications);
        dataReferences = List.copyOf(dataReferences);
        identitySets = List.copyOf(identitySets);
    }
}
