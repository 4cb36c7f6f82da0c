package org.imshss.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTrainingTest {

    @TempDir
    Path work;

    @Test
    void theTrainingRunListensOnFourDifferentLoopbackPortsAndKeepsItsGridInItsOwnDirectory() throws Exception {
        Map<String, String> env = CdsTraining.environment("SLF_", work);

        assertThat(env.keySet()).allMatch(key -> key.startsWith("SLF_"));
        Set<String> ports = Set.of("SLF_DIAMETER_PORT", "SLF_GRID_DISCOVERY_PORT", "SLF_GRID_COMMUNICATION_PORT",
                "SLF_REST_PORT").stream().map(env::get).collect(Collectors.toSet());
        assertThat(ports).hasSize(4).allMatch(port -> Integer.parseInt(port) > 0);
        // Alone: no other node to find, no port range to wander into.
        assertThat(env).containsEntry("SLF_GRID_DISCOVERY_PORT_RANGE", "0")
                .containsEntry("SLF_GRID_DISCOVERY_ADDRESSES", "127.0.0.1:" + env.get("SLF_GRID_DISCOVERY_PORT"))
                .containsEntry("SLF_GRID_WORK_DIRECTORY", work.resolve("data").toString())
                .containsEntry("SLF_DIAMETER_BIND_ADDRESS", "127.0.0.1")
                .containsEntry("SLF_REST_BIND_ADDRESS", "127.0.0.1")
                .containsEntry("SLF_DIAMETER_TLS_ENABLED", "false");
    }
}
