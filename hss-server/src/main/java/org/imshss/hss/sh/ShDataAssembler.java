package org.imshss.hss.sh;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.DsaiValues;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationStatus;
import org.imshss.provisioning.model.RepositoryDataSet;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.SubscriberStore;

/** Reads what one Data-Reference names for one identity and puts it into an {@link ShData} (TS 29.328 7.6). */
final class ShDataAssembler {

    /** tIMSUserState of the Sh-Data schema (TS 29.328 7.6.3). */
    static final int NOT_REGISTERED = 0;
    static final int REGISTERED = 1;
    static final int REGISTERED_UNREG_SERVICES = 2;
    static final int AUTHENTICATION_PENDING = 3;

    /** What besides identity and Data-Reference a request names. */
    record Query(String serverName, List<String> serviceIndications, List<IdentitySet> identitySets,
            List<String> dsaiTags) {
        Query {
            serviceIndications = List.copyOf(serviceIndications);
            identitySets = List.copyOf(identitySets);
            dsaiTags = List.copyOf(dsaiTags);
        }
    }

    private final SubscriberStore store;
    private final ShDataStore shStore;
    private final Duration authPendingTimeout;
    private final Clock clock;

    ShDataAssembler(SubscriberStore store, ShDataStore shStore, Duration authPendingTimeout, Clock clock) {
        this.store = store;
        this.shStore = shStore;
        this.authPendingTimeout = authPendingTimeout;
        this.clock = clock;
    }

    /**
     * Adds the data of one Data-Reference.
     *
     * @return null when added, else the result the request gets
     */
    ResultCode add(ShData data, ShTarget target, DataReference reference, Query query) {
        PublicIdentity identity = target.identity();
        switch (reference) {
            case REPOSITORY_DATA -> {
                // One read: what one PUR wrote is seen whole. Nothing stored for a Service-Indication: no
                // RepositoryData element for it.
                RepositoryDataSet stored = shStore.repositoryData(target.key());
                for (String serviceIndication : query.serviceIndications()) {
                    stored.get(serviceIndication).ifPresent(data::repositoryData);
                }
            }
            case IMS_PUBLIC_IDENTITY -> {
                List<IdentitySet> sets = query.identitySets().isEmpty()
                        ? List.of(IdentitySet.ALL_IDENTITIES) : query.identitySets();
                if (sets.size() == 1) {
                    data.publicIdentities(identities(identity, sets.get(0)));
                } else {
                    // Several sets: each in its own element of Sh-Data/Extension (TS 29.328 Annex D).
                    for (IdentitySet set : sets) {
                        data.identitySet(set, identities(identity, set));
                    }
                }
            }
            case IMS_USER_STATE -> data.imsUserState(imsUserState(identity, registration(identity)));
            case S_CSCF_NAME -> data.scscfName(registration(identity).scscfName());
            case INITIAL_FILTER_CRITERIA -> data.initialFilterCriteria(ifcsFor(identity, query.serverName()));
            case CHARGING_INFORMATION -> data.chargingInformation(store.subscription(identity.subscriptionId())
                    .map(ImsSubscription::chargingInformationId)
                    .flatMap(store::chargingInformation)
                    .orElse(null));
            case MSISDN -> {
                if (identity.msisdn() != null) {
                    data.msisdn(identity.msisdn());
                }
            }
            case PSI_ACTIVATION -> data.psiActivation(identity.psiActivated());
            case IMS_PRIVATE_USER_IDENTITY -> data.privateIdentities(identity.privateIdentities());
            case DSAI -> {
                // Only tags of iFCs that point at the requesting AS; none asked for means all of them.
                List<String> available = dsaiTagsFor(identity, query.serverName());
                List<String> wanted = query.dsaiTags().isEmpty() ? available : query.dsaiTags();
                if (wanted.isEmpty() || !available.containsAll(wanted)) {
                    return ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE;
                }
                DsaiValues values = shStore.dsaiValues(target.key());
                for (String tag : wanted) {
                    data.dsai(tag, values.isActive(tag));
                }
            }
            case NOT_HELD -> {
                // TS 29.329 6.2.3.1: the requested user data is not available to satisfy the request.
                return ResultCode.DIAMETER_USER_DATA_NOT_AVAILABLE;
            }
            default -> throw new IllegalStateException("unhandled " + reference);
        }
        return null;
    }

    RegistrationState registration(PublicIdentity identity) {
        return store.registration(identity.subscriptionId());
    }

    /**
     * IMS user state of the identity's implicit set: REGISTERED, REGISTERED_UNREG_SERVICES (an S-CSCF keeps
     * the profile for the unregistered state), AUTHENTICATION_PENDING (a MAR challenge is outstanding for
     * an identity of the set) or NOT_REGISTERED.
     */
    int imsUserState(PublicIdentity identity, RegistrationState state) {
        RegistrationStatus status = state.status(identity.implicitSetId());
        if (status == RegistrationStatus.REGISTERED) {
            return REGISTERED;
        }
        if (status == RegistrationStatus.UNREGISTERED) {
            return REGISTERED_UNREG_SERVICES;
        }
        long notBefore = clock.millis() - authPendingTimeout.toMillis();
        Set<String> members = new LinkedHashSet<>(implicitSet(identity));
        for (RegistrationState.AuthPending pending : state.authPending().values()) {
            if (pending.sinceEpochMillis() >= notBefore
                    && members.contains(Identities.normalise(pending.publicIdentity()))) {
                return AUTHENTICATION_PENDING;
            }
        }
        return NOT_REGISTERED;
    }

    private List<String> identities(PublicIdentity identity, IdentitySet set) {
        return switch (set) {
            case IMPLICIT_IDENTITIES -> implicitSet(identity);
            case ALL_IDENTITIES -> allIdentities(identity);
            case REGISTERED_IDENTITIES -> {
                RegistrationState state = registration(identity);
                List<String> registered = new ArrayList<>();
                for (String member : allIdentities(identity)) {
                    Optional<PublicIdentity> found = store.publicIdentity(member);
                    if (found.isPresent()
                            && state.status(found.get().implicitSetId()) == RegistrationStatus.REGISTERED) {
                        registered.add(member);
                    }
                }
                yield registered;
            }
            case ALIAS_IDENTITIES -> {
                // Aliases: same implicit set, same service profile, same alias group (TS 23.228 4.3.3.4).
                List<String> aliases = new ArrayList<>();
                for (String member : implicitSet(identity)) {
                    Optional<PublicIdentity> found = store.publicIdentity(member);
                    if (found.isPresent() && isAliasOf(found.get(), identity)) {
                        aliases.add(member);
                    }
                }
                yield aliases;
            }
        };
    }

    private static boolean isAliasOf(PublicIdentity candidate, PublicIdentity identity) {
        if (Identities.normalise(candidate.identity()).equals(Identities.normalise(identity.identity()))) {
            return true;
        }
        return identity.aliasGroupId() != null
                && identity.aliasGroupId().equals(candidate.aliasGroupId())
                && Objects.equals(identity.serviceProfileId(), candidate.serviceProfileId());
    }

    private List<String> implicitSet(PublicIdentity identity) {
        return store.implicitRegistrationSet(identity.implicitSetId())
                .map(set -> set.publicIdentities())
                .orElse(List.of(identity.identity()));
    }

    /** The identities of the whole IMS subscription: those of its private identities, and the identity's own set. */
    private List<String> allIdentities(PublicIdentity identity) {
        Set<String> all = new LinkedHashSet<>();
        store.subscription(identity.subscriptionId()).ifPresent(subscription -> {
            for (String impi : subscription.privateIdentities()) {
                store.privateIdentity(impi).ifPresent(p -> all.addAll(p.publicIdentities()));
            }
        });
        all.addAll(implicitSet(identity));
        return List.copyOf(all);
    }

    /** Only the iFCs that name the requesting AS (TS 29.328 7.6.5), in priority order. */
    List<InitialFilterCriteria> ifcsFor(PublicIdentity identity, String serverName) {
        return store.serviceProfile(identity.serviceProfileId())
                .map(profile -> ifcsFor(profile, serverName, store::initialFilterCriteria))
                .orElse(List.of());
    }

    /**
     * The iFCs of a profile that name the AS, in priority order, read through {@code ifcs} (a notification
     * passes the record of the change itself, which the store may not return yet).
     */
    List<InitialFilterCriteria> ifcsFor(ServiceProfile profile, String serverName,
            Function<String, Optional<InitialFilterCriteria>> ifcs) {
        return ifcsFor(profile, serverName, ifcs, store::sharedIfcSet);
    }

    /** As above, the profile's shared iFC sets read through {@code sharedSets}. */
    List<InitialFilterCriteria> ifcsFor(ServiceProfile profile, String serverName,
            Function<String, Optional<InitialFilterCriteria>> ifcs,
            IntFunction<Optional<SharedIfcSet>> sharedSets) {
        if (serverName == null) {
            return List.of();
        }
        String wanted = Identities.normalise(serverName);
        List<InitialFilterCriteria> matching = new ArrayList<>();
        for (String id : ifcIds(profile, sharedSets)) {
            ifcs.apply(id)
                    .filter(ifc -> ifc.applicationServer() != null
                            && Identities.normalise(ifc.applicationServer().serverName()).equals(wanted))
                    .ifPresent(matching::add);
        }
        matching.sort(Comparator.comparingInt(InitialFilterCriteria::priority));
        return matching;
    }

    /** The ids of a profile's own iFCs and of those of its shared iFC sets. */
    List<String> ifcIds(ServiceProfile profile) {
        return ifcIds(profile, store::sharedIfcSet);
    }

    private static List<String> ifcIds(ServiceProfile profile, IntFunction<Optional<SharedIfcSet>> sharedSets) {
        // A profile and its shared sets may name the same iFC: it counts once.
        Set<String> ids = new LinkedHashSet<>(profile.ifcIds());
        for (Integer setId : profile.sharedIfcSetIds()) {
            if (setId != null) {
                sharedSets.apply(setId).ifPresent(set -> ids.addAll(set.ifcIds()));
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The DSAI tags the AS may see for the identity: those governing an iFC of the identity's profile that
     * points at the AS (TS 29.328 7.6.11), sorted.
     */
    List<String> dsaiTagsFor(PublicIdentity identity, String serverName) {
        Set<String> ifcIds = new LinkedHashSet<>();
        for (InitialFilterCriteria ifc : ifcsFor(identity, serverName)) {
            ifcIds.add(ifc.id());
        }
        if (ifcIds.isEmpty()) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (Dsai dsai : shStore.allDsai()) {
            if (dsai.ifcIds().stream().anyMatch(ifcIds::contains)) {
                tags.add(dsai.tag());
            }
        }
        tags.sort(Comparator.naturalOrder());
        return tags;
    }
}
