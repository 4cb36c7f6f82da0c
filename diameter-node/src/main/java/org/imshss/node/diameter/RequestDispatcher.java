package org.imshss.node.diameter;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;
import org.imshss.provisioning.store.WritesRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests the transport has admitted: an ABNF violation the decoder found becomes its error answer
 * (5001, 5004, 5005, 5008, 5009, 5014 with Failed-AVP), otherwise the command's handler runs; a value a procedure
 * cannot take becomes its error answer and any other failure a clean DIAMETER_UNABLE_TO_COMPLY, never a stack trace
 * to the peer or in the log.
 */
public final class RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Answers answers;
    private final Map<Command, RequestHandler> handlers;
    private final RequestObserver observer;

    public RequestDispatcher(Answers answers, Map<Command, RequestHandler> handlers, RequestObserver observer) {
        this.answers = answers;
        this.handlers = new EnumMap<>(handlers);
        this.observer = observer;
    }

    /** Whether a handler serves this command (the transport answers 3001 for others, RFC 6733 7.1.3). */
    public boolean handles(Command command) {
        return handlers.containsKey(command);
    }

    /**
     * Answers {@code request}, whose command {@link #handles} says is served; {@code reply} gets the answer's
     * octets, at once or, for a relay, when the other node's answer arrives.
     *
     * @param violation what the decoder found against the command's ABNF, or null
     */
    public void dispatch(DiameterMessage request, Violation violation, Consumer<byte[]> reply) {
        long started = System.nanoTime();
        Command command = request.command().orElseThrow();
        Answer answer = violation != null ? reject(command, violation) : handle(command, request);
        if (answer.relayed() != null) {
            answer.relayed().whenComplete((bytes, failure) -> {
                observer.answered(command, null, System.nanoTime() - started);
                reply.accept(bytes != null ? bytes : answers.write(request, ResultCode.DIAMETER_UNABLE_TO_DELIVER));
            });
            return;
        }
        byte[] bytes = answers.write(request, answer);
        observer.answered(command, answer.result(), System.nanoTime() - started);
        reply.accept(bytes);
    }

    private Answer handle(Command command, DiameterMessage request) {
        try {
            return handlers.get(command).handle(request);
        } catch (AvpDecodeException e) {
            return reject(command, e.violation());
        } catch (RuntimeException e) {
            if (WritesRefused.isCause(e)) {
                // This part of a divided cluster may not write; a node of the part that may can: a transient,
                // node-specific refusal the peer retries at an alternate peer (RFC 6733 7.1.3, DIAMETER_TOO_BUSY).
                log.debug("{} refused: this part of the grid accepts no writes", command);
                return Answer.of(ResultCode.DIAMETER_TOO_BUSY);
            }
            // The peer gets a clean answer; the operator gets the cause once, without request content.
            log.warn("{} failed: {}", command, e.toString());
            return Answer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
    }

    private static Answer reject(Command command, Violation violation) {
        log.debug("{} rejected: {}", command, violation.errorMessage());
        return Answer.reject(violation);
    }
}
