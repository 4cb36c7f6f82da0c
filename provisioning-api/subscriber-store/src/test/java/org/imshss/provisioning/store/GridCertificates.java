package org.imshss.provisioning.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test CA and node certificates it signs, made with the JDK's own {@code keytool} in a temporary directory, the
 * way docs/DEPLOYMENT.md tells an operator to: PKCS12 stores, EC P-256 keys, each store with its own random
 * password handed to keytool through its environment. Each keytool run is a JVM start: make them once per class.
 */
final class GridCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A PKCS12 file and its password. */
    record Store(Path path, String password) {
    }

    private final Path directory;
    private final String name;
    private final Store ca;
    private final Store truststore;
    private final Path caCertificate;

    private GridCertificates(Path directory, String name) throws IOException {
        this.directory = directory;
        this.name = name;
        ca = new Store(directory.resolve(name + "-ca.p12"), password());
        keytool(ca, "-genkeypair", "-alias", "ca", "-dname", "CN=" + name + " grid CA", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-ext", "bc:c=ca:true,pathlen:0",
                "-ext", "ku:c=keyCertSign,cRLSign");
        caCertificate = directory.resolve(name + "-ca.pem");
        keytool(ca, "-exportcert", "-rfc", "-alias", "ca", "-file", caCertificate.toString());
        truststore = new Store(directory.resolve(name + "-truststore.p12"), password());
        keytool(truststore, "-importcert", "-noprompt", "-alias", "ca", "-file", caCertificate.toString());
    }

    /** A new CA named {@code name}, and a truststore holding it. */
    static GridCertificates authority(Path directory, String name) throws IOException {
        return new GridCertificates(directory, name);
    }

    Store truststore() {
        return truststore;
    }

    /** A node's key and its certificate signed by this CA (for TLS client and server), the chain in its store. */
    Store node(String node) throws IOException {
        String file = name + "-" + node;
        Store store = new Store(directory.resolve(file + ".p12"), password());
        Path request = directory.resolve(file + ".csr");
        Path reply = directory.resolve(file + ".pem");
        keytool(store, "-genkeypair", "-alias", node, "-dname", "CN=" + node, "-keyalg", "EC",
                "-groupname", "secp256r1");
        keytool(store, "-certreq", "-alias", node, "-file", request.toString());
        keytool(ca, "-gencert", "-rfc", "-alias", "ca", "-infile", request.toString(), "-outfile", reply.toString(),
                "-validity", "2", "-ext", "ku:c=digitalSignature,keyAgreement", "-ext", "eku=serverAuth,clientAuth");
        Files.writeString(reply, Files.readString(reply) + Files.readString(caCertificate));
        keytool(store, "-importcert", "-noprompt", "-alias", node, "-file", reply.toString());
        return store;
    }

    /** Grid TLS settings with this node store, trusting {@code trusted}'s CA. */
    static GridTls tls(Store node, Store trusted) {
        return new GridTls(node.path(), node.password(), trusted.path(), trusted.password());
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

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
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
