package org.imshss.node.diameter.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.jdiameter.api.Configuration;
import org.jdiameter.api.InternalException;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.io.IConnection;
import org.jdiameter.client.api.io.IConnectionListener;
import org.jdiameter.client.api.io.TransportError;
import org.jdiameter.client.api.io.TransportException;
import org.jdiameter.client.api.parser.IMessageParser;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;

/**
 * A Diameter connection over a blocking socket, for jDiameter's peer state machines; its {@link Link} does the
 * work. One reader thread per connection reads the 20-octet header and checks it before allocating the body;
 * ill-framed input closes the connection. Well-framed requests that cannot reach an application are answered
 * there (3001, 3004, 3007, 3009, 5014). One writer thread ({@link LinkWriter}) drains a bounded queue, so a peer
 * that does not read blocks only itself; an accepted connection's starts at its CER, which must come within the
 * CER timeout, and the connection holds one of the node's places under {@link ConnectionLimits} until it closes.
 *
 * <p>jDiameter creates accepted connections through {@link TransportGuard} and those to remote peers through the
 * constructors it requires of a connection class (the {@code Connection} extension). Over TLS (RFC 6733 2.1) the
 * handshake completes before any Diameter octet is read, and the capabilities exchange checks that the peer's
 * certificate names the Origin-Host it claims (RFC 6733 13.1).
 */
public final class TransportConnection implements IConnection {

    /** The {@code security_ref} of a configured peer that is reached over TLS. */
    public static final String TLS = "tls";

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final DiameterTransport transport;
    private final IMessageParser parser;
    private final long createdTime = System.currentTimeMillis();
    private final InetSocketAddress destination;
    private final InetSocketAddress origin;
    private final String key;
    /** Outgoing connections: over TLS. */
    private final boolean tlsOut;
    private final CopyOnWriteArrayList<IConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Link link;

    /**
     * An accepted connection; {@link #start()} begins reading once the stack listens to it.
     *
     * @param tls accepted on the TLS port: the TLS handshake comes first
     * @param permit its place under the node's connection caps, given back when it closes
     */
    TransportConnection(DiameterTransport transport, IMessageParser parser, Socket socket, boolean tls,
            AcceptGate.Permit permit) {
        this.transport = transport;
        this.parser = parser;
        this.destination = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.origin = null;
        this.key = keyOf(destination);
        this.tlsOut = false;
        this.link = new Link(this, socket, tls ? null : socket, permit);
    }

    /** A connection to a remote peer (jDiameter's constructor for the {@code Connection} extension). */
    public TransportConnection(Configuration config, IConcurrentFactory concurrentFactory, InetAddress remoteAddress,
            int remotePort, InetAddress localAddress, int localPort, IMessageParser parser, String ref) {
        this.transport = transportOf(config);
        this.parser = parser;
        this.destination = new InetSocketAddress(remoteAddress, remotePort);
        this.origin = localAddress == null ? null : new InetSocketAddress(localAddress, localPort);
        this.key = keyOf(destination);
        this.tlsOut = TLS.equals(ref);
    }

    /** As above, with the listener (jDiameter's other required constructor). */
    public TransportConnection(Configuration config, IConcurrentFactory concurrentFactory, InetAddress remoteAddress,
            int remotePort, InetAddress localAddress, int localPort, IConnectionListener listener,
            IMessageParser parser, String ref) {
        this(config, concurrentFactory, remoteAddress, remotePort, localAddress, localPort, parser, ref);
        listeners.add(listener);
    }

    static DiameterTransport transportOf(Configuration config) {
        if (config instanceof StackConfiguration stack) {
            return stack.transport();
        }
        throw new IllegalStateException("the stack was not configured with a " + StackConfiguration.class.getName());
    }

    private static String keyOf(InetSocketAddress address) {
        return "aaa://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    void start() {
        link.start();
    }

    @Override
    public long getCreatedTime() {
        return createdTime;
    }

    @Override
    public String getKey() {
        return key;
    }

    @Override
    public void connect() throws TransportException {
        Socket socket = null;
        Socket io;
        try {
            socket = new Socket();
            if (origin != null) {
                socket.bind(origin);
            }
            socket.connect(destination, CONNECT_TIMEOUT_MILLIS);
            io = tlsOut ? handshakeOut(socket) : socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new TransportException("cannot connect to " + destination + ": " + e.getMessage(),
                    TransportError.NetWorkError, e);
        }
        Link opened = new Link(this, socket, io, null);
        link = opened;
        opened.start();
        for (IConnectionListener listener : listeners) {
            listener.connectionOpened(key);
        }
    }

    /** Closes once what the stack queued before (a DPA, a CEA refusing the peer) has been written. */
    @Override
    public void disconnect() {
        Link current = link;
        if (current != null) {
            // The stack asked for it and moves its state machine itself: a late "closed" event from this link
            // could otherwise hit the peer's next connection.
            current.silence();
            current.closeAfterWrites();
        }
    }

    @Override
    public void release() {
        listeners.clear();
        Link current = link;
        if (current != null) {
            current.closeAfterWrites();
        }
    }

    @Override
    public void sendMessage(IMessage message) throws TransportException {
        Link current = link;
        if (current == null || current.isClosed()) {
            throw new TransportException("connection " + key + " is closed", TransportError.FailedSendMessage);
        }
        byte[] bytes;
        try {
            ByteBuffer encoded = parser.encodeMessage(message);
            bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
        } catch (Exception e) {
            throw new TransportException("cannot encode message", TransportError.FailedSendMessage, e);
        }
        if (!message.isRequest()) {
            current.answered(message.getHopByHopIdentifier() << 32 | message.getEndToEndIdentifier() & 0xFFFFFFFFL);
        }
        if (!current.enqueue(bytes)) {
            throw new TransportException("connection " + key + " is closed", TransportError.FailedSendMessage);
        }
    }

    @Override
    public boolean isNetworkInitiated() {
        return false;
    }

    @Override
    public boolean isConnected() {
        Link current = link;
        return current != null && !current.isClosed();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return destination.getAddress();
    }

    @Override
    public int getRemotePort() {
        return destination.getPort();
    }

    @Override
    public void addConnectionListener(IConnectionListener listener) {
        listeners.addIfAbsent(listener);
    }

    @Override
    public void remAllConnectionListener() {
        listeners.clear();
    }

    @Override
    public void remConnectionListener(IConnectionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws InternalException {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> type) throws InternalException {
        return null;
    }

    @Override
    public String toString() {
        return "TransportConnection[" + key + "]";
    }

    /** TLS as a client; the server's certificate is checked against its Origin-Host when its CEA arrives. */
    private Socket handshakeOut(Socket socket) throws IOException {
        TransportTls tls = transport.tls();
        if (tls == null) {
            throw new IOException("TLS to this peer is configured but this node has no TLS settings");
        }
        SSLSocket ssl = tls.clientSide(socket, destination.getHostString(), destination.getPort());
        ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, transport.settings().ioTimeout().toMillis()));
        ssl.startHandshake();
        ssl.setSoTimeout(0);
        return ssl;
    }

    DiameterTransport transport() {
        return transport;
    }

    IMessageParser parser() {
        return parser;
    }

    CopyOnWriteArrayList<IConnectionListener> listeners() {
        return listeners;
    }

    static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closing
            }
        }
    }
}
