package org.imshss.hss.swx;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.hss.cx.NetworkOutcome;
import org.imshss.node.diameter.RequestSender;
import org.imshss.provisioning.model.AaaRegistration;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.EpsDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS-initiated update of the user profile, TS 29.273 8.1.2.3: after a change to a registered USIM's non-3GPP
 * profile, its AAA server gets the complete Non-3GPP-User-Data in a Push-Profile-Request, which replaces what it
 * held.
 */
public final class UserProfileUpdate {

    private static final Logger log = LoggerFactory.getLogger(UserProfileUpdate.class);

    private final EpsDataStore usims;
    private final RequestSender sender;

    public UserProfileUpdate(EpsDataStore usims, RequestSender sender) {
        this.usims = usims;
        this.sender = sender;
    }

    /**
     * Sends the profile of this USIM to its registered AAA server; NOT_SERVED when none is registered or the USIM
     * has no non-3GPP subscription left (that is a de-registration, {@link SwxProvisioningChanges}).
     */
    public CompletableFuture<NetworkOutcome> push(String imsi) {
        Optional<AaaRegistration> registration = usims.aaaRegistration(imsi).filter(AaaRegistration::registered);
        Optional<Usim> usim = usims.usim(imsi).filter(u -> u.non3gpp() != null);
        if (registration.isEmpty() || usim.isEmpty()) {
            return CompletableFuture.completedFuture(new NetworkOutcome(NetworkOutcome.Status.NOT_SERVED, null, null));
        }
        Optional<Non3gppProfile> profile = Non3gppProfile.resolve(usim.get(), usims);
        if (profile.isEmpty()) {
            return CompletableFuture.completedFuture(new NetworkOutcome(NetworkOutcome.Status.FAILED, null,
                    "an APN profile of IMSI " + imsi + " does not exist"));
        }
        log.debug("SWx PPR to {} for IMSI {}", registration.get().host(), imsi);
        return sender.send(Command.SWX_PPR, registration.get().host(), registration.get().realm(), out -> {
            out.utf8(Avp.USER_NAME, imsi);
            Non3gppUserDataWriter.write(out, profile.get());
        }).thenApply(NetworkDeregistration::answered).exceptionally(NetworkDeregistration::failed);
    }
}
