package org.imshss.hss.diameter.transport;

import java.util.Objects;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

/**
 * What a deployment may put around the transport's sockets: the factories of listening and outgoing sockets
 * (TLS at connect, RFC 6733 2.1, is a TLS socket factory).
 */
public record TransportHooks(ServerSocketFactory serverSockets, SocketFactory sockets) {

    /** Plain TCP. */
    public static final TransportHooks PLAIN =
            new TransportHooks(ServerSocketFactory.getDefault(), SocketFactory.getDefault());

    public TransportHooks {
        Objects.requireNonNull(serverSockets, "serverSockets");
        Objects.requireNonNull(sockets, "sockets");
    }
}
