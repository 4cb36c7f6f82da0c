package org.imshss.provisioning.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicSequence;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.imshss.provisioning.service.AuditEntry;
import org.imshss.provisioning.service.AuditLog;

/**
 * The audit trail in the grid: one entry per change, keyed by a cluster-wide sequence (zero-padded so that
 * key order is id order). Kept with the subscriber data, so it is as durable as the data it describes.
 */
public final class IgniteAuditLog implements AuditLog {

    private static final String SEQUENCE = "hss-audit-sequence";

    private final IgniteCache<String, byte[]> entries;
    private final IgniteAtomicSequence ids;
    private final RecordCodec codec;

    public IgniteAuditLog(Ignite ignite, RecordCodec codec) {
        this.entries = ignite.cache(CacheNames.AUDIT);
        this.ids = ignite.atomicSequence(SEQUENCE, 0, true);
        this.codec = codec;
    }

    private static String key(long id) {
        return String.format("%019d", id);
    }

    @Override
    public AuditEntry record(AuditEntry entry) {
        AuditEntry stored = new AuditEntry(ids.incrementAndGet(), entry.time(), entry.actor(), entry.action(),
                entry.objectType(), entry.objectId(), entry.changes());
        entries.put(key(stored.id()), codec.encode(stored));
        return stored;
    }

    @Override
    public List<AuditEntry> list(Long before, String objectId, int limit) {
        PriorityQueue<AuditEntry> newest = new PriorityQueue<>(Comparator.comparingLong(AuditEntry::id));
        ScanQuery<String, byte[]> scan = new ScanQuery<>(new Before(before == null ? null : key(before)));
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = entries.query(scan)) {
            for (Cache.Entry<String, byte[]> e : cursor) {
                AuditEntry entry = codec.decode(e.getValue(), AuditEntry.class);
                if (objectId != null && !objectId.equals(entry.objectId())) {
                    continue;
                }
                newest.add(entry);
                if (newest.size() > limit) {
                    newest.poll();
                }
            }
        }
        List<AuditEntry> page = new ArrayList<>(newest);
        page.sort(Comparator.comparingLong(AuditEntry::id).reversed());
        return page;
    }

    private record Before(String key) implements IgniteBiPredicate<String, byte[]> {
        @Override
        public boolean apply(String k, byte[] value) {
            return key == null || k.compareTo(key) < 0;
        }
    }
}
