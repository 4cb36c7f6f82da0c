package org.imshss.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made inside a test, in a temporary directory, with the JDK's own {@code keytool} (no extra
 * dependency): a CA, leaf certificates it signs (a server one valid for {@code localhost} and {@code 127.0.0.1},
 * a client one, an expired one), a self-signed one nobody trusts, and a truststore holding the CA. Every store
 * is PKCS12 with its own random password (the key password is the store password, as PKCS12 wants). Keys are EC
 * P-256: quick to generate, and every TLS 1.2/1.3 stack speaks ECDSA.
 *
 * <p>{@link #leaf} makes more leaves for other names (Diameter peers). Each keytool run is a JVM start: the
 * whole set takes a few seconds, so create it once per test class.
 */
public final class TestCertificates {

    /** A PKCS12 file, its password and the alias of its entry. */
    public record Store(Path path, String password, String alias) {

        public KeyStore load() throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, password.toCharArray());
            }
            return store;
        }

        /** The certificate chain of the entry, leaf first. */
        public List<X509Certificate> chain() throws IOException, GeneralSecurityException {
            KeyStore store = load();
            Certificate[] chain = store.getCertificateChain(alias);
            List<X509Certificate> out = new ArrayList<>();
            if (chain == null) {
                out.add((X509Certificate) store.getCertificate(alias));
            } else {
                for (Certificate c : chain) {
                    out.add((X509Certificate) c);
                }
            }
            return out;
        }

        public PrivateKey privateKey() throws IOException, GeneralSecurityException {
            return (PrivateKey) load().getKey(alias, password.toCharArray());
        }

        @Override
        public String toString() {
            return "Store[" + path + ", alias=" + alias + "]";
        }
    }

    /** What a leaf is for (TLS Extended Key Usage, RFC 5280 4.2.1.12). */
    public enum Usage {
        SERVER("serverAuth"), CLIENT("clientAuth"), BOTH("serverAuth,clientAuth");

        private final String eku;

        Usage(String eku) {
            this.eku = eku;
        }
    }

    private static final String CA_ALIAS = "test-ca";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Store caKey;
    private final Store truststore;
    private final Path caPem;
    private final Store server;
    private final Store client;
    private final Store expired;
    private final Store selfSigned;

    private TestCertificates(Path directory) throws IOException {
        this.directory = directory;
        caKey = new Store(directory.resolve("ca.p12"), password(), CA_ALIAS);
        keytool(caKey, "-genkeypair", "-alias", CA_ALIAS, "-dname", "CN=imshss test CA", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "2", "-ext", "bc:c=ca:true,pathlen:0", "-ext", "ku:c=keyCertSign,cRLSign");
        caPem = directory.resolve("ca.pem");
        keytool(caKey, "-exportcert", "-rfc", "-alias", CA_ALIAS, "-file", caPem.toString());
        truststore = new Store(directory.resolve("truststore.p12"), password(), CA_ALIAS);
        keytool(truststore, "-importcert", "-noprompt", "-alias", CA_ALIAS, "-file", caPem.toString());
        server = leaf("server", "CN=localhost", "dns:localhost,ip:127.0.0.1", Usage.SERVER);
        client = leaf("client", "CN=provisioning client", null, Usage.CLIENT);
        expired = leaf("expired", "CN=localhost", "dns:localhost,ip:127.0.0.1", Usage.BOTH, "-3d", 1);
        selfSigned = new Store(directory.resolve("self-signed.p12"), password(), "self-signed");
        keytool(selfSigned, "-genkeypair", "-alias", selfSigned.alias(), "-dname", "CN=localhost", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1");
    }

    /** Generates the CA and the standard leaves into {@code directory} (a test's temporary directory). */
    public static TestCertificates generate(Path directory) throws IOException {
        return new TestCertificates(directory);
    }

    /**
     * A new key and certificate signed by the CA, valid from now for two days; its store holds the chain
     * (leaf, CA).
     *
     * @param name file and alias name
     * @param subject X.500 name, e.g. {@code CN=scscf1.ims.example.org}
     * @param subjectAltNames keytool's SAN form ({@code dns:host,ip:127.0.0.1}), or null for none
     */
    public Store leaf(String name, String subject, String subjectAltNames, Usage usage) throws IOException {
        return leaf(name, subject, subjectAltNames, usage, null, 2);
    }

    private Store leaf(String name, String subject, String subjectAltNames, Usage usage, String startDate,
            int validityDays) throws IOException {
        Store store = new Store(directory.resolve(name + ".p12"), password(), name);
        Path request = directory.resolve(name + ".csr");
        Path reply = directory.resolve(name + ".pem");
        keytool(store, "-genkeypair", "-alias", name, "-dname", subject, "-keyalg", "EC", "-groupname", "secp256r1");
        keytool(store, "-certreq", "-alias", name, "-file", request.toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", CA_ALIAS, "-infile",
                request.toString(), "-outfile", reply.toString(), "-validity", Integer.toString(validityDays),
                "-ext", "ku:c=digitalSignature,keyAgreement", "-ext", "eku=" + usage.eku));
        if (startDate != null) {
            sign.addAll(List.of("-startdate", startDate));
        }
        if (subjectAltNames != null) {
            sign.addAll(List.of("-ext", "san=" + subjectAltNames));
        }
        keytool(caKey, sign.toArray(String[]::new));
        // A reply holding the whole chain installs without the CA being in this keystore (-noprompt accepts
        // its top certificate, which is our CA).
        Files.writeString(reply, Files.readString(reply) + Files.readString(caPem));
        keytool(store, "-importcert", "-noprompt", "-alias", name, "-file", reply.toString());
        Files.delete(request);
        return store;
    }

    /** The CA's certificate as PEM (for curl's --cacert). */
    public Path caPem() {
        return caPem;
    }

    /** A truststore holding only the CA's certificate. */
    public Store truststore() {
        return truststore;
    }

    /** The CA's own key store (to sign more with keytool). */
    public Store ca() {
        return caKey;
    }

    /** Server certificate for {@code localhost} / {@code 127.0.0.1}, signed by the CA. */
    public Store server() {
        return server;
    }

    /** Client certificate (clientAuth), signed by the CA. */
    public Store client() {
        return client;
    }

    /** Signed by the CA for localhost / 127.0.0.1, but expired two days ago. */
    public Store expired() {
        return expired;
    }

    /** Self-signed for localhost / 127.0.0.1: trusted by nobody. */
    public Store selfSigned() {
        return selfSigned;
    }

    /**
     * Writes a store's entry as PEM files, certificate chain and PKCS#8 private key, for tools that take PEM
     * (curl's --cert / --key). Returns {certificate file, key file}.
     */
    public Path[] pem(Store store) throws IOException, GeneralSecurityException {
        StringBuilder certs = new StringBuilder();
        for (X509Certificate c : store.chain()) {
            certs.append(pem("CERTIFICATE", c.getEncoded()));
        }
        Path cert = directory.resolve(store.alias() + "-chain.pem");
        Path key = directory.resolve(store.alias() + "-key.pem");
        Files.writeString(cert, certs);
        Files.writeString(key, pem("PRIVATE KEY", store.privateKey().getEncoded()));
        return new Path[] {cert, key};
    }

    /**
     * A TLS context with this key (null: none) and trusting this store's certificates (null: the JDK's
     * default trust, which knows none of these).
     */
    public static SSLContext context(Store key, Store trust) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (key != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(key.load(), key.password().toCharArray());
        }
        TrustManagerFactory trusts = null;
        if (trust != null) {
            trusts = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trusts.init(trust.load());
        }
        context.init(keys == null ? null : keys.getKeyManagers(), trusts == null ? null : trusts.getTrustManagers(),
                RANDOM);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Runs keytool on one store; the password reaches it through its environment (-storepass:env), not its
     * command line.
     */
    private static void keytool(Store store, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.add("-J-XX:TieredStopAtLevel=1");
        command.addAll(List.of(arguments));
        command.addAll(List.of("-keystore", store.path().toString(), "-storetype", "PKCS12",
                "-storepass:env", "STOREPASS"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STOREPASS", store.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
