package org.imshss.slf.mapping;

/**
 * One Diameter node of an HSS.
 *
 * @param identity its Diameter identity (Origin-Host), the host of its DiameterURI in Redirect-Host
 * @param port its Diameter port
 * @param address where the SLF connects to relay to it; null resolves the identity (the usual case: Diameter
 *                identities are resolvable names, RFC 6733 4.3.1)
 */
public record HssHost(String identity, int port, String address) {

    public static final int DEFAULT_PORT = 3868;

    public HssHost {
        identity = MappingKeys.diameterIdentity("identity", identity);
        if (port < 1 || port > 65535) {
            throw new InvalidMappingException("port", "must be a TCP port (1-65535), not " + port);
        }
        address = address == null || address.isBlank() ? null : address.trim();
    }

    /** The DiameterURI of Redirect-Host (RFC 6733 4.3.1: aaa://FQDN:port;transport=tcp). */
    public String redirectUri() {
        return "aaa://" + identity + ":" + port + ";transport=tcp";
    }
}
