package org.imshss.slf.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.testing.FreePorts;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Mode;
import org.jdiameter.api.Network;
import org.jdiameter.api.NetworkReqListener;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.api.Stack;
import org.jdiameter.server.impl.StackImpl;
import org.jdiameter.server.impl.helpers.XMLConfiguration;

/** A jDiameter stack for tests (a CSCF or AS client, a recording HSS stand-in) speaking Cx/Dx and Sh/Dh. */
public final class TestStack implements AutoCloseable {

    /** A peer this stack connects to. */
    public record PeerRef(String identity, int port, String realm) {
    }

    private final Stack stack;
    private final String identity;
    private final String realm;
    private final int port;

    private TestStack(Stack stack, String identity, String realm, int port) {
        this.stack = stack;
        this.identity = identity;
        this.realm = realm;
        this.port = port;
    }

    /** A port free at the time of the call, below the ephemeral range (see {@link FreePorts}). */
    public static int freePort() throws IOException {
        return FreePorts.next();
    }

    /**
     * @param peers peers to connect to (all on 127.0.0.1), grouped in realms for routing
     * @param listener answers requests received (null: none expected)
     */
    public static TestStack start(String identity, String realm, List<PeerRef> peers, NetworkReqListener listener)
            throws Exception {
        String apps = "";
        for (Application application : List.of(Application.CX, Application.SH)) {
            apps += "<ApplicationID><VendorId value=\"" + application.vendorId() + "\"/><AuthApplId value=\""
                    + application.id() + "\"/><AcctApplId value=\"0\"/></ApplicationID>";
        }
        StringBuilder peerXml = new StringBuilder();
        Map<String, List<String>> realms = new LinkedHashMap<>();
        realms.put(realm, new ArrayList<>(List.of("placeholder.invalid")));
        peerXml.append("<Peer name=\"aaa://placeholder.invalid:3868\" attempt_connect=\"false\" rating=\"1\"/>");
        for (PeerRef peer : peers) {
            peerXml.append("<Peer name=\"aaa://").append(peer.identity()).append(':').append(peer.port())
                    .append("\" ip=\"127.0.0.1\" attempt_connect=\"true\" rating=\"1\"/>");
            realms.computeIfAbsent(peer.realm(), r -> new ArrayList<>()).add(peer.identity());
        }
        StringBuilder realmXml = new StringBuilder();
        for (Application application : List.of(Application.CX, Application.SH)) {
            String app = "<ApplicationID><VendorId value=\"" + application.vendorId() + "\"/><AuthApplId value=\""
                    + application.id() + "\"/><AcctApplId value=\"0\"/></ApplicationID>";
            for (Map.Entry<String, List<String>> entry : realms.entrySet()) {
                realmXml.append("<Realm name=\"").append(entry.getKey()).append("\" peers=\"")
                        .append(String.join(",", entry.getValue()))
                        .append("\" local_action=\"LOCAL\" dynamic=\"false\" exp_time=\"1\">").append(app)
                        .append("</Realm>");
            }
        }
        int port = freePort();
        String config = """
                <?xml version="1.0"?>
                <Configuration xmlns="http://www.jdiameter.org/jdiameter-server">
                  <LocalPeer>
                    <URI value="aaa://%s:%d"/>
                    <IPAddresses><IPAddress value="127.0.0.1"/></IPAddresses>
                    <Realm value="%s"/>
                    <VendorID value="0"/>
                    <ProductName value="test-stack"/>
                    <FirmwareRevision value="1"/>
                    <Applications>%s</Applications>
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
                    <RecTimeOut value="2000"/>
                  </Parameters>
                  <Network>
                    <Peers>%s</Peers>
                    <Realms>%s</Realms>
                  </Network>
                </Configuration>
                """.formatted(identity, port, realm, apps, peerXml, realmXml);
        Stack stack = new StackImpl();
        stack.init(new XMLConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8))));
        if (listener != null) {
            Network network = stack.unwrap(Network.class);
            for (Application application : List.of(Application.CX, Application.SH)) {
                network.addNetworkReqListener(listener,
                        ApplicationId.createByAuthAppId(application.vendorId(), application.id()));
            }
        }
        stack.start(Mode.ANY_PEER, 10, TimeUnit.SECONDS);
        return new TestStack(stack, identity, realm, port);
    }

    /** jDiameter's start can return before a peer reaches OKAY. */
    public void awaitConnected(String peerIdentity) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (isConnected(peerIdentity)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("peer " + peerIdentity + " not OKAY");
    }

    public boolean isConnected(String peerIdentity) throws Exception {
        org.jdiameter.api.Peer peer = stack.unwrap(PeerTable.class).getPeer(peerIdentity);
        return peer != null && peer.getState(PeerState.class) == PeerState.OKAY;
    }

    public Stack stack() {
        return stack;
    }

    public String identity() {
        return identity;
    }

    public String realm() {
        return realm;
    }

    public int port() {
        return port;
    }

    public PeerRef peerRef() {
        return new PeerRef(identity, port, realm);
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
