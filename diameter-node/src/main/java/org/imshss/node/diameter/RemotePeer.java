package org.imshss.node.diameter;

import java.util.Objects;

/**
 * A Diameter server this node connects to itself (an SLF relaying to HSS nodes) rather than waiting for it to
 * connect.
 *
 * @param identity the peer's Diameter identity (its Origin-Host)
 * @param address where to connect; null resolves the identity
 * @param port the peer's Diameter port
 * @param realm the peer's realm
 */
public record RemotePeer(String identity, String address, int port, String realm) {

    public RemotePeer {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(realm, "realm");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
