package org.imshss.node.diameter.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the Diameter transport.
 *
 * @param maxMessageBytes largest message accepted; a longer declared length closes the connection before any
 *                        buffer of that size is allocated
 * @param maxPendingRequests requests received and not yet answered, on the whole node; past it new requests are
 *                           answered DIAMETER_TOO_BUSY (RFC 6733 7.1.3). One connection may hold at most half.
 * @param writeQueueBytes encoded messages waiting to be written to one connection; a peer that lets more pile up
 *                        (it does not read) is disconnected
 * @param ioTimeout longest time one write to a peer may block, and longest the rest of a message may take to
 *                  arrive once its first octet has; past it the connection is closed
 * @param connections caps on accepted connections and the time each has to send its CER
 */
public record TransportSettings(int maxMessageBytes, int maxPendingRequests, long writeQueueBytes,
        Duration ioTimeout, ConnectionLimits connections) {

    /** The Diameter header (RFC 6733 3). */
    public static final int HEADER_BYTES = 20;
    /** The Message Length field has 24 bits. */
    public static final int LARGEST_MESSAGE = 0xFFFFFF;

    public static final TransportSettings DEFAULTS =
            new TransportSettings(1 << 20, 4096, 16L << 20, Duration.ofSeconds(5), ConnectionLimits.DEFAULTS);

    /** With the default connection limits. */
    public TransportSettings(int maxMessageBytes, int maxPendingRequests, long writeQueueBytes, Duration ioTimeout) {
        this(maxMessageBytes, maxPendingRequests, writeQueueBytes, ioTimeout, ConnectionLimits.DEFAULTS);
    }

    public TransportSettings {
        if (maxMessageBytes < 4096 || maxMessageBytes > LARGEST_MESSAGE) {
            throw new IllegalArgumentException("maxMessageBytes must be 4096.." + LARGEST_MESSAGE);
        }
        if (maxPendingRequests < 1) {
            throw new IllegalArgumentException("maxPendingRequests must be positive");
        }
        if (writeQueueBytes < maxMessageBytes) {
            throw new IllegalArgumentException("writeQueueBytes must be at least maxMessageBytes");
        }
        if (ioTimeout.isNegative() || ioTimeout.isZero()) {
            throw new IllegalArgumentException("ioTimeout must be positive");
        }
        Objects.requireNonNull(connections, "connections");
    }

    /** With other connection limits. */
    public TransportSettings withConnections(ConnectionLimits other) {
        return new TransportSettings(maxMessageBytes, maxPendingRequests, writeQueueBytes, ioTimeout, other);
    }

    /** What one connection may hold of {@link #maxPendingRequests}, so one flooding peer cannot starve the others. */
    public int maxPendingPerConnection() {
        return Math.max(1, maxPendingRequests / 2);
    }
}
