package org.imshss.provisioning.store;

import java.nio.file.Path;
import java.util.List;
import org.imshss.testing.FreePorts;

/**
 * Test nodes bind free loopback ports, never the defaults 47100/47500, so a test never joins a developer's
 * running node nor clashes with another build running tests at the same time.
 */
public final class TestGrid {

    private TestGrid() {
    }

    /** A port free at the time of the call, below the ephemeral range (see {@link FreePorts}). */
    public static int freePort() {
        return FreePorts.next();
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
