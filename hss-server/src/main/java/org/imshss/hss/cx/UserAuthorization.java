package org.imshss.hss.cx;

import java.time.Clock;
import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings.CxSettings;
import org.imshss.provisioning.model.ImsSubscription;
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
        if (found.isEmpty() || found.get().type().isWildcard()) {
            return UserAuthorizationAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        PublicIdentity impu = found.get();
        // Step 2. An IMPI the IMPU names exists (provisioning keeps both sides), so the private identity
        // is read only to tell an unknown IMPI (5001) from one that belongs to another user (5002).
        if (!impu.isAssociatedWith(request.privateIdentity())) {
            return store.privateIdentity(request.privateIdentity()).isEmpty()
                    ? UserAuthorizationAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN)
                    : UserAuthorizationAnswer.of(ResultCode.DIAMETER_ERROR_IDENTITIES_DONT_MATCH);
        }
        // Step 3: an emergency registration is never refused for barring or roaming.
        if (!request.emergency() && impu.barred() && !implicitSetHasUnbarredIdentity(impu)) {
            return UserAuthorizationAnswer.of(ResultCode.DIAMETER_AUTHORIZATION_REJECTED);
        }
        AuthorizationType type = request.authorizationType();
        // Step 4: roaming check for registrations only; the subscription is read only when needed.
        Subscription subscription = new Subscription(impu.subscriptionId());
        if (type != AuthorizationType.DE_REGISTRATION && !request.emergency()
                && !isHomeNetwork(request.visitedNetwork())) {
            if (subscription.get() == null) {
                return UserAuthorizationAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
            }
            if (!subscription.get().allowsVisitedNetwork(request.visitedNetwork())) {
                return UserAuthorizationAnswer.of(ResultCode.DIAMETER_ERROR_ROAMING_NOT_ALLOWED);
            }
        }
        if (type == AuthorizationType.REGISTRATION_AND_CAPABILITIES) {
            // The I-CSCF asks for a new S-CSCF (the assigned one is unreachable): capabilities only.
            return capabilities(ResultCode.DIAMETER_SUCCESS, subscription);
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
        return capabilities(ResultCode.DIAMETER_FIRST_REGISTRATION, subscription);
    }

    /** The subscription, read at most once and only if a step needs it. */
    private final class Subscription {
        private final String id;
        private ImsSubscription value;

        Subscription(String id) {
            this.id = id;
        }

        ImsSubscription get() {
            if (value == null) {
                value = store.subscription(id).orElse(null);
            }
            return value;
        }
    }

    private UserAuthorizationAnswer capabilities(ResultCode result, Subscription subscription) {
        if (subscription.get() == null) {
            return UserAuthorizationAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        return new UserAuthorizationAnswer(result, null, selection.capabilitiesFor(subscription.get()));
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

    private boolean isHomeNetwork(String visitedNetwork) {
        for (String home : settings.homeNetworks()) {
            if (home.equalsIgnoreCase(visitedNetwork)) {
                return true;
            }
        }
        return false;
    }
}
