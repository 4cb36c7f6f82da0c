package org.imshss.hss;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.node.diameter.RequestHandler;

/**
 * Acknowledges nothing that a divided cluster may drop. A request that may write (SAR, MAR, PUR, SNR; on S6a AIR,
 * which allocates SQNs, and ULR, Purge-UE and NOR, which change the EPS registration; on SWx MAR and SAR, which
 * allocate SQNs and store the AAA server) is answered 3004 DIAMETER_TOO_BUSY (RFC 6733 7.1.3: the peer sends it
 * again to another node, one of the part that writes)
 * <ul>
 *   <li>at once when this node's part accepts no writes: also when it would be answered from a read (a SAR that
 *       changes nothing), since that read may show this part's own unacknowledged writes;</li>
 *   <li>after its handler when a server node left the cluster while it ran: a write in flight when the cluster is
 *       cut waits for the copy on the other side and completes with this side's copies once Ignite drops the
 *       other's nodes; the two parts drop each other's nodes one by one, and in between each may count a majority,
 *       so neither the validator nor a count taken then can tell which part the write belongs to;</li>
 *   <li>after its handler when this node's part no longer accepts writes.</li>
 * </ul>
 * Its effect, if any, was never acknowledged. UAR, LIR and UDR only read and are served from this part's copy.
 */
final class QuorumGuard {

    /** Every other command counts as a write: a new one is guarded unless it is added here. */
    private static final Set<Command> READS = Set.of(Command.UAR, Command.LIR, Command.UDR);

    /** What the guard asks the grid. */
    interface Grid {
        boolean writesAccepted();

        long topologyVersion();

        boolean serverLeftSince(long version);
    }

    private QuorumGuard() {
    }

    /** {@code application} with every request that may write guarded. */
    static DiameterApplication wrap(DiameterApplication application, Grid grid) {
        Map<Command, RequestHandler> guarded = application.handlers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> READS.contains(entry.getKey())
                        ? entry.getValue() : guard(entry.getValue(), grid)));
        return new DiameterApplication(application.application(), guarded);
    }

    private static RequestHandler guard(RequestHandler handler, Grid grid) {
        return request -> {
            long version = grid.topologyVersion();
            if (!grid.writesAccepted()) {
                return Answer.of(ResultCode.DIAMETER_TOO_BUSY);
            }
            Answer answer = handler.handle(request);
            if (grid.serverLeftSince(version) || !grid.writesAccepted()) {
                return Answer.of(ResultCode.DIAMETER_TOO_BUSY);
            }
            return answer;
        };
    }
}
