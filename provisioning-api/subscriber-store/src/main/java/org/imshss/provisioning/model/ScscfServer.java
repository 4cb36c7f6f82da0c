package org.imshss.provisioning.model;

import java.util.Set;

/** An S-CSCF the HSS knows, with the capabilities it offers (TS 29.228 6.7). */
public record ScscfServer(String name, Set<Integer> capabilities) {

    public ScscfServer {
        capabilities = Set.copyOf(capabilities);
    }

    public boolean offersAll(Set<Integer> required) {
        return capabilities.containsAll(required);
    }
}
