package org.imshss.node.diameter.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the accepted connections of a node, in all and by source address, from accept until close, and keeps
 * them under {@link ConnectionLimits}. At a cap, the oldest connection that has not sent its CER yet (of any address
 * for the total, of the same address for the per-address cap) is closed to make room: a flood of connections that
 * never send a CER cannot keep a peer that does from being served. Only when every counted connection has sent its
 * CER is the new one refused; the acceptor then closes the socket before any thread is spent on it. Refusals,
 * evictions and connections dropped for want of a CER are logged at most once every {@link #LOG_INTERVAL}, with a
 * count.
 */
final class AcceptGate {

    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(TransportGuard.class);

    private final ConnectionLimits limits;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    private final LogThrottle refusals = new LogThrottle(LOG_INTERVAL);
    private final LogThrottle withoutCer = new LogThrottle(LOG_INTERVAL);
    private final LogThrottle evictions = new LogThrottle(LOG_INTERVAL);
    /** Connections still awaiting their CER, oldest first. */
    private final ConcurrentLinkedDeque<Permit> awaitingCer = new ConcurrentLinkedDeque<>();

    AcceptGate(ConnectionLimits limits) {
        this.limits = limits;
    }

    /**
     * A place for a connection just accepted from {@code address}, or null when a cap is reached and no connection
     * awaiting its CER can be closed to make room.
     */
    Permit admit(InetAddress address) {
        while (true) {
            if (!takeTotal()) {
                if (evictOldest(null)) {
                    continue;
                }
                refused(address, "diameter.max-connections (" + limits.maxConnections() + ") reached");
                return null;
            }
            if (takeForAddress(address)) {
                Permit permit = new Permit(address);
                awaitingCer.addLast(permit);
                return permit;
            }
            total.decrementAndGet();
            if (!evictOldest(address)) {
                refused(address, "diameter.max-connections-per-address (" + limits.maxPerAddress() + ") reached");
                return null;
            }
        }
    }

    private boolean takeTotal() {
        int now;
        do {
            now = total.get();
            if (now >= limits.maxConnections()) {
                return false;
            }
        } while (!total.compareAndSet(now, now + 1));
        return true;
    }

    private boolean takeForAddress(InetAddress address) {
        boolean[] taken = new boolean[1];
        byAddress.compute(address, (key, open) -> {
            int count = open == null ? 0 : open;
            if (count >= limits.maxPerAddress()) {
                return open;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0];
    }

    /**
     * Closes the oldest connection still awaiting its CER, from {@code address} or from anywhere when null; its
     * close gives its place back before this returns.
     */
    private boolean evictOldest(InetAddress address) {
        for (Permit permit : awaitingCer) {
            // A permit's close removes it from the queue.
            if ((address == null || address.equals(permit.address)) && permit.evict()) {
                evictions.event(count -> log.warn("Diameter connection from {} closed before its CER to make room "
                        + "for a new one at a connection cap; {} connection(s) closed for that since the previous such"
                        + " line", permit.address.getHostAddress(), count));
                return true;
            }
        }
        return false;
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

        private static final int AWAITING_CER = 0;
        private static final int CER_RECEIVED = 1;
        private static final int EVICTED = 2;

        private final InetAddress address;
        private final AtomicBoolean released = new AtomicBoolean();
        private final AtomicInteger state = new AtomicInteger(AWAITING_CER);
        private volatile Runnable closer;

        private Permit(InetAddress address) {
            this.address = address;
        }

        /** How the connection is closed should its place be needed before its CER arrives. */
        void closeWith(Runnable close) {
            this.closer = close;
        }

        /**
         * The connection's CER has arrived: from now on it is never evicted. False when it lost the race to an
         * eviction, which is closing it.
         */
        boolean cerReceived() {
            if (state.compareAndSet(AWAITING_CER, CER_RECEIVED)) {
                awaitingCer.remove(this);
                return true;
            }
            return state.get() == CER_RECEIVED;
        }

        private boolean evict() {
            Runnable close = closer;
            if (close == null || released.get() || !state.compareAndSet(AWAITING_CER, EVICTED)) {
                return false;
            }
            close.run();
            return true;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                awaitingCer.remove(this);
                byAddress.computeIfPresent(address, (key, open) -> open <= 1 ? null : open - 1);
                total.decrementAndGet();
            }
        }
    }
}
