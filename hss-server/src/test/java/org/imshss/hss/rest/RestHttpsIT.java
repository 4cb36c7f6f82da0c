package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.imshss.hss.config.HssConfiguration;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.RestServer;
import org.imshss.http.RestSettings;
import org.imshss.http.RestTls;
import org.imshss.http.Role;
import org.imshss.node.config.InvalidConfigurationException;
import org.imshss.node.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST port over HTTPS with certificates made for the test: a whole HSS serving the API and /metrics,
 * /health, /ready over TLS (clients that do not trust its CA, plain HTTP and weak cipher suites get nothing),
 * mutual TLS with client-auth need and want, hssctl with --cacert, and unusable TLS settings named by their key.
 */
class RestHttpsIT {

    private static final String ADMIN = "https-admin-token-0000001";

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static TestHss hss;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.generate(dir);
        RestTls tls = new RestTls(certs.server().path(), certs.server().password(), null, null, null,
                RestTls.ClientAuth.NONE);
        hss = TestHss.startWithRest(RestSettings.local(0, List.of(new ApiToken("ops", Role.ADMIN, ADMIN)))
                .withTls(tls));
        base = hss.node().restUri();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hss != null) {
            hss.close();
        }
    }

    private static SSLContext trustingTheCa() throws Exception {
        return TestCertificates.context(null, certs.truststore());
    }

    @Test
    void aClientTrustingTheCaGetsTheApiAndTheObservabilityEndpoints() throws Exception {
        assertThat(base.getScheme()).isEqualTo("https");
        RestClient api = new RestClient(base, ADMIN, trustingTheCa());
        RestClient.Reply alice = api.get("/subscribers/alice");
        assertThat(alice.status()).as(alice.body()).isEqualTo(200);
        assertThat(alice.json().path("id").asText()).isEqualTo("alice");
        assertThat(alice.raw().sslSession()).isPresent();
        assertThat(alice.raw().sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(api.withToken(null).get("/subscribers/alice").status()).as("no token, even over TLS")
                .isEqualTo(401);

        RestClient root = api.withToken(null).root();
        RestClient.Reply metrics = root.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(root.get("/health").body()).contains("UP");
        RestClient.Reply ready = root.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\":true");
    }

    @Test
    void aClientThatDoesNotTrustTheCaFailsTheHandshake() throws Exception {
        RestClient jdkDefaults = new RestClient(base, ADMIN, TestCertificates.context(null, null));
        assertThatThrownBy(() -> jdkDefaults.get("/subscribers/alice")).isInstanceOf(SSLHandshakeException.class);
        // Trusting only another (self-signed) certificate for the same name is no better.
        RestClient wrongCa = new RestClient(base, ADMIN, TestCertificates.context(null, certs.selfSigned()));
        assertThatThrownBy(() -> wrongCa.root().get("/health")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpToTheTlsPortGetsNoData() throws Exception {
        String reply = rawExchange(base.getPort(), "GET /api/v1/subscribers/alice HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + ADMIN + "\r\nConnection: close\r\n\r\n");
        assertThat(reply).doesNotStartWith("HTTP/").doesNotContain("alice").doesNotContain("ims.example.org");
        RestClient plain = new RestClient(URI.create("http://127.0.0.1:" + base.getPort() + "/api/v1"), ADMIN);
        assertThatThrownBy(() -> plain.get("/subscribers/alice")).isInstanceOf(IOException.class);
    }

    @Test
    void onlyTls12And13WithForwardSecretAeadSuitesAreOffered() throws Exception {
        SSLContext client = trustingTheCa();
        try (SSLSocket tls12 = socket(client)) {
            tls12.setEnabledProtocols(new String[] {"TLSv1.2"});
            tls12.startHandshake();
            assertThat(tls12.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(tls12.getSession().getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_")
                    .matches(".*_(GCM|CHACHA20_POLY1305)_.*");
        }
        try (SSLSocket cbc = socket(client)) {
            cbc.setEnabledProtocols(new String[] {"TLSv1.2"});
            cbc.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"});
            assertThatThrownBy(cbc::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
        assertThat(RestTls.cipherSuites(client)).isNotEmpty()
                .allSatisfy(s -> assertThat(s).doesNotStartWith("TLS_RSA_").doesNotContain("_CBC_", "_NULL_", "_anon_",
                        "_DSS_").matches("TLS_(AES|CHACHA20)_.*|TLS_(ECDHE|DHE)_.*_(GCM|CHACHA20_POLY1305)_.*"));
    }

    @Test
    void clientAuthNeedRefusesAClientWithoutACertificateAndAcceptsOneSignedByTheCa() throws Exception {
        try (RestServer server = bareServer(RestTls.ClientAuth.NEED)) {
            URI uri = server.baseUri();
            RestClient noCertificate = new RestClient(uri, ADMIN, trustingTheCa());
            assertThatThrownBy(() -> noCertificate.get("/openapi.json")).isInstanceOf(IOException.class);
            RestClient untrustedCertificate = new RestClient(uri, ADMIN,
                    TestCertificates.context(certs.selfSigned(), certs.truststore()));
            assertThatThrownBy(() -> untrustedCertificate.get("/openapi.json")).isInstanceOf(IOException.class);
            RestClient expiredCertificate = new RestClient(uri, ADMIN,
                    TestCertificates.context(certs.expired(), certs.truststore()));
            assertThatThrownBy(() -> expiredCertificate.get("/openapi.json")).isInstanceOf(IOException.class);

            RestClient mutual = new RestClient(uri, ADMIN, TestCertificates.context(certs.client(),
                    certs.truststore()));
            RestClient.Reply document = mutual.get("/openapi.json");
            assertThat(document.status()).isEqualTo(200);
            assertThat(document.json().path("openapi").asText()).startsWith("3.");
            assertThat(mutual.get("/guarded").status()).isEqualTo(200);
            assertThat(mutual.withToken(null).get("/guarded").status()).as("the certificate is no token")
                    .isEqualTo(401);
            assertThat(mutual.withToken(null).root().get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void clientAuthWantAcceptsClientsWithAndWithoutACertificate() throws Exception {
        try (RestServer server = bareServer(RestTls.ClientAuth.WANT)) {
            URI uri = server.baseUri();
            assertThat(new RestClient(uri, ADMIN, trustingTheCa()).get("/openapi.json").status()).isEqualTo(200);
            assertThat(new RestClient(uri, ADMIN, TestCertificates.context(certs.client(), certs.truststore()))
                    .get("/openapi.json").status()).isEqualTo(200);
        }
    }

    @Test
    void hssctlTalksHttpsWithTheCaCertificateAndAClientCertificate() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("HSSCTL_URL", base.toString(), "HSSCTL_TOKEN", ADMIN));
        Run refused = hssctl(env, "show", "alice");
        assertThat(refused.status).as("without the CA: " + refused.output).isEqualTo(1);
        assertThat(refused.output).doesNotContain("\"id\"");

        env.put("HSSCTL_CACERT", certs.caPem().toString());
        Run show = hssctl(env, "show", "alice");
        assertThat(show.status).as(show.output).isZero();
        assertThat(show.output).contains("\"id\":\"alice\"");

        try (RestServer server = bareServer(RestTls.ClientAuth.NEED)) {
            Path[] pem = certs.pem(certs.client());
            // hssctl has no command for the OpenAPI document: audit is refused by the bare server (404) but
            // only after the TLS handshake, which needs the client certificate.
            env.put("HSSCTL_URL", server.baseUri().toString());
            Run noCertificate = hssctl(env, "audit");
            assertThat(noCertificate.status).as(noCertificate.output).isEqualTo(1);
            assertThat(noCertificate.output).doesNotContain("HTTP 404");
            env.put("HSSCTL_CERT", pem[0].toString());
            env.put("HSSCTL_KEY", pem[1].toString());
            Run withCertificate = hssctl(env, "audit");
            assertThat(withCertificate.status).isEqualTo(1);
            assertThat(withCertificate.output).as("answered over mutual TLS").contains("HTTP 404");
        }
    }

    @Test
    void unusableTlsSettingsStopStartUpNamingTheirKeyNeverThePassword() throws Exception {
        String password = certs.server().password();
        Map<String, String> good = Map.of("HSS_REST_TLS_ENABLED", "true",
                "HSS_REST_TLS_KEYSTORE", certs.server().path().toString(),
                "HSS_REST_TLS_KEYSTORE_PASSWORD", password);
        RestSettings loaded = HssConfiguration.load(null, good).rest();
        assertThat(loaded.tls()).isNotNull();
        assertThat(loaded.scheme()).isEqualTo("https");
        assertThat(loaded.toString()).doesNotContain(password);

        assertRefused(Map.of("HSS_REST_TLS_KEYSTORE", dir.resolve("absent.p12").toString()), "rest.tls.keystore");
        assertRefused(Map.of("HSS_REST_TLS_KEYSTORE_PASSWORD", "wrong-password"), "rest.tls.keystore-password");
        assertRefused(Map.of("HSS_REST_TLS_KEYSTORE_PASSWORD", ""), "rest.tls.keystore-password");
        assertRefused(Map.of("HSS_REST_TLS_KEYSTORE", certs.caPem().toString()), "rest.tls.keystore");
        assertRefused(Map.of("HSS_REST_TLS_KEYSTORE", certs.truststore().path().toString(),
                "HSS_REST_TLS_KEYSTORE_PASSWORD", certs.truststore().password()), "rest.tls.keystore");
        assertRefused(Map.of("HSS_REST_TLS_KEY_PASSWORD", "not-the-key-password"), "rest.tls.key-password");
        assertRefused(Map.of("HSS_REST_TLS_CLIENT_AUTH", "need"), "rest.tls.truststore");
        assertRefused(Map.of("HSS_REST_TLS_CLIENT_AUTH", "always"), "rest.tls.client-auth");
        assertRefused(Map.of("HSS_REST_TLS_CLIENT_AUTH", "need",
                "HSS_REST_TLS_TRUSTSTORE", certs.truststore().path().toString(),
                "HSS_REST_TLS_TRUSTSTORE_PASSWORD", "wrong-password"), "rest.tls.truststore-password");
        RestSettings mutual = HssConfiguration.load(null, merge(good, Map.of("HSS_REST_TLS_CLIENT_AUTH", "need",
                "HSS_REST_TLS_TRUSTSTORE", certs.truststore().path().toString(),
                "HSS_REST_TLS_TRUSTSTORE_PASSWORD", certs.truststore().password()))).rest();
        assertThat(mutual.tls().clientAuth()).isEqualTo(RestTls.ClientAuth.NEED);
    }

    private void assertRefused(Map<String, String> change, String key) {
        Map<String, String> env = merge(Map.of("HSS_REST_TLS_ENABLED", "true",
                "HSS_REST_TLS_KEYSTORE", certs.server().path().toString(),
                "HSS_REST_TLS_KEYSTORE_PASSWORD", certs.server().password()), change);
        assertThatThrownBy(() -> HssConfiguration.load(null, env)).as(change.toString())
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).key()).isEqualTo(key))
                .message().doesNotContain(certs.server().password()).doesNotContain(certs.truststore().password())
                .doesNotContain("wrong-password").doesNotContain("not-the-key-password");
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    /** One operation that needs a token (the OpenAPI document needs none). */
    @jakarta.ws.rs.Path("guarded")
    public static final class Guarded {

        @jakarta.ws.rs.GET
        @jakarta.annotation.security.RolesAllowed("read")
        public String get() {
            return "guarded";
        }
    }

    /**
     * The REST server alone (the token filter, the OpenAPI document, /health) with one operation that needs a token:
     * enough to test mutual TLS.
     */
    private static RestServer bareServer(RestTls.ClientAuth clientAuth) throws IOException {
        RestTls tls = new RestTls(certs.server().path(), certs.server().password(), null,
                certs.truststore().path(), certs.truststore().password(), clientAuth);
        return RestServer.start(RestSettings.local(0, List.of(new ApiToken("ops", Role.ADMIN, ADMIN))).withTls(tls),
                Set.of(new Guarded()));
    }

    private static SSLSocket socket(SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", base.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends bytes over a plain TCP connection; whatever comes back until the server closes or goes quiet. */
    private static String rawExchange(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException ended) {
                // Quiet or reset: nothing more comes.
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private record Run(int status, String output) {
    }

    private static Run hssctl(Map<String, String> environment, String... arguments) throws Exception {
        Path script = Path.of(System.getProperty("imshss.root", "..")).toAbsolutePath().normalize()
                .resolve("ops/bin/hssctl");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("HSSCTL_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
