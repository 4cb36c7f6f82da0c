package org.imshss.node.diameter;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.Command;
import org.imshss.diameter.MessageValidator;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;
import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every application's edge does before and around its procedures: header bits (3008), the command
 * (3001 for one the application does not receive), the command's ABNF (5001, 5004, 5005, 5008, 5009, 5014),
 * then one handler per command; a malformed value becomes its error answer and any other failure a clean
 * DIAMETER_UNABLE_TO_COMPLY, never a stack trace to the peer or in the log.
 */
public final class RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Answers answers;
    private final MessageValidator validator;
    private final Map<Command, Function<Request, Answer>> handlers;

    /** @param handlers the requests the application receives, each with its handler */
    public RequestDispatcher(Answers answers, MessageValidator validator,
            Map<Command, Function<Request, Answer>> handlers) {
        this.answers = answers;
        this.validator = validator;
        this.handlers = new EnumMap<>(handlers);
    }

    public Answer dispatch(Request request) {
        Optional<Violation> headerViolation = HeaderChecks.check(request);
        if (headerViolation.isPresent()) {
            return answers.reject(request, headerViolation.get());
        }
        Optional<Command> command = Command.lookup(request.getCommandCode(), true);
        Function<Request, Answer> handler = command.map(handlers::get).orElse(null);
        if (handler == null) {
            return answers.answer(request, ResultCode.DIAMETER_COMMAND_UNSUPPORTED);
        }
        Optional<Violation> violation = validator.validate(command.get(), request);
        if (violation.isPresent()) {
            log.debug("{} rejected: {}", command.get(), violation.get().errorMessage());
            return answers.reject(request, violation.get());
        }
        try {
            return handler.apply(request);
        } catch (AvpDecodeException e) {
            log.debug("{} rejected: {}", command.get(), e.getMessage());
            return answers.reject(request, e);
        } catch (RuntimeException e) {
            // The peer gets a clean answer; the operator gets the cause once, without request content.
            log.warn("{} failed: {}", command.get(), e.toString());
            return answers.answer(request, ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
    }
}
