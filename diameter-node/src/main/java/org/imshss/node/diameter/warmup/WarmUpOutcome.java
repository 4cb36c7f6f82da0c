package org.imshss.node.diameter.warmup;

import java.time.Duration;

/**
 * How a node's warm-up went.
 *
 * @param ran whether it ran to its end (false: disabled, or it failed and the node started without it)
 * @param tally its answers by command and result
 * @param duration from its start (caches created) to the JIT's compile queue drained
 * @param compileDrain how long the JIT's compile queue took to drain after the last answer
 */
public record WarmUpOutcome(boolean ran, WarmUpTally tally, Duration duration, Duration compileDrain) {

    public static final WarmUpOutcome NOT_RUN = new WarmUpOutcome(false, WarmUpTally.NONE, Duration.ZERO,
            Duration.ZERO);
}
