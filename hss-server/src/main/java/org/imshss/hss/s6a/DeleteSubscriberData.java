package org.imshss.hss.s6a;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.node.diameter.RequestSender;
import org.imshss.provisioning.model.EpsRegistration.ServingNode;
import org.imshss.provisioning.service.NetworkUpdates.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS-initiated Delete-Subscriber-Data procedure, TS 29.272 5.2.2.2: data an IDR cannot withdraw (an IDR only
 * adds or replaces what it carries) is deleted at the MME/SGSN by DSR-Flags (7.3.25).
 */
public final class DeleteSubscriberData {

    private static final Logger log = LoggerFactory.getLogger(DeleteSubscriberData.class);

    /** DSR-Flags bit 2: Subscribed Charging Characteristics Withdrawal. */
    public static final long CHARGING_CHARACTERISTICS = 1L << 2;
    /** DSR-Flags bit 3: PDN subscription contexts Withdrawal, the contexts named by Context-Identifier. */
    public static final long PDN_CONTEXTS = 1L << 3;
    /** DSR-Flags bit 14: Subscribed periodic RAU-TAU Timer Withdrawal. */
    public static final long PERIODIC_TAU_TIMER = 1L << 14;
    /** DSR-Flags bit 16: A-MSISDN Withdrawal. */
    public static final long A_MSISDN = 1L << 16;
    /** DSR-Flags bit 23: MSISDN Withdrawal. */
    public static final long MSISDN = 1L << 23;

    private final RequestSender sender;

    public DeleteSubscriberData(RequestSender sender) {
        this.sender = sender;
    }

    /**
     * @param flags the DSR-Flags
     * @param contextIdentifiers the PDN contexts withdrawn; only with {@link #PDN_CONTEXTS}
     */
    public CompletableFuture<Outcome> delete(String imsi, ServingNode node, long flags,
            List<Integer> contextIdentifiers) {
        log.debug("DSR (flags {}) to {} for {}", flags, node.host(), imsi);
        return sender.send(Command.DSR, node.host(), node.realm(), out -> {
                    out.utf8(Avp.USER_NAME, imsi);
                    out.unsigned32(Avp.DSR_FLAGS, flags);
                    if ((flags & PDN_CONTEXTS) != 0) {
                        for (int id : contextIdentifiers) {
                            out.unsigned32(Avp.CONTEXT_IDENTIFIER, id);
                        }
                    }
                })
                .thenApply(S6aOutcomes::answered)
                .exceptionally(S6aOutcomes::failed);
    }
}
