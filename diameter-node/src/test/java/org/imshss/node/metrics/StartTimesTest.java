package org.imshss.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class StartTimesTest {

    @Test
    void thePhasesInTheirOrderMakeUpTheStartToReadyTimeAndBecomeGauges() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Logger log = LoggerFactory.getLogger(StartTimesTest.class);
        log.info("logging set up before the start, as in a node");
        StartTimes times = StartTimes.begin();
        Thread.sleep(5);
        times.phase("grid");
        Thread.sleep(5);
        times.phase("rest");

        StartTimes.Report report = times.ready("HSS", registry, log);

        assertThat(report.phases()).extracting(StartTimes.Phase::name).containsExactly("jvm", "grid", "rest");
        assertThat(report.phases().get(1).duration()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
        assertThat(report.phases().get(2).duration()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
        Duration sum = report.phases().stream().map(StartTimes.Phase::duration).reduce(Duration.ZERO, Duration::plus);
        // The JVM's uptime counts in milliseconds, the phases in nanoseconds.
        assertThat(report.startToReady().minus(sum).abs()).isLessThan(Duration.ofMillis(20));
        assertThat(report.describe()).startsWith(String.format(java.util.Locale.ROOT, "%.2f s from JVM start (jvm ",
                report.startToReady().toNanos() / 1e9)).contains(", grid ", ", rest ");

        Gauge grid = registry.get("imshss_start_seconds").tag("phase", "grid").gauge();
        assertThat(grid.value()).isEqualTo(report.phases().get(1).duration().toNanos() / 1e9);
        assertThat(registry.get("imshss_start_seconds").gauges()).hasSize(3);
        assertThat(registry.get("imshss_start_to_ready_seconds").gauge().value())
                .isEqualTo(report.startToReady().toNanos() / 1e9);
    }
}
