package org.imshss.slf.diameter;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answers;
import org.imshss.node.diameter.LocalIdentity;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.EventListener;
import org.jdiameter.api.Message;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.api.RawSession;
import org.jdiameter.api.Request;
import org.jdiameter.api.SessionFactory;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.controller.IPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a request to the HSS that holds the user and returns that HSS's answer, for clients that cannot
 * follow a redirect (Kamailio's cdp). As RFC 6733 6.1.9 asks of a relay: the request keeps its Session-Id,
 * End-to-End Identifier, Origin-Host/Realm and Proxy-Info, gets a hop-by-hop identifier of the upstream
 * connection (jDiameter assigns it) and a Route-Record naming the peer it came from; a request whose
 * Route-Records already name this node is a loop (DIAMETER_LOOP_DETECTED, 6.1.3). Because the SLF has resolved
 * the user to one HSS node, Destination-Host and Destination-Realm are set to it (what a proxy may do, 2.8.2).
 * The answer goes back over the connection the request came in on with the request's hop-by-hop identifier
 * restored (6.2.2) and every AVP of the HSS's answer, Proxy-Info included.
 *
 * <p>Nothing waits: the request's thread returns at once and the answer is sent from jDiameter's callback.
 */
public final class Relaying {

    private static final Logger log = LoggerFactory.getLogger(Relaying.class);

    private final LocalIdentity local;
    private final Answers answers;
    private final Supplier<SessionFactory> sessions;
    private final Supplier<PeerTable> peers;
    private final long timeoutMillis;

    public Relaying(LocalIdentity local, Answers answers, Supplier<SessionFactory> sessions, Supplier<PeerTable> peers,
            Duration timeout) {
        this.local = local;
        this.answers = answers;
        this.sessions = sessions;
        this.peers = peers;
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * Forwards the request.
     *
     * @return null when the answer will be sent later, or the answer to send now (loop, no HSS node reachable)
     */
    public Answer forward(Request request, Application application, HssTarget target) {
        if (Avps.utf8All(request.getAvps(), Avp.ROUTE_RECORD).stream().anyMatch(local.host()::equalsIgnoreCase)) {
            return answers.answer(request, ResultCode.DIAMETER_LOOP_DETECTED);
        }
        HssHost host = connectedHost(target);
        if (host == null) {
            log.debug("no node of HSS {} is connected", target.name());
            return answers.answer(request, ResultCode.DIAMETER_UNABLE_TO_DELIVER);
        }
        IPeer downstream = ((IMessage) request).getPeer();
        RawSession session;
        Message upstream;
        try {
            session = sessions.get().getNewRawSession();
            upstream = session.createMessage(request.getCommandCode(),
                    ApplicationId.createByAuthAppId(application.vendorId(), application.id()), -1,
                    request.getEndToEndIdentifier());
        } catch (Exception e) {
            log.warn("cannot relay {}: {}", request.getCommandCode(), e.toString());
            return answers.answer(request, ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        upstream.setRequest(true);
        upstream.setProxiable(request.isProxiable());
        upstream.setReTransmitted(request.isReTransmitted());
        // jDiameter starts the message with an application id of its own: the request's AVPs replace it.
        AvpSet avps = upstream.getAvps();
        while (avps.size() > 0) {
            avps.removeAvpByIndex(0);
        }
        copyForUpstream(request.getAvps(), avps, target, host);
        Avps.addIdentity(avps, Avp.ROUTE_RECORD, downstream.getUri().getFQDN());
        try {
            session.send(upstream, new EventListener<Message, Message>() {
                @Override
                public void receivedSuccessMessage(Message sent, Message answer) {
                    sendDownstream(downstream, relayedAnswer(request, answer));
                    session.release();
                }

                @Override
                public void timeoutExpired(Message sent) {
                    log.debug("HSS {} did not answer within {} ms", host.identity(), timeoutMillis);
                    sendDownstream(downstream, answers.answer(request, ResultCode.DIAMETER_UNABLE_TO_DELIVER));
                    session.release();
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            session.release();
            log.debug("cannot send to HSS {}: {}", host.identity(), e.toString());
            return answers.answer(request, ResultCode.DIAMETER_UNABLE_TO_DELIVER);
        }
        return null;
    }

    /** The first node, in the target's order, with an open connection. */
    private HssHost connectedHost(HssTarget target) {
        PeerTable table = peers.get();
        for (HssHost host : target.hosts()) {
            Peer peer = table.getPeer(host.identity());
            if (peer != null && peer.getState(PeerState.class) == PeerState.OKAY) {
                return host;
            }
        }
        return null;
    }

    /** Every AVP in order, with Destination-Realm and Destination-Host naming the chosen node. */
    private static void copyForUpstream(AvpSet from, AvpSet to, HssTarget target, HssHost host) {
        for (org.jdiameter.api.Avp avp : from) {
            int code = avp.getCode();
            if (code == Avp.DESTINATION_HOST.code() && avp.getVendorId() == Avp.DESTINATION_HOST.vendorId()) {
                continue;
            }
            if (code == Avp.DESTINATION_REALM.code() && avp.getVendorId() == Avp.DESTINATION_REALM.vendorId()) {
                Avps.addIdentity(to, Avp.DESTINATION_REALM, target.realm());
                Avps.addIdentity(to, Avp.DESTINATION_HOST, host.identity());
                continue;
            }
            to.addAvp(avp);
        }
    }

    /** The HSS's answer as the answer to the original request: its header identifiers, the HSS's AVPs. */
    private static Answer relayedAnswer(Request request, Message upstreamAnswer) {
        Answer answer = request.createAnswer();
        AvpSet avps = answer.getAvps();
        while (avps.size() > 0) {
            avps.removeAvpByIndex(0);
        }
        for (org.jdiameter.api.Avp avp : upstreamAnswer.getAvps()) {
            avps.addAvp(avp);
        }
        answer.setError(upstreamAnswer.isError());
        answer.setProxiable(request.isProxiable());
        return answer;
    }

    private static void sendDownstream(IPeer downstream, Answer answer) {
        try {
            if (!downstream.sendMessage((IMessage) answer)) {
                log.debug("answer to {} not sent: connection gone", downstream.getUri());
            }
        } catch (Exception e) {
            log.debug("answer to {} not sent: {}", downstream.getUri(), e.toString());
        }
    }
}
