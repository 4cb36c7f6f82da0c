package org.imshss.node.diameter.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A flood of events gives one line per interval, each with the number of events since the previous line. */
class LogThrottleTest {

    @Test
    void oneLineAtOnceThenAtMostOnePerIntervalCountingTheEventsBetween() {
        LogThrottle throttle = new LogThrottle(Duration.ofMillis(200));
        List<Long> lines = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        throttle.event(lines::add);
        assertThat(lines).containsExactly(1L);
        int events = 1;
        while (lines.size() < 3) {
            throttle.event(lines::add);
            events++;
        }
        long elapsed = System.nanoTime() - started;
        assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(lines.stream().mapToLong(Long::longValue).sum()).isEqualTo(events);
    }
}
