package org.imshss.slf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.imshss.node.config.InvalidConfigurationException;
import org.imshss.node.config.WarmUpSettings;
import org.imshss.node.diameter.transport.ConnectionLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlfConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheSlfsOwnIdentityAndPort() {
        SlfSettings settings = SlfConfiguration.load(null, Map.of());
        assertThat(settings.diameter().identity()).isEqualTo("slf.ims.example.org");
        assertThat(settings.diameter().port()).isEqualTo(3869);
        assertThat(settings.diameter().realm()).isEqualTo("ims.example.org");
        assertThat(settings.grid().discoveryPort()).isEqualTo(47600);
        assertThat(settings.routing().mode()).isEqualTo(SlfSettings.Mode.REDIRECT);
        assertThat(settings.routing().redirectHostUsage()).isZero();
        assertThat(settings.routing().relays("ims.example.org")).isFalse();
    }

    @Test
    void warmUpIsOnByDefaultAndCanBeTurnedOffOrSized() {
        assertThat(SlfConfiguration.load(null, Map.of()).warmUp()).isEqualTo(SlfSettings.WARM_UP_DEFAULTS)
                .isEqualTo(new WarmUpSettings(true, 15_000, Duration.ofSeconds(10)));
        assertThat(SlfConfiguration.load(null, Map.of("SLF_WARM_UP_ENABLED", "false", "SLF_WARM_UP_REQUESTS",
                "5000", "SLF_WARM_UP_SETTLE_SECONDS", "0")).warmUp()).isEqualTo(new WarmUpSettings(false, 5_000,
                Duration.ZERO));
        assertThatThrownBy(() -> SlfConfiguration.load(null, Map.of("SLF_WARM_UP_REQUESTS", "-1")))
                .hasMessageContaining("warm-up.requests");
        assertThatThrownBy(() -> SlfConfiguration.load(null, Map.of("SLF_WARM_UP_SETTLE_SECONDS", "-1")))
                .hasMessageContaining("warm-up.settle-seconds");
    }

    @Test
    void fileThenEnvironmentThenSystemProperties() throws Exception {
        Path file = dir.resolve("slf.properties");
        Files.writeString(file, """
                diameter.port = 3900
                slf.mode = relay
                slf.redirect-host-usage = ALL_REALM
                """);
        SlfSettings settings = SlfConfiguration.load(file, Map.of(
                "SLF_DIAMETER_PORT", "3901",
                "SLF_SLF_RELAY_ORIGIN_REALMS", "MNO.example.net, other.example.net",
                "SLF_SLF_RELAY_TIMEOUT_MS", "1500"));
        assertThat(settings.diameter().port()).isEqualTo(3901);
        assertThat(settings.routing().mode()).isEqualTo(SlfSettings.Mode.RELAY);
        assertThat(settings.routing().redirectHostUsage()).isEqualTo(2);
        assertThat(settings.routing().relayOriginRealms()).isEqualTo(List.of("mno.example.net", "other.example.net"));
        assertThat(settings.routing().relayTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(SlfConfiguration.environmentName("slf.relay-timeout-ms")).isEqualTo("SLF_SLF_RELAY_TIMEOUT_MS");
    }

    @Test
    void connectionLimitsAreReadAsTheHssReadsThem() {
        assertThat(SlfConfiguration.load(null, Map.of()).diameter().transport().connections())
                .isEqualTo(ConnectionLimits.DEFAULTS);
        SlfSettings settings = SlfConfiguration.load(null, Map.of("SLF_DIAMETER_CER_TIMEOUT_MS", "2000",
                "SLF_DIAMETER_MAX_CONNECTIONS", "300", "SLF_DIAMETER_MAX_CONNECTIONS_PER_ADDRESS", "8"));
        assertThat(settings.diameter().transport().connections())
                .isEqualTo(new ConnectionLimits(300, 8, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> SlfConfiguration.load(null, Map.of("SLF_DIAMETER_MAX_CONNECTIONS", "0")))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).key())
                        .isEqualTo("diameter.max-connections"));
    }

    @Test
    void relayPerOriginRealm() {
        SlfSettings.RoutingSettings routing = new SlfSettings.RoutingSettings(SlfSettings.Mode.REDIRECT,
                List.of("MNO.example.net"), 0, Duration.ZERO, Duration.ofSeconds(1));
        assertThat(routing.relays("mno.example.net")).isTrue();
        assertThat(routing.relays("corp.example.com")).isFalse();
        assertThat(routing.relays(null)).isFalse();
    }

    @Test
    void badValuesAndUnknownKeysNameTheKey() throws Exception {
        assertThatThrownBy(() -> SlfConfiguration.load(null, Map.of("SLF_SLF_MODE", "proxy")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("slf.mode"));
        assertThatThrownBy(() -> SlfConfiguration.load(null, Map.of("SLF_SLF_REDIRECT_HOST_USAGE", "7")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("slf.redirect-host-usage"));
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "slf.moed = relay\n");
        assertThatThrownBy(() -> SlfConfiguration.load(file, Map.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("slf.moed"));
    }

    @Test
    void restTlsIsOffByDefaultAndItsStoresAreCheckedWhenTheSettingsAreRead() throws Exception {
        assertThat(SlfConfiguration.load(null, Map.of()).rest().tls()).isNull();
        String password = "slf-store-password-01";
        Path keystore = dir.resolve("slf-rest.p12");
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "slf", "-dname", "CN=localhost", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass:env", "STOREPASS").redirectErrorStream(true);
        keytool.environment().put("STOREPASS", password);
        Process run = keytool.start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).as(output).isZero();
        Map<String, String> tls = Map.of("SLF_REST_TLS_ENABLED", "true", "SLF_REST_TLS_KEYSTORE", keystore.toString(),
                "SLF_REST_TLS_KEYSTORE_PASSWORD", password);
        SlfSettings settings = SlfConfiguration.load(null, tls);
        assertThat(settings.rest().scheme()).isEqualTo("https");
        assertThat(settings.rest().toString()).doesNotContain(password);

        Map<String, String> wrong = new java.util.HashMap<>(tls);
        wrong.put("SLF_REST_TLS_KEYSTORE_PASSWORD", "not-the-password");
        assertThatThrownBy(() -> SlfConfiguration.load(null, wrong)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("rest.tls.keystore-password").hasMessageNotContaining("not-the-password");
        Map<String, String> need = new java.util.HashMap<>(tls);
        need.put("SLF_REST_TLS_CLIENT_AUTH", "need");
        assertThatThrownBy(() -> SlfConfiguration.load(null, need)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("rest.tls.truststore:");
        assertThatThrownBy(() -> SlfConfiguration.load(null, Map.of("SLF_REST_TLS_ENABLED", "true")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("rest.tls.keystore:");
    }

    @Test
    void theSlfsGridReadsTheGridTlsKeys() {
        assertThat(SlfConfiguration.load(null, Map.of()).grid().tls()).isNull();
        assertThatThrownBy(() -> SlfConfiguration.load(null, Map.of("SLF_GRID_TLS_REQUIRED", "true")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("grid.tls.required:");
        assertThatThrownBy(() -> SlfConfiguration.load(null, Map.of("SLF_GRID_TLS_ENABLED", "true")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("grid.tls.keystore:");
        assertThatThrownBy(() -> SlfConfiguration.load(null, Map.of("SLF_GRID_TLS_ENABLED", "true",
                "SLF_GRID_TLS_KEYSTORE", dir.resolve("absent.p12").toString(), "SLF_GRID_TLS_TRUSTSTORE",
                dir.resolve("absent-trust.p12").toString())))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageStartingWith("grid.tls.keystore:");
    }
}
