package org.imshss.provisioning.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.model.Usim;

/**
 * What provisioning needs beyond the lookups of the network procedures: removal and listing. Listing scans
 * the grid, so it serves administration, never a Diameter request.
 */
public interface ProvisioningStore extends SubscriberStore {

    /** Removes a distinct identity (any spelling that normalises to it) or a wildcard, and its MSISDN entry. */
    boolean removePublicIdentity(String identity);

    void removeRegistration(String subscriptionId);

    boolean removeServiceProfile(String id);

    boolean removeInitialFilterCriteria(String id);

    boolean removeSharedIfcSet(int id);

    boolean removeChargingInformation(String id);

    boolean removeScscfServer(String name);

    /**
     * Subscription ids in ascending order, those starting with {@code prefix} (null: all), strictly after
     * {@code after} (null: from the first), at most {@code limit}.
     */
    List<String> subscriptionIds(String prefix, String after, int limit);

    /** Every subscription id with the prefix (null: all), in no particular order, in one pass over the grid. */
    void forEachSubscriptionId(String prefix, Consumer<String> action);

    /**
     * Public identities (distinct and wildcarded) in ascending key order, those whose key starts with
     * {@code prefix} (null: all), strictly after {@code after}, at most {@code limit}.
     */
    List<PublicIdentity> publicIdentities(String prefix, String after, int limit);

    /**
     * Private identities in ascending IMPI order, those starting with {@code prefix} (null: all), strictly after
     * {@code after}, at most {@code limit}.
     */
    List<PrivateIdentity> privateIdentities(String prefix, String after, int limit);

    /** Ids of the subscriptions whose registration state names this S-CSCF. */
    List<String> subscriptionsServedBy(String scscfName);

    List<ServiceProfile> serviceProfiles();

    List<InitialFilterCriteria> initialFilterCriteria();

    List<SharedIfcSet> sharedIfcSets();

    List<ChargingInformation> chargingInformation();

    List<ShApplicationServer> applicationServers();

    boolean removeApplicationServer(String diameterHost);

    /**
     * Writes new subscribers (one {@link SubscriberData} each, no wildcarded identity), each claiming its keys
     * atomically: a subscriber whose subscription id, identity, MSISDN, implicit set id or IMSI is held by another is not
     * written, and nothing of it is left behind.
     *
     * @return why, for each subscriber (by subscription id) that was not written
     */
    Map<String, String> insertNew(List<SubscriberData> batch);

    /** The subscription record as stored in the grid now, bypassing any decoded copy: what a write compares. */
    Optional<ImsSubscription> storedSubscription(String id);

    /**
     * Creates a subscriber ({@code expected} null) or replaces it if it is still at version {@code expected},
     * claiming each of its keys atomically, cluster-wide ({@link SubscriberClaims}).
     *
     * @param next the subscriber's records, one subscription among them
     * @param previous its records as read together with {@code expected}; empty for a create
     * @param switched run once the write has passed the version check, before a record is given up
     */
    SubscriberClaims.Outcome writeSubscriber(ImsSubscription expected, SubscriberData next, SubscriberData previous,
            Runnable switched);

    /**
     * Removes a subscriber if it is still at version {@code expected}, runs {@code switched}, then removes the
     * records it held.
     */
    SubscriberClaims.Outcome deleteSubscriber(ImsSubscription expected, SubscriberData previous, Runnable switched);

    /** Whether any subscription is stored. */
    boolean hasSubscriptions();

    /**
     * Turns the write-ahead log of the caches a bulk import writes ({@link CacheNames#INITIAL_LOAD}) off until the
     * returned handle is closed: with persistence, writes to them cost half as much. A node that crashes meanwhile
     * empties those caches when it restarts (Ignite cannot tell which of their pages are whole), so this is for
     * loading an HSS that holds no subscriber yet. Without persistence there is no log and nothing changes.
     * Of overlapping loads the first to end turns the log back on; the others go on with it.
     */
    InitialLoad initialLoad();

    /** Which of these subscription ids are stored. */
    Set<String> existingSubscriptions(Collection<String> ids);

    /** Public identities (distinct and wildcarded) whose service profile is one of these. */
    List<PublicIdentity> publicIdentitiesWithProfiles(Set<String> serviceProfileIds);

    /** Ids of the subscriptions that use this charging information. */
    List<String> subscriptionsWithCharging(String chargingInformationId);

    /**
     * Passes every stored private identity through {@code change}, in batches of {@code batchSize}, and stores what
     * it returns when that is another record. Each record is replaced atomically and only if unchanged since it was
     * read; one written meanwhile is read again and passed through once more, so no concurrent write is lost.
     * A change returns its argument itself for no change and throws IllegalArgumentException to leave the record
     * as it is (counted as failed).
     */
    RewriteCounts rewritePrivateIdentities(UnaryOperator<PrivateIdentity> change, int batchSize);

    /** As {@link #rewritePrivateIdentities}, for every stored USIM (its AKA keys, at a key rotation). */
    RewriteCounts rewriteUsims(UnaryOperator<Usim> change, int batchSize);

    /**
     * The EPS records of the same grid (USIMs, APN profiles, EPS registrations). USIMs are written with their
     * subscriber ({@link #writeSubscriber}, {@link #load}); APN profiles directly.
     */
    EpsDataStore eps();

    /** The subscriber records as the grid holds them now, never this node's decoded copies. */
    SubscriberRecords storedRecords();
}
