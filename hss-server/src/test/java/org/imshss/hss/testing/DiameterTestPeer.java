package org.imshss.hss.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.EventListener;
import org.jdiameter.api.Mode;
import org.jdiameter.api.Network;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.api.Request;
import org.jdiameter.api.Session;
import org.jdiameter.api.Stack;
import org.jdiameter.server.impl.StackImpl;
import org.jdiameter.server.impl.helpers.XMLConfiguration;

/**
 * A Diameter peer for tests (a CSCF on Cx, an application server on Sh): a real jDiameter stack that connects to
 * the HSS over TCP, sends requests of its application and records the requests the HSS sends it (RTR/PPR, PNR).
 * How it answers those is up to the test.
 */
public final class DiameterTestPeer implements AutoCloseable {

    private final Stack stack;
    private final String originHost;
    private final String realm;
    private final String hssHost;
    private final ApplicationId application;
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private volatile Function<Request, ResultCode> responder = request -> ResultCode.DIAMETER_SUCCESS;

    private DiameterTestPeer(Stack stack, String originHost, String realm, String hssHost, Application application) {
        this.stack = stack;
        this.originHost = originHost;
        this.realm = realm;
        this.hssHost = hssHost;
        this.application = ApplicationId.createByAuthAppId(application.vendorId(), application.id());
    }

    /**
     * @param localPort the port this peer's own stack listens on (jDiameter always listens)
     */
    /** A Cx peer. */
    public static DiameterTestPeer connect(String originHost, String realm, int localPort, String hssHost, int hssPort)
            throws Exception {
        return connect(Application.CX, originHost, realm, localPort, hssHost, hssPort);
    }

    public static DiameterTestPeer connect(Application application, String originHost, String realm, int localPort,
            String hssHost, int hssPort) throws Exception {
        return connect(application, originHost, realm, "127.0.0.1", localPort, hssHost, "127.0.0.1", hssPort);
    }

    /** A peer on {@code localAddress} connecting to an HSS on {@code hssAddress} (another network namespace). */
    public static DiameterTestPeer connect(Application application, String originHost, String realm,
            String localAddress, int localPort, String hssHost, String hssAddress, int hssPort) throws Exception {
        String applicationXml = "<ApplicationID><VendorId value=\"" + application.vendorId()
                + "\"/><AuthApplId value=\"" + application.id() + "\"/><AcctApplId value=\"0\"/></ApplicationID>";
        String config = """
                <?xml version="1.0"?>
                <Configuration xmlns="http://www.jdiameter.org/jdiameter-server">
                  <LocalPeer>
                    <URI value="aaa://%1$s:%2$d"/>
                    <IPAddresses><IPAddress value="%8$s"/></IPAddresses>
                    <Realm value="%3$s"/>
                    <VendorID value="0"/>
                    <ProductName value="test-peer"/>
                    <FirmwareRevision value="1"/>
                    <Applications>%7$s</Applications>
                  </LocalPeer>
                  <Parameters>
                    <AcceptUndefinedPeer value="true"/>
                    <DuplicateProtection value="false"/>
                    <DuplicateTimer value="240000"/>
                    <UseUriAsFqdn value="false"/>
                    <QueueSize value="10000"/>
                    <MessageTimeOut value="5000"/>
                    <StopTimeOut value="1000"/>
                    <CeaTimeOut value="5000"/>
                    <IacTimeOut value="30000"/>
                    <DwaTimeOut value="5000"/>
                    <DpaTimeOut value="1000"/>
                    <RecTimeOut value="5000"/>
                  </Parameters>
                  <Network>
                    <Peers><Peer name="aaa://%4$s:%5$d" ip="%9$s" attempt_connect="true" rating="1"/></Peers>
                    <Realms>
                      <Realm name="%6$s" peers="%4$s" local_action="LOCAL" dynamic="false" exp_time="1">
                        %7$s
                      </Realm>
                    </Realms>
                  </Network>
                </Configuration>
                """.formatted(originHost, localPort, realm, hssHost, hssPort, hssRealm(hssHost), applicationXml,
                        localAddress, hssAddress);
        Stack stack = new StackImpl();
        stack.init(new XMLConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8))));
        DiameterTestPeer peer = new DiameterTestPeer(stack, originHost, realm, hssHost, application);
        stack.unwrap(Network.class).addNetworkReqListener(request -> {
            peer.received.add(request);
            ResultCode result = peer.responder.apply(request);
            if (result == null) {
                return null;
            }
            Answer answer = request.createAnswer();
            Avps.addResult(answer.getAvps(), result);
            Avps.addEnumerated(answer.getAvps(), Avp.AUTH_SESSION_STATE, 1);
            Avps.addIdentity(answer.getAvps(), Avp.ORIGIN_HOST, originHost);
            Avps.addIdentity(answer.getAvps(), Avp.ORIGIN_REALM, realm);
            return answer;
        }, peer.application);
        stack.start(Mode.ALL_PEERS, 10, TimeUnit.SECONDS);
        peer.awaitConnected();
        return peer;
    }

    private static String hssRealm(String hssHost) {
        int dot = hssHost.indexOf('.');
        return dot < 0 ? hssHost : hssHost.substring(dot + 1);
    }

    /** jDiameter's start can return before the peer reaches OKAY. */
    private void awaitConnected() throws Exception {
        PeerTable table = stack.unwrap(PeerTable.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (org.jdiameter.api.Peer peer : table.getPeerTable()) {
                if (peer.getUri().getFQDN().equals(hssHost) && peer.getState(PeerState.class) == PeerState.OKAY) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("peer " + hssHost + " not OKAY");
    }

    public String originHost() {
        return originHost;
    }

    public String realm() {
        return realm;
    }

    /** How to answer the next HSS-initiated requests; null means "never answer" (like Kamailio and PPR). */
    public void answerWith(Function<Request, ResultCode> responder) {
        this.responder = responder;
    }

    /** The next request the HSS sent (RTR, PPR, PNR), or null after the timeout. */
    public Request nextReceived(long timeout, TimeUnit unit) throws InterruptedException {
        return received.poll(timeout, unit);
    }

    /** Sends a request of the peer's application to the HSS (Destination-Host set) and waits for the answer. */
    public Answer send(Command command, Consumer<AvpSet> body) throws Exception {
        return sendAsync(command, body).get(10, TimeUnit.SECONDS);
    }

    public CompletableFuture<Answer> sendAsync(Command command, Consumer<AvpSet> body) throws Exception {
        Session session = stack.getSessionFactory().getNewSession();
        Request request = session.createRequest(command.code(), application,
                hssRealm(hssHost), hssHost);
        request.setProxiable(true);
        Avps.addEnumerated(request.getAvps(), Avp.AUTH_SESSION_STATE, 1);
        body.accept(request.getAvps());
        CompletableFuture<Answer> result = new CompletableFuture<>();
        session.send(request, new EventListener<Request, Answer>() {
            @Override
            public void receivedSuccessMessage(Request sent, Answer answer) {
                result.complete(answer);
                session.release();
            }

            @Override
            public void timeoutExpired(Request sent) {
                result.completeExceptionally(new IllegalStateException(command + " timed out"));
                session.release();
            }
        }, 10, TimeUnit.SECONDS);
        return result;
    }

    @Override
    public void close() {
        try {
            stack.stop(1, TimeUnit.SECONDS, org.jdiameter.api.DisconnectCause.REBOOTING);
        } catch (Exception e) {
            // the test is over; a peer that was already gone is fine
        }
        stack.destroy();
    }
}
