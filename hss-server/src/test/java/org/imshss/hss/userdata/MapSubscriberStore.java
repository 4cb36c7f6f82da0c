package org.imshss.hss.userdata;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.store.RegistrationUpdate;
import org.imshss.provisioning.store.SequenceUpdate;
import org.imshss.provisioning.store.SubscriberData;
import org.imshss.provisioning.store.SubscriberStore;

/**
 * Plain HashMap fixture holding the subscriber data the assembler reads; not a store implementation under
 * test (no normalisation, no wildcard matching, no registration state).
 */
final class MapSubscriberStore implements SubscriberStore {

    private final Map<String, PublicIdentity> publicIdentities = new HashMap<>();
    private final Map<String, ImplicitRegistrationSet> sets = new HashMap<>();
    private final Map<String, ServiceProfile> profiles = new HashMap<>();
    private final Map<String, InitialFilterCriteria> ifcs = new HashMap<>();
    private final Map<Integer, SharedIfcSet> sharedSets = new HashMap<>();

    @Override
    public Optional<PublicIdentity> publicIdentityByMsisdn(String msisdn) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<PublicIdentity> publicIdentity(String identity) {
        return Optional.ofNullable(publicIdentities.get(identity));
    }

    @Override
    public Optional<PublicIdentity> wildcardMatch(String identity) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<PrivateIdentity> privateIdentity(String impi) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ImsSubscription> subscription(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ImplicitRegistrationSet> implicitRegistrationSet(String id) {
        return Optional.ofNullable(sets.get(id));
    }

    @Override
    public Optional<ServiceProfile> serviceProfile(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    @Override
    public Optional<InitialFilterCriteria> initialFilterCriteria(String id) {
        return Optional.ofNullable(ifcs.get(id));
    }

    @Override
    public Optional<SharedIfcSet> sharedIfcSet(int id) {
        return Optional.ofNullable(sharedSets.get(id));
    }

    @Override
    public Optional<ChargingInformation> chargingInformation(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ScscfServer> scscfServers() {
        throw new UnsupportedOperationException();
    }

    @Override
    public RegistrationState registration(String subscriptionId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <R extends Serializable> R updateRegistration(String subscriptionId, RegistrationUpdate<R> update) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <R extends Serializable> R updateSequence(String impi, SequenceUpdate<R> update) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putSubscription(ImsSubscription subscription) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putPrivateIdentity(PrivateIdentity privateIdentity) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putPublicIdentity(PublicIdentity publicIdentity) {
        publicIdentities.put(publicIdentity.identity(), publicIdentity);
    }

    @Override
    public void putImplicitRegistrationSet(ImplicitRegistrationSet set) {
        sets.put(set.id(), set);
    }

    @Override
    public void putServiceProfile(ServiceProfile profile) {
        profiles.put(profile.id(), profile);
    }

    @Override
    public void putInitialFilterCriteria(InitialFilterCriteria ifc) {
        ifcs.put(ifc.id(), ifc);
    }

    @Override
    public void putSharedIfcSet(SharedIfcSet set) {
        sharedSets.put(set.id(), set);
    }

    @Override
    public void putChargingInformation(ChargingInformation chargingInformation) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putScscfServer(ScscfServer server) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void load(SubscriberData data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
