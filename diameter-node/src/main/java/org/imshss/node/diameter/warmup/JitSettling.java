package org.imshss.node.diameter.warmup;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the JIT has settled while a warm-up's traffic runs: in {@value #QUIET_WINDOWS} windows of {@value
 * #WINDOW_MS} ms in a row, compiling took under {@value #QUIET_PERCENT} % of the time ({@link JitCpu}). Waiting for
 * the compile queue after the traffic is not enough: the JVM raises its thresholds for the optimising compiler while
 * that compiler's queue is long (HotSpot's tiered policy, Tier4LoadFeedback) and compiles without profiling
 * meanwhile (Tier3DelayOn), so on a small machine the hot request paths reach the optimising compiler only once the
 * start-up's queue has been worked off, under traffic (docs/BENCHMARKS.md, "Start and recovery benchmark").
 */
public final class JitSettling implements BooleanSupplier {

    static final long WINDOW_MS = 500;
    static final long QUIET_PERCENT = 20;
    static final int QUIET_WINDOWS = 2;

    private final LongSupplier compileMillis;
    private final LongSupplier nanoTime;
    private final long deadline;
    private long windowStart;
    private long compiledAtWindowStart;
    private int quietWindows;

    /** @param limit after this long it counts as settled whatever the JIT does */
    public JitSettling(Duration limit) {
        this(limit, JitCpu.millis(), System::nanoTime);
    }

    JitSettling(Duration limit, LongSupplier compileMillis, LongSupplier nanoTime) {
        this.compileMillis = compileMillis;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.deadline = now + limit.toNanos();
        this.windowStart = now;
        this.compiledAtWindowStart = compileMillis.getAsLong();
    }

    @Override
    public boolean getAsBoolean() {
        long now = nanoTime.getAsLong();
        if (now - deadline >= 0 || compiledAtWindowStart < 0) {
            return true;
        }
        long elapsedMs = (now - windowStart) / 1_000_000;
        if (elapsedMs < WINDOW_MS) {
            return false;
        }
        long compiled = compileMillis.getAsLong();
        boolean quiet = (compiled - compiledAtWindowStart) * 100 <= elapsedMs * QUIET_PERCENT;
        quietWindows = quiet ? quietWindows + 1 : 0;
        windowStart = now;
        compiledAtWindowStart = compiled;
        return quietWindows >= QUIET_WINDOWS;
    }
}
