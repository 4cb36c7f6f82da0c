package org.imshss.node.diameter;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;

/**
 * What a handler answers: the result and the command's own AVPs, written by {@link Answers} after the AVPs every
 * answer starts with; or a rejection with Error-Message and Failed-AVP; or, for a relay, the octets of an answer
 * still to come.
 *
 * @param body writes the command's own AVPs (may be empty)
 * @param violation for a rejection, what goes into Error-Message and Failed-AVP; else null
 * @param relayed for an answer that comes later, complete (octets as they are sent back); else null. A stage
 *                that ends exceptionally is answered DIAMETER_UNABLE_TO_DELIVER (RFC 6733 7.1.3: no node could
 *                be reached in time).
 */
public record Answer(ResultCode result, Consumer<MessageWriter> body, Violation violation,
        CompletionStage<byte[]> relayed) {

    private static final Consumer<MessageWriter> NOTHING = writer -> { };

    public Answer {
        Objects.requireNonNull(body);
    }

    /** The result alone. */
    public static Answer of(ResultCode result) {
        return new Answer(Objects.requireNonNull(result), NOTHING, null, null);
    }

    /** The result and the command's AVPs. */
    public static Answer of(ResultCode result, Consumer<MessageWriter> body) {
        return new Answer(Objects.requireNonNull(result), body, null, null);
    }

    /** A request refused with the AVP that caused it (RFC 6733 7.5). */
    public static Answer reject(Violation violation) {
        return new Answer(violation.resultCode(), NOTHING, violation, null);
    }

    /** The answer of another node, sent back when it arrives (a relay, RFC 6733 6.1.9). */
    public static Answer relayed(CompletionStage<byte[]> answer) {
        return new Answer(null, NOTHING, null, Objects.requireNonNull(answer));
    }
}
