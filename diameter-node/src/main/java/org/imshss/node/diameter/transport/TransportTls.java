package org.imshss.node.diameter.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Diameter over TLS (RFC 6733 2.1, 13): TLS from the first octet on a port of its own, TLS 1.2 or 1.3 only,
 * certificates on both sides. TLS is layered over the transport's own TCP socket, so closing that socket always
 * ends the connection at once, even while a write to a peer that does not read is blocked.
 *
 * @param port the TLS listening port
 * @param only no plain TCP listener
 */
public record TransportTls(SSLContext context, int port, boolean only) {

    /** The first octet of a TLS record carrying a handshake message (RFC 8446 5.1, RFC 5246 6.2.1). */
    static final int HANDSHAKE_RECORD = 0x16;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** dNSName in a subjectAltName (RFC 5280 4.2.1.6), as Java numbers it. */
    private static final int SAN_DNS = 2;

    public TransportTls {
        Objects.requireNonNull(context, "context");
    }

    /** The server side over an accepted socket whose first octet was already read; the peer must send a certificate. */
    SSLSocket serverSide(Socket raw, int firstOctet) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(raw,
                new ByteArrayInputStream(new byte[] {(byte) firstOctet}), true);
        ssl.setEnabledProtocols(PROTOCOLS);
        ssl.setNeedClientAuth(true);
        return ssl;
    }

    /** The client side over a connected socket, to the peer at {@code host}. */
    SSLSocket clientSide(Socket raw, String host, int port) throws IOException {
        SSLSocketFactory factory = context.getSocketFactory();
        SSLSocket ssl = (SSLSocket) factory.createSocket(raw, host, port, true);
        ssl.setUseClientMode(true);
        ssl.setEnabledProtocols(PROTOCOLS);
        return ssl;
    }

    /**
     * Whether the peer's certificate names this Diameter identity among its subjectAltName DNS names (RFC 6733 13.1
     * recommends checking the identity; RFC 6125 6.4: exactly, or by a wildcard as the whole leftmost label). The
     * subject's CN is not used.
     */
    static boolean names(SSLSession session, String identity) {
        if (identity == null) {
            return false;
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return false;
        }
        Collection<List<?>> alternatives;
        try {
            alternatives = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (alternatives == null) {
            return false;
        }
        String wanted = identity.toLowerCase(Locale.ROOT);
        for (List<?> alternative : alternatives) {
            if (alternative.size() == 2 && Integer.valueOf(SAN_DNS).equals(alternative.get(0))
                    && matches(String.valueOf(alternative.get(1)).toLowerCase(Locale.ROOT), wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String name, String identity) {
        if (name.startsWith("*.")) {
            int dot = identity.indexOf('.');
            return dot > 0 && identity.substring(dot).equals(name.substring(1)) && name.indexOf('.', 2) > 0;
        }
        return name.equals(identity);
    }
}
