package org.imshss.hss.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.node.testing.DiameterCapture;
import org.imshss.node.testing.DiameterCapture.Direction;
import org.imshss.node.testing.DiameterCapture.Message;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawMessage.RawAvp;
import org.imshss.node.testing.RawRequests;
import org.imshss.node.testing.Tshark;

/**
 * Every message of one raw connection to the HSS, in the order and direction it travelled, as the octets the peer
 * sent and received, for {@link Tshark} to decode.
 */
public final class WireTranscript implements AutoCloseable {

    private static final long TGPP = 10415;

    private final List<Message> messages = new ArrayList<>();
    private final RawDiameterClient client;

    private WireTranscript(RawDiameterClient client) {
        this.client = client;
    }

    /** A connection to the HSS that has sent nothing yet. */
    public static WireTranscript connect(TestHss hss, String originHost, String originRealm) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", hss.port()), 5000);
        return new WireTranscript(RawDiameterClient.over(socket, originHost, originRealm));
    }

    public RawDiameterClient client() {
        return client;
    }

    /** A CER advertising these 3GPP applications (RFC 6733 5.3.1). */
    public RawMessage capabilitiesRequest(Application... applications) {
        List<RawAvp> avps = new ArrayList<>(List.of(
                RawAvp.utf8(Avp.ORIGIN_HOST, client.originHost()),
                RawAvp.utf8(Avp.ORIGIN_REALM, client.originRealm()),
                RawAvp.of(Avp.HOST_IP_ADDRESS, new byte[] {0, 1, 127, 0, 0, 1}),
                RawAvp.u32(Avp.VENDOR_ID, 0),
                RawAvp.utf8(Avp.PRODUCT_NAME, "raw-test-peer"),
                RawAvp.u32(Avp.SUPPORTED_VENDOR_ID, TGPP)));
        for (Application application : applications) {
            avps.add(RawAvp.grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID,
                    RawAvp.u32(Avp.VENDOR_ID, application.vendorId()),
                    RawAvp.u32(Avp.AUTH_APPLICATION_ID, application.id())));
        }
        return new RawMessage(RawMessage.FLAG_REQUEST, 257, 0, client.nextId(), client.nextId(), avps);
    }

    /** A request of this command with the base AVPs of its application (Session-Id first), then {@code avps}. */
    public RawMessage request(Command command, RawAvp... avps) {
        List<RawAvp> all = RawRequests.base(client.originHost(), command.application());
        all.removeIf(avp -> avp.is(Avp.ORIGIN_REALM));
        all.add(4, RawAvp.utf8(Avp.ORIGIN_REALM, client.originRealm()));
        all.addAll(List.of(avps));
        return RawRequests.request(client, command, all);
    }

    /** Sends a message and returns the next one received. */
    public RawMessage exchange(RawMessage request) throws Exception {
        byte[] octets = request.encode();
        messages.add(new Message(octets, Direction.TO_SERVER));
        client.send(octets);
        return received();
    }

    /** The next message from the HSS (watchdogs aside). */
    public RawMessage received() throws Exception {
        byte[] octets = client.receiveOctets();
        messages.add(new Message(octets, Direction.TO_CLIENT));
        return RawMessage.decode(octets);
    }

    /** Answers a request of the HSS with DIAMETER_SUCCESS. */
    public void answer(RawMessage request, Application application) throws Exception {
        RawMessage answer = new RawMessage(RawMessage.FLAG_PROXIABLE, request.commandCode(),
                request.applicationId(), request.hopByHop(), request.endToEnd(), List.of(
                        request.avp(Avp.SESSION_ID).orElseThrow(),
                        RawAvp.grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID,
                                RawAvp.u32(Avp.VENDOR_ID, application.vendorId()),
                                RawAvp.u32(Avp.AUTH_APPLICATION_ID, application.id())),
                        RawAvp.u32(Avp.RESULT_CODE, 2001),
                        RawAvp.u32(Avp.AUTH_SESSION_STATE,
                                Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED")),
                        RawAvp.utf8(Avp.ORIGIN_HOST, client.originHost()),
                        RawAvp.utf8(Avp.ORIGIN_REALM, client.originRealm())));
        byte[] octets = answer.encode();
        messages.add(new Message(octets, Direction.TO_SERVER));
        client.send(octets);
    }

    /** The whole transcript decoded by Wireshark's dissector. */
    public Tshark.Decoded decode() throws Exception {
        return Tshark.decode(DiameterCapture.pcapOf(messages));
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
