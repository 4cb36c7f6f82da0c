package org.imshss.provisioning.store;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.imshss.provisioning.model.AaaRegistration;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.Usim;

/**
 * {@link EpsDataStore} over the EPS caches of a started Ignite node ({@link CacheNames#USIMS},
 * {@link CacheNames#APN_PROFILES}, {@link CacheNames#EPS_REGISTRATIONS}, {@link CacheNames#AAA_REGISTRATIONS});
 * values are {@link RecordCodec} bytes.
 * USIMs and APN profiles are decoded once per node like the IMS records ({@link SharedRecordCache}); the EPS
 * registration is read fresh, as the IMS one.
 */
public final class IgniteEpsStore implements EpsDataStore, AutoCloseable {

    private final RecordCodec codec;
    private final IgniteCache<String, byte[]> usims;
    private final IgniteCache<String, byte[]> apnProfiles;
    private final IgniteCache<String, byte[]> registrations;
    private final IgniteCache<String, byte[]> aaaRegistrations;
    private final SharedRecordCache<Usim> decodedUsims;
    private final SharedRecordCache<ApnProfile> decodedApnProfiles;

    /**
     * @param changes the node's change feed, shared with the other stores on the node
     * @param decodedEntries decoded USIMs kept on the heap (see {@link SharedRecordCache})
     */
    public IgniteEpsStore(Ignite ignite, ChangeFeed changes, int decodedEntries) {
        this(ignite, changes, decodedEntries, CacheLayout.NODE);
    }

    /** @param layout the caches this store reads and writes */
    public IgniteEpsStore(Ignite ignite, ChangeFeed changes, int decodedEntries, CacheLayout layout) {
        this.codec = RecordCodec.shared();
        usims = layout.cache(ignite, CacheNames.USIMS);
        apnProfiles = layout.cache(ignite, CacheNames.APN_PROFILES);
        registrations = layout.cache(ignite, CacheNames.EPS_REGISTRATIONS);
        aaaRegistrations = layout.cache(ignite, CacheNames.AAA_REGISTRATIONS);
        decodedUsims = new SharedRecordCache<>(usims, codec, Usim.class, decodedEntries, changes);
        decodedApnProfiles = new SharedRecordCache<>(apnProfiles, codec, ApnProfile.class,
                SharedRecordCache.UNBOUNDED, changes);
    }

    @Override
    public Optional<Usim> usim(String imsi) {
        return Usim.isImsi(imsi) ? decodedUsims.get(imsi) : Optional.empty();
    }

    /** The USIM as the grid holds it now, never this node's decoded copy: what a whole-subscriber write compares. */
    public Optional<Usim> storedUsim(String imsi) {
        return Usim.isImsi(imsi) ? decodedUsims.stored(imsi) : Optional.empty();
    }

    @Override
    public List<Usim> usims(String prefix, String after, int limit) {
        List<Usim> found = new ArrayList<>();
        for (Cache.Entry<String, byte[]> entry : ProvisioningScans.smallest(usims, prefix, after, limit)) {
            found.add(codec.decode(entry.getValue(), Usim.class));
        }
        return found;
    }

    @Override
    public Optional<ApnProfile> apnProfile(String id) {
        return id == null ? Optional.empty() : decodedApnProfiles.get(id);
    }

    @Override
    public List<ApnProfile> apnProfiles() {
        return scan(apnProfiles, ApnProfile.class);
    }

    @Override
    public void putApnProfile(ApnProfile profile) {
        apnProfiles.put(profile.id(), codec.encode(profile));
        decodedApnProfiles.invalidate(profile.id());
    }

    @Override
    public boolean removeApnProfile(String id) {
        boolean removed = apnProfiles.remove(id);
        decodedApnProfiles.invalidate(id);
        return removed;
    }

    @Override
    public void putUsim(Usim usim) {
        usims.put(usim.imsi(), codec.encode(usim));
        decodedUsims.invalidate(usim.imsi());
    }

    @Override
    public boolean removeUsim(String imsi) {
        boolean removed = usims.remove(imsi);
        decodedUsims.invalidate(imsi);
        return removed;
    }

    @Override
    public EpsRegistration registration(String imsi) {
        EpsRegistration stored = codec.decode(registrations.get(imsi), EpsRegistration.class);
        return stored != null ? stored : EpsRegistration.NONE;
    }

    @Override
    public <R extends Serializable> R updateRegistration(String imsi, RecordUpdate<EpsRegistration, R> update) {
        return IgniteSubscriberStore.invokeAgainOnNodeLoss(registrations, imsi,
                new RecordUpdateProcessor(EpsRegistration.class, update));
    }

    @Override
    public Optional<AaaRegistration> aaaRegistration(String imsi) {
        return Optional.ofNullable(codec.decode(aaaRegistrations.get(imsi), AaaRegistration.class));
    }

    @Override
    public <R extends Serializable> R updateAaaRegistration(String imsi, RecordUpdate<AaaRegistration, R> update) {
        return IgniteSubscriberStore.invokeAgainOnNodeLoss(aaaRegistrations, imsi,
                new RecordUpdateProcessor(AaaRegistration.class, update));
    }

    @Override
    public List<String> usimsWithApnProfile(String apnProfileId) {
        List<String> found = new ArrayList<>();
        for (Usim usim : scan(usims, Usim.class)) {
            if (usim.eps() != null && usim.eps().apns().stream()
                    .map(ApnConfiguration::apnProfile).anyMatch(apnProfileId::equals)) {
                found.add(usim.imsi());
            }
        }
        return found;
    }

    /** A USIM written through the subscriber store's claims: its decoded copy on this node goes at once. */
    void usimChanged(String imsi) {
        decodedUsims.invalidate(imsi);
    }

    SharedRecordCache<Usim> decodedUsims() {
        return decodedUsims;
    }

    /** After a bulk load, which streams records in without telling the decoded copies. */
    void invalidateAll() {
        decodedUsims.invalidateAll();
        decodedApnProfiles.invalidateAll();
    }

    /** Stops watching the caches; harmless if the node has already stopped. */
    @Override
    public void close() {
        decodedUsims.close();
        decodedApnProfiles.close();
    }

    private <T> List<T> scan(IgniteCache<String, byte[]> cache, Class<T> type) {
        List<T> all = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = cache.query(new ScanQuery<String, byte[]>())) {
            for (Cache.Entry<String, byte[]> entry : cursor) {
                all.add(codec.decode(entry.getValue(), type));
            }
        }
        return all;
    }
}
