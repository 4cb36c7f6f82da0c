package org.imshss.provisioning.store;

import java.io.Serializable;
import java.util.List;
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

/**
 * The subscriber data and registration state, whatever holds them. Identities passed in are
 * normalised by the store ({@link org.imshss.provisioning.model.Identities#normalise}).
 */
public interface SubscriberStore extends AutoCloseable {

    /** A distinct identity (user identity or distinct PSI), or a wildcard by its exact wildcard string. */
    Optional<PublicIdentity> publicIdentity(String identity);

    /** The wildcarded PSI or IMPU whose pattern matches the identity (TS 23.003 13.5); distinct ones are not searched. */
    Optional<PublicIdentity> wildcardMatch(String identity);

    /** The public identity provisioned with this MSISDN (E.164 digits, '+' optional), for Sh (TS 29.328 7.6.1). */
    Optional<PublicIdentity> publicIdentityByMsisdn(String msisdn);

    Optional<PrivateIdentity> privateIdentity(String impi);

    Optional<ImsSubscription> subscription(String id);

    Optional<ImplicitRegistrationSet> implicitRegistrationSet(String id);

    Optional<ServiceProfile> serviceProfile(String id);

    Optional<InitialFilterCriteria> initialFilterCriteria(String id);

    Optional<SharedIfcSet> sharedIfcSet(int id);

    Optional<ChargingInformation> chargingInformation(String id);

    List<ScscfServer> scscfServers();

    /** Never null: {@link RegistrationState#empty} when nothing is stored. */
    RegistrationState registration(String subscriptionId);

    /** Applies the update in one atomic grid operation and returns its result. */
    <R extends Serializable> R updateRegistration(String subscriptionId, RegistrationUpdate<R> update);

    /** Applies an authentication sequence (SQN) change for a private identity in one atomic grid operation. */
    <R extends Serializable> R updateSequence(String impi, SequenceUpdate<R> update);

    void putSubscription(ImsSubscription subscription);

    void putPrivateIdentity(PrivateIdentity privateIdentity);

    void putPublicIdentity(PublicIdentity publicIdentity);

    void putImplicitRegistrationSet(ImplicitRegistrationSet set);

    void putServiceProfile(ServiceProfile profile);

    void putInitialFilterCriteria(InitialFilterCriteria ifc);

    void putSharedIfcSet(SharedIfcSet set);

    void putChargingInformation(ChargingInformation chargingInformation);

    void putScscfServer(ScscfServer server);

    /** Bulk load (streamed into the grid); later entries overwrite earlier ones with the same key. */
    void load(SubscriberData data);

    @Override
    void close();
}
