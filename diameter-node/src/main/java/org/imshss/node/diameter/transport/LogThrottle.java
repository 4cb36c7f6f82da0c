package org.imshss.node.diameter.transport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * At most one log line per interval for an event that can come in a flood (connections refused or dropped by the
 * thousand); each line tells how many events there were since the previous one.
 */
final class LogThrottle {

    private final long intervalNanos;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong nextLineNanos = new AtomicLong(System.nanoTime());

    LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Counts one event; logs through {@code line} (given the count since the last line) if the interval is over. */
    void event(LongConsumer line) {
        events.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLineNanos.get();
        if (now - next >= 0 && nextLineNanos.compareAndSet(next, now + intervalNanos)) {
            line.accept(events.getAndSet(0));
        }
    }
}
