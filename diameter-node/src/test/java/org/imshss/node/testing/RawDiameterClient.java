package org.imshss.node.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.node.testing.RawMessage.RawAvp;

/**
 * A Diameter peer over a plain TCP socket: capability exchange, then whatever bytes a test wants to send.
 * Watchdog requests from the server are answered on the way.
 */
public final class RawDiameterClient implements AutoCloseable {

    private static final int CER = 257;
    private static final int DWR = 280;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String originHost;
    private final String originRealm;
    private final AtomicInteger ids = new AtomicInteger(0x1000);
    private RawMessage capabilitiesAnswer;

    private RawDiameterClient(Socket socket, String originHost, String originRealm) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.originHost = originHost;
        this.originRealm = originRealm;
    }

    /** Connects and completes CER/CEA advertising Cx; fails unless the CEA says 2001. */
    public static RawDiameterClient connect(String host, int port, String originHost, String originRealm)
            throws IOException {
        return connect(host, port, originHost, originRealm, 0);
    }

    /** @param receiveBufferBytes the socket's receive buffer (small for a peer that stops reading), 0 for default */
    public static RawDiameterClient connect(String host, int port, String originHost, String originRealm,
            int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress(host, port), 2000);
        return establish(socket, originHost, originRealm);
    }

    /** Completes CER/CEA over a socket already connected (e.g. a TLS socket); fails unless the CEA says 2001. */
    public static RawDiameterClient establish(Socket socket, String originHost, String originRealm)
            throws IOException {
        RawDiameterClient client = over(socket, originHost, originRealm);
        RawMessage cea = client.exchangeCapabilities();
        if (cea.resultCode() != 2001) {
            client.close();
            throw new IOException("CEA result " + cea.resultCode());
        }
        return client;
    }

    /** A client over a connected socket that has sent nothing yet. */
    public static RawDiameterClient over(Socket socket, String originHost, String originRealm) throws IOException {
        socket.setSoTimeout(5000);
        return new RawDiameterClient(socket, originHost, originRealm);
    }

    /** Sends the CER advertising Cx and returns the server's answer, whatever its Result-Code. */
    public RawMessage exchangeCapabilities() throws IOException {
        RawMessage cea = exchange(capabilitiesRequest());
        capabilitiesAnswer = cea;
        return cea;
    }

    /** The CER of this client, advertising Cx. */
    public RawMessage capabilitiesRequest() {
        return new RawMessage(RawMessage.FLAG_REQUEST, CER, 0, nextId(), nextId(), List.of(
                RawAvp.of(Avp.ORIGIN_HOST, originHost.getBytes()),
                RawAvp.of(Avp.ORIGIN_REALM, originRealm.getBytes()),
                RawAvp.of(Avp.HOST_IP_ADDRESS, new byte[] {0, 1, 127, 0, 0, 1}),
                RawAvp.u32(Avp.VENDOR_ID, 0),
                RawAvp.utf8(Avp.PRODUCT_NAME, "raw-test-peer"),
                RawAvp.u32(Avp.SUPPORTED_VENDOR_ID, Application.CX.vendorId()),
                RawAvp.grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID,
                        RawAvp.u32(Avp.VENDOR_ID, Application.CX.vendorId()),
                        RawAvp.u32(Avp.AUTH_APPLICATION_ID, Application.CX.id()))));
    }

    /** The CEA the server answered the CER with. */
    public RawMessage capabilitiesAnswer() {
        return capabilitiesAnswer;
    }

    public int nextId() {
        return ids.incrementAndGet();
    }

    public String originHost() {
        return originHost;
    }

    public String originRealm() {
        return originRealm;
    }

    /** Sends a message and returns the next message from the server that is not a watchdog request. */
    public RawMessage exchange(RawMessage message) throws IOException {
        send(message.encode());
        return receive();
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Ends what this client sends (a half close); the server sees the end of its input. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** The read timeout of {@link #receive()}. */
    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    public RawMessage receive() throws IOException {
        return RawMessage.decode(receiveOctets());
    }

    /** The next message from the server that is not a watchdog request, as the octets that arrived. */
    public byte[] receiveOctets() throws IOException {
        while (true) {
            byte[] frame = readFrame();
            RawMessage message = RawMessage.decode(frame);
            if (message.isRequest() && message.commandCode() == DWR) {
                answerWatchdog(message);
                continue;
            }
            return frame;
        }
    }

    /** True if the server closed the connection within the timeout. */
    public boolean closedByPeer(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            while (true) {
                readFrame();
            }
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private byte[] readFrame() throws IOException {
        int versionLength = in.readInt();
        int length = versionLength & 0xFFFFFF;
        byte[] frame = new byte[length];
        ByteBuffer.wrap(frame).putInt(versionLength);
        in.readFully(frame, 4, length - 4);
        return frame;
    }

    private void answerWatchdog(RawMessage dwr) throws IOException {
        List<RawAvp> avps = new ArrayList<>();
        avps.add(RawAvp.u32(Avp.RESULT_CODE, 2001));
        avps.add(RawAvp.of(Avp.ORIGIN_HOST, originHost.getBytes()));
        avps.add(RawAvp.of(Avp.ORIGIN_REALM, originRealm.getBytes()));
        send(new RawMessage(0, DWR, 0, dwr.hopByHop(), dwr.endToEnd(), avps).encode());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
