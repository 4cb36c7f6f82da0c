package org.imshss.hss;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.node.diameter.RequestHandler;

/**
 * Acknowledges nothing that a divided cluster may drop. A write in flight when the cluster is cut waits for the copy
 * on the other side; once Ignite drops the unreachable nodes it completes the write with the copies this side holds,
 * although the topology validator now refuses writes here. If this side is the minority, the other side went on
 * without that write and the two copies differ until the minority rejoins and takes the majority's. So a request
 * that began while this node's part accepted writes and ends when it no longer does is answered 3004
 * DIAMETER_TOO_BUSY, as a write refused outright would be (RFC 6733 7.1.3): its effect, if any, was never
 * acknowledged, and the peer sends it again to a node of the part that writes.
 */
final class QuorumGuard {

    private QuorumGuard() {
    }

    /** {@code application} with every handler guarded. */
    static DiameterApplication wrap(DiameterApplication application, BooleanSupplier writesAccepted) {
        Map<Command, RequestHandler> guarded = application.handlers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> guard(entry.getValue(), writesAccepted)));
        return new DiameterApplication(application.application(), guarded);
    }

    private static RequestHandler guard(RequestHandler handler, BooleanSupplier writesAccepted) {
        return request -> {
            boolean before = writesAccepted.getAsBoolean();
            Answer answer = handler.handle(request);
            if (before && !writesAccepted.getAsBoolean()) {
                return Answer.of(ResultCode.DIAMETER_TOO_BUSY);
            }
            return answer;
        };
    }
}
