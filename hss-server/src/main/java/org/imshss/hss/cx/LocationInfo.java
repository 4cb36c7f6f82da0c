package org.imshss.hss.cx;

import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationStatus;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.store.SubscriberStore;

/** The HSS side of the Location-Information procedure, TS 29.228 6.1.4. Reads only. */
public final class LocationInfo {

    private final SubscriberStore store;
    private final ServerSelection selection;

    public LocationInfo(SubscriberStore store, ServerSelection selection) {
        this.store = store;
        this.selection = selection;
    }

    public LocationInfoAnswer handle(LocationInfoRequest request) {
        // Step 1: a distinct identity first, then a wildcarded PSI/IMPU.
        Optional<ResolvedIdentity> resolved = ResolvedIdentity.resolve(store, request.publicIdentity(), null);
        if (resolved.isEmpty() || resolved.get().identity().isInactivePsi()) {
            return LocationInfoAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        PublicIdentity impu = resolved.get().identity();
        String wildcard = resolved.get().wildcard();
        // Step 2: a PSI hosted by an AS that the I-CSCF may reach directly (TS 23.228 5.4.12.4).
        if (impu.type().isPsi() && impu.psiAsName() != null && !request.originating()) {
            return new LocationInfoAnswer(ResultCode.DIAMETER_SUCCESS, impu.psiAsName(), null, wildcard, true);
        }
        Optional<ImsSubscription> subscription = store.subscription(impu.subscriptionId());
        if (subscription.isEmpty()) {
            return LocationInfoAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        if (request.authorizationType() == AuthorizationType.REGISTRATION_AND_CAPABILITIES) {
            return new LocationInfoAnswer(ResultCode.DIAMETER_SUCCESS, null,
                    selection.capabilitiesFor(subscription.get()), wildcard, false);
        }
        RegistrationState state = store.registration(impu.subscriptionId());
        RegistrationStatus status = state.status(impu.implicitSetId());
        if (status != RegistrationStatus.NOT_REGISTERED) {
            return new LocationInfoAnswer(ResultCode.DIAMETER_SUCCESS, state.scscfName(), null, wildcard, false);
        }
        if (request.originating() || hasUnregisteredServices(impu)) {
            if (state.hasScscf()) {
                return new LocationInfoAnswer(ResultCode.DIAMETER_SUCCESS, state.scscfName(), null, wildcard, false);
            }
            return new LocationInfoAnswer(ResultCode.DIAMETER_UNREGISTERED_SERVICE, null,
                    selection.capabilitiesFor(subscription.get()), wildcard, false);
        }
        return LocationInfoAnswer.of(ResultCode.DIAMETER_ERROR_IDENTITY_NOT_REGISTERED);
    }

    /**
     * Whether an S-CSCF has anything to do for this identity while it is not registered: a PSI always
     * (it never registers), a user identity when an iFC of its profile applies to the unregistered state.
     */
    private boolean hasUnregisteredServices(PublicIdentity impu) {
        if (impu.type().isPsi()) {
            return true;
        }
        Optional<ServiceProfile> profile = store.serviceProfile(impu.serviceProfileId());
        if (profile.isEmpty()) {
            return false;
        }
        for (String ifcId : profile.get().ifcIds()) {
            Optional<InitialFilterCriteria> ifc = store.initialFilterCriteria(ifcId);
            if (ifc.isPresent() && ifc.get().appliesUnregistered()) {
                return true;
            }
        }
        return !profile.get().sharedIfcSetIds().isEmpty();
    }
}
