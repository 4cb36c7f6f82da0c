package org.imshss.provisioning.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.PriorityQueue;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
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

    /**
     * An atomic long, not an atomic sequence: a sequence hands each node a block of ids, so entries written through
     * two nodes would not be numbered in the order they were made; every increment of an atomic long is one
     * operation on its primary node.
     */
    private static final String COUNTER = "hss-audit-ids";
    /** What earlier versions numbered entries with; a counter created on such a grid starts after it. */
    private static final String OLD_SEQUENCE = "hss-audit-sequence";

    private final IgniteCache<String, byte[]> entries;
    private final IgniteAtomicLong ids;
    private final RecordCodec codec;

    public IgniteAuditLog(Ignite ignite, RecordCodec codec) {
        this.entries = ignite.cache(CacheNames.AUDIT);
        IgniteAtomicSequence old = ignite.atomicSequence(OLD_SEQUENCE, 0, false);
        this.ids = ignite.atomicLong(COUNTER, old == null ? 0 : old.get(), true);
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
    public void recordAll(List<AuditEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long first = ids.getAndAdd(batch.size()) + 1;
        Map<String, byte[]> values = new TreeMap<>();
        for (int i = 0; i < batch.size(); i++) {
            AuditEntry entry = batch.get(i);
            long id = first + i;
            values.put(key(id), codec.encode(new AuditEntry(id, entry.time(), entry.actor(), entry.action(),
                    entry.objectType(), entry.objectId(), entry.changes())));
        }
        entries.putAll(values);
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

    /** Runs on every node holding entries: a class, as Ignite's binary marshaller cannot rebuild a record. */
    private static final class Before implements IgniteBiPredicate<String, byte[]> {
        private final String key;

        Before(String key) {
            this.key = key;
        }

        @Override
        public boolean apply(String k, byte[] value) {
            return key == null || k.compareTo(key) < 0;
        }
    }
}
