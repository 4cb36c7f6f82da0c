package org.imshss.provisioning.model;

import java.util.List;

/**
 * Public identities registered together (TS 23.228 5.2.1a). Order matters: the first non-barred
 * identity is the default public identity the S-CSCF takes from the User-Data.
 */
public record ImplicitRegistrationSet(String id, String subscriptionId, List<String> publicIdentities) {

    public ImplicitRegistrationSet {
        publicIdentities = List.copyOf(publicIdentities);
    }
}
