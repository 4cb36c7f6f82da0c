package org.imshss.provisioning.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.ignite.ssl.SslContextFactory;

/**
 * Mutual TLS between grid nodes, on discovery and communication alike: a node is let in only with a certificate
 * chaining to the truststore, and only TLS 1.3 and 1.2 are spoken. Ignite requires the peer's certificate on both
 * (discovery's server socket and communication's engine are set to need client authentication), so a node without
 * one, or with one of another CA, fails its handshake and never joins. The passwords never appear in toString or in
 * any message.
 *
 * @param keystore this node's private key and certificate chain (PKCS12 or JKS); the key password is the store's
 * @param keystorePassword opens the keystore
 * @param truststore the CA certificates another node's certificate must chain to
 * @param truststorePassword opens the truststore
 */
public record GridTls(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {

    /** TLS 1.0 and 1.1 are deprecated (RFC 8996). */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** A store that cannot be used; {@link #setting()} is the key to fix (grid.tls.keystore, ...). */
    public static final class InvalidGridTlsException extends RuntimeException {

        private final String setting;

        InvalidGridTlsException(String setting, String problem) {
            super(problem);
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }

    public GridTls {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(truststore, "truststore");
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
        truststorePassword = truststorePassword == null ? "" : truststorePassword;
    }

    /**
     * Ignite's TLS context factory for these stores, which are opened now: an unreadable store, a wrong password, a
     * keystore without a private key or a truststore without a certificate fails here, naming its setting, instead of
     * in the middle of the node's start.
     */
    public SslContextFactory contextFactory() {
        KeyStore keys = load(keystore, keystorePassword, "grid.tls.keystore", "grid.tls.keystore-password");
        KeyStore trusted = load(truststore, truststorePassword, "grid.tls.truststore",
                "grid.tls.truststore-password");
        check(keys, trusted);
        SslContextFactory factory = new SslContextFactory();
        factory.setKeyStoreFilePath(keystore.toAbsolutePath().toString());
        factory.setKeyStoreType(keys.getType());
        factory.setKeyStorePassword(keystorePassword.toCharArray());
        factory.setTrustStoreFilePath(truststore.toAbsolutePath().toString());
        factory.setTrustStoreType(trusted.getType());
        factory.setTrustStorePassword(truststorePassword.toCharArray());
        factory.setProtocols(PROTOCOLS.toArray(String[]::new));
        return factory;
    }

    private void check(KeyStore keys, KeyStore trusted) {
        try {
            List<String> keyAliases = Collections.list(keys.aliases()).stream()
                    .filter(alias -> isKeyEntry(keys, alias)).toList();
            if (keyAliases.isEmpty()) {
                throw new InvalidGridTlsException("grid.tls.keystore", keystore + " holds no private key");
            }
            for (String alias : keyAliases) {
                keys.getKey(alias, keystorePassword.toCharArray());
            }
            if (Collections.list(trusted.aliases()).stream().noneMatch(alias -> isCertificateEntry(trusted, alias))) {
                throw new InvalidGridTlsException("grid.tls.truststore", truststore + " holds no trusted certificate");
            }
        } catch (UnrecoverableKeyException e) {
            throw new InvalidGridTlsException("grid.tls.keystore-password", "does not open the private key in "
                    + keystore);
        } catch (GeneralSecurityException e) {
            throw new InvalidGridTlsException("grid.tls.keystore", keystore + " is unusable: " + e.getMessage());
        }
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isCertificateEntry(KeyStore store, String alias) {
        try {
            return store.isCertificateEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyStore load(Path file, String password, String setting, String passwordSetting) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidGridTlsException(setting, "no readable file " + file);
        }
        try {
            // Detects PKCS12 and JKS.
            return KeyStore.getInstance(file.toFile(), password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage())
                    .contains("password")) {
                throw new InvalidGridTlsException(passwordSetting, "does not open " + file);
            }
            throw new InvalidGridTlsException(setting, "cannot read " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidGridTlsException(setting, "not a PKCS12 or JKS store: " + file);
        }
    }

    @Override
    public String toString() {
        return "GridTls[keystore=" + keystore + ", truststore=" + truststore + ", passwords=***]";
    }
}
