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
 * The HSS-initiated Insert-Subscriber-Data procedure, TS 29.272 5.2.2.1, after a provisioning change: the complete
 * Subscription-Data, with every APN configuration (All_APN_CONFIGURATIONS_INCLUDED, 7.3.33), so the MME replaces
 * what it holds and APN configurations no longer subscribed go with it (5.2.2.1.2). No IDR-Flags: nothing is asked
 * of the MME.
 */
public final class InsertSubscriberData {

    private static final Logger log = LoggerFactory.getLogger(InsertSubscriberData.class);

    private final RequestSender sender;
    private final SubscriptionDataWriter writer;

    public InsertSubscriberData(RequestSender sender, SubscriptionDataWriter writer) {
        this.sender = sender;
        this.writer = writer;
    }

    public CompletableFuture<Outcome> insert(ServingNode node, EpsProfile profile) {
        log.debug("IDR to {} for {}", node.host(), profile.imsi());
        return sender.send(Command.IDR, node.host(), node.realm(), out -> {
                    out.utf8(Avp.USER_NAME, profile.imsi());
                    writer.write(out, profile);
                })
                .thenApply(S6aOutcomes::answered)
                .exceptionally(S6aOutcomes::failed);
    }
}
