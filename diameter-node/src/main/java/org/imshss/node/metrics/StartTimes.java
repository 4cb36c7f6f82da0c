package org.imshss.node.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Where a node's start-up went: the JVM's own start up to the node's composition root (class loading, settings,
 * seed parsing), then each phase the node marks, up to ready. Reported once at ready as one INFO line and as the
 * gauges {@code imshss_start_seconds{phase=...}} and {@code imshss_start_to_ready_seconds} (from the JVM's start).
 * Used by the one thread that builds the node.
 */
public final class StartTimes {

    /** The phase before the node's own: from the JVM's start to the node's constructor. */
    public static final String JVM = "jvm";

    private final List<Phase> phases = new ArrayList<>();
    private long last = System.nanoTime();

    /** One phase and how long it took. */
    public record Phase(String name, Duration duration) {
    }

    /** What was measured at ready. */
    public record Report(List<Phase> phases, Duration startToReady) {

        public Report {
            phases = List.copyOf(phases);
        }

        /** "4.21 s from JVM start (jvm 0.80 s, grid 1.70 s, ...)". */
        public String describe() {
            return seconds(startToReady) + " from JVM start (" + phases.stream()
                    .map(p -> p.name() + " " + seconds(p.duration())).collect(Collectors.joining(", ")) + ")";
        }

        private static String seconds(Duration duration) {
            return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
        }
    }

    private StartTimes(Duration beforeNode) {
        phases.add(new Phase(JVM, beforeNode));
    }

    /** Starts measuring now, at the start of a node's composition root. */
    public static StartTimes begin() {
        return new StartTimes(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()));
    }

    /** Ends the phase {@code name}: the time since the previous mark (or {@link #begin}). */
    public void phase(String name) {
        long now = System.nanoTime();
        phases.add(new Phase(name, Duration.ofNanos(now - last)));
        last = now;
    }

    /** The node is ready: logs the start-up times and registers them on {@code registry}. */
    public Report ready(String title, MeterRegistry registry, Logger log) {
        Report report = new Report(phases, Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()));
        for (Phase phase : report.phases()) {
            double seconds = phase.duration().toNanos() / 1e9;
            Gauge.builder("imshss_start_seconds", () -> seconds)
                    .description("Time each start-up phase took, the JVM's own start included")
                    .tag("phase", phase.name()).register(registry);
        }
        double total = report.startToReady().toNanos() / 1e9;
        Gauge.builder("imshss_start_to_ready_seconds", () -> total)
                .description("Time from the JVM's start to the node being ready").register(registry);
        log.info("{} start-to-ready {}", title, report.describe());
        return report;
    }
}
