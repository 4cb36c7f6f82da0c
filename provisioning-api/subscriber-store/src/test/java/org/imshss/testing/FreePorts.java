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
 * of a cluster test failed to start exactly so). Outside the range only an explicit bind can take a port; each JVM
 * starts at a random place and never hands the same port out twice, whichever way it found it.
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
        int[] window = window();
        int span = window[1] - window[0] + 1;
        if (span < 1_000) {
            return kernelChosen();
        }
        if (cursor < 0) {
            cursor = window[0] + ThreadLocalRandom.current().nextInt(span);
        }
        for (int tried = 0; tried < span; tried++) {
            int port = cursor;
            cursor = cursor == window[1] ? window[0] : cursor + 1;
            if (GIVEN.add(port)) {
                if (bindable(port)) {
                    return port;
                }
                GIVEN.remove(port);
            }
        }
        throw new IllegalStateException("no free port between " + window[0] + " and " + window[1]);
    }

    /**
     * The wider of the two spans outside the ephemeral range: below it (from {@value #LOWEST}) or above it (to
     * 65535). Machines differ: some start the range at 49152, some at 1024.
     */
    private static int[] window() {
        int[] range = ephemeralRange();
        int[] below = {LOWEST, range[0] - 1};
        int[] above = {range[1] + 1, 65_535};
        return below[1] - below[0] >= above[1] - above[0] ? below : above;
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

    private static int[] ephemeralRange() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException | RuntimeException notLinux) {
            return new int[] {32_768, 60_999};
        }
    }

    /** Without a span outside the ephemeral range: the kernel's choice, never the same port twice. */
    private static int kernelChosen() {
        for (int tried = 0; tried < 1_000; tried++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (GIVEN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("the kernel kept choosing ports handed out before");
    }
}
