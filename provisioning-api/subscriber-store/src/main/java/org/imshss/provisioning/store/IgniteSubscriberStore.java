package org.imshss.provisioning.store;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessorException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.model.Usim;

/**
 * {@link SubscriberStore} over the caches of a started Ignite node ({@link CacheNames}). Values are
 * {@link RecordCodec} bytes; keys are normalised identities or ids. Closing the store does not stop the node.
 *
 * <p>The lookups the Diameter procedures make and the atomic updates of registration state and SQN are here;
 * the provisioning side is delegated: single-record writes and the bulk load to {@link ProvisioningWrites},
 * listings and searches to {@link ProvisioningScans}, whole-subscriber writes to {@link SubscriberClaims}, the
 * key-rotation rewrite to {@link RecordRewrite}. The EPS records of the same grid are read through {@link #eps()},
 * which shares this store's change feed; USIMs are written with their subscriber.
 */
public final class IgniteSubscriberStore implements ProvisioningStore {

    private final SubscriberCaches caches;
    private final ProvisioningWrites writes;
    private final ProvisioningScans scans;
    private final RecordRewrite<PrivateIdentity> rewrite;
    private final RecordRewrite<Usim> usimRewrite;
    private final IgniteEpsStore eps;
    private volatile WildcardIndex wildcardIndex;
    private final ChangeFeed changes;
    /** The feed this store made for itself, closed with it; null when it was given one. */
    private final ChangeFeed ownChanges;
    private final ChangeFeed.Listening wildcardWatch;
    private final SubscriberClaims claims;

    /** Decoded per-subscriber records kept on the heap of each node, per kind (see {@link SharedRecordCache}). */
    public static final int DEFAULT_DECODED_ENTRIES = 250_000;

    public IgniteSubscriberStore(Ignite ignite) {
        this(ignite, RecordCodec.shared(), DEFAULT_DECODED_ENTRIES);
    }

    public IgniteSubscriberStore(Ignite ignite, RecordCodec codec) {
        this(ignite, codec, DEFAULT_DECODED_ENTRIES);
    }

    public IgniteSubscriberStore(Ignite ignite, RecordCodec codec, int decodedEntries) {
        this(ignite, codec, decodedEntries, null);
    }

    /**
     * @param changes the node's change feed, shared with the other stores on the node (see {@link ChangeFeed});
     *                null: the store makes its own and closes it with itself
     */
    public IgniteSubscriberStore(Ignite ignite, RecordCodec codec, int decodedEntries, ChangeFeed changes) {
        this(ignite, codec, decodedEntries, changes, CacheLayout.NODE);
    }

    /**
     * @param changes as above
     * @param layout the caches this store and its EPS store read and write
     */
    public IgniteSubscriberStore(Ignite ignite, RecordCodec codec, int decodedEntries, ChangeFeed changes,
            CacheLayout layout) {
        this.ownChanges = changes == null ? new ChangeFeed() : null;
        this.changes = changes == null ? ownChanges : changes;
        caches = new SubscriberCaches(ignite, codec, decodedEntries, this.changes, layout);
        writes = new ProvisioningWrites(caches);
        scans = new ProvisioningScans(caches);
        rewrite = new RecordRewrite<>(codec, caches.privateIds, PrivateIdentity.class,
                caches.decodedPrivateIds::invalidate);
        eps = new IgniteEpsStore(ignite, this.changes, decodedEntries, layout);
        usimRewrite = new RecordRewrite<>(codec, layout.cache(ignite, CacheNames.USIMS), Usim.class, eps::usimChanged);
        wildcardWatch = this.changes.listen(caches.wildcards, events -> caches.wildcardVersion.incrementAndGet());
        claims = new SubscriberClaims(ignite, codec, (kind, key) -> {
            if (kind == SubscriberClaims.Kind.USIM) {
                eps.usimChanged(key);
            } else {
                caches.changed(kind, key);
            }
        }, layout);
    }

    private <T> Optional<T> get(IgniteCache<String, byte[]> cache, String key, Class<T> type) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(caches.codec.decode(cache.get(key), type));
    }

    @Override
    public Optional<PublicIdentity> publicIdentity(String identity) {
        return publicIdentity(identity, false);
    }

    private Optional<PublicIdentity> publicIdentity(String identity, boolean stored) {
        if (identity == null) {
            return Optional.empty();
        }
        if (Identities.isWildcard(identity)) {
            // '!' is also legal in a SIP user part, so a miss falls through to the distinct identities.
            Optional<PublicIdentity> wildcard = get(caches.wildcards, SubscriberCaches.wildcardKey(identity),
                    PublicIdentity.class);
            if (wildcard.isPresent()) {
                return wildcard;
            }
        }
        String key = Identities.normalise(identity);
        if (key == null) {
            return Optional.empty();
        }
        return stored ? caches.decodedPublicIds.stored(key) : caches.decodedPublicIds.get(key);
    }

    @Override
    public Optional<PublicIdentity> wildcardMatch(String identity) {
        if (identity == null) {
            return Optional.empty();
        }
        String normalised = Identities.normalise(identity);
        for (CompiledWildcard candidate : wildcardIndex().entries()) {
            if (candidate.pattern().matcher(normalised).matches()) {
                Optional<PublicIdentity> found = get(caches.wildcards, candidate.key(), PublicIdentity.class);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private WildcardIndex wildcardIndex() {
        long version = caches.wildcardVersion.get();
        WildcardIndex index = wildcardIndex;
        if (index != null && index.version() == version) {
            return index;
        }
        // Tagged with the version read before the scan: a change during the scan forces another rebuild.
        List<CompiledWildcard> entries = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor =
                caches.wildcards.query(new ScanQuery<String, byte[]>())) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                entries.add(new CompiledWildcard(entry.getKey(), Identities.wildcardPattern(entry.getKey())));
            }
        }
        entries.sort(Comparator.comparing(CompiledWildcard::key));
        index = new WildcardIndex(version, List.copyOf(entries));
        wildcardIndex = index;
        return index;
    }

    @Override
    public Optional<PublicIdentity> publicIdentityByMsisdn(String msisdn) {
        if (msisdn == null) {
            return Optional.empty();
        }
        byte[] key = caches.msisdns.get(SubscriberCaches.msisdnKey(msisdn));
        return key == null ? Optional.empty() : publicIdentity(new String(key, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<PrivateIdentity> privateIdentity(String impi) {
        String key = Identities.normalise(impi);
        return key == null ? Optional.empty() : caches.decodedPrivateIds.get(key);
    }

    @Override
    public Optional<ImsSubscription> subscription(String id) {
        return id == null ? Optional.empty() : caches.decodedSubscriptions.get(id);
    }

    @Override
    public Optional<ImplicitRegistrationSet> implicitRegistrationSet(String id) {
        return id == null ? Optional.empty() : caches.decodedImplicitSets.get(id);
    }

    @Override
    public Optional<ServiceProfile> serviceProfile(String id) {
        return id == null ? Optional.empty() : caches.decodedProfiles.get(id);
    }

    @Override
    public Optional<InitialFilterCriteria> initialFilterCriteria(String id) {
        return id == null ? Optional.empty() : caches.decodedIfcs.get(id);
    }

    @Override
    public Optional<SharedIfcSet> sharedIfcSet(int id) {
        return caches.decodedSharedIfcSets.get(Integer.toString(id));
    }

    @Override
    public Optional<ChargingInformation> chargingInformation(String id) {
        return id == null ? Optional.empty() : caches.decodedCharging.get(id);
    }

    @Override
    public List<ScscfServer> scscfServers() {
        return scans.scscfServers();
    }

    @Override
    public RegistrationState registration(String subscriptionId) {
        RegistrationState state = caches.decodedRegistrations.get(subscriptionId);
        return state != null ? state : RegistrationState.empty(subscriptionId);
    }

    @Override
    public <R extends Serializable> R updateRegistration(String subscriptionId, RegistrationUpdate<R> update) {
        return invokeAgainOnNodeLoss(caches.registrations, subscriptionId, new RegistrationProcessor(update));
    }

    /** The stored SQN_HE of a private identity, 0 when none is stored. */
    public long sequence(String impi) {
        return SequenceProcessor.decode(caches.sequences.get(Identities.normalise(impi)));
    }

    /** Applies an SQN change in one atomic grid operation (two MARs never get the same SQN). */
    @Override
    public <R extends Serializable> R updateSequence(String impi, SequenceUpdate<R> update) {
        return invokeAgainOnNodeLoss(caches.sequences, Identities.normalise(impi), new SequenceProcessor(update));
    }

    /**
     * Runs an entry processor and unwraps its result; an exception the update threw reaches the caller as its
     * own type rather than wrapped by Ignite.
     */
    static <R extends Serializable> R invoke(IgniteCache<String, byte[]> cache, String key,
            CacheEntryProcessor<String, byte[], SerializedResult> processor) {
        return unwrap(cache, call(cache, key, processor));
    }

    /**
     * {@link #invoke}, run again when the node that held the entry left under it ({@link TopologyRetry}): only for
     * the registration, EPS registration and SQN updates, which may run again on whatever state the first attempt
     * left.
     */
    static <R extends Serializable> R invokeAgainOnNodeLoss(IgniteCache<String, byte[]> cache, String key,
            CacheEntryProcessor<String, byte[], SerializedResult> processor) {
        return unwrap(cache, TopologyRetry.run(() -> call(cache, key, processor)));
    }

    private static SerializedResult call(IgniteCache<String, byte[]> cache, String key,
            CacheEntryProcessor<String, byte[], SerializedResult> processor) {
        try {
            return cache.invoke(key, processor);
        } catch (EntryProcessorException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static <R extends Serializable> R unwrap(IgniteCache<String, byte[]> cache, SerializedResult result) {
        if (result == null) {
            // Ignite re-ran the update on a new primary after the old one left and lost its result.
            throw new IllegalStateException("no result from an update of " + cache.getName() + " (its node left)");
        }
        @SuppressWarnings("unchecked")
        R value = (R) result.value();
        return value;
    }

    @Override
    public void putSubscription(ImsSubscription subscription) {
        writes.putSubscription(subscription);
    }

    @Override
    public void putPrivateIdentity(PrivateIdentity privateIdentity) {
        writes.putPrivateIdentity(privateIdentity);
    }

    @Override
    public void putPublicIdentity(PublicIdentity publicIdentity) {
        writes.putPublicIdentity(publicIdentity);
    }

    @Override
    public void putImplicitRegistrationSet(ImplicitRegistrationSet set) {
        writes.putImplicitRegistrationSet(set);
    }

    @Override
    public void putServiceProfile(ServiceProfile profile) {
        writes.putServiceProfile(profile);
    }

    @Override
    public void putInitialFilterCriteria(InitialFilterCriteria ifc) {
        writes.putInitialFilterCriteria(ifc);
    }

    @Override
    public void putSharedIfcSet(SharedIfcSet set) {
        writes.putSharedIfcSet(set);
    }

    @Override
    public void putChargingInformation(ChargingInformation chargingInformation) {
        writes.putChargingInformation(chargingInformation);
    }

    @Override
    public void putScscfServer(ScscfServer server) {
        writes.putScscfServer(server);
    }

    @Override
    public void load(SubscriberData data) {
        writes.load(data);
        eps.invalidateAll();
    }

    @Override
    public boolean removePublicIdentity(String identity) {
        return writes.removePublicIdentity(identity, publicIdentity(identity));
    }

    @Override
    public void removeRegistration(String subscriptionId) {
        writes.removeRegistration(subscriptionId);
    }

    @Override
    public boolean removeServiceProfile(String id) {
        return writes.removeServiceProfile(id);
    }

    @Override
    public boolean removeInitialFilterCriteria(String id) {
        return writes.removeInitialFilterCriteria(id);
    }

    @Override
    public boolean removeSharedIfcSet(int id) {
        return writes.removeSharedIfcSet(id);
    }

    @Override
    public boolean removeChargingInformation(String id) {
        return writes.removeChargingInformation(id);
    }

    @Override
    public boolean removeScscfServer(String name) {
        return writes.removeScscfServer(name);
    }

    @Override
    public boolean removeApplicationServer(String diameterHost) {
        return writes.removeApplicationServer(diameterHost);
    }

    @Override
    public InitialLoad initialLoad() {
        return writes.initialLoad();
    }

    @Override
    public SubscriberRecords storedRecords() {
        return new SubscriberRecords() {
            @Override
            public Optional<PrivateIdentity> privateIdentity(String impi) {
                String key = Identities.normalise(impi);
                return key == null ? Optional.empty() : caches.decodedPrivateIds.stored(key);
            }

            @Override
            public Optional<PublicIdentity> publicIdentity(String identity) {
                return IgniteSubscriberStore.this.publicIdentity(identity, true);
            }

            @Override
            public Optional<ImplicitRegistrationSet> implicitRegistrationSet(String id) {
                return id == null ? Optional.empty() : caches.decodedImplicitSets.stored(id);
            }

            @Override
            public Optional<Usim> usim(String imsi) {
                return eps().storedUsim(imsi);
            }
        };
    }

    @Override
    public Optional<ImsSubscription> storedSubscription(String id) {
        return Optional.ofNullable(claims.stored(id));
    }

    @Override
    public SubscriberClaims.Outcome writeSubscriber(ImsSubscription expected, SubscriberData next,
            SubscriberData previous, Runnable switched) {
        return claims.write(expected, next, previous, switched);
    }

    @Override
    public SubscriberClaims.Outcome deleteSubscriber(ImsSubscription expected, SubscriberData previous,
            Runnable switched) {
        return claims.delete(expected, previous, switched);
    }

    @Override
    public Map<String, String> insertNew(List<SubscriberData> batch) {
        return claims.insertNew(batch);
    }

    @Override
    public List<String> subscriptionIds(String prefix, String after, int limit) {
        return scans.subscriptionIds(prefix, after, limit);
    }

    @Override
    public void forEachSubscriptionId(String prefix, Consumer<String> action) {
        scans.forEachSubscriptionId(prefix, action);
    }

    @Override
    public List<PublicIdentity> publicIdentities(String prefix, String after, int limit) {
        return scans.publicIdentities(prefix, after, limit);
    }

    @Override
    public List<PrivateIdentity> privateIdentities(String prefix, String after, int limit) {
        return scans.privateIdentities(prefix, after, limit);
    }

    @Override
    public List<String> subscriptionsServedBy(String scscfName) {
        return scans.subscriptionsServedBy(scscfName);
    }

    @Override
    public List<ServiceProfile> serviceProfiles() {
        return scans.serviceProfiles();
    }

    @Override
    public List<InitialFilterCriteria> initialFilterCriteria() {
        return scans.initialFilterCriteria();
    }

    @Override
    public List<SharedIfcSet> sharedIfcSets() {
        return scans.sharedIfcSets();
    }

    @Override
    public List<ChargingInformation> chargingInformation() {
        return scans.chargingInformation();
    }

    @Override
    public List<ShApplicationServer> applicationServers() {
        return scans.applicationServers();
    }

    @Override
    public boolean hasSubscriptions() {
        return scans.hasSubscriptions();
    }

    @Override
    public Set<String> existingSubscriptions(Collection<String> ids) {
        return scans.existingSubscriptions(ids);
    }

    @Override
    public List<PublicIdentity> publicIdentitiesWithProfiles(Set<String> serviceProfileIds) {
        return scans.publicIdentitiesWithProfiles(serviceProfileIds);
    }

    @Override
    public List<String> subscriptionsWithCharging(String chargingInformationId) {
        return scans.subscriptionsWithCharging(chargingInformationId);
    }

    @Override
    public RewriteCounts rewritePrivateIdentities(UnaryOperator<PrivateIdentity> change, int batchSize) {
        return rewrite.run(change, batchSize);
    }

    @Override
    public RewriteCounts rewriteUsims(UnaryOperator<Usim> change, int batchSize) {
        return usimRewrite.run(change, batchSize);
    }

    /**
     * Starts filling this node's decoded records in the background ({@link CacheRefill}), at most half of one core and
     * only while the machine is not busy; close the refill before this store.
     */
    public CacheRefill startRefill() {
        return startRefill(CacheRefill.IDLE_MACHINE);
    }

    CacheRefill startRefill(CacheRefill.Pacing pacing) {
        return CacheRefill.start(caches, eps.decodedUsims(), pacing);
    }

    /** The caches and decoded copies, for tests of this package. */
    SubscriberCaches caches() {
        return caches;
    }

    /** The EPS store of this node, sharing this store's change feed; closed with this store. */
    @Override
    public IgniteEpsStore eps() {
        return eps;
    }

    /** Stops watching the wildcards; harmless if the node has already stopped. */
    @Override
    public void close() {
        claims.close();
        eps.close();
        wildcardWatch.close();
        caches.close();
        if (ownChanges != null) {
            ownChanges.close();
        }
    }

    /** The change feed of this store's node: other stores on the node listen through it, too. */
    public ChangeFeed changes() {
        return changes;
    }

    private record CompiledWildcard(String key, Pattern pattern) {
    }

    private record WildcardIndex(long version, List<CompiledWildcard> entries) {
    }
}
