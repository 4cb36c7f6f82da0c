package org.imshss.hss.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;

/**
 * One HSS in its own JVM, started as an operator starts it: {@code HssMain --config FILE} with the built classpath
 * and the flags of {@code ops/conf/jvm.options}, on free loopback ports given as system properties (which override
 * the file). Its output goes to a log file, printed when it fails to come up.
 */
final class HssProcess implements AutoCloseable {

    /** The repository's root; failsafe runs in the module directory. */
    static final Path ROOT = Path.of(System.getProperty("imshss.root", "..")).toAbsolutePath().normalize();
    static final String ADMIN_TOKEN = "cluster-test-admin-token";

    /** The ports of one node; they stay the same across its restarts. */
    record Ports(int diameter, int rest, int discovery, int communication) {

        static Ports free() throws IOException {
            return new Ports(TestHss.freePort(), TestHss.freePort(), TestHss.freePort(), TestHss.freePort());
        }
    }

    private final String name;
    private final Path config;
    private final Ports ports;
    private final Map<String, String> settings;
    private final Path log;
    private Process process;
    /** Where the node's API and Diameter listen, seen from the test; and the command its JVM is started through. */
    private String host = "127.0.0.1";
    private List<String> launcher = List.of();

    /**
     * @param config the node's configuration file
     * @param settings keys set on top of the file (ports, directories, sizes), as system properties
     */
    HssProcess(String name, Path config, Ports ports, Map<String, String> settings, Path log) {
        this.name = name;
        this.config = config;
        this.ports = ports;
        this.settings = new LinkedHashMap<>(settings);
        this.settings.put("diameter.port", Integer.toString(ports.diameter()));
        this.settings.put("rest.port", Integer.toString(ports.rest()));
        this.settings.put("grid.discovery-port", Integer.toString(ports.discovery()));
        this.settings.put("grid.communication-port", Integer.toString(ports.communication()));
        this.log = log;
    }

    /** Starts the JVM in network namespace {@code namespace}, its API and Diameter reached at {@code address}. */
    HssProcess inNamespace(String namespace, String address) {
        this.launcher = List.of("ip", "netns", "exec", namespace);
        this.host = address;
        return this;
    }

    String host() {
        return host;
    }

    String name() {
        return name;
    }

    Ports ports() {
        return ports;
    }

    /** Starts the JVM; {@code arguments} are added to {@code --config FILE} (e.g. {@code --seed FILE}). */
    void start(String... arguments) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + ROOT.resolve("ops/conf/jvm.options"));
        // After jvm.options, so these win: three nodes and the test share a small machine.
        command.add("-Xms64m");
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(ROOT.resolve("hss-server/target/classes") + java.io.File.pathSeparator
                + Files.readString(ROOT.resolve("hss-server/target/runtime-classpath.txt")).strip());
        command.add("org.imshss.hss.HssMain");
        command.add("--config");
        command.add(config.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("HSS_REST_TOKENS", "cluster-test:admin:" + ADMIN_TOKEN);
        // These tests start and kill many nodes: a warm-up would only make them slower (WarmUpIT tests it).
        builder.environment().put("HSS_WARM_UP_ENABLED", "false");
        Files.writeString(log, "---- start " + name + " " + String.join(" ", arguments) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
    }

    /** The provisioning API of this node. */
    RestClient rest() {
        return new RestClient(URI.create("http://" + host + ":" + ports.rest() + "/api/v1"), ADMIN_TOKEN);
    }

    /** Waits until the node answers on its API with the cluster ACTIVE; fails at once if the JVM ends. */
    JsonNode awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        RestClient rest = rest();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                RestClient.Reply reply = rest.get("/cluster");
                if (reply.status() == 200 && "ACTIVE".equals(reply.json().path("state").asText())) {
                    return reply.json();
                }
            } catch (IOException notYet) {
                // the API is not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready within " + timeout + "\n" + logTail());
    }

    /** SIGKILL: no shutdown hook, no checkpoint, sockets closed by the kernel. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }

    /** SIGTERM: the shutdown hook stops the node (Ignite takes a checkpoint). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not stop within 90 s of SIGTERM\n" + logTail());
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }
}
