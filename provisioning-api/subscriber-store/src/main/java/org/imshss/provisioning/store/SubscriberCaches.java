package org.imshss.provisioning.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
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
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.SharedIfcSet;

/**
 * The subscriber caches of one node ({@link CacheNames}) with their decoded copies, shared by the reads, the
 * provisioning writes, the scans and the rotation rewrite of {@link IgniteSubscriberStore}; and the keys records
 * are stored under.
 */
final class SubscriberCaches {

    final Ignite ignite;
    final CacheLayout layout;
    final RecordCodec codec;
    final IgniteCache<String, byte[]> subscriptions;
    final IgniteCache<String, byte[]> privateIds;
    final IgniteCache<String, byte[]> publicIds;
    final IgniteCache<String, byte[]> wildcards;
    final IgniteCache<String, byte[]> implicitSets;
    final IgniteCache<String, byte[]> serviceProfiles;
    final IgniteCache<String, byte[]> ifcs;
    final IgniteCache<String, byte[]> sharedIfcSets;
    final IgniteCache<String, byte[]> charging;
    final IgniteCache<String, byte[]> scscfs;
    final IgniteCache<String, byte[]> registrations;
    final PrimaryCopies<RegistrationState> decodedRegistrations;
    final IgniteCache<String, byte[]> sequences;
    final IgniteCache<String, byte[]> msisdns;
    final SharedRecordCache<PublicIdentity> decodedPublicIds;
    final SharedRecordCache<PrivateIdentity> decodedPrivateIds;
    final SharedRecordCache<ImsSubscription> decodedSubscriptions;
    final SharedRecordCache<ImplicitRegistrationSet> decodedImplicitSets;
    final SharedRecordCache<ServiceProfile> decodedProfiles;
    final SharedRecordCache<InitialFilterCriteria> decodedIfcs;
    final SharedRecordCache<SharedIfcSet> decodedSharedIfcSets;
    final SharedRecordCache<ChargingInformation> decodedCharging;

    /**
     * Bumped on every wildcard change this node's store makes (synchronously) and on every change any node makes
     * (through a continuous query, asynchronously); the compiled wildcard index is rebuilt when it is behind.
     */
    final AtomicLong wildcardVersion = new AtomicLong();

    SubscriberCaches(Ignite ignite, RecordCodec codec, int decodedEntries, ChangeFeed changes, CacheLayout layout) {
        this.ignite = ignite;
        this.layout = layout;
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
        decodedPublicIds = new SharedRecordCache<>(publicIds, codec, PublicIdentity.class, decodedEntries, changes);
        decodedPrivateIds = new SharedRecordCache<>(privateIds, codec, PrivateIdentity.class, decodedEntries,
                changes);
        decodedSubscriptions = new SharedRecordCache<>(subscriptions, codec, ImsSubscription.class, decodedEntries,
                changes);
        decodedImplicitSets = new SharedRecordCache<>(implicitSets, codec, ImplicitRegistrationSet.class,
                decodedEntries, changes);
        decodedProfiles = new SharedRecordCache<>(serviceProfiles, codec, ServiceProfile.class,
                SharedRecordCache.UNBOUNDED, changes);
        decodedIfcs = new SharedRecordCache<>(ifcs, codec, InitialFilterCriteria.class, SharedRecordCache.UNBOUNDED,
                changes);
        decodedSharedIfcSets = new SharedRecordCache<>(sharedIfcSets, codec, SharedIfcSet.class,
                SharedRecordCache.UNBOUNDED, changes);
        decodedCharging = new SharedRecordCache<>(charging, codec, ChargingInformation.class,
                SharedRecordCache.UNBOUNDED, changes);
        scscfs = cache(CacheNames.SCSCFS);
        registrations = cache(CacheNames.REGISTRATIONS);
        decodedRegistrations = new PrimaryCopies<>(registrations, RegistrationStateCodec::decode, decodedEntries);
        sequences = cache(CacheNames.AUTH_SEQUENCES);
        msisdns = cache(CacheNames.MSISDNS);
    }

    /** The cache of these stores that holds the records of {@code logical} (one of {@link CacheNames}). */
    IgniteCache<String, byte[]> cache(String logical) {
        return layout.cache(ignite, logical);
    }

    /**
     * What a {@link SubscriberClaims} write changed: the decoded copy of the record goes (a USIM's is kept by the
     * EPS store, which the subscriber store tells).
     */
    void changed(SubscriberClaims.Kind kind, String key) {
        switch (kind) {
            case SUBSCRIPTION -> decodedSubscriptions.invalidate(key);
            case PRIVATE -> decodedPrivateIds.invalidate(key);
            case PUBLIC -> decodedPublicIds.invalidate(key);
            case WILDCARD -> wildcardVersion.incrementAndGet();
            case SET -> decodedImplicitSets.invalidate(key);
            case MSISDN, USIM -> { }
        }
    }

    void invalidateAll() {
        decodedPublicIds.invalidateAll();
        decodedPrivateIds.invalidateAll();
        decodedSubscriptions.invalidateAll();
        decodedImplicitSets.invalidateAll();
        decodedProfiles.invalidateAll();
        decodedIfcs.invalidateAll();
        decodedSharedIfcSets.invalidateAll();
        decodedCharging.invalidateAll();
    }

    /** Every record of a cache, decoded, in the given order: a scan, for administration only. */
    <T> List<T> all(IgniteCache<String, byte[]> cache, Class<T> type, Function<T, String> order) {
        List<T> records = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = cache.query(new ScanQuery<String, byte[]>())) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                records.add(codec.decode(entry.getValue(), type));
            }
        }
        records.sort(Comparator.comparing(order));
        return records;
    }

    void close() {
        decodedRegistrations.close();
        decodedPublicIds.close();
        decodedPrivateIds.close();
        decodedSubscriptions.close();
        decodedImplicitSets.close();
        decodedProfiles.close();
        decodedIfcs.close();
        decodedSharedIfcSets.close();
        decodedCharging.close();
    }

    static String wildcardKey(String wildcard) {
        return wildcard.trim();
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
}
