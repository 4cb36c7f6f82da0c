package org.imshss.hss.cx;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imshss.diameter.Avp;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.cx.ServerAssignmentAnswer.FailedIdentity;
import org.imshss.hss.config.HssSettings.CxSettings;
import org.imshss.hss.cx.RegistrationChanges.Assignment;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.store.SubscriberStore;

/** The HSS side of the Server-Assignment procedure, TS 29.228 6.1.2. */
public final class ServerAssignment {

    private final SubscriberStore store;
    private final CxSettings settings;
    private final CxUserData userData;
    private final Clock clock;

    public ServerAssignment(SubscriberStore store, CxSettings settings, CxUserData userData, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.userData = userData;
        this.clock = clock;
    }

    public ServerAssignmentAnswer handle(ServerAssignmentRequest request) {
        ServerAssignmentType type = request.type();
        if (!type.isCx()) {
            return ServerAssignmentAnswer.of(ResultCode.DIAMETER_ERROR_IN_ASSIGNMENT_TYPE);
        }
        // Only de-registrations may name several public identities.
        if (request.publicIdentities().size() > 1 && !type.isDeregistration()) {
            return ServerAssignmentAnswer.failed(ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES,
                    new FailedIdentity(Avp.PUBLIC_IDENTITY, request.publicIdentities().get(1),
                            "only de-registrations may name several public identities"));
        }
        PrivateIdentity impi = null;
        if (request.privateIdentity() != null) {
            impi = store.privateIdentity(request.privateIdentity()).orElse(null);
            if (impi == null) {
                return ServerAssignmentAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
            }
        }
        List<ResolvedIdentity> targets = new ArrayList<>();
        if (!request.publicIdentities().isEmpty()) {
            for (String identity : request.publicIdentities()) {
                Optional<ResolvedIdentity> resolved = ResolvedIdentity.resolve(store, identity,
                        request.wildcardedIdentity());
                if (resolved.isEmpty()) {
                    return ServerAssignmentAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
                }
                targets.add(resolved.get());
            }
        } else if (request.wildcardedIdentity() != null) {
            Optional<ResolvedIdentity> resolved = ResolvedIdentity.resolve(store, null, request.wildcardedIdentity());
            if (resolved.isEmpty()) {
                return ServerAssignmentAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
            }
            targets.add(resolved.get());
        } else if (impi != null) {
            // A de-registration by User-Name alone concerns every public identity of that IMPI.
            for (String identity : impi.publicIdentities()) {
                store.publicIdentity(identity).ifPresent(id -> targets.add(new ResolvedIdentity(id, null)));
            }
        }
        if (targets.isEmpty()) {
            return ServerAssignmentAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        if (impi != null) {
            for (ResolvedIdentity target : targets) {
                if (!target.identity().isAssociatedWith(impi.impi())) {
                    return ServerAssignmentAnswer.of(ResultCode.DIAMETER_ERROR_IDENTITIES_DONT_MATCH);
                }
            }
        }
        ResolvedIdentity primary = targets.get(0);
        PublicIdentity impu = primary.identity();
        if (impu.isInactivePsi()) {
            return ServerAssignmentAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        // A PSI is never registered (TS 23.228 4.3.5): only profile downloads, unregistered service and removal.
        if (impu.type().isPsi() && (type == ServerAssignmentType.REGISTRATION
                || type == ServerAssignmentType.RE_REGISTRATION)) {
            return ServerAssignmentAnswer.of(ResultCode.DIAMETER_ERROR_IN_ASSIGNMENT_TYPE);
        }
        // A registration is always of one private identity (TS 29.228 6.1.2: User-Name is absent only for
        // UNREGISTERED_USER and de-registrations).
        if (request.privateIdentity() == null && (type == ServerAssignmentType.REGISTRATION
                || type == ServerAssignmentType.RE_REGISTRATION)) {
            return ServerAssignmentAnswer.failed(ResultCode.DIAMETER_MISSING_AVP,
                    new FailedIdentity(Avp.USER_NAME, "", "User-Name is required for " + type));
        }
        Optional<ImsSubscription> subscription = store.subscription(impu.subscriptionId());
        if (subscription.isEmpty()) {
            return ServerAssignmentAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        Context context = new Context(request, impi, primary, targets, subscription.get());
        return switch (type) {
            case NO_ASSIGNMENT -> noAssignment(context);
            case REGISTRATION, RE_REGISTRATION -> register(context);
            case UNREGISTERED_USER -> unregisteredUser(context);
            case AUTHENTICATION_FAILURE, AUTHENTICATION_TIMEOUT -> authenticationFailed(context);
            default -> deregister(context);
        };
    }

    private record Context(ServerAssignmentRequest request, PrivateIdentity impi, ResolvedIdentity primary,
            List<ResolvedIdentity> targets, ImsSubscription subscription) {

        String subscriptionId() {
            return subscription.id();
        }

        String setId() {
            return primary.identity().implicitSetId();
        }
    }

    private long pendingNotBefore() {
        return clock.millis() - settings.authPendingTimeout().toMillis();
    }

    private ServerAssignmentAnswer noAssignment(Context c) {
        RegistrationState state = store.registration(c.subscriptionId());
        if (!RegistrationChanges.sameServer(state.scscfName(), c.request().serverName())
                && !state.reassignmentPending()) {
            return ServerAssignmentAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        String userName = c.impi() != null ? c.impi().impi() : firstImpi(c, state);
        return profileAnswer(c, userName, state.set(c.setId()) == null ? Set.of() : state.set(c.setId()).impis(),
                List.copyOf(state.restorationInfo().values()));
    }

    private ServerAssignmentAnswer register(Context c) {
        Profile profile = profileIfNeeded(c, c.impi().impi());
        if (profile.unavailable()) {
            return ServerAssignmentAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        ServerAssignmentRequest r = c.request();
        RegistrationChanges.Register change = new RegistrationChanges.Register(c.setId(), c.impi().impi(),
                r.serverName(), r.originHost(), r.originRealm(), r.restorationInfo(), pendingNotBefore());
        // Most SARs are periodic re-registrations that change nothing: a read shows that without the cost of
        // an atomic update. Any other case goes through the update, which decides again on the stored state.
        RegistrationState current = store.registration(c.subscriptionId());
        if (change.changesNothing(current)) {
            return success(c, c.impi().impi(), profile, current.set(c.setId()).impis(), List.of());
        }
        Assignment outcome = store.updateRegistration(c.subscriptionId(), change);
        if (!outcome.accepted()) {
            return ServerAssignmentAnswer.alreadyAssigned(outcome.storedServer());
        }
        return success(c, c.impi().impi(), profile, outcome.registeredImpis(), List.of());
    }

    private ServerAssignmentAnswer unregisteredUser(Context c) {
        RegistrationState before = store.registration(c.subscriptionId());
        String userName = c.impi() != null ? c.impi().impi() : firstImpi(c, before);
        Profile profile = profileIfNeeded(c, userName);
        if (profile.unavailable()) {
            return ServerAssignmentAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        ServerAssignmentRequest r = c.request();
        Assignment outcome = store.updateRegistration(c.subscriptionId(), new RegistrationChanges.AssignUnregistered(
                c.setId(), r.serverName(), r.originHost(), r.originRealm(), pendingNotBefore()));
        if (!outcome.accepted()) {
            return ServerAssignmentAnswer.alreadyAssigned(outcome.storedServer());
        }
        return success(c, userName, profile, outcome.registeredImpis(), List.of());
    }

    private ServerAssignmentAnswer deregister(Context c) {
        ServerAssignmentType type = c.request().type();
        boolean keepName = type.keepsServerName() && settings.keepServerNameOnDeregistration();
        Set<String> setIds = new LinkedHashSet<>();
        for (ResolvedIdentity target : c.targets()) {
            setIds.add(target.identity().implicitSetId());
        }
        String impi = c.impi() == null ? null : c.impi().impi();
        Assignment outcome = store.updateRegistration(c.subscriptionId(), new RegistrationChanges.Deregister(
                List.copyOf(setIds), impi, keepName, c.request().serverName()));
        if (!outcome.accepted()) {
            return ServerAssignmentAnswer.alreadyAssigned(outcome.storedServer());
        }
        // The S-CSCF asked to keep its name but the HSS did not (TS 29.228 6.1.2 table 6.1.2.1).
        ResultCode result = type.keepsServerName() && !keepName
                ? ResultCode.DIAMETER_SUCCESS_SERVER_NAME_NOT_STORED
                : ResultCode.DIAMETER_SUCCESS;
        return ServerAssignmentAnswer.of(result);
    }

    private ServerAssignmentAnswer authenticationFailed(Context c) {
        String impi = c.impi() == null ? null : c.impi().impi();
        store.updateRegistration(c.subscriptionId(), new RegistrationChanges.ClearAuthPending(impi));
        return ServerAssignmentAnswer.of(ResultCode.DIAMETER_SUCCESS);
    }

    /**
     * The User-Data to send, or none.
     *
     * @param xml null when the S-CSCF needs none
     * @param unavailable the profile cannot be built: answered DIAMETER_UNABLE_TO_COMPLY before any state change
     */
    private record Profile(String xml, boolean unavailable) {
        static final Profile NOT_NEEDED = new Profile(null, false);
        static final Profile UNAVAILABLE = new Profile(null, true);
    }

    /** None when the S-CSCF has the data already (User-Data-Already-Available, TS 29.228 6.1.2). */
    private Profile profileIfNeeded(Context c, String userName) {
        if (!c.request().type().downloadsProfile() || c.request().userDataAlreadyAvailable()) {
            return Profile.NOT_NEEDED;
        }
        return userData.forImplicitSet(userName, c.setId())
                .map(xml -> new Profile(xml, false))
                .orElse(Profile.UNAVAILABLE);
    }

    private ServerAssignmentAnswer profileAnswer(Context c, String userName, Set<String> registeredImpis,
            List<byte[]> restorationInfo) {
        Profile profile = profileIfNeeded(c, userName);
        if (profile.unavailable()) {
            return ServerAssignmentAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        return success(c, userName, profile, registeredImpis, restorationInfo);
    }

    private ServerAssignmentAnswer success(Context c, String userName, Profile profile,
            Set<String> registeredImpis, List<byte[]> restorationInfo) {
        ImsSubscription subscription = c.subscription();
        ChargingInformation charging = profile.xml() != null && subscription.chargingInformationId() != null
                ? store.chargingInformation(subscription.chargingInformationId()).orElse(null)
                : null;
        // Associated-Identities / Associated-Registered-Identities only when there is more than one.
        List<String> associated = subscription.privateIdentities().size() > 1
                ? subscription.privateIdentities() : List.of();
        List<String> registered = registeredImpis.size() > 1 ? registeredImpis.stream().sorted().toList() : List.of();
        return new ServerAssignmentAnswer(ResultCode.DIAMETER_SUCCESS, userName, profile.xml(), charging,
                associated, registered, null, subscription.looseRouteRequired(), c.primary().wildcard(),
                restorationInfo, null);
    }

    /** TS 29.228 6.1.2: without User-Name the HSS picks a private identity, a registered one first. */
    private static String firstImpi(Context c, RegistrationState state) {
        var set = state.set(c.setId());
        if (set != null && !set.impis().isEmpty()) {
            return set.impis().stream().sorted().findFirst().get();
        }
        List<String> candidates = c.primary().identity().privateIdentities();
        return candidates.isEmpty() ? null : candidates.get(0);
    }
}
