package org.imshss.slf.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.slf.testing.TestClient.Exchange;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;

/**
 * A Diameter client over a plain TCP socket that shows every answer as it came, redirects included. A jDiameter
 * client cannot be used to see a redirect: its stack acts on a 3006 itself (and reads Redirect-Host as a bare
 * identity, not the DiameterURI of RFC 6733 6.13). Messages are built and parsed with jDiameter's codec only.
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String originHost;
    private final String originRealm;
    private final MessageParser parser = new MessageParser();
    private final AtomicInteger ids = new AtomicInteger(0x5000);

    private RawClient(Socket socket, String originHost, String originRealm) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.originHost = originHost;
        this.originRealm = originRealm;
    }

    /** Connects and exchanges capabilities, advertising Cx/Dx and Sh/Dh. */
    public static RawClient connect(int port, String originHost, String originRealm) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(10_000);
        RawClient client = new RawClient(socket, originHost, originRealm);
        IMessage cer = client.parser.createEmptyMessage(Command.CER.code(), Application.COMMON.id());
        cer.setRequest(true);
        AvpSet avps = cer.getAvps();
        Avps.addIdentity(avps, Avp.ORIGIN_HOST, originHost);
        Avps.addIdentity(avps, Avp.ORIGIN_REALM, originRealm);
        Avps.addAddress(avps, Avp.HOST_IP_ADDRESS, java.net.InetAddress.getLoopbackAddress());
        Avps.addUnsigned32(avps, Avp.VENDOR_ID, 0);
        Avps.addUtf8(avps, Avp.PRODUCT_NAME, "raw-client");
        Avps.addUnsigned32(avps, Avp.SUPPORTED_VENDOR_ID, Application.CX.vendorId());
        Avps.addVendorSpecificApplicationId(avps, Application.CX);
        Avps.addVendorSpecificApplicationId(avps, Application.SH);
        IMessage cea = client.exchange(cer);
        if (Avps.result(cea.getAvps()).orElse(null) != ResultCode.DIAMETER_SUCCESS) {
            client.close();
            throw new IOException("CEA without success");
        }
        return client;
    }

    public Exchange send(Command command, String destinationRealm, String destinationHost, Consumer<AvpSet> body)
            throws Exception {
        Application application = command.application();
        IMessage request = parser.createEmptyMessage(command.code(), application.id());
        request.setRequest(true);
        request.setProxiable(true);
        AvpSet avps = request.getAvps();
        Avps.addUtf8(avps, Avp.SESSION_ID, originHost + ";raw;" + ids.incrementAndGet());
        Avps.addVendorSpecificApplicationId(avps, application);
        Avps.addEnumerated(avps, Avp.AUTH_SESSION_STATE, 1);
        Avps.addIdentity(avps, Avp.ORIGIN_HOST, originHost);
        Avps.addIdentity(avps, Avp.ORIGIN_REALM, originRealm);
        if (destinationHost != null) {
            Avps.addIdentity(avps, Avp.DESTINATION_HOST, destinationHost);
        }
        Avps.addIdentity(avps, Avp.DESTINATION_REALM, destinationRealm);
        body.accept(avps);
        IMessage answer = exchange(request);
        return new Exchange((Request) request, (Answer) answer);
    }

    /** Sends a request and returns its answer, answering watchdogs on the way. */
    private IMessage exchange(IMessage request) throws Exception {
        request.setHopByHopIdentifier(ids.incrementAndGet());
        request.setEndToEndIdentifier(ids.incrementAndGet());
        ByteBuffer encoded = parser.encodeMessage(request);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        out.write(bytes);
        out.flush();
        while (true) {
            IMessage message = parser.createMessage(readFrame());
            if (message.isRequest() && message.getCommandCode() == Command.DWR.code()) {
                answerWatchdog(message);
                continue;
            }
            if (!message.isRequest() && message.getHopByHopIdentifier() == request.getHopByHopIdentifier()) {
                return message;
            }
        }
    }

    private void answerWatchdog(IMessage dwr) throws Exception {
        IMessage dwa = parser.createEmptyMessage(Command.DWR.code(), Application.COMMON.id());
        dwa.setHopByHopIdentifier(dwr.getHopByHopIdentifier());
        dwa.setEndToEndIdentifier(dwr.getEndToEndIdentifier());
        Avps.addResult(dwa.getAvps(), ResultCode.DIAMETER_SUCCESS);
        Avps.addIdentity(dwa.getAvps(), Avp.ORIGIN_HOST, originHost);
        Avps.addIdentity(dwa.getAvps(), Avp.ORIGIN_REALM, originRealm);
        ByteBuffer encoded = parser.encodeMessage(dwa);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        out.write(bytes);
        out.flush();
    }

    private byte[] readFrame() throws IOException {
        int versionLength = in.readInt();
        int length = versionLength & 0xFFFFFF;
        byte[] frame = new byte[length];
        ByteBuffer.wrap(frame).putInt(versionLength);
        in.readFully(frame, 4, length - 4);
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
