package org.imshss.hss.diameter.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Configuration;
import org.jdiameter.api.InternalException;
import org.jdiameter.api.PeerState;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.io.IConnection;
import org.jdiameter.client.api.io.IConnectionListener;
import org.jdiameter.client.api.io.TransportError;
import org.jdiameter.client.api.io.TransportException;
import org.jdiameter.client.api.parser.IMessageParser;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Diameter connection over a blocking socket, for jDiameter's peer state machines. One reader thread per
 * connection reads the 20-octet header and checks it before allocating the body; ill-framed input closes the
 * connection. Well-framed requests that cannot reach an application are answered here (3001, 3004, 3007, 3009,
 * 5014). One writer thread drains a bounded queue, so a peer that does not read blocks only itself.
 *
 * <p>jDiameter creates accepted connections through {@link TransportGuard} and those to remote peers through the
 * constructors it requires of a connection class (the {@code Connection} extension). Over TLS (RFC 6733 2.1) the
 * handshake completes before any Diameter octet is read, and the capabilities exchange checks that the peer's
 * certificate names the Origin-Host it claims (RFC 6733 13.1).
 */
public final class TransportConnection implements IConnection {

    /** The {@code security_ref} of a configured peer that is reached over TLS. */
    public static final String TLS = "tls";

    private static final Logger log = LoggerFactory.getLogger(TransportConnection.class);

    private static final int CER = Command.CER.code();
    private static final int DWR = Command.DWR.code();
    private static final int DPR = Command.DPR.code();
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final int IO_BUFFER = 64 * 1024;
    private static final int NO_STATE_MAINTAINED = Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED");

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
     */
    TransportConnection(DiameterTransport transport, IMessageParser parser, Socket socket, boolean tls) {
        this.transport = transport;
        this.parser = parser;
        this.destination = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.origin = null;
        this.key = keyOf(destination);
        this.tlsOut = false;
        this.link = new Link(socket, tls ? null : socket, true);
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
        Link opened = new Link(socket, io, false);
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
            current.silent = true;
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

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closing
            }
        }
    }

    /** One socket's life: the reader, the writer and the requests it has pending. */
    final class Link {

        /** The TCP connection: its options, addresses and closing. */
        private final Socket raw;
        /** What messages are read from and written to: {@link #raw} or TLS over it; null until the handshake. */
        private volatile Socket socket;
        private final boolean accepted;
        private final LinkedBlockingQueue<byte[]> writes = new LinkedBlockingQueue<>();
        private final AtomicLong queuedBytes = new AtomicLong();
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Pending request identifiers with the System.nanoTime() they arrived at. */
        private final Map<Long, Long> pending = new HashMap<>();
        private volatile long writeStartedNanos;
        /** Closed at the stack's request: its listeners are not told. */
        private volatile boolean silent;
        private volatile String originHost;
        /** The CER was refused: whatever the peer sends until the close is dropped unread. */
        private volatile boolean refused;
        /** Capabilities exchanged: requests of applications may flow (RFC 6733 5.3). */
        private volatile boolean open;
        private Thread reader;
        private Thread writer;

        /** @param socket null for an accepted TLS connection, whose reader makes it by the handshake */
        Link(Socket raw, Socket socket, boolean accepted) {
            this.raw = raw;
            this.socket = socket;
            this.accepted = accepted;
        }

        void start() {
            try {
                raw.setTcpNoDelay(true);
                raw.setKeepAlive(true);
            } catch (IOException e) {
                log.debug("socket options for {}: {}", key, e.toString());
            }
            transport.opened(this);
            reader = new Thread(this::read, "diameter-read-" + key);
            reader.setDaemon(true);
            if (socket != null) {
                startWriter();
            }
            reader.start();
        }

        private void startWriter() {
            writer = new Thread(this::write, "diameter-write-" + key);
            writer.setDaemon(true);
            writer.start();
        }

        /**
         * The server side of the TLS handshake, bounded by the I/O timeout. Anything but a TLS handshake record as
         * the first octet (a plain Diameter header starts with version 1) closes at once; so does a failed
         * handshake (no client certificate, one no trusted CA signed, TLS below 1.2). Returns null when closed.
         */
        private Socket handshake(int ioTimeoutMillis) throws IOException {
            raw.setSoTimeout(ioTimeoutMillis);
            InputStream in = raw.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                close("no TLS handshake within " + ioTimeoutMillis + " ms");
                return null;
            }
            if (first < 0) {
                close(null);
                return null;
            }
            if (first != TransportTls.HANDSHAKE_RECORD) {
                close("not a TLS handshake on the TLS port (first octet " + first + ")");
                return null;
            }
            SSLSocket ssl = transport.tls().serverSide(raw, first);
            try {
                ssl.setSoTimeout(ioTimeoutMillis);
                ssl.startHandshake();
                ssl.setSoTimeout(0);
            } catch (SSLException | SocketTimeoutException e) {
                close("TLS handshake failed: " + e.getMessage());
                return null;
            }
            return ssl;
        }

        private boolean secure() {
            return socket instanceof SSLSocket;
        }

        String originHost() {
            return originHost;
        }

        boolean isClosed() {
            return closed.get();
        }

        // ---- reading ----

        private void read() {
            try {
                int max = transport.settings().maxMessageBytes();
                int ioTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, transport.settings().ioTimeout().toMillis());
                if (socket == null) {
                    socket = handshake(ioTimeoutMillis);
                    if (socket == null) {
                        return;
                    }
                    startWriter();
                }
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), IO_BUFFER));
                byte[] header = new byte[TransportSettings.HEADER_BYTES];
                while (!closed.get()) {
                    int first = in.read();
                    if (first < 0) {
                        close(null);
                        return;
                    }
                    header[0] = (byte) first;
                    // Idle between messages is the watchdog's business (RFC 3539); a message once begun must
                    // arrive whole within the I/O timeout.
                    socket.setSoTimeout(ioTimeoutMillis);
                    try {
                        in.readFully(header, 1, header.length - 1);
                    } catch (EOFException e) {
                        close("ill-framed input: header truncated");
                        return;
                    } catch (SocketTimeoutException e) {
                        close("ill-framed input: header incomplete after " + ioTimeoutMillis + " ms");
                        return;
                    }
                    int versionAndLength = ByteBuffer.wrap(header).getInt();
                    String problem = Wire.headerProblem(versionAndLength, max);
                    if (problem != null) {
                        // RFC 6733 3: framing cannot be recovered on a byte stream; the declared length is not
                        // trusted, so nothing of that size is allocated.
                        close("ill-framed input: " + problem);
                        return;
                    }
                    byte[] message = new byte[versionAndLength & 0xFFFFFF];
                    System.arraycopy(header, 0, message, 0, header.length);
                    try {
                        in.readFully(message, header.length, message.length - header.length);
                    } catch (EOFException e) {
                        close("ill-framed input: message truncated");
                        return;
                    } catch (SocketTimeoutException e) {
                        close("ill-framed input: message incomplete after " + ioTimeoutMillis + " ms");
                        return;
                    }
                    socket.setSoTimeout(0);
                    if (refused) {
                        continue;
                    }
                    received(message);
                }
            } catch (IOException e) {
                close(closed.get() ? null : "read failed: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                log.warn("Diameter connection {} failed: {}", key, e.toString());
                close(null);
            }
        }

        private void received(byte[] message) {
            boolean request = Wire.isRequest(message);
            int command = Wire.commandCode(message);
            Optional<Wire.LayoutError> layout = Wire.checkLayout(message);
            if (layout.isPresent()) {
                if (!request) {
                    log.debug("dropped answer {} from {} with an unreadable AVP", command, key);
                } else if (!open && accepted) {
                    close("unreadable AVP before the capabilities exchange");
                } else {
                    Wire.LayoutError error = layout.get();
                    answerError(message, error.resultCode(), error.failedAvp(), error.text());
                }
                return;
            }
            boolean base = command == CER || command == DWR || command == DPR;
            long ids = Wire.identifiers(message);
            boolean counted = false;
            if (request && !base) {
                if (!open) {
                    close("request " + command + " before the capabilities exchange");
                    return;
                }
                long application = Wire.applicationId(message);
                if (!transport.advertises(application)) {
                    answerError(message, ResultCode.DIAMETER_APPLICATION_UNSUPPORTED, null, null);
                    return;
                }
                Optional<Command> known = Command.lookup(command, true);
                if (known.isEmpty() || known.get().application().id() != application) {
                    answerError(message, ResultCode.DIAMETER_COMMAND_UNSUPPORTED, null, null);
                    return;
                }
                // jDiameter hands a request to the application its AVPs name and answers one naming none it serves
                // by sending the request back, every AVP in it, with a Result-Code added; answered here instead.
                // Likewise a request for a realm its routing table lacks (RFC 6733 6.1.4, 3003 with the E bit), and
                // one without an AVP its routing reads (jDiameter: 3007 or 5005, again the request sent back).
                List<Wire.AvpAt> avps = Wire.topLevel(message);
                Optional<Wire.LayoutError> unroutable = Wire.checkRoutingAvps(avps);
                if (unroutable.isPresent()) {
                    Wire.LayoutError error = unroutable.get();
                    answerError(message, error.resultCode(), error.failedAvp(), error.text());
                    return;
                }
                if (!transport.routes(Wire.destinationRealm(message, avps))) {
                    answerError(message, ResultCode.DIAMETER_REALM_NOT_SERVED, null, null);
                    return;
                }
                Optional<Wire.LayoutError> unnamed = Wire.checkApplicationAvps(message, avps);
                if (unnamed.isPresent()) {
                    Wire.LayoutError error = unnamed.get();
                    answerError(message, error.resultCode(), error.failedAvp(), error.text());
                    return;
                }
                if (!acquire(ids)) {
                    answerError(message, ResultCode.DIAMETER_TOO_BUSY, null, null);
                    return;
                }
                counted = true;
            }
            IMessage parsed;
            try {
                parsed = parser.createMessage(message);
            } catch (AvpDataException | RuntimeException e) {
                if (counted) {
                    answered(ids);
                }
                if (request) {
                    answerError(message, ResultCode.DIAMETER_INVALID_AVP_LENGTH, null, "message cannot be decoded");
                }
                return;
            }
            if (request && command == CER && accepted && !open) {
                capabilitiesRequest(message, parsed);
                return;
            }
            if (!request && command == CER) {
                String host = identity(parsed, Avp.ORIGIN_HOST);
                if (secure() && !TransportTls.names(((SSLSocket) socket).getSession(), host)) {
                    // RFC 6733 13.1: the server is not who it says it is; the stack never sees its CEA.
                    close("the TLS certificate does not name the CEA's Origin-Host " + host);
                    return;
                }
                open = true;
            }
            try {
                deliver(parsed);
            } catch (RuntimeException e) {
                if (counted) {
                    answered(ids);
                }
                throw e;
            }
        }

        /**
         * The CER of an accepted connection. jDiameter keeps one peer per Origin-Host and refuses a new connection
         * while that peer still counts its previous one as up, so after a fast reconnect the CER waits (bounded)
         * until the stack has seen the previous connection go and the peer's state machine is idle: an event of
         * the old connection still in progress (a DPR being answered) would otherwise act on the new one.
         */
        private void capabilitiesRequest(byte[] message, IMessage cer) {
            String host = identity(cer, Avp.ORIGIN_HOST);
            String realm = identity(cer, Avp.ORIGIN_REALM);
            if (secure() && !TransportTls.names(((SSLSocket) socket).getSession(), host)) {
                refuseCapabilities(message, ResultCode.DIAMETER_UNKNOWN_PEER, host, realm,
                        "its TLS certificate does not name its Origin-Host");
                return;
            }
            if (host != null) {
                Optional<ResultCode> refusal = transport.admission().check(host, realm,
                        (InetSocketAddress) raw.getRemoteSocketAddress());
                if (refusal.isPresent()) {
                    refuseCapabilities(message, refusal.get(), host, realm, "not an allowed peer or realm");
                    return;
                }
                originHost = host;
                awaitPreviousConnectionGone(host);
            }
            deliver(cer);
            open = true;
        }

        private void awaitPreviousConnectionGone(String host) {
            long deadline = System.nanoTime() + transport.capabilitiesWait().toNanos();
            while (System.nanoTime() < deadline && !closed.get()) {
                PeerState state = transport.peerState(host);
                if (state != PeerState.OKAY && state != PeerState.SUSPECT && !transport.otherOpenLink(host, this)
                        && transport.peerIdle(host)) {
                    return;
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private String identity(IMessage message, Avp avp) {
            org.jdiameter.api.Avp found = message.getAvps().getAvp(avp.code());
            if (found == null) {
                return null;
            }
            try {
                return found.getDiameterIdentity();
            } catch (AvpDataException e) {
                return null;
            }
        }

        private void deliver(IMessage message) {
            if (listeners.isEmpty()) {
                log.debug("no listener on {} for message {}", key, message.getCommandCode());
                return;
            }
            for (IConnectionListener listener : listeners) {
                listener.messageReceived(key, message);
            }
        }

        // ---- answers built here ----

        /**
         * An answer to a request that does not reach an application (RFC 6733 7.2): Session-Id if readable,
         * the Result-Code, Origin-Host and Origin-Realm, Error-Message and Failed-AVP; E bit for 3xxx (7.1.3).
         */
        private void answerError(byte[] request, ResultCode result, byte[] failedAvp, String text) {
            Wire.Builder answer = new Wire.Builder();
            byte[] sessionId = Wire.sessionId(request);
            if (sessionId != null) {
                answer.avp(Avp.SESSION_ID, sessionId);
            }
            long applicationId = Wire.applicationId(request);
            // The application of the header, if this node serves it, as every answer of Cx and Sh names it.
            Application.lookup(applicationId)
                    .filter(application -> application != Application.COMMON && transport.advertises(application.id()))
                    .ifPresent(answer::vendorSpecificApplicationId);
            answer.unsigned32(Avp.RESULT_CODE, result.code());
            if (applicationId != 0) {
                answer.unsigned32(Avp.AUTH_SESSION_STATE, NO_STATE_MAINTAINED);
            }
            answer.avp(Avp.ORIGIN_HOST, transport.local().host());
            answer.avp(Avp.ORIGIN_REALM, transport.local().realm());
            if (text != null) {
                answer.avp(Avp.ERROR_MESSAGE, text);
            }
            if (failedAvp != null) {
                answer.failedAvp(failedAvp);
            }
            log.debug("answered {} from {} with {}", Wire.commandCode(request), key, result.code());
            enqueue(answer.answerTo(request, result.isProtocolError()));
        }

        /**
         * RFC 6733 5.3.2: a CEA with the refusal's Result-Code (E bit for 3xxx, 7.1.3); the connection then closes
         * and nothing more from it is read.
         */
        private void refuseCapabilities(byte[] cer, ResultCode result, String host, String realm, String reason) {
            Wire.Builder cea = new Wire.Builder()
                    .unsigned32(Avp.RESULT_CODE, result.code())
                    .avp(Avp.ORIGIN_HOST, transport.local().host())
                    .avp(Avp.ORIGIN_REALM, transport.local().realm())
                    .avp(Avp.HOST_IP_ADDRESS, hostIpAddress())
                    .unsigned32(Avp.VENDOR_ID, 0)
                    .avp(Avp.PRODUCT_NAME, transport.productName().getBytes(StandardCharsets.UTF_8));
            enqueue(cea.answerTo(cer, result.isProtocolError()));
            log.info("Diameter peer {} (realm {}) from {} refused: {}, CEA {}", host, realm, key, reason, result);
            refused = true;
            closeAfterWrites();
        }

        private byte[] hostIpAddress() {
            byte[] address = raw.getLocalAddress().getAddress();
            // RFC 6733 4.3.1 Address: address family (1 IPv4, 2 IPv6), then the address.
            ByteBuffer b = ByteBuffer.allocate(2 + address.length);
            b.putShort((short) (address.length == 4 ? 1 : 2)).put(address);
            return b.array();
        }

        // ---- pending requests ----

        private boolean acquire(long ids) {
            synchronized (pending) {
                if (pending.containsKey(ids)) {
                    // The same identifiers again (a retransmission): one answer goes back, so one place is held.
                    return true;
                }
                if (!transport.acquire(pending.size())) {
                    return false;
                }
                pending.put(ids, System.nanoTime());
                return true;
            }
        }

        void answered(long ids) {
            synchronized (pending) {
                if (pending.remove(ids) != null) {
                    transport.release(1);
                }
            }
        }

        private void releaseAll() {
            synchronized (pending) {
                transport.release(pending.size());
                pending.clear();
            }
        }

        /** Called periodically: a stuck write closes the link; requests the stack never answered expire. */
        void sweep(long now) {
            long started = writeStartedNanos;
            if (started != 0 && now - started > transport.settings().ioTimeout().toNanos()) {
                close("peer does not read: a write blocked for over "
                        + transport.settings().ioTimeout().toMillis() + " ms");
                return;
            }
            long expiry = transport.requestExpiryNanos();
            synchronized (pending) {
                Iterator<Long> arrivals = pending.values().iterator();
                while (arrivals.hasNext()) {
                    if (now - arrivals.next() > expiry) {
                        arrivals.remove();
                        transport.release(1);
                    }
                }
            }
        }

        // ---- writing ----

        boolean enqueue(byte[] bytes) {
            if (closed.get()) {
                return false;
            }
            long queued = queuedBytes.addAndGet(bytes.length);
            if (queued > transport.settings().writeQueueBytes()) {
                close("peer does not read: over " + transport.settings().writeQueueBytes() + " bytes waiting");
                return false;
            }
            writes.add(bytes);
            return true;
        }

        private static final byte[] END = new byte[0];

        /** The writer closes the link when it reaches this point of the queue (bounded by the I/O timeout). */
        void closeAfterWrites() {
            writes.add(END);
        }

        private void write() {
            try {
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), IO_BUFFER);
                while (!closed.get()) {
                    byte[] next = writes.poll(1, TimeUnit.SECONDS);
                    if (next == null) {
                        continue;
                    }
                    writeStartedNanos = System.nanoTime();
                    while (next != null) {
                        if (next == END) {
                            out.flush();
                            close(null);
                            return;
                        }
                        out.write(next);
                        queuedBytes.addAndGet(-next.length);
                        next = writes.poll();
                    }
                    out.flush();
                    writeStartedNanos = 0;
                }
            } catch (IOException e) {
                close(closed.get() ? null : "write failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close(null);
            }
        }

        // ---- closing ----

        /** Closes the socket once; {@code reason} non-null logs one line with the peer address (never content). */
        void close(String reason) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (reason != null) {
                log.warn("Diameter connection {} closed: {}", key, reason);
            } else {
                log.debug("Diameter connection {} closed", key);
            }
            // The TCP socket, not the TLS one: closing TLS would first wait for a write that may be blocked.
            closeQuietly(raw);
            writes.clear();
            writes.add(END);
            releaseAll();
            // The stack hears of the close before the link stops counting as open: a CER of the same peer on a
            // new connection waits for that, so the stack sees the old connection go before the new one opens.
            try {
                if (!silent) {
                    for (IConnectionListener listener : listeners) {
                        try {
                            listener.connectionClosed(key, null);
                        } catch (RuntimeException e) {
                            log.debug("connection listener on {}: {}", key, e.toString());
                        }
                    }
                }
            } finally {
                transport.closed(this);
            }
        }
    }
}
