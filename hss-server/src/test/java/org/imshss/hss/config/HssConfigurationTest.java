package org.imshss.hss.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imshss.node.config.InvalidConfigurationException;
import org.imshss.node.config.WarmUpSettings;
import org.imshss.node.diameter.transport.ConnectionLimits;
import org.imshss.node.testing.TestCertificates;
import org.imshss.provisioning.store.GridSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HssConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheDocumentedQuickStart() {
        HssSettings settings = HssConfiguration.load(null, Map.of());
        assertThat(settings.diameter().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.diameter().port()).isEqualTo(3868);
        assertThat(settings.diameter().identity()).isEqualTo("hss.ims.example.org");
        assertThat(settings.diameter().realm()).isEqualTo("ims.example.org");
        assertThat(settings.cx().authPendingTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.cx().homeNetworks()).containsExactly("ims.example.org");
    }

    @Test
    void fileThenEnvironmentThenSystemPropertyOverride() throws Exception {
        Path file = dir.resolve("hss.properties");
        Files.writeString(file, "diameter.port = 3900\ndiameter.realm = corp.example.com\ncx.home-networks = a.net, b.net\n");
        HssSettings fromFile = HssConfiguration.load(file, Map.of());
        assertThat(fromFile.diameter().port()).isEqualTo(3900);
        assertThat(fromFile.diameter().realm()).isEqualTo("corp.example.com");
        assertThat(fromFile.cx().homeNetworks()).containsExactly("a.net", "b.net");

        HssSettings fromEnv = HssConfiguration.load(file, Map.of("HSS_DIAMETER_PORT", "3901"));
        assertThat(fromEnv.diameter().port()).isEqualTo(3901);

        String key = "diameter.port";
        System.setProperty(key, "3902");
        try {
            assertThat(HssConfiguration.load(file, Map.of("HSS_DIAMETER_PORT", "3901")).diameter().port())
                    .isEqualTo(3902);
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void connectionLimitsDefaultAndOverride() {
        assertThat(HssConfiguration.load(null, Map.of()).diameter().transport().connections())
                .isEqualTo(ConnectionLimits.DEFAULTS)
                .isEqualTo(new ConnectionLimits(1024, 64, Duration.ofSeconds(5)));
        HssSettings settings = HssConfiguration.load(null, Map.of("HSS_DIAMETER_CER_TIMEOUT_MS", "750",
                "HSS_DIAMETER_MAX_CONNECTIONS", "256", "HSS_DIAMETER_MAX_CONNECTIONS_PER_ADDRESS", "4"));
        assertThat(settings.diameter().transport().connections())
                .isEqualTo(new ConnectionLimits(256, 4, Duration.ofMillis(750)));
        assertThatThrownBy(() -> HssConfiguration.load(null, Map.of("HSS_DIAMETER_CER_TIMEOUT_MS", "0")))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).key())
                        .isEqualTo("diameter.cer-timeout-ms"));
    }

    @Test
    void s6aVectorCapAndAdditionalRealms() {
        HssSettings defaults = HssConfiguration.load(null, Map.of());
        assertThat(defaults.s6a().maxVectors()).isEqualTo(5);
        assertThat(defaults.diameter().additionalRealms()).isEmpty();
        HssSettings set = HssConfiguration.load(null, Map.of("HSS_S6A_MAX_VECTORS", "3",
                "HSS_DIAMETER_ADDITIONAL_REALMS", "epc.mnc001.mcc001.3gppnetwork.org, epc.mnc002.mcc001.3gppnetwork.org"));
        assertThat(set.s6a().maxVectors()).isEqualTo(3);
        assertThat(set.diameter().additionalRealms())
                .containsExactly("epc.mnc001.mcc001.3gppnetwork.org", "epc.mnc002.mcc001.3gppnetwork.org");
        assertThatThrownBy(() -> HssConfiguration.load(null, Map.of("HSS_S6A_MAX_VECTORS", "33")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("s6a.max-vectors");
        // --demo: the demo's EPC realm served, its MMEs admitted next to the IMS realm's peers.
        var demo = defaults.diameter().withDemoEpc();
        assertThat(demo.additionalRealms()).containsExactly("epc.mnc001.mcc001.3gppnetwork.org");
        assertThat(demo.allowedRealms()).containsExactly("ims.example.org", "epc.mnc001.mcc001.3gppnetwork.org");
    }

    @Test
    void warmUpIsOnByDefaultAndCanBeTurnedOffOrSized() {
        assertThat(HssConfiguration.load(null, Map.of()).warmUp())
                .isEqualTo(new WarmUpSettings(true, 30_000, Duration.ofSeconds(20)));
        assertThat(HssConfiguration.load(null, Map.of("HSS_WARM_UP_ENABLED", "false", "HSS_WARM_UP_REQUESTS",
                "5000", "HSS_WARM_UP_SETTLE_SECONDS", "0")).warmUp()).isEqualTo(new WarmUpSettings(false, 5_000,
                Duration.ZERO));
        assertThatThrownBy(() -> HssConfiguration.load(null, Map.of("HSS_WARM_UP_REQUESTS", "-1")))
                .hasMessageContaining("warm-up.requests");
        assertThatThrownBy(() -> HssConfiguration.load(null, Map.of("HSS_WARM_UP_SETTLE_SECONDS", "-1")))
                .hasMessageContaining("warm-up.settle-seconds");
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertThat(HssConfiguration.environmentName("diameter.bind-address")).isEqualTo("HSS_DIAMETER_BIND_ADDRESS");
        assertThat(HssConfiguration.environmentName("cx.auth-pending-timeout-s"))
                .isEqualTo("HSS_CX_AUTH_PENDING_TIMEOUT_S");
    }

    @Test
    void aMisspeltKeyStopsStartUpAndIsNamed() throws Exception {
        Path file = dir.resolve("hss.properties");
        Files.writeString(file, "diameter.prot = 3900\n");
        assertThatThrownBy(() -> HssConfiguration.load(file, Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).key()).isEqualTo("diameter.prot"));
    }

    @Test
    void badValuesNameTheirKey() {
        for (var bad : List.of(Map.entry("HSS_DIAMETER_PORT", "70000"), Map.entry("HSS_DIAMETER_PORT", "x"),
                Map.entry("HSS_GRID_PERSISTENCE", "yes"), Map.entry("HSS_CX_MAX_AUTH_ITEMS", "0"),
                Map.entry("HSS_DIAMETER_IDENTITY", " "), Map.entry("HSS_REST_AUDIT_RETENTION_DAYS", "-1"))) {
            String key = bad.getKey().substring(4).toLowerCase().replace('_', '.');
            assertThatThrownBy(() -> HssConfiguration.load(null, Map.ofEntries(bad)))
                    .as(bad.toString())
                    .isInstanceOf(InvalidConfigurationException.class)
                    .satisfies(e -> assertThat(((InvalidConfigurationException) e).key().replace('-', '.'))
                            .isEqualTo(key));
        }
    }

    @Test
    void aMissingFileIsAnError() {
        assertThatThrownBy(() -> HssConfiguration.load(dir.resolve("absent.properties"), Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("absent.properties");
    }

    @Test
    void theRefillAfterTheStartIsOnByDefaultAndCanBeTurnedOff() {
        assertThat(HssConfiguration.load(null, Map.of()).grid().refill()).isTrue();
        assertThat(HssConfiguration.load(null, Map.of("HSS_GRID_REFILL", "false")).grid().refill()).isFalse();
        assertThatThrownBy(() -> HssConfiguration.load(null, Map.of("HSS_GRID_REFILL", "sometimes")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("grid.refill"));
    }

    @Test
    void gridTlsIsOffByDefaultAndItsStoresAreCheckedAtStartUp() throws Exception {
        assertThat(HssConfiguration.load(null, Map.of()).grid().tls()).isNull();
        assertThatThrownBy(() -> HssConfiguration.load(null, Map.of("HSS_GRID_TLS_REQUIRED", "true")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("grid.tls.required"));
        TestCertificates certificates = TestCertificates.generate(dir);
        TestCertificates.Store node = certificates.leaf("grid-node", "CN=hss-a", null, TestCertificates.Usage.BOTH);
        Map<String, String> tls = Map.of("HSS_GRID_TLS_ENABLED", "true", "HSS_GRID_TLS_REQUIRED", "true",
                "HSS_GRID_TLS_KEYSTORE", node.path().toString(), "HSS_GRID_TLS_KEYSTORE_PASSWORD", node.password(),
                "HSS_GRID_TLS_TRUSTSTORE", certificates.truststore().path().toString(),
                "HSS_GRID_TLS_TRUSTSTORE_PASSWORD", certificates.truststore().password());
        assertThat(HssConfiguration.load(null, tls).grid().tls().keystore()).isEqualTo(node.path());

        Map<String, String> wrongPassword = new HashMap<>(tls);
        wrongPassword.put("HSS_GRID_TLS_KEYSTORE_PASSWORD", "wrong-" + node.password());
        assertThatThrownBy(() -> HssConfiguration.load(null, wrongPassword))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("grid.tls.keystore-password"))
                .message().doesNotContain(node.password());
        Map<String, String> noTruststore = new HashMap<>(tls);
        noTruststore.remove("HSS_GRID_TLS_TRUSTSTORE");
        assertThatThrownBy(() -> HssConfiguration.load(null, noTruststore))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("grid.tls.truststore"));
    }

    @Test
    void sitesAreOffByDefaultAndABadValueNamesItsKey() {
        GridSettings.Sites none = HssConfiguration.load(null, Map.of()).grid().membership().sites();
        assertThat(none).isEqualTo(GridSettings.Sites.NONE);
        GridSettings.Sites sites = HssConfiguration.load(null, Map.of("HSS_GRID_SITE", "dc-1",
                "HSS_GRID_WRITE_QUORUM", "majority", "HSS_GRID_TIE_BREAKER_SITE", "dc-1")).grid().membership().sites();
        assertThat(sites).isEqualTo(new GridSettings.Sites("dc-1", true, GridSettings.WriteQuorum.MAJORITY, "dc-1"));
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("HSS_GRID_SITE", "dc 1"), "grid.site",
                Map.of("HSS_GRID_WRITE_QUORUM", "most"), "grid.write-quorum",
                Map.of("HSS_GRID_WRITE_QUORUM", "majority", "HSS_GRID_PERSISTENCE", "false"), "grid.write-quorum",
                Map.of("HSS_GRID_SITE", "dc-1", "HSS_GRID_TIE_BREAKER_SITE", "dc-1"), "grid.tie-breaker-site",
                Map.of("HSS_GRID_DATA_NODE", "false"), "grid.data-node");
        bad.forEach((environment, key) -> assertThatThrownBy(() -> HssConfiguration.load(null, environment))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.key()).isEqualTo(key)));
    }

    /** The example deployments of docs/DEPLOYMENT.md load, and agree on the rule for a cut. */
    @Test
    void theTwoSiteExamplesLoad() throws Exception {
        Path root = Path.of(System.getProperty("imshss.root", "..")).resolve("ops/conf");
        for (String example : List.of("two-sites", "two-sites-witness")) {
            try (var files = Files.list(root.resolve(example))) {
                for (Path file : files.sorted().toList()) {
                    HssSettings settings = HssConfiguration.load(file, Map.of());
                    GridSettings.Sites sites = settings.grid().membership().sites();
                    String name = file.getFileName().toString();
                    assertThat(sites.site()).as(name).isEqualTo(name.startsWith("witness") ? "site-c"
                            : name.startsWith("node-a") ? "site-a" : "site-b");
                    assertThat(sites.dataNode()).as(name).isEqualTo(!name.startsWith("witness"));
                    assertThat(sites.writeQuorum()).as(name).isEqualTo(GridSettings.WriteQuorum.MAJORITY);
                    assertThat(sites.tieBreakerSite()).as(name)
                            .isEqualTo("two-sites".equals(example) ? "site-a" : null);
                    assertThat(settings.grid().membership().initialBaseline()).as(name)
                            .hasSize("two-sites".equals(example) ? 4 : 5);
                }
            }
        }
    }
}
