package org.imshss.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test nodes, taken below the kernel's ephemeral range. A port the kernel hands out with
 * {@code new ServerSocket(0)} comes from that range, and so does the source port of every outgoing connection:
 * between the test picking it and a child process binding it, another process's connection can take it (a grid node
 * of a cluster test failed to start exactly so). Below the range only an explicit bind can take a port; each JVM
 * starts at a random place and never hands the same port out twice.
 */
public final class FreePorts {

    private static final int LOWEST = 12_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> GIVEN = new HashSet<>();
    private static int cursor = -1;

    private FreePorts() {
    }

    /** A port that no socket of this machine holds now and that this JVM has not handed out before. */
    public static synchronized int next() {
        int top = firstEphemeral() - 1;
        int span = top - LOWEST + 1;
        if (span < 1_000) {
            return kernelChosen();
        }
        if (cursor < 0) {
            cursor = LOWEST + ThreadLocalRandom.current().nextInt(span);
        }
        for (int tried = 0; tried < span; tried++) {
            int port = cursor;
            cursor = cursor == top ? LOWEST : cursor + 1;
            if (!GIVEN.contains(port) && bindable(port)) {
                GIVEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + top);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int firstEphemeral() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    private static int kernelChosen() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
