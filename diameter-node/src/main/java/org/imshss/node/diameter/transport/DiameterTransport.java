package org.imshss.node.diameter.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.imshss.node.diameter.LocalIdentity;
import org.jdiameter.api.PeerState;

/**
 * One node's Diameter transport: its limits, what it answers by itself, the hooks around its sockets, and the
 * state its connections share (requests pending on the node, connections by peer). jDiameter creates the
 * {@link TransportGuard} and {@link TransportConnection}s; they find this through {@link StackConfiguration}.
 */
public final class DiameterTransport implements AutoCloseable {

    private static final long SWEEP_MILLIS = 200;

    private final TransportSettings settings;
    private final LocalIdentity local;
    private final String productName;
    private final Set<Long> applications;
    /** The realms the stack routes requests to (its own and its remote peers'); others are answered 3003 here. */
    private final Set<String> realms;
    private final Duration requestExpiry;
    private final Duration capabilitiesWait;
    private final TransportTls tls;
    private final CapabilitiesAdmission admission;
    private final AtomicInteger pending = new AtomicInteger();
    private final AcceptGate gate;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper;
    private volatile Function<String, PeerState> peerStates = host -> null;
    /** The stack's peer state machines; a peer removed from the stack takes its machine with it. */
    private final Set<ReconnectSafePeerFsm> machines = Collections.newSetFromMap(
            Collections.synchronizedMap(new WeakHashMap<>()));

    /**
     * @param applications the Application-Ids this node advertises; requests for others get 3007
     * @param requestExpiry after this a request the stack never answered stops counting as pending
     * @param capabilitiesWait how long a CER waits for the stack to finish with the peer's previous connection
     * @param tls Diameter over TLS, or null for plain TCP only
     * @param admission decides on the CER of each accepted connection
     */
    public DiameterTransport(TransportSettings settings, LocalIdentity local, String productName,
            Set<Long> applications, Set<String> realms, Duration requestExpiry, Duration capabilitiesWait,
            TransportTls tls, CapabilitiesAdmission admission) {
        this.settings = Objects.requireNonNull(settings);
        this.local = Objects.requireNonNull(local);
        this.productName = Objects.requireNonNull(productName);
        this.applications = Set.copyOf(applications);
        this.realms = Set.copyOf(realms);
        this.requestExpiry = requestExpiry;
        this.capabilitiesWait = capabilitiesWait;
        this.tls = tls;
        this.admission = Objects.requireNonNull(admission);
        this.gate = new AcceptGate(settings.connections());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "diameter-transport-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Plain TCP, every CER admitted. */
    public DiameterTransport(TransportSettings settings, LocalIdentity local, String productName,
            Set<Long> applications, Duration requestExpiry, Duration capabilitiesWait) {
        this(settings, local, productName, applications, Set.of(local.realm()), requestExpiry, capabilitiesWait,
                null, CapabilitiesAdmission.ANY);
    }

    /** How the transport learns the stack's view of a peer (by Origin-Host); null for an unknown peer. */
    public void bindPeerStates(Function<String, PeerState> states) {
        this.peerStates = Objects.requireNonNull(states);
    }

    public TransportSettings settings() {
        return settings;
    }

    LocalIdentity local() {
        return local;
    }

    String productName() {
        return productName;
    }

    boolean advertises(long applicationId) {
        return applications.contains(applicationId);
    }

    /** Whether the stack routes requests for {@code realm} (compared as jDiameter's realm table does: exactly). */
    boolean routes(String realm) {
        return realms.contains(realm);
    }

    Duration capabilitiesWait() {
        return capabilitiesWait;
    }

    long requestExpiryNanos() {
        return requestExpiry.toNanos();
    }

    /** Diameter over TLS, or null. */
    TransportTls tls() {
        return tls;
    }

    CapabilitiesAdmission admission() {
        return admission;
    }

    void register(ReconnectSafePeerFsm machine) {
        machines.add(machine);
    }

    /** Whether the state machine of the peer with this Origin-Host has nothing queued or in progress. */
    boolean peerIdle(String host) {
        synchronized (machines) {
            for (ReconnectSafePeerFsm machine : machines) {
                if (host.equals(machine.peerHost()) && !machine.idle()) {
                    return false;
                }
            }
        }
        return true;
    }

    PeerState peerState(String host) {
        try {
            return peerStates.apply(host);
        } catch (RuntimeException e) {
            return null;
        }
    }

    AcceptGate gate() {
        return gate;
    }

    /** Accepted connections open now (from accept until close), on the whole node. */
    public int acceptedConnections() {
        return gate.open();
    }

    /** Accepted connections open now from one source address. */
    public int acceptedConnections(InetAddress address) {
        return gate.open(address);
    }

    /** Requests received and not yet answered, on the whole node. */
    public int pendingRequests() {
        return pending.get();
    }

    /** Takes one place for a request unless the node or this connection is full. */
    boolean acquire(int heldByConnection) {
        if (heldByConnection >= settings.maxPendingPerConnection()) {
            return false;
        }
        while (true) {
            int now = pending.get();
            if (now >= settings.maxPendingRequests()) {
                return false;
            }
            if (pending.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release(int places) {
        if (places > 0) {
            pending.addAndGet(-places);
        }
    }

    void opened(Link link) {
        links.add(link);
    }

    void closed(Link link) {
        links.remove(link);
    }

    /**
     * Whether another connection than {@code self} of the peer with this Origin-Host is still registered: open, or
     * closing and not yet done telling the stack.
     */
    boolean otherOpenLink(String host, Link self) {
        for (Link link : links) {
            if (link != self && host.equals(link.originHost())) {
                return true;
            }
        }
        return false;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Link link : links) {
            try {
                link.sweep(now);
            } catch (RuntimeException e) {
                // One connection's trouble must not end the sweeps of the others.
                link.close("sweep failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        for (Link link : links) {
            link.close(null);
        }
    }
}
