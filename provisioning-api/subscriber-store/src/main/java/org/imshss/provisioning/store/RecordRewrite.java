package org.imshss.provisioning.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * The rewrite of every stored record of one kind that a key rotation runs
 * ({@link ProvisioningStore#rewritePrivateIdentities}, {@link ProvisioningStore#rewriteUsims}): batch by batch, each
 * record replaced only if unchanged since it was read.
 *
 * @param <T> the record type stored in the cache
 */
final class RecordRewrite<T> {

    /** Attempts on one record that other writers keep changing, before it is counted as failed. */
    private static final int REWRITE_ATTEMPTS = 10;
    private static final int MAX_FAILED_KEYS = 20;

    private final RecordCodec codec;
    private final IgniteCache<String, byte[]> cache;
    private final Class<T> type;
    private final Consumer<String> invalidate;

    /** @param invalidate drops the decoded copy of a rewritten record on this node */
    RecordRewrite(RecordCodec codec, IgniteCache<String, byte[]> cache, Class<T> type, Consumer<String> invalidate) {
        this.codec = codec;
        this.cache = cache;
        this.type = type;
        this.invalidate = invalidate;
    }

    RewriteCounts run(UnaryOperator<T> change, int batchSize) {
        long[] counts = new long[4];
        List<String> failedKeys = new ArrayList<>();
        ScanQuery<String, byte[]> scan = new ScanQuery<>();
        scan.setPageSize(batchSize);
        Map<String, byte[]> batch = new TreeMap<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = cache.query(scan)) {
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
    private void rewriteBatch(Map<String, byte[]> batch, UnaryOperator<T> change, long[] counts,
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
                T current = codec.decode(entry.getValue(), type);
                T next;
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
            cache.invokeAll(replacements).forEach((key, result) -> {
                if (Boolean.TRUE.equals(result.get())) {
                    counts[1]++;
                    invalidate.accept(key);
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
            Map<String, byte[]> reread = cache.getAll(lost);
            for (String key : lost) {
                pending.put(key, reread.get(key));
            }
        }
    }
}
