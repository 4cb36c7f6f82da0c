package org.imshss.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.imshss.node.diameter.RequestObserver;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;

/**
 * A node's metrics, in Prometheus' text format: Diameter requests answered (by application, command and
 * result code) with their latency, requests the node sent (RTR, PPR, PNR) by outcome, Diameter peers by
 * state, and the JVM's own; the node adds its grid's ({@link GridGauges}).
 */
public final class DiameterMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<AnswerKey, Counter> answers = new ConcurrentHashMap<>();
    private final Map<Command, Timer> durations = new ConcurrentHashMap<>();

    public DiameterMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The observer of the node's dispatcher: each answer counted by result and timed. */
    public RequestObserver requests() {
        return this::answered;
    }

    /**
     * Counts and times one answer. The meters are looked up by small keys, not rebuilt from their names and tags:
     * this runs for every answer on the Diameter path.
     */
    private void answered(Command command, ResultCode result, long nanos) {
        answers.computeIfAbsent(new AnswerKey(command, result == null ? NO_RESULT : result.code()), key ->
                Counter.builder("diameter_answers").description("Diameter requests answered, by result code")
                        .tags("application", application(key.command()), "command", key.command().name(),
                                "result", resultName(key.result()))
                        .register(registry)).increment();
        durations.computeIfAbsent(command, key ->
                Timer.builder("diameter_request_duration").description("Time from a request to its answer")
                        .tags("application", application(key), "command", key.name())
                        .publishPercentileHistogram().register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String application(Command command) {
        return command.application().name().toLowerCase(Locale.ROOT);
    }

    private record AnswerKey(Command command, int result) {
    }

    private static final int NO_RESULT = -2;

    private static String resultName(int result) {
        return result == NO_RESULT ? "none" : Integer.toString(result);
    }

    /**
     * A request this node sent (RTR, PPR, PNR) ended.
     *
     * @param outcome the answer's result code, or {@code timeout} or {@code failed}
     */
    public void sent(Command command, String outcome) {
        Counter.builder("diameter_sent_requests").description("Requests this node originated, by outcome")
                .tags("command", command.name(), "outcome", outcome).register(registry).increment();
    }

    /** Diameter peers by state (OKAY is up): {@code states} are every state's name, {@code peers} counts them. */
    public void watchPeers(List<String> states, Supplier<Map<String, Long>> peers) {
        for (String state : states) {
            Gauge.builder("diameter_peers", () -> count(peers, state))
                    .description("Diameter peers known to the stack, by state").tag("state", state)
                    .register(registry);
        }
    }

    private static long count(Supplier<Map<String, Long>> peers, String state) {
        try {
            return peers.get().getOrDefault(state, 0L);
        } catch (RuntimeException notRunning) {
            return 0;
        }
    }

    /** The registry, for the meters a node adds of its own ({@link GridGauges}). */
    public MeterRegistry registry() {
        return registry;
    }

    /** The current values, in the Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
