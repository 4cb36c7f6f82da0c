package org.imshss.hss.diameter.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the accepted connections of a node, in all and by source address, from accept until close, and refuses
 * one past {@link ConnectionLimits}: the acceptor then closes the socket before any thread is spent on it. Refusals
 * and connections dropped for want of a CER are logged at most once every {@link #LOG_INTERVAL}, with a count.
 */
final class AcceptGate {

    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(TransportGuard.class);

    private final ConnectionLimits limits;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    private final LogThrottle refusals = new LogThrottle(LOG_INTERVAL);
    private final LogThrottle withoutCer = new LogThrottle(LOG_INTERVAL);

    AcceptGate(ConnectionLimits limits) {
        this.limits = limits;
    }

    /** A place for a connection just accepted from {@code address}, or null when a cap is reached. */
    Permit admit(InetAddress address) {
        int now;
        do {
            now = total.get();
            if (now >= limits.maxConnections()) {
                refused(address, "diameter.max-connections (" + limits.maxConnections() + ") reached");
                return null;
            }
        } while (!total.compareAndSet(now, now + 1));
        boolean[] taken = new boolean[1];
        byAddress.compute(address, (key, open) -> {
            int count = open == null ? 0 : open;
            if (count >= limits.maxPerAddress()) {
                return open;
            }
            taken[0] = true;
            return count + 1;
        });
        if (!taken[0]) {
            total.decrementAndGet();
            refused(address, "diameter.max-connections-per-address (" + limits.maxPerAddress() + ") reached");
            return null;
        }
        return new Permit(address);
    }

    /** Accepted connections open now. */
    int open() {
        return total.get();
    }

    /** Accepted connections open now from {@code address}. */
    int open(InetAddress address) {
        return byAddress.getOrDefault(address, 0);
    }

    /** An accepted connection closed because its CER did not come in time. */
    void closedWithoutCer(String key) {
        withoutCer.event(count -> log.warn("Diameter connection {} closed: no CER within {} ms; {} connection(s)"
                + " closed for that since the previous such line", key, limits.cerTimeout().toMillis(), count));
    }

    private void refused(InetAddress address, String reason) {
        refusals.event(count -> log.warn("Diameter connection from {} closed at accept: {}; {} connection(s)"
                + " refused since the previous such line", address.getHostAddress(), reason, count));
    }

    /** One accepted connection's place, given back once when it closes. */
    final class Permit {

        private final InetAddress address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(InetAddress address) {
            this.address = address;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                byAddress.computeIfPresent(address, (key, open) -> open <= 1 ? null : open - 1);
                total.decrementAndGet();
            }
        }
    }
}
