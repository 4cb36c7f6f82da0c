package org.imshss.provisioning.store;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.DsaiValues;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.RepositoryDataSet;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.ShSubscriptions;
import org.imshss.provisioning.model.SharedIfcSet;

/**
 * {@link ShDataStore} over the Sh caches of a started Ignite node. Values are {@link RecordCodec} bytes.
 * Changes are watched with continuous queries; each node handles only the entries whose primary copy it
 * holds, so a change is reported once in the cluster.
 */
public final class IgniteShDataStore implements ShDataStore {

    /** DSAI-Values copies kept on this node (identities without any are kept too, as absent). */
    private static final int DSAI_COPIES = 200_000;

    private final Ignite ignite;
    private final RecordCodec codec;
    private final IgniteCache<String, byte[]> applicationServers;
    /** Every Sh request reads its AS's permissions: decoded once per node, dropped on any change. */
    private final SharedRecordCache<ShApplicationServer> decodedApplicationServers;
    private final IgniteCache<String, byte[]> repository;
    private final IgniteCache<String, byte[]> subscriptions;
    private final IgniteCache<String, byte[]> dsai;
    private final IgniteCache<String, byte[]> dsaiValues;
    /** Read for every User-Data document (its iFCs are masked by them), changed only by Sh-Update. */
    private final PrimaryCopies<DsaiValues> decodedDsaiValues;
    private final IgniteCache<String, byte[]> publicIds;
    private final IgniteCache<String, byte[]> wildcards;
    private final IgniteCache<String, byte[]> registrations;

    private final CacheLayout layout;
    private final ChangeFeed changes;
    /** The feed this store made for itself, closed with it; null when it was given one. */
    private final ChangeFeed ownChanges;

    public IgniteShDataStore(Ignite ignite) {
        this(ignite, null);
    }

    /**
     * @param changes the node's change feed, shared with the subscriber store (see {@link ChangeFeed}); null: the
     *                store makes its own and closes it with itself
     */
    public IgniteShDataStore(Ignite ignite, ChangeFeed changes) {
        this(ignite, changes, CacheLayout.NODE);
    }

    /** @param layout the caches this store reads and writes */
    public IgniteShDataStore(Ignite ignite, ChangeFeed changes, CacheLayout layout) {
        this.ignite = ignite;
        this.layout = layout;
        this.codec = RecordCodec.shared();
        this.ownChanges = changes == null ? new ChangeFeed() : null;
        this.changes = changes == null ? ownChanges : changes;
        applicationServers = cache(CacheNames.SH_APPLICATION_SERVERS);
        decodedApplicationServers = new SharedRecordCache<>(applicationServers, codec, ShApplicationServer.class,
                SharedRecordCache.UNBOUNDED, this.changes);
        repository = cache(CacheNames.SH_REPOSITORY);
        LegacyRepositoryData.adopt(repository, codec);
        subscriptions = cache(CacheNames.SH_SUBSCRIPTIONS);
        dsai = cache(CacheNames.SH_DSAI);
        dsaiValues = cache(CacheNames.SH_DSAI_VALUES);
        decodedDsaiValues = new PrimaryCopies<>(dsaiValues, bytes -> codec.decode(bytes, DsaiValues.class),
                DSAI_COPIES);
        publicIds = cache(CacheNames.PUBLIC_IDS);
        wildcards = cache(CacheNames.WILDCARDS);
        registrations = cache(CacheNames.REGISTRATIONS);
    }

    private IgniteCache<String, byte[]> cache(String logical) {
        return layout.cache(ignite, logical);
    }

    /** The key of an application server: Diameter identities compare case-insensitively (RFC 6733 4.3.1). */
    public static String applicationServerKey(String diameterHost) {
        return diameterHost.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<ShApplicationServer> applicationServer(String diameterHost) {
        if (diameterHost == null) {
            return Optional.empty();
        }
        return decodedApplicationServers.get(applicationServerKey(diameterHost));
    }

    @Override
    public void putApplicationServer(ShApplicationServer server) {
        String key = applicationServerKey(server.diameterHost());
        applicationServers.put(key, codec.encode(server));
        decodedApplicationServers.invalidate(key);
    }

    @Override
    public RepositoryDataSet repositoryData(String identity) {
        RepositoryDataSet stored = codec.decode(repository.get(identity), RepositoryDataSet.class);
        return stored != null ? stored : RepositoryDataSet.empty(identity);
    }

    @Override
    public <R extends Serializable> R updateRepositoryData(String identity,
            RecordUpdate<RepositoryDataSet, R> update) {
        return invoke(repository, identity, RepositoryDataSet.class, update);
    }

    @Override
    public Optional<Dsai> dsai(String tag) {
        return Optional.ofNullable(codec.decode(dsai.get(tag), Dsai.class));
    }

    @Override
    public void putDsai(Dsai definition) {
        dsai.put(definition.tag(), codec.encode(definition));
    }

    @Override
    public boolean removeDsai(String tag) {
        return dsai.getAndRemove(tag) != null;
    }

    @Override
    public List<Dsai> allDsai() {
        List<Dsai> all = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = dsai.query(new ScanQuery<String, byte[]>())) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                all.add(codec.decode(entry.getValue(), Dsai.class));
            }
        }
        return all;
    }

    @Override
    public DsaiValues dsaiValues(String identity) {
        DsaiValues stored = decodedDsaiValues.get(identity);
        return stored != null ? stored : DsaiValues.allActive(identity);
    }

    @Override
    public Map<String, DsaiValues> dsaiValues(Collection<String> identities) {
        return decodedDsaiValues.getAll(identities);
    }

    @Override
    public List<DsaiValues> allDsaiValues() {
        List<DsaiValues> all = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = dsaiValues.query(new ScanQuery<String, byte[]>())) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                all.add(codec.decode(entry.getValue(), DsaiValues.class));
            }
        }
        return all;
    }

    @Override
    public <R extends Serializable> R updateDsaiValues(String identity, RecordUpdate<DsaiValues, R> update) {
        return invoke(dsaiValues, identity, DsaiValues.class, update);
    }

    @Override
    public ShSubscriptions subscriptions(String identity) {
        ShSubscriptions stored = codec.decode(subscriptions.get(identity), ShSubscriptions.class);
        return stored != null ? stored : ShSubscriptions.none();
    }

    @Override
    public <R extends Serializable> R updateSubscriptions(String identity, RecordUpdate<ShSubscriptions, R> update) {
        return invoke(subscriptions, identity, ShSubscriptions.class, update);
    }

    @Override
    public Map<String, ShSubscriptions> allSubscriptions() {
        Map<String, ShSubscriptions> all = new HashMap<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = subscriptions.query(new ScanQuery<String, byte[]>())) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                all.put(entry.getKey(), codec.decode(entry.getValue(), ShSubscriptions.class));
            }
        }
        return all;
    }

    @Override
    public int purgeExpiredSubscriptions(long nowMillis) {
        List<String> expired = new ArrayList<>();
        for (Cache.Entry<String, byte[]> entry : subscriptions.localEntries(CachePeekMode.PRIMARY)) {
            ShSubscriptions stored = codec.decode(entry.getValue(), ShSubscriptions.class);
            if (stored != null && stored.withoutExpired(nowMillis) != stored) {
                expired.add(entry.getKey());
            }
        }
        for (String identity : expired) {
            invoke(subscriptions, identity, ShSubscriptions.class, new DropExpired(nowMillis));
        }
        return expired.size();
    }

    /** Removes the subscriptions expired at {@code nowMillis}, and the entry once none is left. */
    record DropExpired(long nowMillis) implements RecordUpdate<ShSubscriptions, Boolean> {

        @Override
        public Outcome<ShSubscriptions, Boolean> apply(ShSubscriptions current) {
            if (current == null) {
                return Outcome.keep(false);
            }
            ShSubscriptions live = current.withoutExpired(nowMillis);
            if (live == current) {
                return Outcome.keep(false);
            }
            return live.isEmpty() ? Outcome.remove(true) : Outcome.put(live, true);
        }
    }

    @Override
    public <R extends Serializable> R updatePublicIdentity(PublicIdentity identity,
            RecordUpdate<PublicIdentity, R> update) {
        return identity.type().isWildcard()
                ? invoke(wildcards, identity.identity().trim(), PublicIdentity.class, update)
                : invoke(publicIds, Identities.normalise(identity.identity()), PublicIdentity.class, update);
    }

    private static <T, R extends Serializable> R invoke(IgniteCache<String, byte[]> cache, String key, Class<T> type,
            RecordUpdate<T, R> update) {
        return IgniteSubscriberStore.invoke(cache, key, new RecordUpdateProcessor(type, update));
    }

    @Override
    public AutoCloseable watch(ChangeListener listener) {
        List<AutoCloseable> cursors = new ArrayList<>();
        try {
            // First: the view of who is subscribed is complete before any change is judged by it.
            cursors.add(watchSubscriptions(listener));
            cursors.add(watchRepository(listener));
            cursors.add(watch(registrations, RegistrationStateCodec::decode, listener::registrationChanged,
                    listener::idle));
            cursors.add(watchIdentities(publicIds, listener, Identities::normalise));
            cursors.add(watchIdentities(wildcards, listener, String::trim));
            cursors.add(watch(dsaiValues, bytes -> codec.decode(bytes, DsaiValues.class),
                    listener::dsaiValuesChanged));
            cursors.add(watch(cache(CacheNames.PRIVATE_IDS), bytes -> codec.decode(bytes, PrivateIdentity.class),
                    listener::privateIdentityChanged, listener::idle));
            cursors.add(watch(cache(CacheNames.IMPLICIT_SETS),
                    bytes -> codec.decode(bytes, ImplicitRegistrationSet.class), listener::implicitSetChanged,
                    listener::idle));
            cursors.add(watch(cache(CacheNames.SUBSCRIPTIONS), bytes -> codec.decode(bytes, ImsSubscription.class),
                    listener::subscriptionChanged, listener::idle));
            cursors.add(watch(cache(CacheNames.SERVICE_PROFILES), bytes -> codec.decode(bytes, ServiceProfile.class),
                    listener::serviceProfileChanged));
            cursors.add(watch(cache(CacheNames.IFCS), bytes -> codec.decode(bytes, InitialFilterCriteria.class),
                    listener::initialFilterCriteriaChanged));
            cursors.add(watch(cache(CacheNames.CHARGING), bytes -> codec.decode(bytes, ChargingInformation.class),
                    listener::chargingInformationChanged));
            cursors.add(watch(cache(CacheNames.SHARED_IFC_SETS), bytes -> codec.decode(bytes, SharedIfcSet.class),
                    listener::sharedIfcSetChanged));
            cursors.add(watch(dsai, bytes -> codec.decode(bytes, Dsai.class), listener::dsaiChanged));
        } catch (RuntimeException e) {
            cursors.forEach(IgniteShDataStore::closeQuietly);
            throw e;
        }
        return () -> cursors.forEach(IgniteShDataStore::closeQuietly);
    }

    private <T> AutoCloseable watch(IgniteCache<String, byte[]> cache,
            Function<byte[], T> decoder, BiConsumer<T, T> consumer) {
        return watch(cache, decoder, consumer, () -> false);
    }

    /** As {@link #watch(IgniteCache, Function, BiConsumer)}; no event is even decoded while {@code idle} holds. */
    private <T> AutoCloseable watch(IgniteCache<String, byte[]> cache,
            Function<byte[], T> decoder, BiConsumer<T, T> consumer, BooleanSupplier idle) {
        Affinity<String> affinity = ignite.affinity(cache.getName());
        return changes.listen(cache, events -> {
            if (idle.getAsBoolean()) {
                return;
            }
            for (CacheEntryEvent<? extends String, ? extends byte[]> event : events) {
                if (!affinity.isPrimary(ignite.cluster().localNode(), event.getKey())) {
                    continue;
                }
                consumer.accept(decoder.apply(before(event)), removed(event) ? null : decoder.apply(event.getValue()));
            }
        });
    }

    /**
     * Repository data changes per Service-Indication: an identity's entry holds all of them, and a PUR's subscribers
     * watch single Service-Indications.
     */
    private AutoCloseable watchRepository(ChangeListener listener) {
        Affinity<String> affinity = ignite.affinity(repository.getName());
        return changes.listen(repository, events -> {
            for (CacheEntryEvent<? extends String, ? extends byte[]> event : events) {
                if (LegacyRepositoryData.isLegacyKey(event.getKey())
                        || !affinity.isPrimary(ignite.cluster().localNode(), event.getKey())) {
                    continue;
                }
                RepositoryDataSet before = codec.decode(before(event), RepositoryDataSet.class);
                RepositoryDataSet after = removed(event) ? null
                        : codec.decode(event.getValue(), RepositoryDataSet.class);
                changedServiceIndications(before, after, listener::repositoryDataChanged);
            }
        });
    }

    /** Calls {@code consumer} with before and after of each Service-Indication that differs. */
    static void changedServiceIndications(RepositoryDataSet before, RepositoryDataSet after,
            BiConsumer<RepositoryData, RepositoryData> consumer) {
        List<RepositoryData> old = before == null ? List.of() : before.entries();
        List<RepositoryData> next = after == null ? List.of() : after.entries();
        for (RepositoryData was : old) {
            RepositoryData now = after == null ? null : after.get(was.serviceIndication()).orElse(null);
            if (!was.equals(now)) {
                consumer.accept(was, now);
            }
        }
        for (RepositoryData now : next) {
            if (before == null || before.get(now.serviceIndication()).isEmpty()) {
                consumer.accept(null, now);
            }
        }
    }

    private static boolean removed(CacheEntryEvent<?, ?> event) {
        return event.getEventType() == EventType.REMOVED || event.getEventType() == EventType.EXPIRED;
    }

    /** The value before the change; a removal event may carry it as its value instead of its old value. */
    private static byte[] before(CacheEntryEvent<? extends String, ? extends byte[]> event) {
        byte[] old = event.getOldValue();
        return old == null && removed(event) ? event.getValue() : old;
    }

    /**
     * Public identity changes: to the listener on the primary node while it is not idle, and on every node for the
     * identities it watches.
     */
    private AutoCloseable watchIdentities(IgniteCache<String, byte[]> cache,
            ChangeListener listener, Function<String, String> key) {
        Affinity<String> affinity = ignite.affinity(cache.getName());
        return changes.listen(cache, events -> {
            if (listener.idle()) {
                return;
            }
            for (CacheEntryEvent<? extends String, ? extends byte[]> event : events) {
                boolean primary = affinity.isPrimary(ignite.cluster().localNode(), event.getKey());
                boolean watched = listener.watchesIdentity(key.apply(event.getKey()));
                if (!primary && !watched) {
                    continue;
                }
                PublicIdentity before = codec.decode(before(event), PublicIdentity.class);
                PublicIdentity after = removed(event) ? null : codec.decode(event.getValue(), PublicIdentity.class);
                if (watched) {
                    listener.watchedIdentityChanged(before, after);
                }
                if (primary) {
                    listener.publicIdentityChanged(before, after);
                }
            }
        });
    }

    /** Sh subscription changes on every node, starting with those stored when the watch starts. */
    private QueryCursor<Cache.Entry<String, byte[]>> watchSubscriptions(ChangeListener listener) {
        ContinuousQuery<String, byte[]> query = new ContinuousQuery<>();
        query.setInitialQuery(new ScanQuery<>());
        query.setLocalListener(events -> {
            for (CacheEntryEvent<? extends String, ? extends byte[]> event : events) {
                listener.shSubscriptionsChanged(event.getKey(),
                        codec.decode(event.getOldValue(), ShSubscriptions.class),
                        removed(event) ? null : codec.decode(event.getValue(), ShSubscriptions.class));
            }
        });
        QueryCursor<Cache.Entry<String, byte[]>> cursor = subscriptions.query(query);
        for (Cache.Entry<String, byte[]> entry : cursor) {
            listener.shSubscriptionsChanged(entry.getKey(), null,
                    codec.decode(entry.getValue(), ShSubscriptions.class));
        }
        return cursor;
    }

    private static void closeQuietly(AutoCloseable cursor) {
        try {
            cursor.close();
        } catch (Exception e) {
            // A continuous query's cursor: the node is gone and the query with it.
        }
    }

    @Override
    public void close() {
        decodedApplicationServers.close();
        decodedDsaiValues.close();
        if (ownChanges != null) {
            ownChanges.close();
        }
    }
}
