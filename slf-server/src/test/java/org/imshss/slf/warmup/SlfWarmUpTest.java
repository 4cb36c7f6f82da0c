package org.imshss.slf.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.ignite.configuration.CacheConfiguration;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.diameter.warmup.WarmUpOutcome;
import org.imshss.provisioning.store.CacheLayout;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.lookup.HssLookup;
import org.imshss.slf.mapping.Location;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.store.IgniteMappingStore;
import org.imshss.slf.store.SlfCaches;
import org.imshss.slf.testing.TestSlf;
import org.imshss.slf.testing.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The warm-up's mappings over a real grid node, in caches of its own; and a warm-up that fails. */
class SlfWarmUpTest {

    private static GridNode grid;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        int discovery = TestStack.freePort();
        work = Files.createTempDirectory("slf-warm-up");
        grid = GridNode.start(GridSettings.defaults("slf-warm-up-" + discovery)
                .withPorts(discovery, TestStack.freePort())
                .withDiscoveryAddresses(List.of("127.0.0.1:" + discovery))
                .withWorkDirectory(work).withDataRegionMaxBytes(128L * 1024 * 1024));
    }

    @AfterAll
    static void stop() throws Exception {
        if (grid != null) {
            grid.close();
        }
        TestSlf.delete(work);
    }

    /**
     * The SLF's caches made local to this node (no backups whatever asked, the in-memory region), and over them each
     * family located by its own kind of mapping, so the warm-up runs every lookup path.
     */
    @Test
    void everyUserIsLocatedByTheKindOfMappingOfItsFamily() {
        CacheLayout layout = new CacheLayout("warm-up.test.");
        grid.createLocalCaches(layout, SlfCaches.configurations(layout, 1));
        for (String cache : SlfCaches.ALL) {
            CacheConfiguration<?, ?> local = grid.ignite().cache(layout.name(cache))
                    .getConfiguration(CacheConfiguration.class);
            assertThat(local.getBackups()).as(cache).isZero();
            assertThat(local.getDataRegionName()).isEqualTo(GridNode.LOCAL_REGION);
            assertThat(local.getNodeFilter().apply(grid.ignite().cluster().localNode())).isTrue();
        }
        WarmUpMappings mappings = new WarmUpMappings(SlfWarmUp.USERS);
        try (IgniteMappingStore store = new IgniteMappingStore(grid.ignite(), RecordCodec.shared(), 0, 1000,
                layout)) {
            store.load(mappings.targets(), mappings.mappings());
            HssLookup lookup = new HssLookup(store);
            for (MappingKind kind : MappingKind.values()) {
                for (int user = 0; user < SlfWarmUp.USERS; user++) {
                    Location location = lookup.locate(WarmUpMappings.publicIdentity(kind, user)).orElseThrow();
                    assertThat(location.matchedBy()).as(WarmUpMappings.publicIdentity(kind, user)).isEqualTo(kind);
                    assertThat(location.target().name()).isEqualTo(WarmUpMappings.target(kind));
                    assertThat(location.target().hosts()).hasSize(2);
                    MappingKind byPrivate = kind == MappingKind.IDENTITY || kind == MappingKind.DOMAIN
                            ? kind : MappingKind.DEFAULT;
                    assertThat(lookup.locate(WarmUpMappings.privateIdentity(kind, user)).orElseThrow().matchedBy())
                            .isEqualTo(byPrivate);
                }
            }
            assertThat(store.count(MappingKind.IDENTITY)).isEqualTo(2L * SlfWarmUp.USERS);
        } finally {
            grid.destroyCaches(layout);
        }
        assertThat(grid.ignite().cacheNames()).noneMatch(name -> name.startsWith(layout.prefix()));
    }

    @Test
    void aFailingWarmUpIsLoggedOnceAndLeavesNoCache() {
        SlfSettings settings = new SlfSettings(
                new DiameterSettings("127.0.0.1", 0, TestSlf.IDENTITY, TestSlf.REALM, "imshss-slf-test", false,
                        Duration.ofSeconds(2), Duration.ofSeconds(30), 10_000, 2),
                new SlfSettings.GridConfig("unused", "127.0.0.1", 0, 0, 0, List.of(), false, work, 0, 1_000),
                new SlfSettings.RoutingSettings(SlfSettings.Mode.RELAY, List.of(), 0, Duration.ZERO,
                        Duration.ofSeconds(1)));
        Logger logger = (Logger) LoggerFactory.getLogger(SlfWarmUp.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            WarmUpOutcome outcome = SlfWarmUp.run(grid, settings, (store, routing) -> {
                throw new IllegalStateException("no wiring");
            });
            assertThat(outcome).isEqualTo(WarmUpOutcome.NOT_RUN);
        } finally {
            logger.detachAppender(events);
        }
        assertThat(events.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage())
                        .contains("starts without warm-up", "no wiring"));
        assertThat(grid.ignite().cacheNames()).noneMatch(name -> name.startsWith("warm-up"));
    }
}
