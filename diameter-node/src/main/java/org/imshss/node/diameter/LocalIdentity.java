package org.imshss.node.diameter;

/** This node's Diameter identity: Origin-Host and Origin-Realm of everything it sends. */
public record LocalIdentity(String host, String realm) {
}
