package org.imshss.provisioning.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.SharedIfcSet;

/**
 * The listings and searches of {@link IgniteSubscriberStore}: each scans the grid, so they serve administration,
 * never a Diameter request. Filters run where the entries live, so only matches cross the network.
 */
final class ProvisioningScans {

    private final SubscriberCaches caches;
    private final RecordCodec codec;

    ProvisioningScans(SubscriberCaches caches) {
        this.caches = caches;
        this.codec = caches.codec;
    }

    List<ScscfServer> scscfServers() {
        List<ScscfServer> servers = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = caches.scscfs.query(new ScanQuery<String, byte[]>())) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                servers.add(codec.decode(entry.getValue(), ScscfServer.class));
            }
        }
        servers.sort(Comparator.comparing(ScscfServer::name));
        return servers;
    }

    List<String> subscriptionIds(String prefix, String after, int limit) {
        // The largest of the smallest `limit` keys stays on top, so each key costs O(log limit).
        PriorityQueue<String> smallest = new PriorityQueue<>(Comparator.reverseOrder());
        ScanQuery<String, byte[]> scan = new ScanQuery<>(new KeyRange(prefix, after));
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = caches.subscriptions.query(scan)) {
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

    List<PublicIdentity> publicIdentities(String prefix, String after, int limit) {
        PriorityQueue<Cache.Entry<String, byte[]>> smallest = new PriorityQueue<>(
                Comparator.comparing((Cache.Entry<String, byte[]> e) -> e.getKey()).reversed());
        for (IgniteCache<String, byte[]> cache : List.of(caches.publicIds, caches.wildcards)) {
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

    List<PrivateIdentity> privateIdentities(String prefix, String after, int limit) {
        List<PrivateIdentity> identities = new ArrayList<>();
        for (Cache.Entry<String, byte[]> entry : smallest(caches.privateIds, prefix, after, limit)) {
            identities.add(codec.decode(entry.getValue(), PrivateIdentity.class));
        }
        return identities;
    }

    /**
     * The at most {@code limit} entries with the smallest keys starting with {@code prefix} (null: any) and after
     * {@code after} (null: from the first), in key order: a key-range scan that keeps only a page on this node.
     */
    static List<Cache.Entry<String, byte[]>> smallest(IgniteCache<String, byte[]> cache, String prefix, String after,
            int limit) {
        PriorityQueue<Cache.Entry<String, byte[]>> smallest = new PriorityQueue<>(
                Comparator.comparing((Cache.Entry<String, byte[]> e) -> e.getKey()).reversed());
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor =
                cache.query(new ScanQuery<>(new KeyRange(prefix, after)))) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                smallest.add(entry);
                if (smallest.size() > limit) {
                    smallest.poll();
                }
            }
        }
        List<Cache.Entry<String, byte[]>> entries = new ArrayList<>(smallest);
        entries.sort(Comparator.comparing(Cache.Entry::getKey));
        return entries;
    }

    List<String> subscriptionsServedBy(String scscfName) {
        List<String> ids = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor =
                caches.registrations.query(new ScanQuery<>(new ServedBy(scscfName.trim())))) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                ids.add(entry.getKey());
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    void forEachSubscriptionId(String prefix, Consumer<String> action) {
        ScanQuery<String, byte[]> scan = new ScanQuery<>(new KeyRange(prefix, null));
        scan.setPageSize(4096);
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = caches.subscriptions.query(scan)) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                action.accept(entry.getKey());
            }
        }
    }

    List<ServiceProfile> serviceProfiles() {
        return caches.all(caches.serviceProfiles, ServiceProfile.class, ServiceProfile::id);
    }

    List<InitialFilterCriteria> initialFilterCriteria() {
        return caches.all(caches.ifcs, InitialFilterCriteria.class, InitialFilterCriteria::id);
    }

    List<SharedIfcSet> sharedIfcSets() {
        List<SharedIfcSet> sets = new ArrayList<>(caches.all(caches.sharedIfcSets, SharedIfcSet.class, s -> ""));
        sets.sort(Comparator.comparingInt(SharedIfcSet::id));
        return sets;
    }

    List<ChargingInformation> chargingInformation() {
        return caches.all(caches.charging, ChargingInformation.class, ChargingInformation::id);
    }

    List<ShApplicationServer> applicationServers() {
        return caches.all(caches.cache(CacheNames.SH_APPLICATION_SERVERS), ShApplicationServer.class,
                ShApplicationServer::diameterHost);
    }

    boolean hasSubscriptions() {
        return caches.subscriptions.size() > 0;
    }

    Set<String> existingSubscriptions(Collection<String> ids) {
        return caches.subscriptions.getAll(new HashSet<>(ids)).keySet();
    }

    List<PublicIdentity> publicIdentitiesWithProfiles(Set<String> serviceProfileIds) {
        List<PublicIdentity> found = new ArrayList<>();
        ProfileFilter filter = new ProfileFilter(Set.copyOf(serviceProfileIds));
        for (IgniteCache<String, byte[]> cache : List.of(caches.publicIds, caches.wildcards)) {
            try (QueryCursor<Cache.Entry<String, byte[]>> cursor = cache.query(new ScanQuery<>(filter))) {
                for (Cache.Entry<String, byte[]> entry : cursor) {
                    found.add(codec.decode(entry.getValue(), PublicIdentity.class));
                }
            }
        }
        return found;
    }

    List<String> subscriptionsWithCharging(String chargingInformationId) {
        List<String> ids = new ArrayList<>();
        ChargingFilter filter = new ChargingFilter(chargingInformationId);
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = caches.subscriptions.query(new ScanQuery<>(filter))) {
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
}
