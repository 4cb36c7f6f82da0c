package org.imshss.provisioning.store;

import static org.imshss.provisioning.store.SubscriberCaches.msisdnKey;
import static org.imshss.provisioning.store.SubscriberCaches.msisdnValue;
import static org.imshss.provisioning.store.SubscriberCaches.wildcardKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.model.Usim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-record writes and removals of {@link IgniteSubscriberStore} and its bulk load: each write drops the
 * decoded copy of what it replaced. Subscribers written as a whole go through {@link SubscriberClaims}.
 */
final class ProvisioningWrites {

    private static final Logger LOG = LoggerFactory.getLogger(IgniteSubscriberStore.class);

    private final SubscriberCaches caches;
    private final RecordCodec codec;

    ProvisioningWrites(SubscriberCaches caches) {
        this.caches = caches;
        this.codec = caches.codec;
    }

    void putSubscription(ImsSubscription subscription) {
        caches.subscriptions.put(subscription.id(), codec.encode(subscription));
        caches.decodedSubscriptions.invalidate(subscription.id());
    }

    void putPrivateIdentity(PrivateIdentity privateIdentity) {
        caches.privateIds.put(Identities.normalise(privateIdentity.impi()), codec.encode(privateIdentity));
        caches.decodedPrivateIds.invalidate(Identities.normalise(privateIdentity.impi()));
    }

    void putPublicIdentity(PublicIdentity publicIdentity) {
        if (publicIdentity.type().isWildcard()) {
            caches.wildcards.put(wildcardKey(publicIdentity.identity()), codec.encode(publicIdentity));
            caches.wildcardVersion.incrementAndGet();
        } else {
            caches.publicIds.put(Identities.normalise(publicIdentity.identity()), codec.encode(publicIdentity));
            caches.decodedPublicIds.invalidate(Identities.normalise(publicIdentity.identity()));
        }
        if (publicIdentity.msisdn() != null) {
            caches.msisdns.put(msisdnKey(publicIdentity.msisdn()), msisdnValue(publicIdentity));
        }
    }

    void putImplicitRegistrationSet(ImplicitRegistrationSet set) {
        caches.implicitSets.put(set.id(), codec.encode(set));
        caches.decodedImplicitSets.invalidate(set.id());
    }

    void putServiceProfile(ServiceProfile profile) {
        caches.serviceProfiles.put(profile.id(), codec.encode(profile));
        caches.decodedProfiles.invalidate(profile.id());
    }

    void putInitialFilterCriteria(InitialFilterCriteria ifc) {
        caches.ifcs.put(ifc.id(), codec.encode(ifc));
        caches.decodedIfcs.invalidate(ifc.id());
    }

    void putSharedIfcSet(SharedIfcSet set) {
        caches.sharedIfcSets.put(Integer.toString(set.id()), codec.encode(set));
        caches.decodedSharedIfcSets.invalidate(Integer.toString(set.id()));
    }

    void putChargingInformation(ChargingInformation chargingInformation) {
        caches.charging.put(chargingInformation.id(), codec.encode(chargingInformation));
        caches.decodedCharging.invalidate(chargingInformation.id());
    }

    void putScscfServer(ScscfServer server) {
        caches.scscfs.put(server.name().trim(), codec.encode(server));
    }

    /** @param stored the identity as stored now, for its MSISDN entry */
    boolean removePublicIdentity(String identity, Optional<PublicIdentity> stored) {
        boolean removed = false;
        if (Identities.isWildcard(identity)) {
            removed = caches.wildcards.remove(wildcardKey(identity));
            if (removed) {
                caches.wildcardVersion.incrementAndGet();
            }
        }
        boolean distinct = caches.publicIds.remove(Identities.normalise(identity));
        caches.decodedPublicIds.invalidate(Identities.normalise(identity));
        stored.map(PublicIdentity::msisdn).ifPresent(msisdn -> caches.msisdns.remove(msisdnKey(msisdn)));
        return distinct || removed;
    }

    private static boolean remove(IgniteCache<String, byte[]> cache, SharedRecordCache<?> decoded, String key) {
        boolean removed = cache.remove(key);
        decoded.invalidate(key);
        return removed;
    }

    void removeRegistration(String subscriptionId) {
        caches.registrations.remove(subscriptionId);
    }

    boolean removeServiceProfile(String id) {
        return remove(caches.serviceProfiles, caches.decodedProfiles, id);
    }

    boolean removeInitialFilterCriteria(String id) {
        return remove(caches.ifcs, caches.decodedIfcs, id);
    }

    boolean removeSharedIfcSet(int id) {
        return remove(caches.sharedIfcSets, caches.decodedSharedIfcSets, Integer.toString(id));
    }

    boolean removeChargingInformation(String id) {
        return remove(caches.charging, caches.decodedCharging, id);
    }

    boolean removeScscfServer(String name) {
        return caches.scscfs.remove(name.trim());
    }

    boolean removeApplicationServer(String diameterHost) {
        IgniteCache<String, byte[]> servers = caches.cache(CacheNames.SH_APPLICATION_SERVERS);
        return servers.remove(IgniteShDataStore.applicationServerKey(diameterHost));
    }

    /** See {@link ProvisioningStore#initialLoad()}. */
    InitialLoad initialLoad() {
        DataStorageConfiguration storage = caches.ignite.configuration().getDataStorageConfiguration();
        if (storage == null || !storage.getDefaultDataRegionConfiguration().isPersistenceEnabled()) {
            return () -> { };
        }
        for (String cache : CacheNames.INITIAL_LOAD) {
            caches.ignite.cluster().disableWal(caches.layout.name(cache));
        }
        LOG.info("Initial load: write-ahead log off for {}", CacheNames.INITIAL_LOAD);
        return () -> {
            long started = System.nanoTime();
            // Whichever load turned it off: the first to end turns it back on, and one still running goes on logged.
            for (String cache : CacheNames.INITIAL_LOAD) {
                caches.ignite.cluster().enableWal(caches.layout.name(cache));
            }
            LOG.info("Initial load ended: write-ahead log on again for {}, its writes on disk after a {} ms checkpoint",
                    CacheNames.INITIAL_LOAD, (System.nanoTime() - started) / 1_000_000);
        };
    }

    /** See {@link SubscriberStore#load}. */
    void load(SubscriberData data) {
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
        stream(CacheNames.APN_PROFILES, data.apnProfiles(), ApnProfile::id);
        stream(CacheNames.USIMS, data.usims(), Usim::imsi);
        caches.invalidateAll();
        stream(CacheNames.SCSCFS, data.scscfServers(), s -> s.name().trim());
        stream(CacheNames.SH_APPLICATION_SERVERS, data.applicationServers(),
                s -> IgniteShDataStore.applicationServerKey(s.diameterHost()));
        stream(CacheNames.SH_DSAI, data.dsai(), Dsai::tag);
        List<PublicIdentity> withMsisdn = data.publicIdentities().stream().filter(p -> p.msisdn() != null).toList();
        if (!withMsisdn.isEmpty()) {
            try (IgniteDataStreamer<String, byte[]> streamer = caches.ignite.dataStreamer(caches.layout.name(CacheNames.MSISDNS))) {
                streamer.allowOverwrite(true);
                for (PublicIdentity identity : withMsisdn) {
                    streamer.addData(msisdnKey(identity.msisdn()), msisdnValue(identity));
                }
            }
        }
        if (!wildcarded.isEmpty()) {
            caches.wildcardVersion.incrementAndGet();
        }
    }

    private <T> void stream(String cacheName, List<T> records, Function<T, String> key) {
        if (records.isEmpty()) {
            return;
        }
        // Closing the streamer flushes it: everything is in the grid when load() returns.
        try (IgniteDataStreamer<String, byte[]> streamer = caches.ignite.dataStreamer(caches.layout.name(cacheName))) {
            streamer.allowOverwrite(true);
            for (T record : records) {
                streamer.addData(key.apply(record), codec.encode(record));
            }
        }
    }
}
