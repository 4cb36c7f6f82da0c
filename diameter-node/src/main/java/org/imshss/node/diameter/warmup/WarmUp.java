package org.imshss.node.diameter.warmup;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The frame of a node's warm-up before it serves: its traffic, then a wait for the JIT's compile queue to drain,
 * so that the first real requests meet compiled code. A warm-up that fails is logged once and skipped: it never
 * stops a node from starting.
 */
public final class WarmUp {

    /** The JIT counts as drained once its threads have compiled for under a tenth of this long. */
    private static final Duration COMPILE_QUIET = Duration.ofMillis(200);
    private static final double COMPILE_QUIET_SHARE = 0.1;
    private static final Duration COMPILE_WAIT_CAP = Duration.ofSeconds(10);

    /** The node's traffic over its throwaway stores, which it creates before and destroys after. */
    @FunctionalInterface
    public interface Traffic {
        WarmUpTally drive() throws Exception;
    }

    private WarmUp() {
    }

    /** Runs {@code traffic}, then waits for the compile queue; logs to the node's {@code log}. */
    public static WarmUpOutcome run(Logger log, Traffic traffic) {
        long started = System.nanoTime();
        WarmUpTally tally;
        try {
            tally = traffic.drive();
        } catch (Exception | LinkageError e) {
            log.warn("warm-up failed, the node starts without warm-up: {}", e.toString());
            return WarmUpOutcome.NOT_RUN;
        }
        long answered = System.nanoTime();
        Duration drain = awaitCompiled();
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        log.info("warm-up: {} requests in {} ms (JIT compile drained after {} ms)", tally.total(),
                Duration.ofNanos(answered - started).toMillis(), drain.toMillis());
        if (!tally.allExpected()) {
            log.warn("warm-up: {} of {} answers were not the expected ones: {}", tally.unexpected(), tally.total(),
                    tally);
        }
        return new WarmUpOutcome(true, tally, duration, drain);
    }

    /**
     * Waits until the JIT's compiler threads are idle (its queue drained): they compiled at most {@link
     * #COMPILE_QUIET_SHARE} of {@link #COMPILE_QUIET}, at most {@link #COMPILE_WAIT_CAP}.
     */
    static Duration awaitCompiled() {
        LongSupplier compileMillis = JitCpu.millis();
        long total = compileMillis.getAsLong();
        if (total < 0) {
            return Duration.ZERO;
        }
        long start = System.nanoTime();
        long quietSince = start;
        try {
            while (System.nanoTime() - start < COMPILE_WAIT_CAP.toNanos()) {
                Thread.sleep(20);
                long now = compileMillis.getAsLong();
                long quietFor = System.nanoTime() - quietSince;
                if ((now - total) * 1_000_000 > quietFor * COMPILE_QUIET_SHARE) {
                    total = now;
                    quietSince = System.nanoTime();
                } else if (quietFor >= COMPILE_QUIET.toNanos()) {
                    return Duration.ofNanos(quietSince - start);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
