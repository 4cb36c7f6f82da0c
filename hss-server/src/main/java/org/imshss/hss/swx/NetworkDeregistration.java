package org.imshss.hss.swx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.cx.DeregistrationReason;
import org.imshss.hss.cx.NetworkOutcome;
import org.imshss.node.diameter.RequestSender;
import org.imshss.provisioning.store.EpsDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS-initiated de-registration, TS 29.273 8.1.2.2.3: the USIM's AAA server is removed (one atomic change) and
 * then told with a Registration-Termination-Request, so that it detaches the UE from non-3GPP access.
 */
public final class NetworkDeregistration {

    private static final Logger log = LoggerFactory.getLogger(NetworkDeregistration.class);

    private final EpsDataStore usims;
    private final RequestSender sender;

    public NetworkDeregistration(EpsDataStore usims, RequestSender sender) {
        this.usims = usims;
        this.sender = sender;
    }

    /** Removes the USIM's AAA server and sends it an RTR; NOT_SERVED when no AAA server is stored. */
    public CompletableFuture<NetworkOutcome> deregister(String imsi, DeregistrationReason reason, String reasonInfo) {
        AaaServerChanges.Claim removed = usims.updateAaaRegistration(imsi, new AaaServerChanges.Remove());
        if (!removed.granted()) {
            return CompletableFuture.completedFuture(new NetworkOutcome(NetworkOutcome.Status.NOT_SERVED, null, null));
        }
        log.debug("SWx RTR to {} for IMSI {} ({})", removed.host(), imsi, reason);
        return sender.send(Command.SWX_RTR, removed.host(), removed.realm(), out -> {
            out.utf8(Avp.USER_NAME, imsi);
            int why = out.begin(Avp.DEREGISTRATION_REASON);
            out.enumerated(Avp.REASON_CODE, reason.wire());
            if (reasonInfo != null) {
                out.utf8(Avp.REASON_INFO, reasonInfo);
            }
            out.end(why);
        }).thenApply(NetworkDeregistration::answered).exceptionally(NetworkDeregistration::failed);
    }

    /** The answer's result; one without a result the AAA server could not comply with. */
    static NetworkOutcome answered(DiameterMessage answer) {
        ResultCode result = answer.avps().result();
        return new NetworkOutcome(NetworkOutcome.Status.ANSWERED,
                result == null ? ResultCode.DIAMETER_UNABLE_TO_COMPLY : result, null);
    }

    static NetworkOutcome failed(Throwable cause) {
        Throwable root = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        return new NetworkOutcome(NetworkOutcome.Status.FAILED, null, root.getMessage());
    }
}
