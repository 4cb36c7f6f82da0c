package org.imshss.node.diameter.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imshss.diameter.Application;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;
import org.imshss.node.diameter.Answers;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.node.diameter.RequestDispatcher;
import org.jdiameter.api.PeerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's Diameter transport: its limits, what it answers by itself, the hooks around its sockets, and the
 * state its connections share (requests pending on the node, connections by peer). jDiameter creates the
 * {@link TransportGuard} and {@link TransportConnection}s; they find this through {@link StackConfiguration}.
 */
public final class DiameterTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiameterTransport.class);

    private static final long SWEEP_MILLIS = 200;

    private final TransportSettings settings;
    private final LocalIdentity local;
    private final String productName;
    private final Set<Long> applications;
    private final Answers answers;
    private final RequestDispatcher dispatcher;
    /**
     * Where requests are answered: off the reader, so that one connection's requests are served in parallel; null
     * when they are answered on the reader itself (no hand-off, one connection's requests one after the other).
     */
    private final ExecutorService workers;
    private final SentRequests sent = new SentRequests();
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
    /** The ports the node listens on, as bound (a configured 0 becomes the port the system chose); 0 until then. */
    private volatile int boundPort;
    private volatile int boundTlsPort;
    /** The stack's peer state machines; a peer removed from the stack takes its machine with it. */
    private final Set<ReconnectSafePeerFsm> machines = Collections.newSetFromMap(
            Collections.synchronizedMap(new WeakHashMap<>()));

    /**
     * @param applications the applications this node advertises; requests for others get 3007
     * @param dispatcher answers the requests of those applications
     * @param workers the threads that run the dispatcher; 0 runs it on each connection's reader
     * @param requestExpiry after this a request the stack never answered stops counting as pending
     * @param capabilitiesWait how long a CER waits for the stack to finish with the peer's previous connection
     * @param tls Diameter over TLS, or null for plain TCP only
     * @param admission decides on the CER of each accepted connection
     */
    public DiameterTransport(TransportSettings settings, LocalIdentity local, String productName,
            Set<Application> applications, RequestDispatcher dispatcher, int workers, Set<String> realms,
            Duration requestExpiry, Duration capabilitiesWait, TransportTls tls, CapabilitiesAdmission admission) {
        this.settings = Objects.requireNonNull(settings);
        this.local = Objects.requireNonNull(local);
        this.productName = Objects.requireNonNull(productName);
        this.applications = applications.stream().map(Application::id).collect(Collectors.toUnmodifiableSet());
        this.answers = new Answers(local, applications);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        AtomicInteger workerNumber = new AtomicInteger();
        this.workers = workers == 0 ? null : Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "diameter-worker-" + workerNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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

    /** How the transport learns the stack's view of a peer (by Origin-Host); null for an unknown peer. */
    public void bindPeerStates(Function<String, PeerState> states) {
        this.peerStates = Objects.requireNonNull(states);
    }

    void bound(boolean tls, int port) {
        if (tls) {
            boundTlsPort = port;
        } else {
            boundPort = port;
        }
    }

    /** The plain TCP port listened on (0 before listening or with TLS only). */
    public int boundPort() {
        return boundPort;
    }

    /** The TLS port listened on (0 before listening or without TLS). */
    public int boundTlsPort() {
        return boundTlsPort;
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

    Answers answers() {
        return answers;
    }

    /** The checks a request of an application passes before it takes a place among the pending ones. */
    Optional<PreDispatchChecks.Refusal> preDispatch(DiameterMessage request) {
        return PreDispatchChecks.check(request, applications, dispatcher::handles, this::routes);
    }

    /** Answers an admitted request on a worker; {@code reply} gets the answer's octets. */
    void dispatch(DiameterMessage request, Violation violation, Consumer<byte[]> reply) {
        if (workers == null) {
            answer(request, violation, reply);
        } else {
            workers.execute(() -> answer(request, violation, reply));
        }
    }

    private void answer(DiameterMessage request, Violation violation, Consumer<byte[]> reply) {
        try {
            dispatcher.dispatch(request, violation, reply);
        } catch (RuntimeException e) {
            // Past the handler (which answers its own failures): still one clean answer, never silence.
            log.warn("request {} failed: {}", request.commandCode(), e.toString());
            reply.accept(answers.write(request, ResultCode.DIAMETER_UNABLE_TO_COMPLY));
        }
    }

    /**
     * Sends a request of this node's to the peer with this Origin-Host over one of its open connections; the answer
     * completes the result, or a {@link java.util.concurrent.TimeoutException} after {@code timeout}, or an
     * exception when no connection to the peer is open or it closes first.
     *
     * @param request the encoded request; its hop-by-hop identifier is written here
     */
    public CompletableFuture<DiameterMessage> send(String host, byte[] request, Duration timeout) {
        CompletableFuture<DiameterMessage> answer = new CompletableFuture<>();
        Link link = openLink(host);
        if (link == null) {
            answer.completeExceptionally(new IllegalStateException("no open connection to " + host));
            return answer;
        }
        int hopByHop = sent.register(link, timeout.toNanos(), answer);
        DiameterMessage.setHopByHop(request, hopByHop);
        if (!link.enqueue(request)) {
            sent.forget(hopByHop);
            answer.completeExceptionally(new IllegalStateException("the connection to " + host + " closed"));
        }
        return answer;
    }

    /** Whether a connection to the peer with this Origin-Host has exchanged capabilities and is open. */
    public boolean connected(String host) {
        return openLink(host) != null;
    }

    private Link openLink(String host) {
        for (Link link : links) {
            if (link.isOpen() && host.equalsIgnoreCase(link.originHost())) {
                return link;
            }
        }
        return null;
    }

    /** An answer to a request this node sent; one that matches none is dropped (RFC 6733 6.2.1). */
    void answerReceived(Link link, DiameterMessage answer) {
        if (!sent.answered(link, answer)) {
            log.debug("dropped answer {} with unknown hop-by-hop identifier", answer.commandCode());
        }
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
        sent.closed(link);
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
        sent.expire(now);
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
        if (workers != null) {
            workers.shutdownNow();
        }
        for (Link link : links) {
            link.close(null);
        }
    }
}
