package org.imshss.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Diameter over TLS (RFC 6733 2.1, 13): TLS from the first octet on a port of its own, mutual certificates.
 *
 * @param enabled listen for TLS on {@code port}
 * @param only no plain TCP listener (diameter.port is then not opened)
 * @param connect the connections this node opens itself (the SLF's to its HSS nodes) use TLS too
 * @param keystore this node's key and certificate chain (PKCS12 or JKS)
 * @param keystorePassword a secret: never shown by toString nor in any message
 * @param truststore the CA certificates peers' certificates must chain to
 * @param truststorePassword a secret, as above; may be empty for a store without integrity password
 */
public record TlsSettings(boolean enabled, int port, boolean only, boolean connect, Path keystore,
        String keystorePassword, Path truststore, String truststorePassword) {

    /** The IANA port of Diameter over TLS/TCP (RFC 6733 11.4). */
    public static final int DEFAULT_PORT = 5658;

    public static final TlsSettings DISABLED =
            new TlsSettings(false, DEFAULT_PORT, false, false, null, null, null, null);

    /** TLS on {@code port} besides plain TCP, with these stores (for tests and programmatic set-ups). */
    public static TlsSettings of(int port, Path keystore, String keystorePassword, Path truststore,
            String truststorePassword) {
        return new TlsSettings(true, port, false, false, keystore, keystorePassword, truststore, truststorePassword);
    }

    public TlsSettings withOnly(boolean tlsOnly) {
        return new TlsSettings(enabled, port, tlsOnly, connect, keystore, keystorePassword, truststore,
                truststorePassword);
    }

    public TlsSettings withConnect(boolean tlsConnect) {
        return new TlsSettings(enabled, port, only, tlsConnect, keystore, keystorePassword, truststore,
                truststorePassword);
    }

    /**
     * The TLS context of these stores. A store that cannot be read, a wrong password or a store without the
     * expected entries stops start-up naming the key, never quoting a password.
     */
    public SSLContext context() {
        KeyStore keys = load(keystore, keystorePassword, "diameter.tls.keystore", "diameter.tls.keystore-password");
        KeyStore trust = load(truststore, truststorePassword, "diameter.tls.truststore",
                "diameter.tls.truststore-password");
        try {
            if (Collections.list(keys.aliases()).stream().noneMatch(alias -> isKeyEntry(keys, alias))) {
                throw new InvalidConfigurationException("diameter.tls.keystore", "holds no private key");
            }
            if (!trust.aliases().hasMoreElements()) {
                throw new InvalidConfigurationException("diameter.tls.truststore", "holds no certificate");
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password(keystorePassword));
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (UnrecoverableKeyException e) {
            throw new InvalidConfigurationException("diameter.tls.keystore-password",
                    "does not open the key in diameter.tls.keystore");
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigurationException("diameter.tls.keystore", "unusable: " + e.getMessage());
        }
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyStore load(Path file, String password, String fileKey, String passwordKey) {
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidConfigurationException(fileKey, "no readable file " + file);
        }
        try {
            // Detects PKCS12 and JKS.
            return KeyStore.getInstance(file.toFile(), password(password));
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage())
                    .contains("password")) {
                throw new InvalidConfigurationException(passwordKey, "does not open " + fileKey);
            }
            throw new InvalidConfigurationException(fileKey, "cannot read " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(fileKey, "not a PKCS12 or JKS store: " + file);
        }
    }

    private static char[] password(String password) {
        return password == null || password.isEmpty() ? null : password.toCharArray();
    }

    @Override
    public String toString() {
        return "TlsSettings[enabled=" + enabled + ", port=" + port + ", only=" + only + ", connect=" + connect
                + ", keystore=" + keystore + ", truststore=" + truststore + ", passwords=***]";
    }
}
