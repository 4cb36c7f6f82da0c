package org.imshss.node.diameter.transport;

import java.time.Duration;

/**
 * Bounds on accepted connections, so that sockets opened and held by anyone who can reach the port cannot exhaust
 * the node's threads or file descriptors.
 *
 * @param maxConnections accepted connections open at once, from accept until close; past it a new one is closed
 *                       at once
 * @param maxPerAddress accepted connections open at once from one source address
 * @param cerTimeout how long an accepted connection may take to send its CER, TLS handshake included; past it the
 *                   connection is closed (RFC 6733 5.6.1: a new connection is anonymous until its CER, which the
 *                   node awaits outside the peer state machine, so how long it waits is the node's to bound)
 */
public record ConnectionLimits(int maxConnections, int maxPerAddress, Duration cerTimeout) {

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(1024, 64, Duration.ofSeconds(5));

    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException("maxPerAddress must be positive");
        }
        if (cerTimeout.isNegative() || cerTimeout.isZero()) {
            throw new IllegalArgumentException("cerTimeout must be positive");
        }
    }
}
