package org.imshss.hss.cx;

import java.util.List;

/** Server-Capabilities (TS 29.229 6.3.4): what the I-CSCF needs to pick an S-CSCF. */
public record ServerCapabilities(List<Long> mandatory, List<Long> optional, List<String> serverNames) {

    public ServerCapabilities {
        mandatory = List.copyOf(mandatory);
        optional = List.copyOf(optional);
        serverNames = List.copyOf(serverNames);
    }
}
