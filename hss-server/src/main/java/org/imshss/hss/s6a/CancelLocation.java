package org.imshss.hss.s6a;

import java.util.concurrent.CompletableFuture;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.node.diameter.RequestSender;
import org.imshss.provisioning.model.EpsRegistration.ServingNode;
import org.imshss.provisioning.service.NetworkUpdates.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS-initiated Cancel-Location procedure, TS 29.272 5.2.1.2: a CLR to the MME or SGSN stored for the UE,
 * which then deletes what it holds for it. Never waited for by the procedure that caused it: an MME that does not
 * answer costs an entry in the ledger of sent requests and a WARN line.
 */
public final class CancelLocation {

    private static final Logger log = LoggerFactory.getLogger(CancelLocation.class);
    /** CLR-Flags (7.3.152) bit 0: the CLR goes over S6a (to an MME). */
    static final long S6A_S6D_INDICATOR = 1L;
    /** CLR-Flags bit 1: the MME/SGSN shall have the UE re-attach at once (TS 23.401 5.3.8.4). */
    static final long REATTACH_REQUIRED = 1L << 1;

    private final RequestSender sender;

    public CancelLocation(RequestSender sender) {
        this.sender = sender;
    }

    /**
     * @param mme whether {@code node} is the UE's MME (S6a) rather than its SGSN (S6d)
     */
    public CompletableFuture<Outcome> cancel(String imsi, ServingNode node, boolean mme, CancellationType type,
            boolean reattachRequired) {
        long flags = (mme ? S6A_S6D_INDICATOR : 0) | (reattachRequired ? REATTACH_REQUIRED : 0);
        log.debug("CLR ({}) to {} for {}", type, node.host(), imsi);
        return sender.send(Command.CLR, node.host(), node.realm(), out -> out
                        .utf8(Avp.USER_NAME, imsi)
                        .enumerated(Avp.CANCELLATION_TYPE, type.wire())
                        .unsigned32(Avp.CLR_FLAGS, flags))
                .thenApply(S6aOutcomes::answered)
                .exceptionally(S6aOutcomes::failed)
                .whenComplete((outcome, error) -> {
                    if (!S6aOutcomes.succeeded(outcome)) {
                        log.warn("CLR ({}) to {} for {}: {} {}", type, node.host(), imsi, outcome.status(),
                                outcome.resultCode() != null ? outcome.resultCode() : outcome.detail());
                    }
                });
    }
}
