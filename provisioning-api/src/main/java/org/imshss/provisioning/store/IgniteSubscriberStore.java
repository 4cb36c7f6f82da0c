package org.imshss.provisioning.store;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessorException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.Dsai;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SubscriberStore} over the caches of a started Ignite node ({@link CacheNames}). Values are
 * {@link RecordCodec} bytes; keys are normalised identities or ids. Closing the store does not stop the node.
 */
public final class IgniteSubscriberStore implements ProvisioningStore {

    private static final Logger LOG = LoggerFactory.getLogger(IgniteSubscriberStore.class);

    private final Ignite ignite;
    private final RecordCodec codec;
    private final IgniteCache<String, byte[]> subscriptions;
    private final IgniteCache<String, byte[]> privateIds;
    private final IgniteCache<String, byte[]> publicIds;
    private final IgniteCache<String, byte[]> wildcards;
    private final IgniteCache<String, byte[]> implicitSets;
    private final IgniteCache<String, byte[]> serviceProfiles;
    private final IgniteCache<String, byte[]> ifcs;
    private final IgniteCache<String, byte[]> sharedIfcSets;
    private final IgniteCache<String, byte[]> charging;
    private final SharedRecordCache<PublicIdentity> decodedPublicIds;
    private final SharedRecordCache<PrivateIdentity> decodedPrivateIds;
    private final SharedRecordCache<ImsSubscription> decodedSubscriptions;
    private final SharedRecordCache<ImplicitRegistrationSet> decodedImplicitSets;
    private final SharedRecordCache<ServiceProfile> decodedProfiles;
    private final SharedRecordCache<InitialFilterCriteria> decodedIfcs;
    private final SharedRecordCache<SharedIfcSet> decodedSharedIfcSets;
    private final SharedRecordCache<ChargingInformation> decodedCharging;
    private final IgniteCache<String, byte[]> scscfs;
    private final IgniteCache<String, byte[]> registrations;
    private final IgniteCache<String, byte[]> sequences;
    private final IgniteCache<String, byte[]> msisdns;

    /**
     * Bumped on every wildcard change this store makes (synchronously) and on every change any node makes
     * (through a continuous query, asynchronously); the compiled index is rebuilt when it is behind.
     */
    private final AtomicLong wildcardVersion = new AtomicLong();
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
        this.ignite = ignite;
        this.ownChanges = changes == null ? new ChangeFeed() : null;
        this.changes = changes == null ? ownChanges : changes;
        this.codec = codec;
        subscriptions = cache(CacheNames.SUBSCRIPTIONS);
        privateIds = cache(CacheNames.PRIVATE_IDS);
        publicIds = cache(CacheNames.PUBLIC_IDS);
        wildcards = cache(CacheNames.WILDCARDS);
        implicitSets = cache(CacheNames.IMPLICIT_SETS);
        serviceProfiles = cache(CacheNames.SERVICE_PROFILES);
        ifcs = cache(CacheNames.IFCS);
        sharedIfcSets = cache(CacheNames.SHARED_IFC_SETS);
        charging = cache(CacheNames.CHARGING);
        decodedPublicIds = new SharedRecordCache<>(publicIds, codec, PublicIdentity.class, decodedEntries,
                this.changes);
        decodedPrivateIds = new SharedRecordCache<>(privateIds, codec, PrivateIdentity.class, decodedEntries,
                this.changes);
        decodedSubscriptions = new SharedRecordCache<>(subscriptions, codec, ImsSubscription.class, decodedEntries,
                this.changes);
        decodedImplicitSets = new SharedRecordCache<>(implicitSets, codec, ImplicitRegistrationSet.class,
                decodedEntries, this.changes);
        decodedProfiles = new SharedRecordCache<>(serviceProfiles, codec, ServiceProfile.class,
                SharedRecordCache.UNBOUNDED, this.changes);
        decodedIfcs = new SharedRecordCache<>(ifcs, codec, InitialFilterCriteria.class, SharedRecordCache.UNBOUNDED,
                this.changes);
        decodedSharedIfcSets = new SharedRecordCache<>(sharedIfcSets, codec, SharedIfcSet.class,
                SharedRecordCache.UNBOUNDED, this.changes);
        decodedCharging = new SharedRecordCache<>(charging, codec, ChargingInformation.class,
                SharedRecordCache.UNBOUNDED, this.changes);
        scscfs = cache(CacheNames.SCSCFS);
        registrations = cache(CacheNames.REGISTRATIONS);
        sequences = cache(CacheNames.AUTH_SEQUENCES);
        msisdns = cache(CacheNames.MSISDNS);

        wildcardWatch = this.changes.listen(wildcards, events -> wildcardVersion.incrementAndGet());
        claims = new SubscriberClaims(ignite, codec, this::changed);
    }

    private void changed(SubscriberClaims.Kind kind, String key) {
        switch (kind) {
            case SUBSCRIPTION -> decodedSubscriptions.invalidate(key);
            case PRIVATE -> decodedPrivateIds.invalidate(key);
            case PUBLIC -> decodedPublicIds.invalidate(key);
            case WILDCARD -> wildcardVersion.incrementAndGet();
            case SET -> decodedImplicitSets.invalidate(key);
            case MSISDN -> { }
        }
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

    private IgniteCache<String, byte[]> cache(String name) {
        IgniteCache<String, byte[]> cache = ignite.cache(name);
        if (cache == null) {
            throw new IllegalStateException("cache " + name + " is not configured on node " + ignite.name());
        }
        return cache;
    }

    private <T> Optional<T> get(IgniteCache<String, byte[]> cache, String key, Class<T> type) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(codec.decode(cache.get(key), type));
    }

    private static String wildcardKey(String wildcard) {
        return wildcard.trim();
    }

    @Override
    public Optional<PublicIdentity> publicIdentity(String identity) {
        if (identity == null) {
            return Optional.empty();
        }
        if (Identities.isWildcard(identity)) {
            // '!' is also legal in a SIP user part, so a miss falls through to the distinct identities.
            Optional<PublicIdentity> wildcard = get(wildcards, wildcardKey(identity), PublicIdentity.class);
            if (wildcard.isPresent()) {
                return wildcard;
            }
        }
        String key = Identities.normalise(identity);
        return key == null ? Optional.empty() : decodedPublicIds.get(key);
    }

    @Override
    public Optional<PublicIdentity> wildcardMatch(String identity) {
        if (identity == null) {
            return Optional.empty();
        }
        String normalised = Identities.normalise(identity);
        for (CompiledWildcard candidate : wildcardIndex().entries()) {
            if (candidate.pattern().matcher(normalised).matches()) {
                Optional<PublicIdentity> found = get(wildcards, candidate.key(), PublicIdentity.class);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private WildcardIndex wildcardIndex() {
        long version = wildcardVersion.get();
        WildcardIndex index = wildcardIndex;
        if (index != null && index.version() == version) {
            return index;
        }
        // Tagged with the version read before the scan: a change during the scan forces another rebuild.
        List<CompiledWildcard> entries = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = wildcards.query(new ScanQuery<String, byte[]>())) {
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
        byte[] key = msisdns.get(msisdnKey(msisdn));
        return key == null ? Optional.empty() : publicIdentity(new String(key, StandardCharsets.UTF_8));
    }

    /** MSISDNs are kept as E.164 digits without '+'. */
    static String msisdnKey(String msisdn) {
        String trimmed = msisdn.trim();
        return trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
    }

    static byte[] msisdnValue(PublicIdentity identity) {
        return identityKey(identity).getBytes(StandardCharsets.UTF_8);
    }

    /** The key of an identity in its cache: a wildcard as provisioned, any other normalised. */
    static String identityKey(PublicIdentity identity) {
        return identity.type().isWildcard() ? wildcardKey(identity.identity())
                : Identities.normalise(identity.identity());
    }

    @Override
    public Optional<PrivateIdentity> privateIdentity(String impi) {
        String key = Identities.normalise(impi);
        return key == null ? Optional.empty() : decodedPrivateIds.get(key);
    }

    @Override
    public Optional<ImsSubscription> subscription(String id) {
        return id == null ? Optional.empty() : decodedSubscriptions.get(id);
    }

    @Override
    public Optional<ImplicitRegistrationSet> implicitRegistrationSet(String id) {
        return id == null ? Optional.empty() : decodedImplicitSets.get(id);
    }

    @Override
    public Optional<ServiceProfile> serviceProfile(String id) {
        return id == null ? Optional.empty() : decodedProfiles.get(id);
    }

    @Override
    public Optional<InitialFilterCriteria> initialFilterCriteria(String id) {
        return id == null ? Optional.empty() : decodedIfcs.get(id);
    }

    @Override
    public Optional<SharedIfcSet> sharedIfcSet(int id) {
        return decodedSharedIfcSets.get(Integer.toString(id));
    }

    @Override
    public Optional<ChargingInformation> chargingInformation(String id) {
        return id == null ? Optional.empty() : decodedCharging.get(id);
    }

    @Override
    public List<ScscfServer> scscfServers() {
        List<ScscfServer> servers = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = scscfs.query(new ScanQuery<String, byte[]>())) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                servers.add(codec.decode(entry.getValue(), ScscfServer.class));
            }
        }
        servers.sort(Comparator.comparing(ScscfServer::name));
        return servers;
    }

    @Override
    public RegistrationState registration(String subscriptionId) {
        RegistrationState state = RegistrationStateCodec.decode(registrations.get(subscriptionId));
        return state != null ? state : RegistrationState.empty(subscriptionId);
    }

    @Override
    public <R extends Serializable> R updateRegistration(String subscriptionId, RegistrationUpdate<R> update) {
        return invoke(registrations, subscriptionId, new RegistrationProcessor(update));
    }

    /** The stored SQN_HE of a private identity, 0 when none is stored. */
    public long sequence(String impi) {
        return SequenceProcessor.decode(sequences.get(Identities.normalise(impi)));
    }

    /** Applies an SQN change in one atomic grid operation (two MARs never get the same SQN). */
    @Override
    public <R extends Serializable> R updateSequence(String impi, SequenceUpdate<R> update) {
        return invoke(sequences, Identities.normalise(impi), new SequenceProcessor(update));
    }

    /**
     * Runs an entry processor and unwraps its result; an exception the update threw reaches the caller as its
     * own type rather than wrapped by Ignite.
     */
    static <R extends Serializable> R invoke(IgniteCache<String, byte[]> cache, String key,
            CacheEntryProcessor<String, byte[], SerializedResult> processor) {
        SerializedResult result;
        try {
            result = cache.invoke(key, processor);
        } catch (EntryProcessorException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        @SuppressWarnings("unchecked")
        R value = (R) result.value();
        return value;
    }

    @Override
    public void putSubscription(ImsSubscription subscription) {
        subscriptions.put(subscription.id(), codec.encode(subscription));
        decodedSubscriptions.invalidate(subscription.id());
    }

    @Override
    public void putPrivateIdentity(PrivateIdentity privateIdentity) {
        privateIds.put(Identities.normalise(privateIdentity.impi()), codec.encode(privateIdentity));
        decodedPrivateIds.invalidate(Identities.normalise(privateIdentity.impi()));
    }

    @Override
    public void putPublicIdentity(PublicIdentity publicIdentity) {
        if (publicIdentity.type().isWildcard()) {
            wildcards.put(wildcardKey(publicIdentity.identity()), codec.encode(publicIdentity));
            wildcardVersion.incrementAndGet();
        } else {
            publicIds.put(Identities.normalise(publicIdentity.identity()), codec.encode(publicIdentity));
            decodedPublicIds.invalidate(Identities.normalise(publicIdentity.identity()));
        }
        if (publicIdentity.msisdn() != null) {
            msisdns.put(msisdnKey(publicIdentity.msisdn()), msisdnValue(publicIdentity));
        }
    }

    @Override
    public void putImplicitRegistrationSet(ImplicitRegistrationSet set) {
        implicitSets.put(set.id(), codec.encode(set));
        decodedImplicitSets.invalidate(set.id());
    }

    @Override
    public void putServiceProfile(ServiceProfile profile) {
        serviceProfiles.put(profile.id(), codec.encode(profile));
        decodedProfiles.invalidate(profile.id());
    }

    @Override
    public void putInitialFilterCriteria(InitialFilterCriteria ifc) {
        ifcs.put(ifc.id(), codec.encode(ifc));
        decodedIfcs.invalidate(ifc.id());
    }

    @Override
    public void putSharedIfcSet(SharedIfcSet set) {
        sharedIfcSets.put(Integer.toString(set.id()), codec.encode(set));
        decodedSharedIfcSets.invalidate(Integer.toString(set.id()));
    }

    @Override
    public void putChargingInformation(ChargingInformation chargingInformation) {
        charging.put(chargingInformation.id(), codec.encode(chargingInformation));
        decodedCharging.invalidate(chargingInformation.id());
    }

    @Override
    public void putScscfServer(ScscfServer server) {
        scscfs.put(server.name().trim(), codec.encode(server));
    }

    @Override
    public boolean removePublicIdentity(String identity) {
        Optional<PublicIdentity> stored = publicIdentity(identity);
        boolean removed = false;
        if (Identities.isWildcard(identity)) {
            removed = wildcards.remove(wildcardKey(identity));
            if (removed) {
                wildcardVersion.incrementAndGet();
            }
        }
        boolean distinct = publicIds.remove(Identities.normalise(identity));
        decodedPublicIds.invalidate(Identities.normalise(identity));
        stored.map(PublicIdentity::msisdn).ifPresent(msisdn -> msisdns.remove(msisdnKey(msisdn)));
        return distinct || removed;
    }

    private static boolean remove(IgniteCache<String, byte[]> cache, SharedRecordCache<?> decoded, String key) {
        boolean removed = cache.remove(key);
        decoded.invalidate(key);
        return removed;
    }

    @Override
    public void removeRegistration(String subscriptionId) {
        registrations.remove(subscriptionId);
    }

    @Override
    public boolean removeServiceProfile(String id) {
        return remove(serviceProfiles, decodedProfiles, id);
    }

    @Override
    public boolean removeInitialFilterCriteria(String id) {
        return remove(ifcs, decodedIfcs, id);
    }

    @Override
    public boolean removeSharedIfcSet(int id) {
        return remove(sharedIfcSets, decodedSharedIfcSets, Integer.toString(id));
    }

    @Override
    public boolean removeChargingInformation(String id) {
        return remove(charging, decodedCharging, id);
    }

    @Override
    public boolean removeScscfServer(String name) {
        return scscfs.remove(name.trim());
    }

    @Override
    public List<String> subscriptionIds(String prefix, String after, int limit) {
        // The largest of the smallest `limit` keys stays on top, so each key costs O(log limit).
        PriorityQueue<String> smallest = new PriorityQueue<>(Comparator.reverseOrder());
        ScanQuery<String, byte[]> scan = new ScanQuery<>(new KeyRange(prefix, after));
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = subscriptions.query(scan)) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                smallest.add(entry.getKey());
                if (smallest.size() > limit) {
                    smallest.poll();
                }
            }
        }
        List<String> ids = new ArrayList<>(smallest);
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    @Override
    public List<PublicIdentity> publicIdentities(String prefix, String after, int limit) {
        PriorityQueue<Cache.Entry<String, byte[]>> smallest = new PriorityQueue<>(
                Comparator.comparing((Cache.Entry<String, byte[]> e) -> e.getKey()).reversed());
        for (IgniteCache<String, byte[]> cache : List.of(publicIds, wildcards)) {
            try (QueryCursor<Cache.Entry<String, byte[]>> cursor =
                    cache.query(new ScanQuery<>(new KeyRange(prefix, after)))) {
                for (Cache.Entry<String, byte[]> entry : cursor) {
                    smallest.add(entry);
                    if (smallest.size() > limit) {
                        smallest.poll();
                    }
                }
            }
        }
        List<Cache.Entry<String, byte[]>> entries = new ArrayList<>(smallest);
        entries.sort(Comparator.comparing(Cache.Entry::getKey));
        List<PublicIdentity> identities = new ArrayList<>();
        entries.forEach(e -> identities.add(codec.decode(e.getValue(), PublicIdentity.class)));
        return identities;
    }

    @Override
    public List<String> subscriptionsServedBy(String scscfName) {
        List<String> ids = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor =
                registrations.query(new ScanQuery<>(new ServedBy(scscfName.trim())))) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                ids.add(entry.getKey());
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /**
     * Scan filters run on every node that holds entries, so they are marshalled; they are classes, not records,
     * because Ignite's binary marshaller cannot rebuild a record on the other node.
     */
    private static final class ServedBy implements IgniteBiPredicate<String, byte[]> {
        private final String scscfName;

        ServedBy(String scscfName) {
            this.scscfName = scscfName;
        }

        @Override
        public boolean apply(String key, byte[] value) {
            RegistrationState state = RegistrationStateCodec.decode(value);
            return state != null && state.scscfName() != null && state.scscfName().trim().equals(scscfName);
        }
    }

    @Override
    public void forEachSubscriptionId(String prefix, Consumer<String> action) {
        ScanQuery<String, byte[]> scan = new ScanQuery<>(new KeyRange(prefix, null));
        scan.setPageSize(4096);
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = subscriptions.query(scan)) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                action.accept(entry.getKey());
            }
        }
    }

    @Override
    public List<ServiceProfile> serviceProfiles() {
        return all(serviceProfiles, ServiceProfile.class, ServiceProfile::id);
    }

    @Override
    public List<InitialFilterCriteria> initialFilterCriteria() {
        return all(ifcs, InitialFilterCriteria.class, InitialFilterCriteria::id);
    }

    @Override
    public List<SharedIfcSet> sharedIfcSets() {
        List<SharedIfcSet> sets = new ArrayList<>(all(sharedIfcSets, SharedIfcSet.class, s -> ""));
        sets.sort(Comparator.comparingInt(SharedIfcSet::id));
        return sets;
    }

    @Override
    public List<ChargingInformation> chargingInformation() {
        return all(charging, ChargingInformation.class, ChargingInformation::id);
    }

    @Override
    public Map<String, String> insertNew(List<SubscriberData> batch) {
        return claims.insertNew(batch);
    }

    @Override
    public boolean hasSubscriptions() {
        return subscriptions.size() > 0;
    }

    @Override
    public InitialLoad initialLoad() {
        DataStorageConfiguration storage = ignite.configuration().getDataStorageConfiguration();
        if (storage == null || !storage.getDefaultDataRegionConfiguration().isPersistenceEnabled()) {
            return () -> { };
        }
        for (String cache : CacheNames.INITIAL_LOAD) {
            ignite.cluster().disableWal(cache);
        }
        LOG.info("Initial load: write-ahead log off for {}", CacheNames.INITIAL_LOAD);
        return () -> {
            long started = System.nanoTime();
            // Whichever load turned it off: the first to end turns it back on, and one still running goes on logged.
            for (String cache : CacheNames.INITIAL_LOAD) {
                ignite.cluster().enableWal(cache);
            }
            LOG.info("Initial load ended: write-ahead log on again for {}, its writes on disk after a {} ms checkpoint",
                    CacheNames.INITIAL_LOAD, (System.nanoTime() - started) / 1_000_000);
        };
    }

    @Override
    public Set<String> existingSubscriptions(Collection<String> ids) {
        return subscriptions.getAll(new HashSet<>(ids)).keySet();
    }

    @Override
    public List<ShApplicationServer> applicationServers() {
        return all(ignite.cache(CacheNames.SH_APPLICATION_SERVERS), ShApplicationServer.class,
                ShApplicationServer::diameterHost);
    }

    @Override
    public boolean removeApplicationServer(String diameterHost) {
        IgniteCache<String, byte[]> servers = ignite.cache(CacheNames.SH_APPLICATION_SERVERS);
        return servers.remove(IgniteShDataStore.applicationServerKey(diameterHost));
    }

    private <T> List<T> all(IgniteCache<String, byte[]> cache, Class<T> type, Function<T, String> order) {
        List<T> records = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = cache.query(new ScanQuery<String, byte[]>())) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                records.add(codec.decode(entry.getValue(), type));
            }
        }
        records.sort(Comparator.comparing(order));
        return records;
    }

    @Override
    public List<PublicIdentity> publicIdentitiesWithProfiles(Set<String> serviceProfileIds) {
        List<PublicIdentity> found = new ArrayList<>();
        ProfileFilter filter = new ProfileFilter(Set.copyOf(serviceProfileIds));
        for (IgniteCache<String, byte[]> cache : List.of(publicIds, wildcards)) {
            try (QueryCursor<Cache.Entry<String, byte[]>> cursor = cache.query(new ScanQuery<>(filter))) {
                for (Cache.Entry<String, byte[]> entry : cursor) {
                    found.add(codec.decode(entry.getValue(), PublicIdentity.class));
                }
            }
        }
        return found;
    }

    @Override
    public List<String> subscriptionsWithCharging(String chargingInformationId) {
        List<String> ids = new ArrayList<>();
        ChargingFilter filter = new ChargingFilter(chargingInformationId);
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = subscriptions.query(new ScanQuery<>(filter))) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                ids.add(entry.getKey());
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /** Runs where the entries live: only matching keys cross the network. A class, as {@link ServedBy}. */
    private static final class KeyRange implements IgniteBiPredicate<String, byte[]> {
        private final String prefix;
        private final String after;

        KeyRange(String prefix, String after) {
            this.prefix = prefix;
            this.after = after;
        }

        @Override
        public boolean apply(String key, byte[] value) {
            return (prefix == null || key.startsWith(prefix)) && (after == null || key.compareTo(after) > 0);
        }
    }

    private static final class ProfileFilter implements IgniteBiPredicate<String, byte[]> {
        private final Set<String> profileIds;

        ProfileFilter(Set<String> profileIds) {
            // A HashSet is one of the collections the binary marshaller writes natively.
            this.profileIds = new HashSet<>(profileIds);
        }

        @Override
        public boolean apply(String key, byte[] value) {
            PublicIdentity identity = RecordCodec.shared().decode(value, PublicIdentity.class);
            return identity != null && profileIds.contains(identity.serviceProfileId());
        }
    }

    private static final class ChargingFilter implements IgniteBiPredicate<String, byte[]> {
        private final String chargingId;

        ChargingFilter(String chargingId) {
            this.chargingId = chargingId;
        }

        @Override
        public boolean apply(String key, byte[] value) {
            ImsSubscription subscription = RecordCodec.shared().decode(value, ImsSubscription.class);
            return subscription != null && chargingId.equals(subscription.chargingInformationId());
        }
    }

    /** Attempts on one record that other writers keep changing, before it is counted as failed. */
    private static final int REWRITE_ATTEMPTS = 10;
    private static final int MAX_FAILED_KEYS = 20;

    @Override
    public RewriteCounts rewritePrivateIdentities(UnaryOperator<PrivateIdentity> change, int batchSize) {
        long[] counts = new long[4];
        List<String> failedKeys = new ArrayList<>();
        ScanQuery<String, byte[]> scan = new ScanQuery<>();
        scan.setPageSize(batchSize);
        Map<String, byte[]> batch = new TreeMap<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = privateIds.query(scan)) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                batch.put(entry.getKey(), entry.getValue());
                if (batch.size() >= batchSize) {
                    rewriteBatch(batch, change, counts, failedKeys);
                    batch.clear();
                }
            }
        }
        rewriteBatch(batch, change, counts, failedKeys);
        return new RewriteCounts(counts[0], counts[1], counts[2], counts[3], failedKeys);
    }

    /** counts: scanned, rewritten, unchanged, failed. */
    private void rewriteBatch(Map<String, byte[]> batch, UnaryOperator<PrivateIdentity> change, long[] counts,
            List<String> failedKeys) {
        Map<String, byte[]> pending = new TreeMap<>(batch);
        counts[0] += batch.size();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, ReplaceIfUnchanged> replacements = new TreeMap<>();
            for (Map.Entry<String, byte[]> entry : pending.entrySet()) {
                if (entry.getValue() == null) {
                    counts[2]++;
                    continue;
                }
                PrivateIdentity current = codec.decode(entry.getValue(), PrivateIdentity.class);
                PrivateIdentity next;
                try {
                    next = change.apply(current);
                } catch (IllegalArgumentException refused) {
                    counts[3]++;
                    if (failedKeys.size() < MAX_FAILED_KEYS) {
                        failedKeys.add(entry.getKey());
                    }
                    continue;
                }
                if (next == current) {
                    counts[2]++;
                } else {
                    replacements.put(entry.getKey(), new ReplaceIfUnchanged(entry.getValue(), codec.encode(next)));
                }
            }
            if (replacements.isEmpty()) {
                return;
            }
            Set<String> lost = new HashSet<>();
            privateIds.invokeAll(replacements).forEach((key, result) -> {
                if (Boolean.TRUE.equals(result.get())) {
                    counts[1]++;
                    decodedPrivateIds.invalidate(key);
                } else {
                    lost.add(key);
                }
            });
            // Written (or removed) by someone else since it was read: read it again and pass it through again.
            pending = new TreeMap<>();
            if (attempt == REWRITE_ATTEMPTS) {
                counts[3] += lost.size();
                lost.stream().limit(Math.max(0, MAX_FAILED_KEYS - failedKeys.size())).forEach(failedKeys::add);
                return;
            }
            Map<String, byte[]> reread = privateIds.getAll(lost);
            for (String key : lost) {
                pending.put(key, reread.get(key));
            }
        }
    }

    @Override
    public void load(SubscriberData data) {
        stream(CacheNames.SUBSCRIPTIONS, data.subscriptions(), ImsSubscription::id);
        stream(CacheNames.PRIVATE_IDS, data.privateIdentities(), p -> Identities.normalise(p.impi()));
        List<PublicIdentity> distinct = new ArrayList<>();
        List<PublicIdentity> wildcarded = new ArrayList<>();
        for (PublicIdentity identity : data.publicIdentities()) {
            (identity.type().isWildcard() ? wildcarded : distinct).add(identity);
        }
        stream(CacheNames.PUBLIC_IDS, distinct, p -> Identities.normalise(p.identity()));
        stream(CacheNames.WILDCARDS, wildcarded, p -> wildcardKey(p.identity()));
        stream(CacheNames.IMPLICIT_SETS, data.implicitRegistrationSets(), ImplicitRegistrationSet::id);
        stream(CacheNames.SERVICE_PROFILES, data.serviceProfiles(), ServiceProfile::id);
        stream(CacheNames.IFCS, data.initialFilterCriteria(), InitialFilterCriteria::id);
        stream(CacheNames.SHARED_IFC_SETS, data.sharedIfcSets(), s -> Integer.toString(s.id()));
        stream(CacheNames.CHARGING, data.chargingInformation(), ChargingInformation::id);
        decodedPublicIds.invalidateAll();
        decodedPrivateIds.invalidateAll();
        decodedSubscriptions.invalidateAll();
        decodedImplicitSets.invalidateAll();
        decodedProfiles.invalidateAll();
        decodedIfcs.invalidateAll();
        decodedSharedIfcSets.invalidateAll();
        decodedCharging.invalidateAll();
        stream(CacheNames.SCSCFS, data.scscfServers(), s -> s.name().trim());
        stream(CacheNames.SH_APPLICATION_SERVERS, data.applicationServers(),
                s -> IgniteShDataStore.applicationServerKey(s.diameterHost()));
        stream(CacheNames.SH_DSAI, data.dsai(), Dsai::tag);
        List<PublicIdentity> withMsisdn = data.publicIdentities().stream().filter(p -> p.msisdn() != null).toList();
        if (!withMsisdn.isEmpty()) {
            try (IgniteDataStreamer<String, byte[]> streamer = ignite.dataStreamer(CacheNames.MSISDNS)) {
                streamer.allowOverwrite(true);
                for (PublicIdentity identity : withMsisdn) {
                    streamer.addData(msisdnKey(identity.msisdn()), msisdnValue(identity));
                }
            }
        }
        if (!wildcarded.isEmpty()) {
            wildcardVersion.incrementAndGet();
        }
    }

    private <T> void stream(String cacheName, List<T> records, Function<T, String> key) {
        if (records.isEmpty()) {
            return;
        }
        // Closing the streamer flushes it: everything is in the grid when load() returns.
        try (IgniteDataStreamer<String, byte[]> streamer = ignite.dataStreamer(cacheName)) {
            streamer.allowOverwrite(true);
            for (T record : records) {
                streamer.addData(key.apply(record), codec.encode(record));
            }
        }
    }

    /** Stops watching the wildcards; harmless if the node has already stopped. */
    @Override
    public void close() {
        claims.close();
        wildcardWatch.close();
        decodedPublicIds.close();
        decodedPrivateIds.close();
        decodedSubscriptions.close();
        decodedImplicitSets.close();
        decodedProfiles.close();
        decodedIfcs.close();
        decodedSharedIfcSets.close();
        decodedCharging.close();
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
