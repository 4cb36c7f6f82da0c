package org.imshss.provisioning.store;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.DsaiValues;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.RepositoryDataSet;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.ShSubscriptions;
import org.imshss.provisioning.model.SharedIfcSet;

/**
 * The data only the Sh interface needs (TS 29.328): application servers and their permissions, repository
 * (transparent) data, DSAI, subscriptions to notifications. Identity keys are those of {@link SubscriberStore}
 * (normalised distinct identity, or a wildcard string).
 */
public interface ShDataStore extends AutoCloseable {

    /** By Diameter identity, compared case-insensitively. */
    Optional<ShApplicationServer> applicationServer(String diameterHost);

    void putApplicationServer(ShApplicationServer server);

    /** All repository data of one identity, read at once; never null. */
    RepositoryDataSet repositoryData(String identity);

    default Optional<RepositoryData> repositoryData(String identity, String serviceIndication) {
        return repositoryData(identity).get(serviceIndication);
    }

    /**
     * Applies a change to all repository data of one identity (every Service-Indication) in one atomic grid
     * operation: a PUR with several RepositoryData elements is one such change.
     */
    <R extends Serializable> R updateRepositoryData(String identity, RecordUpdate<RepositoryDataSet, R> update);

    /** A DSAI tag and the iFCs it governs. */
    Optional<Dsai> dsai(String tag);

    void putDsai(Dsai dsai);

    /** @return false when no such tag was stored */
    boolean removeDsai(String tag);

    /** Every DSAI tag; a scan of a small cache (tags are provisioned per service, not per user). */
    List<Dsai> allDsai();

    /** Never null: every tag ACTIVE when nothing is stored. */
    DsaiValues dsaiValues(String identity);

    /**
     * The stored DSAI-Values of several identities in one grid read (an S-CSCF's User-Data covers an implicit
     * set); identities with nothing stored are absent.
     */
    Map<String, DsaiValues> dsaiValues(Collection<String> identities);

    /** Every stored DSAI-Values record: for a change of a tag's definition, which is rare. */
    List<DsaiValues> allDsaiValues();

    /** Applies a change to the DSAI-Values of one identity in one atomic grid operation. */
    <R extends Serializable> R updateDsaiValues(String identity, RecordUpdate<DsaiValues, R> update);

    /** Never null: {@link ShSubscriptions#none()} when nothing is stored. */
    ShSubscriptions subscriptions(String identity);

    /** Applies a change to the subscriptions of one identity in one atomic grid operation. */
    <R extends Serializable> R updateSubscriptions(String identity, RecordUpdate<ShSubscriptions, R> update);

    /**
     * Every identity that has subscriptions, with them, read from the whole cluster. It reads every stored
     * subscription: for changes of shared data (iFCs, profiles, charging functions), which are rare.
     */
    Map<String, ShSubscriptions> allSubscriptions();

    /**
     * Drops the expired subscriptions of the identities whose primary copy this node holds.
     *
     * @return how many identities had expired subscriptions
     */
    int purgeExpiredSubscriptions(long nowMillis);

    /** Applies a change to a stored public identity (distinct or wildcard, by its key) in one atomic grid operation. */
    <R extends Serializable> R updatePublicIdentity(PublicIdentity identity, RecordUpdate<PublicIdentity, R> update);

    /**
     * Calls the listener for every change of the data Sh notifies about (repository data, DSAI tags and values,
     * registration state, the provisioned subscriber data), made by any node, once in the cluster (on the node that holds
     * the primary copy of the entry). Calls arrive on grid threads and must not block. Closing the returned
     * handle stops them.
     */
    AutoCloseable watch(ChangeListener listener);

    @Override
    void close();

    /** Before/after pairs; null means absent. */
    interface ChangeListener {

        /** Per Service-Indication: a PUR changing several calls this once for each. */
        void repositoryDataChanged(RepositoryData before, RepositoryData after);

        void dsaiValuesChanged(DsaiValues before, DsaiValues after);

        void registrationChanged(RegistrationState before, RegistrationState after);

        void publicIdentityChanged(PublicIdentity before, PublicIdentity after);

        void privateIdentityChanged(PrivateIdentity before, PrivateIdentity after);

        void implicitSetChanged(ImplicitRegistrationSet before, ImplicitRegistrationSet after);

        void subscriptionChanged(ImsSubscription before, ImsSubscription after);

        void serviceProfileChanged(ServiceProfile before, ServiceProfile after);

        void initialFilterCriteriaChanged(InitialFilterCriteria before, InitialFilterCriteria after);

        void chargingInformationChanged(ChargingInformation before, ChargingInformation after);

        void sharedIfcSetChanged(SharedIfcSet before, SharedIfcSet after);

        /** A DSAI tag's definition (the iFCs it governs) changed. */
        void dsaiChanged(Dsai before, Dsai after);

        /**
         * The Sh subscriptions on an identity (by its key) changed. Unlike the other calls this one comes on every
         * node, each keeping its own view, and when the watch starts once (before = null) for every identity
         * that has subscriptions then.
         */
        default void shSubscriptionsChanged(String identityKey, ShSubscriptions before, ShSubscriptions after) {
        }

        /**
         * Whether every change of this public identity (key: normalised, or the wildcard string) is to reach
         * {@link #watchedIdentityChanged} on this node, not only on the node holding its primary copy.
         */
        default boolean watchesIdentity(String identityKey) {
            return false;
        }

        /** A change of an identity {@link #watchesIdentity watched} by this node, on every node. */
        default void watchedIdentityChanged(PublicIdentity before, PublicIdentity after) {
        }

        /**
         * True while changes of the subscriber data (identities, implicit sets, IMS subscriptions) and of the
         * registration state concern nobody, for instance while no identity has Sh subscriptions: they are then
         * not even decoded. Checked for every change, so it must be cheap.
         */
        default boolean idle() {
            return false;
        }
    }
}
