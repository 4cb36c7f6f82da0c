package org.imshss.hss.cx;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.RequestSender;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationState.SetRegistration;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS-initiated Push-Profile procedure, TS 29.228 6.2.2: after a change to a served user's profile or
 * charging information, the S-CSCF gets the complete User-Data of the implicit set, which it stores in
 * place of what it had.
 */
public final class PushProfile {

    private static final Logger log = LoggerFactory.getLogger(PushProfile.class);

    private final SubscriberStore store;
    private final CxUserData userData;
    private final RequestSender sender;
    private final RegistrationTermination termination;

    public PushProfile(SubscriberStore store, CxUserData userData, RequestSender sender,
            RegistrationTermination termination) {
        this.store = store;
        this.userData = userData;
        this.sender = sender;
        this.termination = termination;
    }

    /** Pushes the profile of the implicit set this identity belongs to, if an S-CSCF serves it. */
    public CompletableFuture<NetworkOutcome> push(String publicIdentity) {
        Optional<PublicIdentity> found = store.publicIdentity(publicIdentity);
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(NetworkOutcome.notServed());
        }
        PublicIdentity impu = found.get();
        RegistrationState state = store.registration(impu.subscriptionId());
        SetRegistration set = state.set(impu.implicitSetId());
        if (set == null || state.scscfDiameterHost() == null) {
            return CompletableFuture.completedFuture(NetworkOutcome.notServed());
        }
        // User-Name: any private identity the S-CSCF knows for this set (TS 29.228 6.2.2.1).
        String impi = set.impis().stream().sorted().findFirst()
                .orElse(impu.privateIdentities().isEmpty() ? null : impu.privateIdentities().get(0));
        Optional<String> xml = userData.forImplicitSet(impi, impu.implicitSetId());
        if (xml.isEmpty()) {
            return CompletableFuture.completedFuture(new NetworkOutcome(NetworkOutcome.Status.FAILED, null,
                    "the profile of " + publicIdentity + " cannot be built"));
        }
        ChargingInformation charging = store.subscription(impu.subscriptionId())
                .map(ImsSubscription::chargingInformationId)
                .flatMap(store::chargingInformation)
                .orElse(null);
        log.debug("PPR to {} for {}", state.scscfDiameterHost(), impu.identity());
        return sender.send(Command.PPR, state.scscfDiameterHost(), state.scscfDiameterRealm(), out -> {
                    if (impi != null) {
                        out.utf8(Avp.USER_NAME, impi);
                    }
                    out.utf8(Avp.USER_DATA_CX, xml.get());
                    if (charging != null) {
                        CxEncoding.writeChargingInformation(out, charging);
                    }
                })
                .thenCompose(answer -> react(impu, RegistrationTermination.resultOf(answer)))
                .exceptionally(NetworkOutcome::failed);
    }

    /**
     * TS 29.228 6.2.2.1: an S-CSCF that cannot hold the data (TOO_MUCH_DATA) must give the user up, so the
     * user re-registers at another S-CSCF (RTR SERVER_CHANGE).
     */
    private CompletableFuture<NetworkOutcome> react(PublicIdentity impu, ResultCode result) {
        if (result == ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA) {
            return termination.deregisterPublicIdentities(List.of(impu.identity()),
                    DeregistrationReason.SERVER_CHANGE, null).thenApply(rtr -> NetworkOutcome.answered(result));
        }
        return CompletableFuture.completedFuture(NetworkOutcome.answered(result));
    }
}
