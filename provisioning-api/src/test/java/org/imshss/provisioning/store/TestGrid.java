package org.imshss.provisioning.store;

import java.nio.file.Path;
import java.util.List;

/**
 * Test nodes bind loopback ports 48100-48199 (communication) and 48500-48599 (discovery), away from the
 * defaults 47100/47500, so a test never joins a developer's running node; each test class has its own ports.
 */
final class TestGrid {

    private TestGrid() {
    }

    static GridSettings settings(String name, int discoveryPort, int communicationPort, Path workDirectory) {
        return GridSettings.defaults(name)
                .withPorts(discoveryPort, communicationPort)
                .withWorkDirectory(workDirectory)
                .withDataRegionMaxBytes(128L * 1024 * 1024);
    }

    static GridSettings member(String name, int discoveryPort, int communicationPort, Path workDirectory,
            List<String> discoveryAddresses) {
        return settings(name, discoveryPort, communicationPort, workDirectory).withDiscoveryAddresses(discoveryAddresses);
    }
}
