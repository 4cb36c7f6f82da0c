package org.imshss.node.diameter.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Whether the JIT has settled while a warm-up's traffic runs: over the last {@value #WINDOW_MS} ms, compiling took
 * under {@value #QUIET_PERCENT} % of the time. Waiting for the compile queue after the traffic is not enough: the
 * JVM raises its thresholds for the optimising compiler while that compiler's queue is long (HotSpot's tiered
 * policy, Tier4LoadFeedback) and compiles without profiling meanwhile (Tier3DelayOn), so on a small machine the hot
 * request paths reach the optimising compiler only once the start-up's queue has been worked off, under traffic
 * (docs/BENCHMARKS.md, "Start and recovery benchmark").
 */
public final class JitSettling implements BooleanSupplier {

    static final long WINDOW_MS = 500;
    static final long QUIET_PERCENT = 20;

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    private final long deadline;
    private long windowStart;
    private long compiledAtWindowStart;

    /** @param limit after this long it counts as settled whatever the JIT does */
    public JitSettling(Duration limit) {
        long now = System.nanoTime();
        this.deadline = now + limit.toNanos();
        this.windowStart = now;
        this.compiledAtWindowStart = compileMillis();
    }

    @Override
    public boolean getAsBoolean() {
        long now = System.nanoTime();
        if (now - deadline >= 0 || compiledAtWindowStart < 0) {
            return true;
        }
        long elapsedMs = (now - windowStart) / 1_000_000;
        if (elapsedMs < WINDOW_MS) {
            return false;
        }
        long compiled = compileMillis();
        boolean quiet = (compiled - compiledAtWindowStart) * 100 <= elapsedMs * QUIET_PERCENT;
        windowStart = now;
        compiledAtWindowStart = compiled;
        return quiet;
    }

    /** Total time the JIT's threads have compiled, or -1 where the JVM does not tell. */
    static long compileMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }
}
