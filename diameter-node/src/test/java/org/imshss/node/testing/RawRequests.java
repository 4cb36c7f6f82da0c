package org.imshss.node.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.node.testing.RawMessage.RawAvp;

/** Valid Cx and Sh requests of the sample users as wire messages, for tests that send raw bytes. */
public final class RawRequests {

    /** The realm of the test HSS and of its clients. */
    public static final String REALM = "ims.example.org";
    public static final String IMPI = "alice@ims.example.org";
    public static final String IMPU = "sip:alice@ims.example.org";
    private static final int NO_STATE_MAINTAINED = Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED");
    private static final AtomicLong sessions = new AtomicLong();

    private RawRequests() {
    }

    /** Session-Id first (RFC 6733 8.8), then the fixed header AVPs of the application (TS 29.229 6.1). */
    public static List<RawAvp> base(String originHost, Application application) {
        List<RawAvp> avps = new ArrayList<>();
        avps.add(RawAvp.utf8(Avp.SESSION_ID, originHost + ";" + System.nanoTime() + ";" + sessions.incrementAndGet()));
        avps.add(RawAvp.grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID,
                RawAvp.u32(Avp.VENDOR_ID, application.vendorId()),
                RawAvp.u32(Avp.AUTH_APPLICATION_ID, application.id())));
        avps.add(RawAvp.u32(Avp.AUTH_SESSION_STATE, NO_STATE_MAINTAINED));
        avps.add(RawAvp.utf8(Avp.ORIGIN_HOST, originHost));
        avps.add(RawAvp.utf8(Avp.ORIGIN_REALM, REALM));
        avps.add(RawAvp.utf8(Avp.DESTINATION_REALM, REALM));
        return avps;
    }

    public static List<RawAvp> uarAvps(String originHost) {
        List<RawAvp> avps = base(originHost, Application.CX);
        avps.add(RawAvp.utf8(Avp.USER_NAME, IMPI));
        avps.add(RawAvp.utf8(Avp.PUBLIC_IDENTITY, IMPU));
        avps.add(RawAvp.utf8(Avp.VISITED_NETWORK_IDENTIFIER, REALM));
        return avps;
    }

    /** A UAR for alice that the HSS answers 2001 (DIAMETER_FIRST_REGISTRATION while she is not registered). */
    public static RawMessage uar(RawDiameterClient client) {
        return request(client, Command.UAR, uarAvps(client.originHost()));
    }

    public static RawMessage request(RawDiameterClient client, Command command, List<RawAvp> avps) {
        return new RawMessage(RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE, command.code(),
                command.application().id(), client.nextId(), client.nextId(), avps);
    }
}
