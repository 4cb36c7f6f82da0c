package org.imshss.hss.sh;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.DsaiValues;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShSubscription;
import org.imshss.provisioning.model.ShSubscriptions;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.service.NetworkUpdates;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns changes of subscribed data into Sh-Notif (TS 29.328 6.1.4). It is driven by the changes themselves
 * (continuous queries of the grid), whoever makes them: a PUR from another AS, a SAR or MAR over Cx, a PSI
 * activation, provisioning. Events are handed to one worker thread so the grid threads never wait for the
 * network; PNRs then go out asynchronously.
 *
 * <p>Notified: RepositoryData and DSAI (to every subscribed AS except the one that wrote the change),
 * IMSUserState, S-CSCFName, PSIActivation, and from provisioning IMSPublicIdentity (the identity set changed),
 * InitialFilterCriteria (only the iFCs that point at the subscribed AS, also when a shared iFC set of the profile
 * changes), ChargingInformation and MSISDN. The content is the changed Data-Reference only.
 *
 * <p>DSAI also reaches the S-CSCF: a DSAI-Value that masks or unmasks an iFC of the identity's profile, or a tag
 * whose definition changes while INACTIVE, is handled as an administrative change of the iFCs (TS 29.328 6.1.2
 * and 7.6.11), that is a Cx Push-Profile of the identity's implicit set (TS 29.228 6.2.2).
 */
public final class ShNotifier implements ShDataStore.ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ShNotifier.class);

    /**
     * Notifications of provisioning changes wait this long: the writer drops its node's decoded copy of a
     * record right after the grid write, and a PNR built before that would carry the old data. Changes to
     * the same record within the wait give one PNR.
     */
    private static final long SETTLE_MILLIS = 50;

    private final SubscriberStore store;
    private final ShDataStore shStore;
    private final ShDataAssembler assembler;
    private final PushNotification push;
    private final NetworkUpdates cx;
    private final ExecutorService worker;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final SubscribedIdentities subscribed = new SubscribedIdentities();

    /** @param cx where DSAI changes that mask or unmask iFCs are pushed to the serving S-CSCF */
    ShNotifier(SubscriberStore store, ShDataStore shStore, ShDataAssembler assembler, PushNotification push,
            NetworkUpdates cx, ExecutorService worker, ScheduledExecutorService scheduler, Clock clock) {
        this.store = store;
        this.shStore = shStore;
        this.assembler = assembler;
        this.push = push;
        this.cx = cx;
        this.worker = worker;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    private void later(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Sh notification failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.debug("Sh notification dropped: the node is stopping");
        }
    }

    /** Runs the task after {@link #SETTLE_MILLIS}, once for all changes with the same key in that time. */
    private void settled(String key, Runnable task) {
        if (!pending.add(key)) {
            return;
        }
        try {
            scheduler.schedule(() -> later(() -> {
                pending.remove(key);
                task.run();
            }), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            pending.remove(key);
            log.debug("Sh notification dropped: the node is stopping");
        }
    }

    @Override
    public void shSubscriptionsChanged(String identityKey, ShSubscriptions before, ShSubscriptions after) {
        if (after == null || after.isEmpty()) {
            subscribed.remove(identityKey);
            return;
        }
        if (subscribed.contains(identityKey)) {
            return;
        }
        subscribed.add(identityKey);
        // The IMS subscription of the identity is read off the grid thread; until then the identity concerns all.
        later(() -> subscribed.resolveIfUnresolved(identityKey,
                store.publicIdentity(identityKey).map(PublicIdentity::subscriptionId).orElse(null)));
    }

    @Override
    public boolean watchesIdentity(String identityKey) {
        return subscribed.contains(identityKey);
    }

    @Override
    public void watchedIdentityChanged(PublicIdentity before, PublicIdentity after) {
        PublicIdentity any = after != null ? after : before;
        subscribed.resolve(identityKey(any), after == null ? null : after.subscriptionId());
    }

    /** Nobody has subscribed to anything: changes of subscriber data and registrations concern no AS. */
    @Override
    public boolean idle() {
        return subscribed.isEmpty();
    }

    @Override
    public void repositoryDataChanged(RepositoryData before, RepositoryData after) {
        later(() -> {
            RepositoryData any = after != null ? after : before;
            for (ShSubscription subscription : live(any.identity())) {
                if (subscription.dataReference() != DataReference.REPOSITORY_DATA.value()
                        || !subscription.serviceIndication().equals(any.serviceIndication())
                        || (after != null && subscription.asHost().equalsIgnoreCase(after.updatedBy()))) {
                    continue;
                }
                ShData data = new ShData();
                if (after != null) {
                    data.repositoryData(after);
                } else {
                    // Deleted: the RepositoryData element without ServiceData, with the deleting number.
                    data.deletedRepositoryData(before.serviceIndication(),
                            ProfileUpdate.nextSequenceNumber(before.sequenceNumber()));
                }
                push.send(any.identity(), subscription, wildcarded(any.identity()), data.toXml());
            }
        });
    }

    @Override
    public void dsaiValuesChanged(DsaiValues before, DsaiValues stored) {
        if (before == null && stored == null) {
            return;
        }
        // A removed record means every tag ACTIVE again.
        DsaiValues after = stored != null ? stored : DsaiValues.allActive(before.identity());
        Set<String> changed = new TreeSet<>(after.inactive());
        if (before != null) {
            changed.addAll(before.inactive());
            Set<String> unchanged = new TreeSet<>(before.inactive());
            unchanged.retainAll(after.inactive());
            changed.removeAll(unchanged);
        }
        if (changed.isEmpty()) {
            return;
        }
        later(() -> {
            String key = after.identity();
            Optional<PublicIdentity> identity = store.publicIdentity(key);
            if (identity.isEmpty()) {
                return;
            }
            Map<String, List<String>> tagsOfIfc = DsaiIfcMask.tagsOfIfc(shStore.allDsai());
            Set<String> ifcsBefore = DsaiIfcMask.maskedBy(before != null ? before : DsaiValues.allActive(key),
                    tagsOfIfc);
            Set<String> ifcsAfter = DsaiIfcMask.maskedBy(after, tagsOfIfc);
            ifcsBefore.retainAll(profileIfcs(identity.get()));
            ifcsAfter.retainAll(profileIfcs(identity.get()));
            if (!ifcsBefore.equals(ifcsAfter)) {
                cx.profileChanged(List.of(identity.get().identity()));
            }
            for (ShSubscription subscription : live(key)) {
                if (subscription.dataReference() != DataReference.DSAI.value()
                        || subscription.asHost().equalsIgnoreCase(after.updatedBy())) {
                    continue;
                }
                // A subscription to every tag of the AS hears about those of its iFCs only.
                List<String> tags = new ArrayList<>();
                if (subscription.serviceIndication().isEmpty()) {
                    tags.addAll(assembler.dsaiTagsFor(identity.get(), subscription.serverName()));
                    tags.retainAll(changed);
                } else if (changed.contains(subscription.serviceIndication())) {
                    tags.add(subscription.serviceIndication());
                }
                if (tags.isEmpty()) {
                    continue;
                }
                ShData data = new ShData();
                for (String tag : tags) {
                    data.dsai(tag, after.isActive(tag));
                }
                push.send(key, subscription, wildcarded(key), data.toXml());
            }
        });
    }

    @Override
    public void registrationChanged(RegistrationState before, RegistrationState after) {
        RegistrationState changed = after != null ? after : before;
        if (!subscribed.mayConcern(changed.subscriptionId(), List.of())) {
            return;
        }
        later(() -> {
            RegistrationState any = changed;
            RegistrationState old = before != null ? before : RegistrationState.empty(any.subscriptionId());
            RegistrationState now = after != null ? after : RegistrationState.empty(any.subscriptionId());
            for (String member : identitiesOf(any.subscriptionId())) {
                Optional<PublicIdentity> identity = store.publicIdentity(member);
                if (identity.isEmpty()) {
                    continue;
                }
                String key = Identities.normalise(member);
                for (ShSubscription subscription : live(key)) {
                    ShData data = new ShData();
                    if (subscription.dataReference() == DataReference.IMS_USER_STATE.value()) {
                        int state = assembler.imsUserState(identity.get(), now);
                        if (state == assembler.imsUserState(identity.get(), old)) {
                            continue;
                        }
                        data.imsUserState(state);
                    } else if (subscription.dataReference() == DataReference.S_CSCF_NAME.value()) {
                        if (Objects.equals(old.scscfName(), now.scscfName())) {
                            continue;
                        }
                        data.scscfName(now.scscfName());
                    } else {
                        continue;
                    }
                    push.send(key, subscription, null, data.toXml());
                }
            }
        });
    }

    @Override
    public void publicIdentityChanged(PublicIdentity before, PublicIdentity after) {
        PublicIdentity any = after != null ? after : before;
        if (before == null || after == null || !Objects.equals(before.implicitSetId(), after.implicitSetId())
                || !Objects.equals(before.subscriptionId(), after.subscriptionId())
                || !Objects.equals(before.aliasGroupId(), after.aliasGroupId())
                || !Objects.equals(before.serviceProfileId(), after.serviceProfileId())) {
            identitySetChanged(any.subscriptionId(), List.of(any.identity()));
        }
        if (before == null || after == null) {
            return;
        }
        String key = after.type().isWildcard() ? after.identity().trim() : Identities.normalise(after.identity());
        if (before.psiActivated() != after.psiActivated()) {
            later(() -> notifyIdentity(key, DataReference.PSI_ACTIVATION, after.type().isWildcard()
                    ? after.identity() : null, data -> data.psiActivation(after.psiActivated())));
        }
        if (!Objects.equals(before.msisdn(), after.msisdn())) {
            settled("msisdn:" + key, () -> notifyIdentity(key, DataReference.MSISDN, null, data -> {
                if (after.msisdn() != null) {
                    data.msisdn(after.msisdn());
                } else {
                    // The number was taken away: PublicIdentifiers without MSISDN.
                    data.publicIdentities(List.of());
                }
            }));
        }
    }

    @Override
    public void privateIdentityChanged(PrivateIdentity before, PrivateIdentity after) {
        if (before != null && after != null && before.publicIdentities().equals(after.publicIdentities())) {
            return;
        }
        PrivateIdentity any = after != null ? after : before;
        identitySetChanged(any.subscriptionId(), union(before == null ? null : before.publicIdentities(),
                after == null ? null : after.publicIdentities()));
    }

    @Override
    public void implicitSetChanged(ImplicitRegistrationSet before, ImplicitRegistrationSet after) {
        if (before != null && after != null && before.publicIdentities().equals(after.publicIdentities())) {
            return;
        }
        ImplicitRegistrationSet any = after != null ? after : before;
        identitySetChanged(any.subscriptionId(), union(before == null ? null : before.publicIdentities(),
                after == null ? null : after.publicIdentities()));
    }

    /** The identities in either list (a null list is absent), in order. */
    private static Set<String> union(List<String> before, List<String> after) {
        Set<String> touched = new LinkedHashSet<>();
        if (before != null) {
            touched.addAll(before);
        }
        if (after != null) {
            touched.addAll(after);
        }
        return touched;
    }

    @Override
    public void subscriptionChanged(ImsSubscription before, ImsSubscription after) {
        if (before == null || after == null) {
            return;
        }
        if (!before.privateIdentities().equals(after.privateIdentities())) {
            identitySetChanged(after.id(), List.of());
        }
        if (!Objects.equals(before.chargingInformationId(), after.chargingInformationId())
                && subscribed.mayConcern(after.id(), List.of())) {
            settled("charging-of:" + after.id(), () -> {
                ChargingInformation charging = after.chargingInformationId() == null
                        ? null : store.chargingInformation(after.chargingInformationId()).orElse(null);
                for (String member : identitiesOf(after.id())) {
                    notifyIdentity(Identities.normalise(member), DataReference.CHARGING_INFORMATION, null,
                            data -> data.chargingInformation(charging));
                }
            });
        }
    }

    @Override
    public void serviceProfileChanged(ServiceProfile before, ServiceProfile after) {
        if (before == null || after == null || (before.ifcIds().equals(after.ifcIds())
                && before.sharedIfcSetIds().equals(after.sharedIfcSetIds()))) {
            return;
        }
        settled("profile:" + after.id(), () -> forEachSubscription(DataReference.INITIAL_FILTER_CRITERIA,
                (key, identity, subscription) -> {
                    if (!after.id().equals(identity.serviceProfileId())) {
                        return;
                    }
                    List<InitialFilterCriteria> old = assembler.ifcsFor(before, subscription.serverName(),
                            store::initialFilterCriteria);
                    List<InitialFilterCriteria> now = assembler.ifcsFor(after, subscription.serverName(),
                            store::initialFilterCriteria);
                    if (!old.equals(now)) {
                        send(key, subscription, data -> data.initialFilterCriteria(now));
                    }
                }));
    }

    @Override
    public void initialFilterCriteriaChanged(InitialFilterCriteria before, InitialFilterCriteria after) {
        if (Objects.equals(before, after)) {
            return;
        }
        String id = (after != null ? after : before).id();
        settled("ifc:" + id, () -> forEachSubscription(DataReference.INITIAL_FILTER_CRITERIA,
                (key, identity, subscription) -> {
                    Optional<ServiceProfile> profile = store.serviceProfile(identity.serviceProfileId());
                    if (profile.isEmpty() || !assembler.ifcIds(profile.get()).contains(id)
                            || !(pointsAt(before, subscription.serverName())
                                    || pointsAt(after, subscription.serverName()))) {
                        return;
                    }
                    // The changed iFC as the event carries it: the store may still return the old one.
                    List<InitialFilterCriteria> now = assembler.ifcsFor(profile.get(), subscription.serverName(),
                            ifcId -> ifcId.equals(id) ? Optional.ofNullable(after) : store.initialFilterCriteria(ifcId));
                    send(key, subscription, data -> data.initialFilterCriteria(now));
                }));
    }

    @Override
    public void chargingInformationChanged(ChargingInformation before, ChargingInformation after) {
        if (Objects.equals(before, after)) {
            return;
        }
        String id = (after != null ? after : before).id();
        settled("charging:" + id, () -> forEachSubscription(DataReference.CHARGING_INFORMATION,
                (key, identity, subscription) -> {
                    boolean uses = store.subscription(identity.subscriptionId())
                            .map(s -> id.equals(s.chargingInformationId()))
                            .orElse(false);
                    if (uses) {
                        send(key, subscription, data -> data.chargingInformation(after));
                    }
                }));
    }

    @Override
    public void sharedIfcSetChanged(SharedIfcSet before, SharedIfcSet after) {
        if (Objects.equals(before, after)) {
            return;
        }
        int id = (after != null ? after : before).id();
        settled("shared-ifc-set:" + id, () -> forEachSubscription(DataReference.INITIAL_FILTER_CRITERIA,
                (key, identity, subscription) -> {
                    Optional<ServiceProfile> profile = store.serviceProfile(identity.serviceProfileId());
                    if (profile.isEmpty() || !profile.get().sharedIfcSetIds().contains(id)) {
                        return;
                    }
                    // The sets as the event carries them: the store may still return the old one.
                    List<InitialFilterCriteria> old = assembler.ifcsFor(profile.get(), subscription.serverName(),
                            store::initialFilterCriteria, set -> set == id ? Optional.ofNullable(before)
                                    : store.sharedIfcSet(set));
                    List<InitialFilterCriteria> now = assembler.ifcsFor(profile.get(), subscription.serverName(),
                            store::initialFilterCriteria, set -> set == id ? Optional.ofNullable(after)
                                    : store.sharedIfcSet(set));
                    if (!old.equals(now)) {
                        send(key, subscription, data -> data.initialFilterCriteria(now));
                    }
                }));
    }

    @Override
    public void dsaiChanged(Dsai before, Dsai after) {
        if (before == null || Objects.equals(before, after)) {
            // A new tag is ACTIVE for everyone until an AS sets it: no profile changes.
            return;
        }
        String tag = before.tag();
        Set<String> governed = new LinkedHashSet<>(before.ifcIds());
        if (after != null) {
            governed.addAll(after.ifcIds());
        }
        settled("dsai:" + tag, () -> {
            for (DsaiValues values : shStore.allDsaiValues()) {
                if (values == null || values.isActive(tag)) {
                    continue;
                }
                store.publicIdentity(values.identity()).ifPresent(identity -> {
                    Set<String> touched = new LinkedHashSet<>(governed);
                    touched.retainAll(profileIfcs(identity));
                    if (!touched.isEmpty()) {
                        cx.profileChanged(List.of(identity.identity()));
                    }
                });
            }
        });
    }

    /** The ids of the iFCs of the identity's service profile, its shared sets' included. */
    private Set<String> profileIfcs(PublicIdentity identity) {
        return store.serviceProfile(identity.serviceProfileId())
                .map(profile -> (Set<String>) new LinkedHashSet<>(assembler.ifcIds(profile)))
                .orElse(Set.of());
    }

    /**
     * The public identities of an IMS subscription changed (added, removed, moved between implicit sets or
     * alias groups): the subscribers to IMSPublicIdentity on any identity of it, and on {@code touched}, get
     * the identity set they subscribed to as it is now.
     */
    private void identitySetChanged(String subscriptionId, Collection<String> touched) {
        if (!subscribed.mayConcern(subscriptionId, touched)) {
            return;
        }
        settled("identities:" + subscriptionId, () -> {
            Set<String> members = new LinkedHashSet<>();
            if (subscriptionId != null) {
                members.addAll(identitiesOf(subscriptionId));
            }
            members.addAll(touched);
            for (String member : members) {
                String key = Identities.normalise(member);
                Optional<PublicIdentity> identity = store.publicIdentity(member);
                if (key == null || identity.isEmpty()) {
                    continue;
                }
                for (ShSubscription subscription : live(key)) {
                    if (subscription.dataReference() != DataReference.IMS_PUBLIC_IDENTITY.value()) {
                        continue;
                    }
                    List<IdentitySet> sets = new ArrayList<>();
                    for (int value : subscription.identitySets()) {
                        sets.add(IdentitySet.fromWire(value));
                    }
                    ShData data = new ShData();
                    assembler.add(data, new ShTarget(identity.get(), key, subscription.userIdentity(), null, false),
                            DataReference.IMS_PUBLIC_IDENTITY,
                            new ShDataAssembler.Query(null, List.of(), sets, List.of()));
                    push.send(key, subscription, null, data.toXml());
                }
            }
        });
    }

    /** Sends the data {@code fill} writes to each live subscription to {@code reference} on one identity. */
    private void notifyIdentity(String key, DataReference reference, String wildcarded,
            Consumer<ShData> fill) {
        for (ShSubscription subscription : live(key)) {
            if (subscription.dataReference() == reference.value()) {
                ShData data = new ShData();
                fill.accept(data);
                push.send(key, subscription, wildcarded, data.toXml());
            }
        }
    }

    private void send(String key, ShSubscription subscription, Consumer<ShData> fill) {
        ShData data = new ShData();
        fill.accept(data);
        push.send(key, subscription, wildcarded(key), data.toXml());
    }

    /** What to do with one live subscription to a Data-Reference, with the identity it is on. */
    private interface SubscriptionVisitor {
        void visit(String key, PublicIdentity identity, ShSubscription subscription);
    }

    /**
     * Visits every live subscription to {@code reference} in the cluster. Shared data (profiles, iFCs,
     * charging functions) has no index from record to users, so this reads all subscriptions; such changes
     * are rare provisioning operations.
     */
    private void forEachSubscription(DataReference reference, SubscriptionVisitor visitor) {
        long now = clock.millis();
        for (Map.Entry<String, ShSubscriptions> entry : shStore.allSubscriptions().entrySet()) {
            Optional<PublicIdentity> identity = Optional.empty();
            for (ShSubscription subscription : entry.getValue().withoutExpired(now).subscriptions()) {
                if (subscription.dataReference() != reference.value()) {
                    continue;
                }
                if (identity.isEmpty()) {
                    identity = store.publicIdentity(entry.getKey());
                    if (identity.isEmpty()) {
                        break;
                    }
                }
                visitor.visit(entry.getKey(), identity.get(), subscription);
            }
        }
    }

    private static boolean pointsAt(InitialFilterCriteria ifc, String serverName) {
        return ifc != null && serverName != null && ifc.applicationServer() != null
                && Identities.normalise(ifc.applicationServer().serverName()).equals(Identities.normalise(serverName));
    }

    /** The subscriptions on an identity that have not expired; expired ones are dropped from the grid. */
    private Iterable<ShSubscription> live(String identityKey) {
        ShSubscriptions subscriptions = shStore.subscriptions(identityKey);
        long now = clock.millis();
        ShSubscriptions live = subscriptions.withoutExpired(now);
        if (live != subscriptions) {
            shStore.updateSubscriptions(identityKey,
                    new SubscribeNotifications.Subscribe(List.of(), now, Integer.MAX_VALUE));
        }
        return live.subscriptions();
    }

    /** The key an identity's Sh subscriptions are stored by: normalised, or the wildcard string. */
    private static String identityKey(PublicIdentity identity) {
        return identity.type().isWildcard() ? identity.identity().trim() : Identities.normalise(identity.identity());
    }

    private String wildcarded(String identityKey) {
        return Identities.isWildcard(identityKey) ? identityKey : null;
    }

    /** Every public identity of the IMS subscription (through its private identities). */
    private Set<String> identitiesOf(String subscriptionId) {
        Set<String> identities = new LinkedHashSet<>();
        store.subscription(subscriptionId).ifPresent(subscription -> {
            for (String impi : subscription.privateIdentities()) {
                store.privateIdentity(impi).ifPresent(p -> identities.addAll(p.publicIdentities()));
            }
        });
        return identities;
    }
}
