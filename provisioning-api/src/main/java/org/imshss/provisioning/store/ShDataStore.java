package org.imshss.provisioning.store;

import java.io.Serializable;
import java.util.Optional;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.ShSubscriptions;

/**
 * The data only the Sh interface needs (TS 29.328): application servers and their permissions, repository
 * (transparent) data, subscriptions to notifications. Identity keys are those of {@link SubscriberStore}
 * (normalised distinct identity, or a wildcard string).
 */
public interface ShDataStore extends AutoCloseable {

    /** By Diameter identity, compared case-insensitively. */
    Optional<ShApplicationServer> applicationServer(String diameterHost);

    void putApplicationServer(ShApplicationServer server);

    Optional<RepositoryData> repositoryData(String identity, String serviceIndication);

    /** Applies a change to the repository data of one identity and Service-Indication in one atomic grid operation. */
    <R extends Serializable> R updateRepositoryData(String identity, String serviceIndication,
            RecordUpdate<RepositoryData, R> update);

    /** Never null: {@link ShSubscriptions#none()} when nothing is stored. */
    ShSubscriptions subscriptions(String identity);

    /** Applies a change to the subscriptions of one identity in one atomic grid operation. */
    <R extends Serializable> R updateSubscriptions(String identity, RecordUpdate<ShSubscriptions, R> update);

    /** Applies a change to a stored public identity (distinct or wildcard, by its key) in one atomic grid operation. */
    <R extends Serializable> R updatePublicIdentity(PublicIdentity identity, RecordUpdate<PublicIdentity, R> update);

    /**
     * Calls the listener for every change of repository data, registration state and public identities,
     * made by any node, once in the cluster (on the node that holds the primary copy of the entry).
     * Calls arrive on grid threads and must not block. Closing the returned handle stops them.
     */
    AutoCloseable watch(ChangeListener listener);

    @Override
    void close();

    /** Before/after pairs; null means absent. */
    interface ChangeListener {

        void repositoryDataChanged(RepositoryData before, RepositoryData after);

        void registrationChanged(RegistrationState before, RegistrationState after);

        void publicIdentityChanged(PublicIdentity before, PublicIdentity after);
    }
}
