package org.imshss.provisioning.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * Test nodes bind free loopback ports, never the defaults 47100/47500, so a test never joins a developer's
 * running node nor clashes with another build running tests at the same time.
 */
public final class TestGrid {

    private TestGrid() {
    }

    /** A port free at the time of the call. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GridSettings settings(String name, int discoveryPort, int communicationPort, Path workDirectory) {
        return GridSettings.defaults(name)
                .withPorts(discoveryPort, communicationPort)
                .withWorkDirectory(workDirectory)
                .withDataRegionMaxBytes(128L * 1024 * 1024);
    }

    public static GridSettings member(String name, int discoveryPort, int communicationPort, Path workDirectory,
            List<String> discoveryAddresses) {
        return settings(name, discoveryPort, communicationPort, workDirectory).withDiscoveryAddresses(discoveryAddresses);
    }
}
