package org.imshss.node.diameter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.imshss.diameter.Application;
import org.imshss.diameter.Command;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.TlsSettings;
import org.imshss.node.diameter.transport.DiameterTransport;
import org.imshss.node.diameter.transport.PeerFsmFactory;
import org.imshss.node.diameter.transport.StackConfiguration;
import org.imshss.node.diameter.transport.TransportConnection;
import org.imshss.node.diameter.transport.TransportGuard;
import org.imshss.node.diameter.transport.TransportTls;
import org.jdiameter.api.DisconnectCause;
import org.jdiameter.api.Mode;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.api.Stack;
import org.jdiameter.server.impl.StackImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Diameter node: jDiameter's stack for the peers (CER/CEA, DWR/DWA, DPR/DPA, reconnecting to remote peers of its
 * own) over the project's transport, which decodes each request of the applications given once and hands it to
 * their handlers through one {@link RequestDispatcher}; jDiameter never sees those requests or their answers.
 */
public final class DiameterServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiameterServer.class);
    /** Added to twice the request timeout before a request the stack never answered stops counting as pending. */
    private static final Duration REQUEST_EXPIRY_MARGIN = Duration.ofSeconds(5);
    /** How long a CER after a fast reconnect waits for the stack to drop the peer's previous connection. */
    private static final Duration CAPABILITIES_WAIT = Duration.ofSeconds(4);

    private final DiameterSettings settings;
    private final Set<Application> applications;
    private final Map<Command, RequestHandler> handlers = new EnumMap<>(Command.class);
    private final RequestObserver observer;
    private final List<RemotePeer> remotePeers;
    private Stack stack;
    private volatile DiameterTransport transport;

    /**
     * @param applications what the node serves, each with its handlers
     * @param observer told of every answer (metrics)
     * @param remotePeers peers this node connects to, for those applications; over TLS when
     *                    {@code diameter.tls.connect} says so
     */
    public DiameterServer(DiameterSettings settings, List<DiameterApplication> applications, RequestObserver observer,
            List<RemotePeer> remotePeers) {
        this.settings = settings;
        this.applications = applications.stream().map(DiameterApplication::application)
                .collect(Collectors.toUnmodifiableSet());
        applications.forEach(application -> handlers.putAll(application.byCommand()));
        this.observer = observer;
        this.remotePeers = List.copyOf(remotePeers);
    }

    public LocalIdentity localIdentity() {
        return new LocalIdentity(settings.identity(), settings.realm());
    }

    /**
     * Starts listening; fails if the port is taken (jDiameter itself would only log that at DEBUG). A port of 0
     * listens on one the system chooses ({@link #port()}).
     */
    public synchronized void start() throws Exception {
        ensurePortFree();
        PeerAdmission admission = PeerAdmission.of(settings, remotePeers);
        if (settings.admitsNobody() && remotePeers.isEmpty()) {
            log.warn("Diameter: no peer can connect (diameter.allowed-peers and diameter.allowed-realms are empty): "
                    + "every CER is answered 3010 DIAMETER_UNKNOWN_PEER");
        }
        Set<String> realms = new LinkedHashSet<>(List.of(settings.realm()));
        realms.addAll(settings.additionalRealms());
        remotePeers.forEach(peer -> realms.add(peer.realm()));
        RequestDispatcher dispatcher = new RequestDispatcher(new Answers(localIdentity(), applications), handlers,
                observer);
        DiameterTransport createdTransport = new DiameterTransport(settings.transport(), localIdentity(),
                settings.productName(), applications, dispatcher, settings.processingThreads(), realms,
                settings.requestTimeout().multipliedBy(2).plus(REQUEST_EXPIRY_MARGIN), CAPABILITIES_WAIT,
                transportTls(), admission);
        Stack created = new StackImpl();
        try {
            created.init(new StackConfiguration(
                    new ByteArrayInputStream(configuration().getBytes(StandardCharsets.UTF_8)), createdTransport));
        } catch (Exception e) {
            createdTransport.close();
            throw e;
        }
        PeerTable peers = created.unwrap(PeerTable.class);
        createdTransport.bindPeerStates(host -> {
            Peer peer = peers.getPeer(host);
            return peer == null ? null : peer.getState(PeerState.class);
        });
        transport = createdTransport;
        if (remotePeers.isEmpty()) {
            created.start(Mode.ANY_PEER, 0, TimeUnit.MILLISECONDS);
        } else {
            // Remote peers connect in the background (jDiameter retries them): a node that is down must not stop
            // this one from starting.
            created.start();
        }
        stack = created;
        ensureListening();
        TlsSettings tls = settings.tls();
        log.info("Diameter {} listening on {} (realm {}), admitting {}", settings.identity(),
                ((tls.only() ? "" : "TCP " + settings.bindAddress() + ":" + createdTransport.boundPort() + " ")
                        + (tls.enabled() ? "TLS " + settings.bindAddress() + ":" + createdTransport.boundTlsPort()
                                : "")).trim(),
                settings.realm(), admission);
    }

    /** The names of the states a peer can be in, as {@link #peersByState()} counts them. */
    public static List<String> peerStates() {
        return java.util.Arrays.stream(PeerState.values()).map(PeerState::name).toList();
    }

    /**
     * The peers known to the stack (those that connected to it and the remote peers it connects to) by state; OKAY
     * is up. Empty when the stack is not running.
     */
    public synchronized Map<String, Long> peersByState() {
        if (stack == null) {
            return Map.of();
        }
        try {
            return stack.unwrap(PeerTable.class).getPeerTable().stream()
                    .collect(Collectors.groupingBy(peer -> peer.getState(PeerState.class).name(),
                            Collectors.counting()));
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** The stack's state of the peer with this Origin-Host (OKAY is up), or null for a peer it does not know. */
    public synchronized String peerState(String host) {
        if (stack == null) {
            return null;
        }
        try {
            Peer peer = stack.unwrap(PeerTable.class).getPeer(host);
            return peer == null ? null : peer.getState(PeerState.class).name();
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether the stack holds the peer with this Origin-Host as up (OKAY) and a connection to it is open. */
    public boolean connected(String host) {
        DiameterTransport current = transport;
        return current != null && current.connected(host) && PeerState.OKAY.name().equals(peerState(host));
    }

    @Override
    public synchronized void close() {
        if (stack == null) {
            return;
        }
        try {
            stack.stop(2, TimeUnit.SECONDS, DisconnectCause.REBOOTING);
        } catch (Exception e) {
            log.debug("Diameter stop: {}", e.toString());
        }
        stack.destroy();
        stack = null;
        transport.close();
        transport = null;
    }

    /** The node's transport: its limits and the requests it has pending. */
    public DiameterTransport transport() {
        return transport;
    }

    private TransportTls transportTls() {
        TlsSettings tls = settings.tls();
        return tls.enabled() ? new TransportTls(tls.context(), tls.port(), tls.only()) : null;
    }

    /** The plain TCP port, or the TLS port when that is the only one: as bound, once listening. */
    private int probedPort() {
        DiameterTransport current = transport;
        return settings.tls().only() ? current.boundTlsPort() : current.boundPort();
    }

    /**
     * The plain TCP port the node listens on: {@code diameter.port}, or the port the system chose for a configured
     * 0; 0 when not listening.
     */
    public int port() {
        DiameterTransport current = transport;
        return current == null ? 0 : current.boundPort();
    }

    private void ensurePortFree() {
        if (!settings.tls().only()) {
            ensurePortFree("diameter.port", settings.port());
        }
        if (settings.tls().enabled()) {
            ensurePortFree("diameter.tls.port", settings.tls().port());
        }
    }

    private void ensurePortFree(String key, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(settings.bindAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException(key + ": cannot listen on " + settings.bindAddress() + ":"
                    + port + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * jDiameter binds its listening socket asynchronously after start(): wait until it accepts a connection.
     * (Probing by bind instead could take the port from under the stack.) The port was free before start,
     * so whoever answers is the stack.
     */
    private void ensureListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(settings.bindAddress(), probedPort()), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("diameter.port: the stack did not start listening on "
                            + settings.bindAddress() + ":" + probedPort());
                }
            }
            Thread.sleep(20);
        }
    }

    /**
     * jDiameter's XML configuration, generated from the settings and checked by jDiameter against its XSD.
     * The XSD wants at least one peer and one realm: the realm is our own, the peer a placeholder that is
     * never connected (peers connect to us). Remote peers are listed with their address and
     * {@code attempt_connect}; each of their realms gets an entry so requests can be routed to them.
     * jDiameter's own peer check is off (AcceptUndefinedPeer): it would close an unknown peer's connection without
     * a CEA; {@link PeerAdmission} answers it 3010 at the transport instead.
     */
    String configuration() {
        Map<String, Set<String>> realmPeers = new LinkedHashMap<>();
        realmPeers.put(settings.realm(), new LinkedHashSet<>(List.of("placeholder.invalid")));
        remotePeers.forEach(peer -> realmPeers.computeIfAbsent(peer.realm(), r -> new LinkedHashSet<>())
                .add(peer.identity()));
        StringBuilder apps = new StringBuilder();
        StringBuilder realms = new StringBuilder();
        for (Application application : applications.stream().sorted().toList()) {
            String app = "<ApplicationID><VendorId value=\"" + application.vendorId() + "\"/><AuthApplId value=\""
                    + application.id() + "\"/><AcctApplId value=\"0\"/></ApplicationID>";
            apps.append(app);
            // jDiameter's schema allows one application per Realm entry: one entry per application.
            for (Map.Entry<String, Set<String>> realm : realmPeers.entrySet()) {
                realms.append("<Realm name=\"").append(realm.getKey()).append("\" peers=\"")
                        .append(String.join(",", realm.getValue()))
                        .append("\" local_action=\"LOCAL\" dynamic=\"false\" exp_time=\"1\">")
                        .append(app).append("</Realm>");
            }
        }
        return stackXml(apps, peersXml(), realms);
    }

    /** The placeholder peer, then each remote peer with its address and {@code attempt_connect}. */
    private String peersXml() {
        StringBuilder peers = new StringBuilder(
                "<Peer name=\"aaa://placeholder.invalid:3868\" attempt_connect=\"false\" rating=\"1\"/>");
        for (RemotePeer peer : remotePeers) {
            peers.append("<Peer name=\"aaa://").append(peer.identity()).append(':').append(peer.port()).append('"');
            if (peer.address() != null) {
                peers.append(" ip=\"").append(peer.address()).append('"');
            }
            if (settings.tls().connect()) {
                peers.append(" security_ref=\"").append(TransportConnection.TLS).append('"');
            }
            peers.append(" attempt_connect=\"true\" rating=\"1\"/>");
        }
        return peers.toString();
    }

    private String stackXml(CharSequence apps, CharSequence peers, CharSequence realms) {
        long timeout = settings.requestTimeout().toMillis();
        return """
                <?xml version="1.0"?>
                <Configuration xmlns="http://www.jdiameter.org/jdiameter-server">
                  <LocalPeer>
                    <URI value="aaa://%s:%d"/>
                    <IPAddresses><IPAddress value="%s"/></IPAddresses>
                    <Realm value="%s"/>
                    <VendorID value="0"/>
                    <ProductName value="%s"/>
                    <FirmwareRevision value="1"/>
                    <Applications>%s</Applications>
                  </LocalPeer>
                  <Parameters>
                    <AcceptUndefinedPeer value="true"/>
                    <DuplicateProtection value="false"/>
                    <DuplicateTimer value="240000"/>
                    <UseUriAsFqdn value="false"/>
                    <QueueSize value="%d"/>
                    <MessageTimeOut value="%d"/>
                    <StopTimeOut value="2000"/>
                    <CeaTimeOut value="%d"/>
                    <IacTimeOut value="%d"/>
                    <DwaTimeOut value="%d"/>
                    <DpaTimeOut value="2000"/>
                    <RecTimeOut value="%d"/>
                    <PeerFSMThreadCount value="%d"/>
                    <Concurrent>
                      <Entity name="ThreadGroup" size="64"/>
                      <Entity name="ProcessingMessageTimer" size="1"/>
                      <Entity name="DuplicationMessageTimer" size="1"/>
                      <Entity name="RedirectMessageTimer" size="1"/>
                      <Entity name="PeerOverloadTimer" size="1"/>
                      <Entity name="ConnectionTimer" size="1"/>
                      <Entity name="StatisticTimer" size="1"/>
                      <Entity name="ApplicationSession" size="4"/>
                    </Concurrent>
                  </Parameters>
                  <Network>
                    <Peers>%s</Peers>
                    <Realms>%s</Realms>
                  </Network>
                  <Extensions>
                    <NetworkGuard value="%s"/>
                    <Connection value="%s"/>
                    <PeerFsmFactory value="%s"/>
                  </Extensions>
                </Configuration>
                """.formatted(settings.identity(), settings.port(), settings.bindAddress(), settings.realm(),
                settings.productName(), apps, settings.queueSize(), timeout,
                timeout, settings.watchdogInterval().toMillis(), timeout, timeout, Math.max(1, settings.processingThreads()),
                peers, realms, TransportGuard.class.getName(), TransportConnection.class.getName(),
                PeerFsmFactory.class.getName());
    }
}
