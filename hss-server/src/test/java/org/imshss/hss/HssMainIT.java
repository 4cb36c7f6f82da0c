package org.imshss.hss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.imshss.node.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HssMain as an operator meets it: a separate JVM, settings from the environment and a file. An unusable
 * configuration ends it with exit status 2 and a message naming the key, before anything starts; a start-up
 * failure after the grid started (a taken Diameter port) ends it with status 1, nothing left running.
 */
class HssMainIT {

    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private record Exit(int status, String output) {
    }

    @Test
    void aMissingConfigurationFileIsStatusTwo() throws Exception {
        Exit exit = hss(Map.of(), "--config", dir.resolve("absent.properties").toString());
        assertThat(exit.status).as(exit.output).isEqualTo(2);
        assertThat(exit.output).contains("configuration error").contains("absent.properties");
    }

    @Test
    void unusableValuesAreStatusTwoAndNameTheirKey() throws Exception {
        Map<String, String> cases = Map.of(
                "HSS_DIAMETER_PORT", "70000",
                "HSS_GRID_PERSISTENCE", "maybe",
                "HSS_CX_SQN_IND_BITS", "eleven");
        for (var bad : cases.entrySet()) {
            String key = bad.getKey().substring(4).toLowerCase().replace('_', '-')
                    .replaceFirst("-", ".");
            Exit exit = hss(Map.of(bad.getKey(), bad.getValue()));
            assertThat(exit.status).as(bad + ": " + exit.output).isEqualTo(2);
            assertThat(exit.output).as(bad.toString()).contains(key);
        }
    }

    @Test
    void unusableTlsSettingsAreStatusTwoAndNameTheirKeyNeverThePassword() throws Exception {
        TestCertificates certificates = TestCertificates.generate(Files.createDirectory(dir.resolve("certs")));
        TestCertificates.Store key = certificates.server();
        String wrong = "wrong-password-4711";
        Map<String, String> tls = Map.of("HSS_DIAMETER_TLS_ENABLED", "true",
                "HSS_DIAMETER_TLS_KEYSTORE", key.path().toString(),
                "HSS_DIAMETER_TLS_KEYSTORE_PASSWORD", key.password(),
                "HSS_DIAMETER_TLS_TRUSTSTORE", certificates.truststore().path().toString(),
                "HSS_DIAMETER_TLS_TRUSTSTORE_PASSWORD", certificates.truststore().password());
        Map<String, Map<String, String>> cases = Map.of(
                "diameter.tls.keystore-password", Map.of("HSS_DIAMETER_TLS_KEYSTORE_PASSWORD", wrong),
                "diameter.tls.keystore", Map.of("HSS_DIAMETER_TLS_KEYSTORE", dir.resolve("absent.p12").toString()),
                "diameter.tls.truststore", Map.of("HSS_DIAMETER_TLS_TRUSTSTORE", certificates.caPem().toString()),
                "diameter.tls.port", Map.of("HSS_DIAMETER_TLS_PORT", "3868"),
                "diameter.tls.only", Map.of("HSS_DIAMETER_TLS_ENABLED", "false", "HSS_DIAMETER_TLS_ONLY", "true"));
        for (var bad : cases.entrySet()) {
            Map<String, String> environment = new HashMap<>(tls);
            environment.putAll(bad.getValue());
            Exit exit = hss(environment);
            assertThat(exit.status).as(bad + ": " + exit.output).isEqualTo(2);
            assertThat(exit.output).as(bad.getKey()).contains(bad.getKey() + ":").doesNotContain(wrong)
                    .doesNotContain(key.password());
        }
    }

    @Test
    void unusableGridTlsSettingsAreStatusTwoAndNameTheirKeyNeverThePassword() throws Exception {
        TestCertificates certificates = TestCertificates.generate(Files.createDirectory(dir.resolve("grid-certs")));
        TestCertificates.Store key = certificates.leaf("grid", "CN=hss", null, TestCertificates.Usage.BOTH);
        String wrong = "wrong-password-4712";
        Map<String, String> tls = Map.of("HSS_GRID_TLS_ENABLED", "true", "HSS_GRID_TLS_REQUIRED", "true",
                "HSS_GRID_TLS_KEYSTORE", key.path().toString(),
                "HSS_GRID_TLS_KEYSTORE_PASSWORD", key.password(),
                "HSS_GRID_TLS_TRUSTSTORE", certificates.truststore().path().toString(),
                "HSS_GRID_TLS_TRUSTSTORE_PASSWORD", certificates.truststore().password());
        Map<String, Map<String, String>> cases = Map.of(
                "grid.tls.keystore-password", Map.of("HSS_GRID_TLS_KEYSTORE_PASSWORD", wrong),
                "grid.tls.keystore", Map.of("HSS_GRID_TLS_KEYSTORE", dir.resolve("absent.p12").toString()),
                "grid.tls.truststore", Map.of("HSS_GRID_TLS_TRUSTSTORE", certificates.caPem().toString()),
                "grid.tls.required", Map.of("HSS_GRID_TLS_ENABLED", "false"));
        for (var bad : cases.entrySet()) {
            Map<String, String> environment = new HashMap<>(tls);
            environment.putAll(bad.getValue());
            Exit exit = hss(environment);
            assertThat(exit.status).as(bad + ": " + exit.output).isEqualTo(2);
            assertThat(exit.output).as(bad.getKey()).contains(bad.getKey() + ":").doesNotContain(wrong)
                    .doesNotContain(key.password()).doesNotContain(certificates.truststore().password());
        }
    }

    @Test
    void aBadPasswordKeyIsNamedButNeverShown() throws Exception {
        String notHex = "zz" + KEY.substring(2);
        Exit exit = hss(Map.of("HSS_AUTH_PASSWORD_KEY", notHex));
        assertThat(exit.status).as(exit.output).isEqualTo(2);
        assertThat(exit.output).contains("auth.password-key").doesNotContain("445566778899");
    }

    @Test
    void anUnknownRoleIsNamedButTheTokenSecretNeverShown() throws Exception {
        Exit exit = hss(Map.of("HSS_REST_TOKENS", "ops:superuser:s3cret-s3cret-s3cret"));
        assertThat(exit.status).as(exit.output).isEqualTo(2);
        assertThat(exit.output).contains("rest.tokens").contains("role").doesNotContain("s3cret");
    }

    @Test
    void anUnusableRestKeystoreIsStatusTwoAndNamedButItsPasswordNeverShown() throws Exception {
        Path keystore = dir.resolve("rest.p12");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (OutputStream out = Files.newOutputStream(keystore)) {
            empty.store(out, "the-right-password".toCharArray());
        }
        Exit missing = hss(Map.of("HSS_REST_TLS_ENABLED", "true",
                "HSS_REST_TLS_KEYSTORE", dir.resolve("absent.p12").toString(),
                "HSS_REST_TLS_KEYSTORE_PASSWORD", "pw-of-an-absent-store"));
        assertThat(missing.status).as(missing.output).isEqualTo(2);
        assertThat(missing.output).contains("rest.tls.keystore").contains("absent.p12")
                .doesNotContain("pw-of-an-absent-store");
        Exit wrong = hss(Map.of("HSS_REST_TLS_ENABLED", "true", "HSS_REST_TLS_KEYSTORE", keystore.toString(),
                "HSS_REST_TLS_KEYSTORE_PASSWORD", "a-wrong-password"));
        assertThat(wrong.status).as(wrong.output).isEqualTo(2);
        assertThat(wrong.output).contains("rest.tls.keystore-password").doesNotContain("a-wrong-password");
    }

    @Test
    void anUnknownKeyInTheFileOrAnUnknownArgumentIsStatusTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("hss.properties"), "diameter.prot = 3900\n");
        Exit key = hss(Map.of(), "--config", file.toString());
        assertThat(key.status).as(key.output).isEqualTo(2);
        assertThat(key.output).contains("diameter.prot");

        Exit argument = hss(Map.of(), "--demo", "--verbose");
        assertThat(argument.status).as(argument.output).isEqualTo(2);
        assertThat(argument.output).contains("--verbose");
    }

    @Test
    void aTakenDiameterPortIsStatusOneAndTheProcessEnds() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = isolated();
            env.put("HSS_DIAMETER_PORT", Integer.toString(taken.getLocalPort()));
            Exit exit = hss(env, "--demo");
            assertThat(exit.status).as(exit.output).isEqualTo(1);
            assertThat(exit.output).contains("HSS failed to start").contains("diameter.port")
                    .contains(Integer.toString(taken.getLocalPort())).doesNotContain("HSS ready");
        }
    }

    /** The demo token is public: --demo without rest.tokens does not start with the API on another address. */
    @Test
    void demoWithoutTokensRefusesAnApiAddressOtherThanLoopback() throws Exception {
        Map<String, String> env = isolated();
        env.put("HSS_REST_BIND_ADDRESS", "0.0.0.0");
        Exit exit = hss(env, "--demo");
        assertThat(exit.status).as(exit.output).isEqualTo(2);
        assertThat(exit.output).contains("rest.bind-address").contains("0.0.0.0").contains("loopback")
                .contains("rest.tokens").doesNotContain("HSS ready");
    }

    /**
     * Only --demo brings the demo token and the public demo key: without it and without rest.tokens the API refuses
     * the demo token (401), and with secrets.required and no key the start is refused instead of sealing under the
     * demo key.
     */
    @Test
    void aStartWithoutDemoAcceptsNeitherTheDemoTokenNorTheDemoKey() throws Exception {
        Map<String, String> required = isolated();
        required.put("HSS_SECRETS_REQUIRED", "true");
        Exit refused = hss(required);
        assertThat(refused.status).as(refused.output).isEqualTo(2);
        assertThat(refused.output).contains("secrets.keys").doesNotContain("HSS ready");

        Map<String, String> env = isolated();
        Path output = Files.createTempFile(dir, "hss", ".out");
        Process process = start(env, output);
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + env.get("HSS_REST_PORT");
            awaitReady(process, output, client, base);
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/subscribers"))
                    .header("Authorization", "Bearer " + HssMain.DEMO_API_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(401);
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * --demo serves the EPC realm an MME of the demo PLMN derives from the IMSI (TS 23.003 19.2) and admits MMEs of
     * it: the CER is answered 2001 with S6a advertised, an AIR to that realm is answered by S6a (an unknown IMSI:
     * 5001 in Experimental-Result), not 3003.
     */
    @Test
    void demoServesAndAdmitsTheEpcRealm() throws Exception {
        Map<String, String> env = isolated();
        Path output = Files.createTempFile(dir, "hss", ".out");
        Process process = start(env, output, "--demo");
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            awaitReady(process, output, client, "http://127.0.0.1:" + env.get("HSS_REST_PORT"));
            String epc = "epc.mnc001.mcc001.3gppnetwork.org";
            try (RawDiameterClient mme = RawDiameterClient.connect("127.0.0.1",
                    Integer.parseInt(env.get("HSS_DIAMETER_PORT")), "mme1." + epc, epc)) {
                RawMessage cea = mme.capabilitiesAnswer();
                assertThat(cea.resultCode()).isEqualTo(2001);
                assertThat(cea.all(Avp.VENDOR_SPECIFIC_APPLICATION_ID)).anySatisfy(vsai -> assertThat(
                        vsai.member(Avp.AUTH_APPLICATION_ID).orElseThrow().u32()).isEqualTo(Application.S6A.id()));
                int id = mme.nextId();
                RawMessage aia = mme.exchange(new RawMessage(RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE,
                        Command.AIR.code(), Application.S6A.id(), id, id, List.of(
                                RawAvp.utf8(Avp.SESSION_ID, "mme1." + epc + ";1"),
                                RawAvp.u32(Avp.AUTH_SESSION_STATE, 1),
                                RawAvp.utf8(Avp.ORIGIN_HOST, "mme1." + epc),
                                RawAvp.utf8(Avp.ORIGIN_REALM, epc),
                                RawAvp.utf8(Avp.DESTINATION_REALM, epc),
                                RawAvp.utf8(Avp.USER_NAME, "001019999999997"),
                                RawAvp.grouped(Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO,
                                        RawAvp.u32(Avp.NUMBER_OF_REQUESTED_VECTORS, 1)),
                                RawAvp.of(Avp.VISITED_PLMN_ID, new byte[] {0x00, (byte) 0xf1, 0x10}))));
                assertThat(aia.avp(Avp.EXPERIMENTAL_RESULT).orElseThrow().member(Avp.EXPERIMENTAL_RESULT_CODE)
                        .orElseThrow().u32()).as(aia.toString()).isEqualTo(5001);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Settings of a node of its own: free ports, its own grid and work directory. */
    private Map<String, String> isolated() throws Exception {
        int discovery = TestHss.freePort();
        return new HashMap<>(Map.of(
                "HSS_DIAMETER_PORT", Integer.toString(TestHss.freePort()),
                "HSS_GRID_INSTANCE_NAME", "main-it-" + discovery,
                "HSS_GRID_DISCOVERY_PORT", Integer.toString(discovery),
                "HSS_GRID_DISCOVERY_PORT_RANGE", "0",
                "HSS_GRID_DISCOVERY_ADDRESSES", "127.0.0.1:" + discovery,
                "HSS_GRID_COMMUNICATION_PORT", Integer.toString(TestHss.freePort()),
                "HSS_GRID_WORK_DIRECTORY", dir.resolve("data-" + discovery).toString(),
                "HSS_REST_PORT", Integer.toString(TestHss.freePort()),
                // Each test starts a node of its own: a warm-up would only make them slower (WarmUpIT tests it).
                "HSS_WARM_UP_ENABLED", "false"));
    }

    /** Waits until the node answers /ready with 200, failing if the process ends first or takes more than 90 s. */
    private static void awaitReady(Process process, Path output, HttpClient client, String base) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Not listening yet: asked again below.
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("HssMain not ready: " + Files.readString(output));
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs HssMain in its own JVM (this JVM's flags and classpath) and waits for it to end by itself. */
    private Exit hss(Map<String, String> environment, String... args) throws Exception {
        Path output = Files.createTempFile(dir, "hss", ".out");
        Process process = start(environment, output, args);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("HssMain did not end within 90 s: " + Files.readString(output));
        }
        return new Exit(process.exitValue(), Files.readString(output));
    }

    private Process start(Map<String, String> environment, Path output, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-opens") || flag.startsWith("-D") && !flag.startsWith("-Dbasedir")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), HssMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HSS_"));
        builder.environment().putAll(environment);
        builder.redirectOutput(output.toFile());
        return builder.start();
    }
}
