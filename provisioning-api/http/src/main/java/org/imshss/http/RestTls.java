package org.imshss.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS on the REST port: the server's key and certificate chain from a PKCS12 keystore, and, for operators who
 * want mutual TLS, a truststore of the CAs whose client certificates are accepted. Only TLS 1.3 and 1.2, and of
 * the JDK's default cipher suites only those with forward secrecy and authenticated encryption (ECDHE or DHE
 * with AES-GCM or ChaCha20-Poly1305; every TLS 1.3 suite is such). The passwords never appear in toString or in
 * any message.
 *
 * @param keystore PKCS12 (a JKS file is read too) holding the server's private key and its chain
 * @param keystorePassword opens the keystore
 * @param keyPassword opens the private key, or null when it is the keystore password (always so in PKCS12
 *                    files made by keytool)
 * @param truststore PKCS12 file of trusted CA certificates for client certificates, or null
 * @param truststorePassword opens the truststore, or null for none
 * @param clientAuth whether a client certificate is requested, required or not asked for
 */
public record RestTls(Path keystore, String keystorePassword, String keyPassword, Path truststore,
        String truststorePassword, ClientAuth clientAuth) {

    private static final Logger log = LoggerFactory.getLogger(RestTls.class);

    /** TLS 1.0 and 1.1 are deprecated (RFC 8996). */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Client certificates: not asked for, asked for (a client without one still connects), required. */
    public enum ClientAuth {
        NONE, WANT, NEED;

        public static ClientAuth parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** A TLS setting that cannot be used; {@link #setting()} is the key's last part (keystore, ...). */
    public static final class InvalidTlsException extends RuntimeException {

        private final String setting;

        InvalidTlsException(String setting, String problem) {
            super(problem);
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }

    public RestTls {
        if (keystore == null || keystorePassword == null || clientAuth == null) {
            throw new IllegalArgumentException("keystore, its password and the client-auth mode are required");
        }
    }

    /**
     * Opens the stores and builds the server's TLS context; each problem names its setting: an unreadable or
     * malformed store, a wrong password, a keystore without a private key, client-auth without a truststore.
     * Called when the settings are read, so a bad value stops start-up before anything runs.
     */
    public SSLContext context() {
        if (clientAuth != ClientAuth.NONE && truststore == null) {
            throw new InvalidTlsException("truststore", "is required when client-auth is "
                    + clientAuth.name().toLowerCase(Locale.ROOT) + " (the CAs of the accepted client certificates)");
        }
        KeyStore keys = load(keystore, keystorePassword, "keystore", "keystore-password");
        char[] keyPass = (keyPassword == null ? keystorePassword : keyPassword).toCharArray();
        String passwordSetting = keyPassword == null ? "keystore-password" : "key-password";
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(keys.aliases())) {
                if (keys.isKeyEntry(alias) && keys.getCertificateChain(alias) != null) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new InvalidTlsException("keystore", keystore + " holds no private key with a certificate");
            }
            for (String alias : keyAliases) {
                try {
                    keys.getKey(alias, keyPass);
                } catch (UnrecoverableKeyException e) {
                    throw new InvalidTlsException(passwordSetting, "does not open the private key '" + alias
                            + "' in " + keystore);
                }
                warnIfNotValidNow(keys.getCertificateChain(alias));
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, keyPass);
            TrustManagerFactory trustManagers = null;
            if (truststore != null) {
                KeyStore trusted = load(truststore, truststorePassword, "truststore", "truststore-password");
                boolean anyCertificate = false;
                for (String alias : Collections.list(trusted.aliases())) {
                    anyCertificate |= trusted.isCertificateEntry(alias);
                }
                if (!anyCertificate) {
                    throw new InvalidTlsException("truststore", truststore + " holds no trusted certificate"
                            + (truststorePassword == null ? " readable without a password" : ""));
                }
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(trusted);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new InvalidTlsException("keystore", "cannot be used for TLS: " + e.getMessage());
        } finally {
            java.util.Arrays.fill(keyPass, '\0');
        }
    }

    /** The parameters a server engine gets: {@link #PROTOCOLS}, {@link #cipherSuites}, the client-auth mode. */
    public SSLParameters parameters(SSLContext context) {
        SSLParameters parameters = new SSLParameters(cipherSuites(context), PROTOCOLS.toArray(String[]::new));
        switch (clientAuth) {
            case NEED -> parameters.setNeedClientAuth(true);
            case WANT -> parameters.setWantClientAuth(true);
            case NONE -> parameters.setWantClientAuth(false);
        }
        return parameters;
    }

    /**
     * The JDK's default suites (already without what its security policy disables) that give forward secrecy
     * and authenticated encryption: the TLS 1.3 suites, and ECDHE or DHE with GCM or ChaCha20-Poly1305 for TLS
     * 1.2. No static RSA key exchange, no CBC, no SHA-1 MAC, no DSS.
     */
    public static String[] cipherSuites(SSLContext context) {
        List<String> kept = new ArrayList<>();
        for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
            boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
            boolean forwardSecret = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_RSA_");
            boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
            if (tls13 || forwardSecret && aead) {
                kept.add(suite);
            }
        }
        return kept.toArray(String[]::new);
    }

    private static KeyStore load(Path path, String password, String setting, String passwordSetting) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidTlsException(setting, "cannot read " + path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || password == null) {
                throw new InvalidTlsException(passwordSetting, password == null
                        ? "is needed to open " + path : "does not open " + path);
            }
            throw new InvalidTlsException(setting, path + " is not a PKCS12 keystore (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new InvalidTlsException(setting, path + " cannot be read: " + e.getMessage());
        }
    }

    /** An expired server certificate still starts the node (Diameter must not go down for the API's sake). */
    private static void warnIfNotValidNow(Certificate[] chain) {
        if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
            try {
                leaf.checkValidity();
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                log.warn("REST TLS certificate {} is not valid now (valid {} to {}): clients will refuse it",
                        leaf.getSubjectX500Principal().getName(), leaf.getNotBefore().toInstant(),
                        leaf.getNotAfter().toInstant());
            }
        }
    }

    @Override
    public String toString() {
        return "RestTls[keystore=" + keystore + ", truststore=" + truststore + ", clientAuth=" + clientAuth + "]";
    }
}
