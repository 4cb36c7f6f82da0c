package org.imshss.hss.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.testing.LogCapture;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.diameter.warmup.WarmUpOutcome;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.GridSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A warm-up that fails never stops the node: one WARN, nothing run, and its caches are gone. */
class HssWarmUpTest {

    @TempDir
    Path work;

    @Test
    void aFailingWarmUpIsLoggedOnceAndLeavesNoCache() throws Exception {
        int discovery = TestHss.freePort();
        String name = "warm-up-failing-" + discovery;
        HssSettings settings = new HssSettings(
                new DiameterSettings("127.0.0.1", 0, TestHss.HOST, TestHss.REALM, "imshss-test", false,
                        Duration.ofSeconds(2), Duration.ofSeconds(30), 10_000, 2),
                new HssSettings.GridConfig(name, "127.0.0.1", discovery, 0, TestHss.freePort(), List.of(), false,
                        work, 0, 1_000),
                new HssSettings.CxSettings(List.of(TestHss.REALM), Duration.ofSeconds(60), true, 5, false))
                .withWarmUp(HssSettings.WARM_UP_DEFAULTS);
        try (GridNode grid = GridNode.start(GridSettings.defaults(name)
                     .withPorts(discovery, settings.grid().communicationPort())
                     .withDiscoveryAddresses(List.of("127.0.0.1:" + discovery))
                     .withWorkDirectory(work).withDataRegionMaxBytes(128L * 1024 * 1024));
             LogCapture log = LogCapture.debug()) {
            WarmUpOutcome outcome = HssWarmUp.run(grid, settings, Keyring.NONE, (store, shStore, sender) -> {
                throw new IllegalStateException("no wiring");
            });
            assertThat(outcome).isEqualTo(WarmUpOutcome.NOT_RUN);
            assertThat(log.events()).filteredOn(event -> event.getLevel() == Level.WARN
                    && event.getLoggerName().equals(HssWarmUp.class.getName()))
                    .singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                            .contains("starts without warm-up", "no wiring"));
            assertThat(grid.ignite().cacheNames()).noneMatch(cache -> cache.startsWith("warm-up"));
        }
    }
}
