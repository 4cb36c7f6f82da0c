package org.imshss.node.diameter.transport;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageDecoder;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ResultCode;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.PeerState;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.io.IConnectionListener;
import org.jdiameter.client.api.parser.IMessageParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket's life under a {@link TransportConnection}: the reader, the writer and the requests it has pending.
 * The reader checks the 20-octet header before allocating the body (RFC 6733 3); ill-framed input closes the
 * connection. Well-framed requests that cannot reach an application are answered here (RFC 6733 7.1).
 */
final class Link {

    private static final Logger log = LoggerFactory.getLogger(TransportConnection.class);

    private static final int CER = Command.CER.code();
    private static final int DWR = Command.DWR.code();
    private static final int DPR = Command.DPR.code();
    private static final int IO_BUFFER = 64 * 1024;

    private final TransportConnection connection;
    private final DiameterTransport transport;
    private final IMessageParser parser;
    private final String key;

    /** The TCP connection: its options, addresses and closing. */
    private final Socket raw;
    /** What messages are read from and written to: {@link #raw} or TLS over it; null until the handshake. */
    private volatile Socket socket;
    private final boolean accepted;
    private final LinkWriter writer;
    /** An accepted connection's place under the node's connection caps; null for one this node opened. */
    private final AcceptGate.Permit permit;
    private final long createdNanos = System.nanoTime();
    /** An accepted connection before its CER: closed when that does not come in time (RFC 6733 5.6.1). */
    private volatile boolean awaitingCer;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Pending requests ({@link #pendingKey} of their identifiers) with the System.nanoTime() they arrived at. */
    private final Map<Long, Long> pending = new HashMap<>();
    /** Closed at the stack's request: its listeners are not told. */
    private volatile boolean silent;
    private volatile String originHost;
    /** The CER was refused: whatever the peer sends until the close is dropped unread. */
    private volatile boolean refused;
    /** Capabilities exchanged: requests of applications may flow (RFC 6733 5.3). */
    private volatile boolean open;
    private Thread reader;

    /**
     * @param socket null for an accepted TLS connection, whose reader makes it by the handshake
     * @param permit the place of an accepted connection under the caps, given back at the close; else null
     */
    Link(TransportConnection connection, Socket raw, Socket socket, AcceptGate.Permit permit) {
        this.connection = connection;
        this.transport = connection.transport();
        this.parser = connection.parser();
        this.key = connection.getKey();
        this.raw = raw;
        this.socket = socket;
        this.accepted = permit != null;
        this.permit = permit;
        this.awaitingCer = accepted;
        this.writer = new LinkWriter(this, key, transport.settings().writeQueueBytes());
    }

    void start() {
        if (permit != null) {
            permit.closeWith(() -> close(null));
        }
        try {
            raw.setTcpNoDelay(true);
            raw.setKeepAlive(true);
        } catch (IOException e) {
            log.debug("socket options for {}: {}", key, e.toString());
        }
        transport.opened(this);
        reader = new Thread(this::read, "diameter-read-" + key);
        reader.setDaemon(true);
        if (!accepted) {
            writer.start(socket);
        }
        reader.start();
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

    /** Closed at the stack's request: its listeners are not told. */
    void silence() {
        silent = true;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Capabilities exchanged and not closed: requests of applications may flow both ways. */
    boolean isOpen() {
        return open && !closed.get();
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
                int versionAndLength = (header[0] & 0xFF) << 24 | (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8
                        | header[3] & 0xFF;
                String problem = headerProblem(versionAndLength, max);
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
                if (awaitingCer && DiameterMessage.isRequest(message) && DiameterMessage.commandCode(message) == CER) {
                    if (!permit.cerReceived()) {
                        return;
                    }
                    // Now the connection has a peer to answer; before, it cost one thread (the writer's starts).
                    awaitingCer = false;
                    writer.start(socket);
                }
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

    /** Why a header cannot start a frame, or null if it can (version 1, length sane, RFC 6733 3). */
    static String headerProblem(int versionAndLength, int maxMessageBytes) {
        int version = versionAndLength >>> 24;
        int length = versionAndLength & 0xFFFFFF;
        if (version != 1) {
            return "version " + version;
        }
        if (length < TransportSettings.HEADER_BYTES || length % 4 != 0) {
            return "message length " + length;
        }
        if (length > maxMessageBytes) {
            return "message length " + length + " over the limit of " + maxMessageBytes;
        }
        return null;
    }

    /**
     * One framed message, decoded once. Requests of applications go to the node's dispatcher, answers to the node's
     * own requests back to their senders; jDiameter sees only the base protocol (CER, DWR, DPR and their answers).
     */
    private void received(byte[] message) {
        int command = DiameterMessage.commandCode(message);
        MessageDecoder.Decoded decoded = MessageDecoder.decode(message, originHost);
        boolean request = decoded.message().isRequest();
        if (command == CER || command == DWR || command == DPR) {
            baseMessage(message, request, command, decoded);
        } else if (request) {
            applicationRequest(decoded);
        } else if (decoded.layoutError() == null) {
            transport.answerReceived(this, decoded.message());
        } else {
            log.debug("dropped answer {} from {} with an unreadable AVP", command, key);
        }
    }

    private void baseMessage(byte[] message, boolean request, int command, MessageDecoder.Decoded decoded) {
        if (decoded.layoutError() != null) {
            if (!request) {
                log.debug("dropped answer {} from {} with an unreadable AVP", command, key);
            } else if (!open && accepted) {
                close("unreadable AVP before the capabilities exchange");
            } else {
                enqueue(transport.answers().error(decoded.message(), decoded.layoutError()));
            }
            return;
        }
        IMessage parsed;
        try {
            parsed = parser.createMessage(message);
        } catch (AvpDataException | RuntimeException e) {
            if (request) {
                enqueue(transport.answers().error(decoded.message(), ResultCode.DIAMETER_INVALID_AVP_LENGTH, null,
                        "message cannot be decoded"));
            }
            return;
        }
        if (request && command == CER && accepted && !open) {
            capabilitiesRequest(decoded.message(), parsed);
            return;
        }
        if (!request && command == CER) {
            String host = decoded.message().avps().utf8(Avp.ORIGIN_HOST);
            if (secure() && !TransportTls.names(((SSLSocket) socket).getSession(), host)) {
                // RFC 6733 13.1: the server is not who it says it is; the stack never sees its CEA.
                close("the TLS certificate does not name the CEA's Origin-Host " + host);
                return;
            }
            originHost = host;
            open = true;
        }
        deliver(parsed);
    }

    /**
     * A request for an application: answered here, or its connection closed, when it cannot reach a handler (RFC
     * 6733 7.1); otherwise it takes a place among the node's pending requests and goes to the dispatcher, which
     * answers it on this connection.
     */
    private void applicationRequest(MessageDecoder.Decoded decoded) {
        DiameterMessage request = decoded.message();
        if (!open && accepted) {
            close(decoded.layoutError() != null ? "unreadable AVP before the capabilities exchange"
                    : "request " + request.commandCode() + " before the capabilities exchange");
            return;
        }
        if (decoded.layoutError() != null) {
            enqueue(transport.answers().error(request, decoded.layoutError()));
            return;
        }
        if (!open) {
            close("request " + request.commandCode() + " before the capabilities exchange");
            return;
        }
        Optional<PreDispatchChecks.Refusal> refusal = transport.preDispatch(request);
        if (refusal.isPresent()) {
            PreDispatchChecks.Refusal refused = refusal.get();
            log.debug("answered {} from {} with {}", request.commandCode(), key, refused.resultCode().code());
            enqueue(transport.answers().error(request, refused.resultCode(), refused.failedAvp(), refused.text()));
            return;
        }
        long ids = (long) request.hopByHop() << 32 | request.endToEnd() & 0xFFFFFFFFL;
        if (!acquire(ids)) {
            enqueue(transport.answers().error(request, ResultCode.DIAMETER_TOO_BUSY, null, null));
            return;
        }
        transport.dispatch(request, decoded.violation(), answer -> {
            enqueue(answer);
            answered(ids);
        });
    }

    /**
     * The CER of an accepted connection. jDiameter keeps one peer per Origin-Host and refuses a new connection
     * while that peer still counts its previous one as up, so after a fast reconnect the CER waits (bounded)
     * until the stack has seen the previous connection go and the peer's state machine is idle: an event of
     * the old connection still in progress (a DPR being answered) would otherwise act on the new one.
     */
    private void capabilitiesRequest(DiameterMessage message, IMessage cer) {
        String host = message.avps().utf8(Avp.ORIGIN_HOST);
        String realm = message.avps().utf8(Avp.ORIGIN_REALM);
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

    private void deliver(IMessage message) {
        if (connection.listeners().isEmpty()) {
            log.debug("no listener on {} for message {}", key, message.getCommandCode());
            return;
        }
        for (IConnectionListener listener : connection.listeners()) {
            listener.messageReceived(key, message);
        }
    }

    // ---- answers built here ----

    /**
     * RFC 6733 5.3.2: a CEA with the refusal's Result-Code (E bit for 3xxx, 7.1.3); the connection then closes
     * and nothing more from it is read.
     */
    private void refuseCapabilities(DiameterMessage cer, ResultCode result, String host, String realm,
            String reason) {
        MessageWriter cea = MessageWriter.answerTo(cer, result.isProtocolError())
                .unsigned32(Avp.RESULT_CODE, result.code())
                .identity(Avp.ORIGIN_HOST, transport.local().host())
                .identity(Avp.ORIGIN_REALM, transport.local().realm())
                .address(Avp.HOST_IP_ADDRESS, raw.getLocalAddress())
                .unsigned32(Avp.VENDOR_ID, 0)
                .utf8(Avp.PRODUCT_NAME, transport.productName());
        enqueue(cea.toBytes());
        log.info("Diameter peer {} (realm {}) from {} refused: {}, CEA {}", host, realm, key, reason, result);
        refused = true;
        closeAfterWrites();
    }

    // ---- pending requests ----

    /**
     * The key of a request's identifiers (Hop-by-Hop in the high half, End-to-End in the low) in {@link #pending}.
     * Long's hash is the XOR of the halves, and peers commonly count both identifiers in step (RFC 6733 3 only asks
     * that they be unique): their XOR is then the same for every request, all pending requests fall into one
     * HashMap bin, a red-black tree searched by reflection on each put and remove. Multiplying by an odd constant is
     * a bijection of the 64-bit values (no two requests share a key) that spreads them over the bins.
     */
    private static long pendingKey(long ids) {
        return ids * 0x9E3779B97F4A7C15L;
    }

    private boolean acquire(long ids) {
        long key = pendingKey(ids);
        synchronized (pending) {
            if (pending.containsKey(key)) {
                // The same identifiers again (a retransmission): one answer goes back, so one place is held.
                return true;
            }
            if (!transport.acquire(pending.size())) {
                return false;
            }
            pending.put(key, System.nanoTime());
            return true;
        }
    }

    void answered(long ids) {
        synchronized (pending) {
            if (pending.remove(pendingKey(ids)) != null) {
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

    /**
     * Called periodically: an accepted connection without a CER in time closes (RFC 6733 5.6.1 leaves awaiting it
     * to the node), as does a stuck write; requests the stack never answered expire.
     */
    void sweep(long now) {
        if (awaitingCer && now - createdNanos > transport.settings().connections().cerTimeout().toNanos()) {
            transport.gate().closedWithoutCer(key);
            close(null);
            return;
        }
        long started = writer.writeStartedNanos();
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
        return !closed.get() && writer.enqueue(bytes);
    }

    /** Closes once what is queued has been written. */
    void closeAfterWrites() {
        writer.closeAfterWrites();
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
        TransportConnection.closeQuietly(raw);
        writer.stop();
        releaseAll();
        // The stack hears of the close before the link stops counting as open: a CER of the same peer on a
        // new connection waits for that, so the stack sees the old connection go before the new one opens.
        try {
            if (!silent) {
                for (IConnectionListener listener : connection.listeners()) {
                    try {
                        listener.connectionClosed(key, null);
                    } catch (RuntimeException e) {
                        log.debug("connection listener on {}: {}", key, e.toString());
                    }
                }
            }
        } finally {
            transport.closed(this);
            if (permit != null) {
                permit.release();
            }
        }
    }
}
