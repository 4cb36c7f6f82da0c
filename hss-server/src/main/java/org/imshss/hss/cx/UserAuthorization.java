package org.imshss.hss.cx;

import java.time.Clock;
import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings.CxSettings;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationStatus;
import org.imshss.provisioning.store.SubscriberStore;

/** The HSS side of the User-Authorization procedure, TS 29.228 6.1.1. Reads only. */
public final class UserAuthorization {

    private final SubscriberStore store;
    private final CxSettings settings;
    private final ServerSelection selection;
    private final Clock clock;

    public UserAuthorization(SubscriberStore store, CxSettings settings, ServerSelection selection, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.selection = selection;
        this.clock = clock;
    }

    public UserAuthorizationAnswer handle(UserAuthorizationRequest request) {
        // Step 1: both identities known; the public one must be distinct, not only a wildcard match.
        Optional<PublicIdentity> found = store.publicIdentity(request.publicIdentity());
        Optional<PrivateIdentity> impi = store.privateIdentity(request.privateIdentity());
        if (found.isEmpty() || impi.isEmpty() || found.get().type().isWildcard()) {
            return UserAuthorizationAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        PublicIdentity impu = found.get();
        // Step 2
        if (!impu.isAssociatedWith(impi.get().impi())) {
            return UserAuthorizationAnswer.of(ResultCode.DIAMETER_ERROR_IDENTITIES_DONT_MATCH);
        }
        Optional<ImsSubscription> subscription = store.subscription(impu.subscriptionId());
        if (subscription.isEmpty()) {
            return UserAuthorizationAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        // Step 3: an emergency registration is never refused for barring or roaming.
        if (!request.emergency() && impu.barred() && !implicitSetHasUnbarredIdentity(impu)) {
            return UserAuthorizationAnswer.of(ResultCode.DIAMETER_AUTHORIZATION_REJECTED);
        }
        AuthorizationType type = request.authorizationType();
        // Step 4: roaming check for registrations only.
        if (type != AuthorizationType.DE_REGISTRATION && !request.emergency()
                && !mayRegisterFrom(subscription.get(), request.visitedNetwork())) {
            return UserAuthorizationAnswer.of(ResultCode.DIAMETER_ERROR_ROAMING_NOT_ALLOWED);
        }
        if (type == AuthorizationType.REGISTRATION_AND_CAPABILITIES) {
            // The I-CSCF asks for a new S-CSCF (the assigned one is unreachable): capabilities only.
            return new UserAuthorizationAnswer(ResultCode.DIAMETER_SUCCESS, null,
                    selection.capabilitiesFor(subscription.get()));
        }
        // Step 5
        RegistrationState state = store.registration(impu.subscriptionId());
        RegistrationStatus status = state.status(impu.implicitSetId());
        if (type == AuthorizationType.DE_REGISTRATION) {
            return status == RegistrationStatus.NOT_REGISTERED
                    ? UserAuthorizationAnswer.of(ResultCode.DIAMETER_ERROR_IDENTITY_NOT_REGISTERED)
                    : new UserAuthorizationAnswer(ResultCode.DIAMETER_SUCCESS, state.scscfName(), null);
        }
        if (status != RegistrationStatus.NOT_REGISTERED || servedOrPending(state)) {
            return new UserAuthorizationAnswer(ResultCode.DIAMETER_SUBSEQUENT_REGISTRATION, state.scscfName(), null);
        }
        return new UserAuthorizationAnswer(ResultCode.DIAMETER_FIRST_REGISTRATION, null,
                selection.capabilitiesFor(subscription.get()));
    }

    /**
     * An S-CSCF already serves the subscription: another implicit set is registered or unregistered, or an
     * authentication is pending there (TS 29.228 6.1.1 step 5).
     */
    private boolean servedOrPending(RegistrationState state) {
        if (!state.hasScscf()) {
            return false;
        }
        long notBefore = clock.millis() - settings.authPendingTimeout().toMillis();
        return state.anySetServed() || state.anyAuthPending(notBefore);
    }

    private boolean implicitSetHasUnbarredIdentity(PublicIdentity impu) {
        return store.implicitRegistrationSet(impu.implicitSetId())
                .map(set -> set.publicIdentities().stream()
                        .map(store::publicIdentity)
                        .anyMatch(other -> other.isPresent() && !other.get().barred()))
                .orElse(false);
    }

    private boolean mayRegisterFrom(ImsSubscription subscription, String visitedNetwork) {
        for (String home : settings.homeNetworks()) {
            if (home.equalsIgnoreCase(visitedNetwork)) {
                return true;
            }
        }
        return subscription.allowsVisitedNetwork(visitedNetwork);
    }
}
