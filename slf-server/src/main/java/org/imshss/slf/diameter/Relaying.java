package org.imshss.slf.diameter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpGroup;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ReceivedAvp;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterServer;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a request to the HSS that holds the user and returns that HSS's answer, for clients that cannot
 * follow a redirect (Kamailio's cdp). As RFC 6733 6.1.9 asks of a relay: the request keeps its Session-Id,
 * End-to-End Identifier, Origin-Host/Realm, Proxy-Info and every other AVP in order, gets a hop-by-hop identifier
 * of the upstream connection (the transport assigns it) and a Route-Record naming the peer it came from; a request
 * whose Route-Records already name this node is a loop (DIAMETER_LOOP_DETECTED, 6.1.3). Because the SLF has
 * resolved the user to one HSS node, Destination-Host and Destination-Realm are set to it (what a proxy may do,
 * 2.8.2). The HSS's answer goes back octet for octet with the request's hop-by-hop identifier restored (6.2.2).
 *
 * <p>Everything is done on the messages' octets. Nothing waits: the handler returns at once and the answer is
 * sent when the HSS's arrives. A send that fails or is not answered within the timeout ends the relayed answer
 * exceptionally, which the node's dispatcher answers DIAMETER_UNABLE_TO_DELIVER.
 */
public final class Relaying {

    private static final Logger log = LoggerFactory.getLogger(Relaying.class);

    /** Where relayed requests go: the HSS nodes the SLF's own Diameter server is connected to. */
    public interface Upstream {

        /** Whether a connection to the node with this Diameter identity is open (capabilities exchanged). */
        boolean connected(String host);

        /** Sends an encoded request to that node; completes with its answer, or exceptionally. */
        CompletableFuture<DiameterMessage> send(String host, byte[] request, Duration timeout);

        /** The connections of the node's server, reached once it has been created. */
        static Upstream of(Supplier<DiameterServer> server) {
            return new Upstream() {
                @Override
                public boolean connected(String host) {
                    return server.get().connected(host);
                }

                @Override
                public CompletableFuture<DiameterMessage> send(String host, byte[] request, Duration timeout) {
                    return server.get().transport().send(host, request, timeout);
                }
            };
        }
    }

    private final LocalIdentity local;
    private final Upstream upstream;
    private final Duration timeout;

    public Relaying(LocalIdentity local, Upstream upstream, Duration timeout) {
        this.local = local;
        this.upstream = upstream;
        this.timeout = timeout;
    }

    /** Forwards the request: its answer is the HSS's to come, or at once a loop or no HSS node reachable. */
    public Answer forward(DiameterMessage request, HssTarget target) {
        for (ReceivedAvp record : request.avps().all(Avp.ROUTE_RECORD)) {
            if (record.equalsIgnoreCase(local.host())) {
                return Answer.of(ResultCode.DIAMETER_LOOP_DETECTED);
            }
        }
        HssHost host = connectedHost(target);
        if (host == null) {
            log.debug("no node of HSS {} is connected", target.name());
            return Answer.of(ResultCode.DIAMETER_UNABLE_TO_DELIVER);
        }
        CompletableFuture<DiameterMessage> sent;
        try {
            sent = upstream.send(host.identity(), upstreamRequest(request, target, host), timeout);
        } catch (RuntimeException e) {
            log.debug("cannot send to HSS {}: {}", host.identity(), e.toString());
            return Answer.of(ResultCode.DIAMETER_UNABLE_TO_DELIVER);
        }
        int downstreamHopByHop = request.hopByHop();
        return Answer.relayed(sent
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        log.debug("HSS {} did not answer within {} ms: {}", host.identity(), timeout.toMillis(),
                                failure.toString());
                    }
                })
                .thenApply(answer -> answer.withHopByHop(downstreamHopByHop)));
    }

    /** The first node, in the target's order, with an open connection. */
    private HssHost connectedHost(HssTarget target) {
        for (HssHost host : target.hosts()) {
            if (upstream.connected(host.identity())) {
                return host;
            }
        }
        return null;
    }

    /**
     * The request as it goes upstream: its header (command, Application-Id, End-to-End Identifier, R, P and T
     * flags), every AVP in order as received with Destination-Realm and Destination-Host naming the chosen node,
     * then the Route-Record (RFC 6733 6.1.9).
     */
    private static byte[] upstreamRequest(DiameterMessage request, HssTarget target, HssHost host) {
        MessageWriter out = MessageWriter.forwarding(request);
        AvpGroup avps = request.avps();
        for (ReceivedAvp avp : avps.all()) {
            if (avp.definition() == Avp.DESTINATION_HOST) {
                continue;
            }
            if (avp.definition() == Avp.DESTINATION_REALM) {
                out.identity(Avp.DESTINATION_REALM, target.realm());
                out.identity(Avp.DESTINATION_HOST, host.identity());
                continue;
            }
            avp.copyTo(out);
        }
        String peer = request.receivedFrom();
        if (peer != null) {
            out.identity(Avp.ROUTE_RECORD, peer);
        } else {
            out.octets(Avp.ROUTE_RECORD, downstreamPeer(avps).data());
        }
        return out.toBytes();
    }

    /**
     * The Route-Record when the connection's peer is not known (a request not read from a connection): RFC 6733 6.7.1
     * wants the peer the request was received from, the Origin-Host of that connection's capabilities exchange
     * ({@link DiameterMessage#receivedFrom()}); without it, the last Route-Record when an agent has relayed the
     * request already, otherwise its Origin-Host.
     */
    private static ReceivedAvp downstreamPeer(AvpGroup avps) {
        List<ReceivedAvp> records = avps.all(Avp.ROUTE_RECORD);
        return records.isEmpty() ? avps.first(Avp.ORIGIN_HOST) : records.get(records.size() - 1);
    }
}
