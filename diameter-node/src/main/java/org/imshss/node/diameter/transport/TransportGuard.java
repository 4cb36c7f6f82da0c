package org.imshss.node.diameter.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdiameter.client.api.parser.IMessageParser;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.server.api.IMetaData;
import org.jdiameter.server.api.io.INetworkConnectionListener;
import org.jdiameter.server.api.io.INetworkGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for peers (jDiameter's {@code NetworkGuard} extension): binds at once (a taken port fails the start),
 * accepts on one thread per address and port, and hands each accepted socket to the stack as a
 * {@link TransportConnection} that starts reading only once the stack listens to it. A connection past the
 * node's caps ({@link ConnectionLimits}) is closed at once instead. With TLS it also listens on the TLS port
 * (RFC 6733 2.1), and with TLS only not on the plain one.
 */
public final class TransportGuard implements INetworkGuard {

    private static final Logger log = LoggerFactory.getLogger(TransportGuard.class);
    private static final int BACKLOG = 128;

    private final DiameterTransport transport;
    private final IMessageParser parser;
    private final List<INetworkConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ServerSocket> serverSockets = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private volatile boolean running = true;

    /** The constructor jDiameter's transport factory requires. */
    public TransportGuard(InetAddress[] addresses, int port, IConcurrentFactory concurrentFactory,
            IMessageParser parser, IMetaData metaData) throws IOException {
        this.transport = TransportConnection.transportOf(metaData.getConfiguration());
        this.parser = parser;
        try {
            TransportTls tls = transport.tls();
            for (InetAddress address : addresses) {
                if (tls == null || !tls.only()) {
                    listen(address, port, false);
                }
                if (tls != null) {
                    listen(address, tls.port(), true);
                }
            }
        } catch (IOException e) {
            destroy();
            throw e;
        }
        acceptors.forEach(Thread::start);
    }

    private void listen(InetAddress address, int port, boolean tls) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        serverSockets.add(serverSocket);
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(address, port), BACKLOG);
        transport.bound(tls, serverSocket.getLocalPort());
        Thread acceptor = new Thread(() -> accept(serverSocket, tls), "diameter-accept-" + port);
        acceptor.setDaemon(true);
        acceptors.add(acceptor);
    }

    private void accept(ServerSocket serverSocket, boolean tls) {
        while (running) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (running) {
                    log.warn("Diameter accept on {} failed: {}", serverSocket.getLocalSocketAddress(), e.toString());
                }
                if (serverSocket.isClosed()) {
                    return;
                }
                continue;
            }
            AcceptGate.Permit permit = transport.gate().admit(socket.getInetAddress());
            if (permit == null) {
                // Over a cap: closed before any thread or buffer is spent on it.
                TransportConnection.closeQuietly(socket);
                continue;
            }
            try {
                TransportConnection connection = new TransportConnection(transport, parser, socket, tls, permit);
                log.debug("Diameter connection from {}", connection.getKey());
                for (INetworkConnectionListener listener : listeners) {
                    listener.newNetworkConnection(connection);
                }
                connection.start();
            } catch (RuntimeException e) {
                log.warn("Diameter connection from {} not taken: {}", socket.getRemoteSocketAddress(), e.toString());
                TransportConnection.closeQuietly(socket);
                permit.release();
            }
        }
    }

    @Override
    public void addListener(INetworkConnectionListener listener) {
        if (!listeners.contains(listener)) {
            listeners.add(listener);
        }
    }

    @Override
    public void remListener(INetworkConnectionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void destroy() {
        running = false;
        for (ServerSocket serverSocket : serverSockets) {
            try {
                serverSocket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Thread acceptor : acceptors) {
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
