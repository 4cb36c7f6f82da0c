package org.imshss.node.diameter.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The settle rule over a scripted clock and compile time: two quiet half-seconds in a row, or the limit. */
class JitSettlingTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong compiled = new AtomicLong(40_000);

    private JitSettling settling(Duration limit) {
        return new JitSettling(limit, compiled::get, nanos::get);
    }

    /** Advances the clock by a window in which the JIT compiled for {@code compileMs}, then asks. */
    private boolean window(JitSettling settling, long compileMs) {
        nanos.addAndGet(JitSettling.WINDOW_MS * 1_000_000);
        compiled.addAndGet(compileMs);
        return settling.getAsBoolean();
    }

    @Test
    void twoQuietWindowsInARowSettle() {
        JitSettling settling = settling(Duration.ofSeconds(20));
        assertThat(window(settling, 400)).as("busy").isFalse();
        assertThat(window(settling, 100)).as("first quiet window (20 %)").isFalse();
        assertThat(window(settling, 0)).as("second quiet window").isTrue();
    }

    @Test
    void aBusyWindowBetweenQuietOnesStartsTheCountAgain() {
        JitSettling settling = settling(Duration.ofSeconds(20));
        assertThat(window(settling, 10)).isFalse();
        assertThat(window(settling, 101)).as("just over a fifth of the window").isFalse();
        assertThat(window(settling, 10)).isFalse();
        assertThat(window(settling, 10)).isTrue();
    }

    @Test
    void withinAWindowItDoesNotDecide() {
        JitSettling settling = settling(Duration.ofSeconds(20));
        window(settling, 0);
        nanos.addAndGet((JitSettling.WINDOW_MS - 1) * 1_000_000);
        assertThat(settling.getAsBoolean()).isFalse();
        nanos.addAndGet(1_000_000);
        assertThat(settling.getAsBoolean()).as("the second window ends now").isTrue();
    }

    @Test
    void theLimitEndsItWhateverTheJitDoes() {
        JitSettling settling = settling(Duration.ofSeconds(2));
        for (int i = 0; i < 3; i++) {
            assertThat(window(settling, 500)).isFalse();
        }
        assertThat(window(settling, 500)).as("2 s").isTrue();
    }

    @Test
    void withoutAFigureOfTheJitItIsSettledAtOnce() {
        compiled.set(-1);
        assertThat(settling(Duration.ofSeconds(20)).getAsBoolean()).isTrue();
    }
}
