package org.imshss.node.diameter;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.EventListener;
import org.jdiameter.api.Request;
import org.jdiameter.api.Session;
import org.jdiameter.api.SessionFactory;

/**
 * Sends the requests the HSS originates (RTR, PPR, PNR) to a peer by its Diameter identity and completes
 * with the answer, or exceptionally on timeout. Never blocks the caller: a peer that does not answer (as
 * Kamailio's S-CSCF does for PPR) costs one timer, not a thread.
 */
public final class RequestSender {

    private static final int NO_STATE_MAINTAINED = Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED");

    private final Supplier<SessionFactory> sessions;
    private final Duration timeout;
    private final BiConsumer<Command, String> outcomes;

    public RequestSender(Supplier<SessionFactory> sessions, Duration timeout) {
        this(sessions, timeout, (command, outcome) -> { });
    }

    /**
     * @param outcomes told how each request ended: the answer's result code, {@code timeout} or {@code failed}
     */
    public RequestSender(Supplier<SessionFactory> sessions, Duration timeout, BiConsumer<Command, String> outcomes) {
        this.sessions = sessions;
        this.timeout = timeout;
        this.outcomes = outcomes;
    }

    /**
     * @param body adds the command's own AVPs after Session-Id, Vendor-Specific-Application-Id,
     *             Destination-Realm/Host, Origin-Host/Realm and Auth-Session-State
     */
    public CompletableFuture<Answer> send(Command command, Application application, String destinationHost,
            String destinationRealm, Consumer<AvpSet> body) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        result.whenComplete((answer, error) -> outcomes.accept(command, error instanceof PeerTimeoutException
                ? "timeout" : error != null ? "failed"
                : Avps.result(answer.getAvps()).map(r -> Integer.toString(r.code())).orElse("none")));
        Session session;
        try {
            session = sessions.get().getNewSession();
        } catch (Exception e) {
            result.completeExceptionally(e);
            return result;
        }
        try {
            Request request = session.createRequest(command.code(),
                    ApplicationId.createByAuthAppId(application.vendorId(), application.id()), destinationRealm,
                    destinationHost);
            request.setProxiable(command.isProxiable());
            AvpSet avps = request.getAvps();
            Avps.addEnumerated(avps, Avp.AUTH_SESSION_STATE, NO_STATE_MAINTAINED);
            body.accept(avps);
            // jDiameter may call both callbacks for one request: the first one wins.
            session.send(request, new EventListener<Request, Answer>() {
                @Override
                public void receivedSuccessMessage(Request sent, Answer answer) {
                    if (result.complete(answer)) {
                        session.release();
                    }
                }

                @Override
                public void timeoutExpired(Request sent) {
                    if (result.completeExceptionally(new PeerTimeoutException(command + " to " + destinationHost
                            + " not answered within " + timeout.toMillis() + " ms"))) {
                        session.release();
                    }
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            session.release();
            result.completeExceptionally(e);
        }
        return result;
    }

    /** The peer did not answer in time. */
    public static final class PeerTimeoutException extends RuntimeException {
        public PeerTimeoutException(String message) {
            super(message);
        }
    }
}
