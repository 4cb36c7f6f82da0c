package org.imshss.slf.mapping;

import java.util.List;

/**
 * An HSS the SLF sends users to: all nodes of one HSS cluster, any of which can serve the user.
 *
 * @param name the name mappings refer to
 * @param realm the HSS's Diameter realm (Destination-Realm of a relayed request)
 * @param hosts its nodes, in order of preference; all are named in a redirect
 */
public record HssTarget(String name, String realm, List<HssHost> hosts) {

    public HssTarget {
        name = MappingKeys.name("name", name);
        realm = MappingKeys.diameterIdentity("realm", realm);
        if (hosts == null || hosts.isEmpty()) {
            throw new InvalidMappingException("hosts", "an HSS needs at least one host");
        }
        hosts = List.copyOf(hosts);
        if (hosts.stream().map(HssHost::identity).distinct().count() != hosts.size()) {
            throw new InvalidMappingException("hosts", "a host is listed twice");
        }
    }
}
