package org.imshss.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * The class-data-sharing training run of a process ({@value #FLAG}, not in --help): the launcher runs it once
 * with {@code -XX:ArchiveClassesAtExit}, so that the classes a start loads are archived for the next starts. It
 * starts the real node with its demo data in a temporary work directory, on free loopback ports and with no
 * configuration file or environment of the operator's, waits for ready, stops it and exits.
 */
public final class CdsTraining {

    /** The hidden command-line flag. */
    public static final String FLAG = "--cds-training";

    private CdsTraining() {
    }

    /** What starts the node from the environment given (the process's configuration layer of variables). */
    @FunctionalInterface
    public interface Start {
        AutoCloseable start(Map<String, String> environment) throws Exception;
    }

    /**
     * Runs the training and ends the process: status 0 once the node was ready and stopped, 1 if it failed.
     *
     * @param prefix the environment variables' prefix of the process ({@code HSS_}, {@code SLF_})
     */
    public static void run(String title, String prefix, Start start, Logger log) {
        int status = 1;
        Path work = null;
        try {
            work = Files.createTempDirectory("imshss-cds-");
            try (AutoCloseable node = start.start(environment(prefix, work))) {
                log.info("{} class-data-sharing training: ready, stopping", title);
            }
            status = 0;
        } catch (Exception e) {
            log.error("{} class-data-sharing training run failed", title, e);
        } finally {
            delete(work);
        }
        // Ends the JVM even if a library left a thread behind: the archive is written at exit.
        System.exit(status);
    }

    /** Free loopback ports for every listener, the grid alone in a fresh work directory, no TLS. */
    static Map<String, String> environment(String prefix, Path work) throws IOException {
        List<Integer> ports = freePorts(4);
        String loopback = InetAddress.getLoopbackAddress().getHostAddress();
        Map<String, String> env = new HashMap<>();
        env.put("DIAMETER_BIND_ADDRESS", loopback);
        env.put("DIAMETER_PORT", Integer.toString(ports.get(0)));
        env.put("DIAMETER_TLS_ENABLED", "false");
        env.put("GRID_INSTANCE_NAME", "cds-training-" + ProcessHandle.current().pid());
        env.put("GRID_BIND_ADDRESS", loopback);
        env.put("GRID_DISCOVERY_PORT", Integer.toString(ports.get(1)));
        env.put("GRID_DISCOVERY_PORT_RANGE", "0");
        env.put("GRID_DISCOVERY_ADDRESSES", loopback + ":" + ports.get(1));
        env.put("GRID_COMMUNICATION_PORT", Integer.toString(ports.get(2)));
        env.put("GRID_WORK_DIRECTORY", work.resolve("data").toString());
        env.put("REST_ENABLED", "true");
        env.put("REST_BIND_ADDRESS", loopback);
        env.put("REST_PORT", Integer.toString(ports.get(3)));
        Map<String, String> prefixed = new HashMap<>();
        env.forEach((key, value) -> prefixed.put(prefix + key, value));
        return Map.copyOf(prefixed);
    }

    /** Ports free now, all different (each held open until all are found). */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is no reason to fail the training.
        }
    }
}
