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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.jdiameter.api.Answer;
import org.jdiameter.api.NetworkReqListener;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.Request;

/**
 * A node's metrics, in Prometheus' text format: Diameter requests answered (by application, command and
 * result code) with their latency, requests the node sent (RTR, PPR, PNR) by outcome, Diameter peers by
 * state, and the JVM's own; the node adds its grid's ({@link GridGauges}).
 */
public final class DiameterMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<AnswerKey, Counter> answers = new ConcurrentHashMap<>();
    private final Map<TimerKey, Timer> durations = new ConcurrentHashMap<>();

    public DiameterMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Wraps an application's request listener: each answer is counted and timed. */
    public NetworkReqListener instrument(Application application, NetworkReqListener listener) {
        String app = application.name().toLowerCase(java.util.Locale.ROOT);
        return request -> {
            long started = System.nanoTime();
            Answer answer = listener.processRequest(request);
            answered(app, request, answer, System.nanoTime() - started);
            return answer;
        };
    }

    /**
     * Counts and times one answer. The meters are looked up by small keys, not rebuilt from their names and tags:
     * this runs for every answer on the Diameter path.
     */
    private void answered(String application, Request request, Answer answer, long nanos) {
        int command = request.getCommandCode();
        answers.computeIfAbsent(new AnswerKey(application, command, resultOf(answer)), key ->
                Counter.builder("diameter_answers").description("Diameter requests answered, by result code")
                        .tags("application", key.application(), "command", commandName(key.command()),
                                "result", resultName(key.result()))
                        .register(registry)).increment();
        durations.computeIfAbsent(new TimerKey(application, command), key ->
                Timer.builder("diameter_request_duration").description("Time from a request to its answer")
                        .tags("application", key.application(), "command", commandName(key.command()))
                        .publishPercentileHistogram().register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private record AnswerKey(String application, int command, int result) {
    }

    private record TimerKey(String application, int command) {
    }

    private static final int NO_ANSWER = -1;
    private static final int NO_RESULT = -2;
    private static final int UNREADABLE = -3;

    private static String commandName(int code) {
        return Command.lookup(code, true).map(Command::name).orElse(Integer.toString(code));
    }

    private static String resultName(int result) {
        return switch (result) {
            case NO_ANSWER, NO_RESULT -> "none";
            case UNREADABLE -> "unreadable";
            default -> Integer.toString(result);
        };
    }

    private static int resultOf(Answer answer) {
        if (answer == null) {
            return NO_ANSWER;
        }
        try {
            return Avps.result(answer.getAvps()).map(ResultCode::code).orElse(NO_RESULT);
        } catch (RuntimeException malformed) {
            return UNREADABLE;
        }
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

    /** Diameter peers by state (OKAY is up). */
    public void watchPeers(Supplier<List<Peer>> peers) {
        for (PeerState state : PeerState.values()) {
            Gauge.builder("diameter_peers", () -> count(peers, state))
                    .description("Diameter peers known to the stack, by state").tag("state", state.name())
                    .register(registry);
        }
    }

    private static long count(Supplier<List<Peer>> peers, PeerState state) {
        try {
            return peers.get().stream().filter(p -> p.getState(PeerState.class) == state).count();
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
