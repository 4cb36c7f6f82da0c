package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.AS1;
import static org.imshss.hss.sh.Sh.DAVE;
import static org.imshss.hss.sh.Sh.PSI;
import static org.imshss.hss.sh.Sh.assertResult;
import static org.imshss.hss.sh.Sh.shData;
import static org.imshss.hss.sh.Sh.xpath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.HssNode;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.config.HssSettings.ShSettings;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.WarmUpSettings;
import org.imshss.provisioning.model.PublicIdentity;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How subscriptions live and die: dropped when they expire even if nothing happens to their data, kept across a
 * restart of a persistent node, and a PNR to an AS that is away is sent again until it is back.
 */
class ShSubscriptionLifecycleIT {

    private Path work;

    @BeforeEach
    void workDirectory() throws Exception {
        work = Files.createTempDirectory("sh-lifecycle");
    }

    @AfterEach
    void removeWorkDirectory() throws Exception {
        try (var files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void expiredSubscriptionsAreDroppedWithoutAnyChangeOfTheirData() throws Exception {
        ShSettings sh = new ShSettings(65_536, 64, 64, Duration.ofDays(1), 4, Duration.ofMillis(500),
                Duration.ofMillis(200));
        try (Started started = start("sh-sweep", work, false, sh, true);
                DiameterTestPeer as1 = connect(started)) {
            HssNode node = started.node();
            Instant expiry = Instant.now().plusSeconds(2);
            assertResult(Sh.snr(as1, DAVE, true, List.of(), expiry, false, false, "IMSUserState", "S-CSCFName"),
                    ResultCode.DIAMETER_SUCCESS);
            assertThat(node.shStore().subscriptions(DAVE).subscriptions()).hasSize(2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (!node.shStore().subscriptions(DAVE).isEmpty()) {
                assertThat(System.nanoTime()).as("expired subscriptions dropped").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(Instant.now()).isAfterOrEqualTo(expiry.minusSeconds(1));
        }
    }

    @Test
    void subscriptionsSurviveARestartOfAPersistentNode() throws Exception {
        ShSettings sh = ShSettings.DEFAULTS;
        String instance = "sh-restart-" + TestHss.freePort();
        try (Started started = start(instance, work, true, sh, true);
                DiameterTestPeer as1 = connect(started)) {
            assertResult(Sh.snr(as1, PSI, true, List.of(), null, false, false, "PSIActivation"),
                    ResultCode.DIAMETER_SUCCESS);
        }
        try (Started started = start(instance, work, true, sh, false);
                DiameterTestPeer as1 = connect(started)) {
            HssNode node = started.node();
            assertThat(node.shStore().subscriptions(PSI).subscriptions()).hasSize(1);
            assertResult(Sh.pur(as1, PSI, "PSIActivation", psiXml(1)), ResultCode.DIAMETER_SUCCESS);
            assertThat(xpath(shData(Sh.nextPnr(as1).getAvps()), "//PSIActivation")).isEqualTo("1");
        }
    }

    @Test
    void aPnrIsSentAgainUntilTheAsIsBack() throws Exception {
        // Attempts after 0.3, 0.6, 1.2, 2.4 and 4.8 s: the AS has about nine seconds to come back.
        ShSettings sh = new ShSettings(65_536, 64, 64, Duration.ofDays(1), 6, Duration.ofMillis(300),
                Duration.ofSeconds(60));
        try (Started started = start("sh-retry", work, false, sh, true)) {
            HssNode node = started.node();
            try (DiameterTestPeer as1 = connect(started)) {
                assertResult(Sh.snr(as1, PSI, true, List.of(), null, false, false, "PSIActivation"),
                        ResultCode.DIAMETER_SUCCESS);
            }
            PublicIdentity psi = node.store().publicIdentity(PSI).orElseThrow();
            node.shStore().updatePublicIdentity(psi, new ProfileUpdate.SetPsiActivation(true));
            Thread.sleep(1_000);
            try (DiameterTestPeer back = connect(started)) {
                Request pnr = back.nextReceived(9, TimeUnit.SECONDS);
                assertThat(pnr).as("PNR after the AS came back").isNotNull();
                assertThat(pnr.getCommandCode()).isEqualTo(Command.PNR.code());
                assertThat(xpath(shData(pnr.getAvps()), "//PSIActivation")).isEqualTo("1");
            }
        }
    }

    private static String psiXml(int value) {
        return "<Sh-Data><Sh-IMS-Data><Extension><PSIActivation>" + value
                + "</PSIActivation></Extension></Sh-IMS-Data></Sh-Data>";
    }

    private static DiameterTestPeer connect(Started started) throws Exception {
        return DiameterTestPeer.connect(Application.SH, AS1, TestHss.REALM, TestHss.freePort(), TestHss.HOST,
                started.port());
    }

    private record Started(HssNode node, int port) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
        }
    }

    /** A node on fresh ports; {@code seed} loads the test subscribers (a restarted persistent node has them). */
    private static Started start(String instance, Path work, boolean persistence, ShSettings sh, boolean seed)
            throws Exception {
        int port = TestHss.freePort();
        HssSettings settings = new HssSettings(
                new DiameterSettings("127.0.0.1", port, TestHss.HOST, TestHss.REALM,
                        "imshss-test", true, Duration.ofSeconds(2), Duration.ofSeconds(30), 10_000, 4),
                new HssSettings.GridConfig(instance, "127.0.0.1", TestHss.freePort(), 0, TestHss.freePort(),
                        List.of(), persistence, work, 0, 10_000),
                new HssSettings.CxSettings(List.of(TestHss.REALM), Duration.ofSeconds(60), true, 5, false),
                new HssSettings.AuthSettings(null),
                sh).withWarmUp(WarmUpSettings.DISABLED);
        HssNode node = HssNode.start(settings, seed ? TestHss.seed() : null);
        if (seed) {
            Sh.seed(node);
        }
        return new Started(node, port);
    }
}
