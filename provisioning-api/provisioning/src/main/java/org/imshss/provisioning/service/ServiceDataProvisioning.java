package org.imshss.provisioning.service;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.seed.SeedException;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.ProvisioningStore;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.SubscriberData;

/**
 * The service data many subscribers share: service profiles, iFCs, shared iFC sets, charging information,
 * S-CSCFs and Sh application servers. Each is validated by the seed loader, as in a seed file, with
 * references resolved against the store. A change pushes the new profile to the S-CSCFs of the registered
 * users it affects (PPR, TS 29.228 6.2.2); removing something still referred to is a conflict.
 */
public final class ServiceDataProvisioning {

    private final ProvisioningStore store;
    private final ShDataStore shStore;
    private final SeedLoader loader;
    private final SubscriberProvisioning subscribers;
    private final NetworkUpdates network;
    private final AuditLog audit;
    private final Clock clock;

    public ServiceDataProvisioning(ProvisioningStore store, ShDataStore shStore, SeedLoader loader,
            SubscriberProvisioning subscribers, NetworkUpdates network, AuditLog audit, Clock clock) {
        this.store = store;
        this.shStore = shStore;
        this.loader = loader;
        this.subscribers = subscribers;
        this.network = network;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- service profiles ----

    public List<ServiceProfile> serviceProfiles() {
        return store.serviceProfiles();
    }

    public ServiceProfile serviceProfile(String id) {
        return store.serviceProfile(id).orElseThrow(() -> ProvisioningException.notFound("service profile " + id));
    }

    public boolean putServiceProfile(String id, SeedDocument.ServiceProfile body, String actor) {
        SeedDocument.ServiceProfile p = new SeedDocument.ServiceProfile(idOf(id, body.id()), body.ifcs(),
                body.sharedIfcSets(), body.subscribedMediaProfileId());
        ServiceProfile profile = single(doc(null, null, null, List.of(p), null), "serviceProfiles[0].",
                SubscriberData::serviceProfiles);
        boolean created = store.serviceProfile(id).isEmpty();
        store.putServiceProfile(profile);
        changed("service-profile", id, created, actor);
        if (!created) {
            network.profileChanged(identities(store.publicIdentitiesWithProfiles(Set.of(id))));
        }
        return created;
    }

    public void removeServiceProfile(String id, String actor) {
        if (!store.publicIdentitiesWithProfiles(Set.of(id)).isEmpty()) {
            throw ProvisioningException.conflict("id", "service profile " + id + " is used by public identities");
        }
        if (!store.removeServiceProfile(id)) {
            throw ProvisioningException.notFound("service profile " + id);
        }
        removed("service-profile", id, actor);
    }

    // ---- iFCs ----

    public List<InitialFilterCriteria> initialFilterCriteria() {
        return store.initialFilterCriteria();
    }

    public InitialFilterCriteria initialFilterCriteria(String id) {
        return store.initialFilterCriteria(id).orElseThrow(() -> ProvisioningException.notFound("iFC " + id));
    }

    public boolean putInitialFilterCriteria(String id, SeedDocument.Ifc body, String actor) {
        SeedDocument.Ifc ifc = new SeedDocument.Ifc(idOf(id, body.id()), body.priority(), body.triggerPoint(),
                body.applicationServer(), body.profilePartIndicator());
        InitialFilterCriteria criteria = single(doc(null, List.of(ifc), null, null, null), "ifcs[0].",
                SubscriberData::initialFilterCriteria);
        // TS 29.228 Annex B.2.2: priorities are unique within a profile, also after this change.
        for (ServiceProfile profile : store.serviceProfiles()) {
            if (!profile.ifcIds().contains(id)) {
                continue;
            }
            for (String other : profile.ifcIds()) {
                if (!other.equals(id) && store.initialFilterCriteria(other)
                        .filter(o -> o.priority() == criteria.priority()).isPresent()) {
                    throw ProvisioningException.conflict("priority", "priority " + criteria.priority()
                            + " is used by iFC " + other + " in service profile " + profile.id());
                }
            }
        }
        boolean created = store.initialFilterCriteria(id).isEmpty();
        store.putInitialFilterCriteria(criteria);
        changed("ifc", id, created, actor);
        if (!created) {
            network.profileChanged(identities(store.publicIdentitiesWithProfiles(profilesUsingIfc(id))));
        }
        return created;
    }

    public void removeInitialFilterCriteria(String id, String actor) {
        Set<String> users = profilesUsingIfc(id);
        if (!users.isEmpty()) {
            throw ProvisioningException.conflict("id", "iFC " + id + " is used by service profiles " + users);
        }
        for (SharedIfcSet set : store.sharedIfcSets()) {
            if (set.ifcIds().contains(id)) {
                throw ProvisioningException.conflict("id", "iFC " + id + " is used by shared iFC set " + set.id());
            }
        }
        if (!store.removeInitialFilterCriteria(id)) {
            throw ProvisioningException.notFound("iFC " + id);
        }
        removed("ifc", id, actor);
    }

    private Set<String> profilesUsingIfc(String ifcId) {
        Set<String> profiles = new HashSet<>();
        Set<Integer> sets = new HashSet<>();
        for (SharedIfcSet set : store.sharedIfcSets()) {
            if (set.ifcIds().contains(ifcId)) {
                sets.add(set.id());
            }
        }
        for (ServiceProfile profile : store.serviceProfiles()) {
            if (profile.ifcIds().contains(ifcId) || profile.sharedIfcSetIds().stream().anyMatch(sets::contains)) {
                profiles.add(profile.id());
            }
        }
        return profiles;
    }

    // ---- shared iFC sets ----

    public List<SharedIfcSet> sharedIfcSets() {
        return store.sharedIfcSets();
    }

    public SharedIfcSet sharedIfcSet(int id) {
        return store.sharedIfcSet(id).orElseThrow(() -> ProvisioningException.notFound("shared iFC set " + id));
    }

    public boolean putSharedIfcSet(int id, SeedDocument.SharedIfcSet body, String actor) {
        if (body.id() != null && body.id() != id) {
            throw ProvisioningException.invalid("id", "differs from the id in the path (" + id + ")");
        }
        SharedIfcSet set = single(doc(null, null, List.of(new SeedDocument.SharedIfcSet(id, body.name(), body.ifcs())),
                null, null), "sharedIfcSets[0].", SubscriberData::sharedIfcSets);
        boolean created = store.sharedIfcSet(id).isEmpty();
        store.putSharedIfcSet(set);
        changed("shared-ifc-set", Integer.toString(id), created, actor);
        return created;
    }

    public void removeSharedIfcSet(int id, String actor) {
        for (ServiceProfile profile : store.serviceProfiles()) {
            if (profile.sharedIfcSetIds().contains(id)) {
                throw ProvisioningException.conflict("id", "shared iFC set " + id + " is used by service profile "
                        + profile.id());
            }
        }
        if (!store.removeSharedIfcSet(id)) {
            throw ProvisioningException.notFound("shared iFC set " + id);
        }
        removed("shared-ifc-set", Integer.toString(id), actor);
    }

    // ---- charging information ----

    public List<ChargingInformation> chargingInformation() {
        return store.chargingInformation();
    }

    public ChargingInformation chargingInformation(String id) {
        return store.chargingInformation(id)
                .orElseThrow(() -> ProvisioningException.notFound("charging information " + id));
    }

    public boolean putChargingInformation(String id, SeedDocument.Charging body, String actor) {
        SeedDocument.Charging c = new SeedDocument.Charging(idOf(id, body.id()),
                body.primaryEventChargingFunctionName(), body.secondaryEventChargingFunctionName(),
                body.primaryChargingCollectionFunctionName(), body.secondaryChargingCollectionFunctionName());
        SeedDocument document = new SeedDocument(null, null, List.of(c), null, null, null, null, null);
        ChargingInformation charging = single(document, "chargingInformation[0].", SubscriberData::chargingInformation);
        boolean created = store.chargingInformation(id).isEmpty();
        store.putChargingInformation(charging);
        changed("charging-information", id, created, actor);
        if (!created) {
            network.chargingChanged(store.subscriptionsWithCharging(id));
        }
        return created;
    }

    public void removeChargingInformation(String id, String actor) {
        List<String> users = store.subscriptionsWithCharging(id);
        if (!users.isEmpty()) {
            throw ProvisioningException.conflict("id", "charging information " + id + " is used by "
                    + users.size() + " subscriber(s), e.g. " + users.get(0));
        }
        if (!store.removeChargingInformation(id)) {
            throw ProvisioningException.notFound("charging information " + id);
        }
        removed("charging-information", id, actor);
    }

    // ---- S-CSCFs ----

    public List<ScscfServer> scscfs() {
        return store.scscfServers();
    }

    /**
     * Creates or replaces an S-CSCF. Users it serves whose mandatory capabilities it no longer offers are
     * de-registered with SERVER_CHANGE, so that they register again through an I-CSCF that picks a suitable
     * S-CSCF (TS 29.228 6.1.3, TS 29.229 6.3.17).
     */
    public boolean putScscf(SeedDocument.Scscf body, String actor) {
        SeedDocument document = new SeedDocument(null, List.of(body), null, null, null, null, null, null);
        ScscfServer server = single(document, "scscfs[0].", SubscriberData::scscfServers);
        boolean created = store.scscfServers().stream().noneMatch(s -> s.name().equals(server.name()));
        store.putScscfServer(server);
        changed("scscf", server.name(), created, actor);
        if (!created) {
            moveUsersOf(server.name(), subscription -> !server.offersAll(subscription.mandatoryCapabilities()));
        }
        return created;
    }

    /** Removes an S-CSCF; the users it serves are de-registered with SERVER_CHANGE to move elsewhere. */
    public void removeScscf(String name, String actor) {
        if (!store.removeScscfServer(name)) {
            throw ProvisioningException.notFound("S-CSCF " + name);
        }
        removed("scscf", name, actor);
        moveUsersOf(name, subscription -> true);
    }

    private void moveUsersOf(String scscfName, java.util.function.Predicate<ImsSubscription> mustMove) {
        for (String id : store.subscriptionsServedBy(scscfName)) {
            ImsSubscription subscription = store.subscription(id).orElse(null);
            if (subscription == null || !mustMove.test(subscription)) {
                continue;
            }
            List<String> served = new java.util.ArrayList<>();
            for (String setId : store.registration(id).sets().keySet()) {
                store.implicitRegistrationSet(setId).map(ImplicitRegistrationSet::publicIdentities)
                        .filter(members -> !members.isEmpty()).ifPresent(members -> served.add(members.get(0)));
            }
            if (!served.isEmpty()) {
                network.terminate(served, NetworkUpdates.Reason.SERVER_CHANGE);
            }
        }
    }

    // ---- Sh application servers ----

    public List<ShApplicationServer> applicationServers() {
        return store.applicationServers();
    }

    public ShApplicationServer applicationServer(String diameterHost) {
        return shStore.applicationServer(diameterHost)
                .orElseThrow(() -> ProvisioningException.notFound("application server " + diameterHost));
    }

    public boolean putApplicationServer(String diameterHost, SeedDocument.ShApplicationServer body, String actor) {
        if (body.diameterHost() != null && !body.diameterHost().equalsIgnoreCase(diameterHost)) {
            throw ProvisioningException.invalid("diameterHost", "differs from the host in the path (" + diameterHost + ")");
        }
        SeedDocument.ShApplicationServer as = new SeedDocument.ShApplicationServer(diameterHost, body.serverName(),
                body.read(), body.update(), body.subscribe());
        SeedDocument document = new SeedDocument(null, null, null, null, null, null, null, List.of(as));
        ShApplicationServer server = single(document, "applicationServers[0].", SubscriberData::applicationServers);
        boolean created = shStore.applicationServer(diameterHost).isEmpty();
        shStore.putApplicationServer(server);
        changed("application-server", diameterHost, created, actor);
        return created;
    }

    public void removeApplicationServer(String diameterHost, String actor) {
        if (!store.removeApplicationServer(diameterHost)) {
            throw ProvisioningException.notFound("application server " + diameterHost);
        }
        removed("application-server", diameterHost, actor);
    }

    // ---- common ----

    private static SeedDocument doc(List<SeedDocument.Scscf> scscfs, List<SeedDocument.Ifc> ifcs,
            List<SeedDocument.SharedIfcSet> sharedSets, List<SeedDocument.ServiceProfile> profiles,
            List<SeedDocument.Charging> charging) {
        return new SeedDocument(null, scscfs, charging, ifcs, sharedSets, profiles, null, null);
    }

    private <T> T single(SeedDocument document, String prefix, Function<SubscriberData, List<T>> pick) {
        try {
            return pick.apply(loader.convert(document, "request", subscribers.references())).get(0);
        } catch (SeedException e) {
            throw ProvisioningException.invalid(SubscriberProvisioning.fieldErrors(e.problems(), prefix));
        }
    }

    private static String idOf(String pathId, String bodyId) {
        if (bodyId != null && !bodyId.equals(pathId)) {
            throw ProvisioningException.invalid("id", "differs from the id in the path (" + pathId + ")");
        }
        return pathId;
    }

    private static List<String> identities(List<PublicIdentity> identities) {
        return identities.stream().map(PublicIdentity::identity).toList();
    }

    private void changed(String type, String id, boolean created, String actor) {
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, created ? "CREATE" : "UPDATE", type, id,
                List.of("*")));
    }

    private void removed(String type, String id, String actor) {
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, "DELETE", type, id, List.of("*")));
    }
}
