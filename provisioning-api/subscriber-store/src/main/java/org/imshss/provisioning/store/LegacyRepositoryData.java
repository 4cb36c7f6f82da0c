package org.imshss.provisioning.store;

import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.RepositoryDataSet;

/**
 * Repository data stored by earlier versions, one entry per identity and Service-Indication (key: identity, a line
 * feed, Service-Indication), is moved into the identity's {@link RepositoryDataSet} when a store starts. Data the
 * identity's entry already holds for that Service-Indication wins: it was written since.
 */
final class LegacyRepositoryData {

    /** Separated identity and Service-Indication in an old key; never part of a URI. */
    static final char KEY_SEPARATOR = '\n';

    private LegacyRepositoryData() {
    }

    static boolean isLegacyKey(String key) {
        return key.indexOf(KEY_SEPARATOR) >= 0;
    }

    /** @return how many old entries were moved */
    static int adopt(IgniteCache<String, byte[]> repository, RecordCodec codec) {
        List<Cache.Entry<String, byte[]>> found = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, byte[]>> cursor = repository.query(new ScanQuery<>(new OldKeys()))) {
            cursor.forEach(found::add);
        }
        for (Cache.Entry<String, byte[]> entry : found) {
            RepositoryData data = codec.decode(entry.getValue(), RepositoryData.class);
            String identity = entry.getKey().substring(0, entry.getKey().indexOf(KEY_SEPARATOR));
            IgniteSubscriberStore.invoke(repository, identity,
                    new RecordUpdateProcessor(RepositoryDataSet.class, new Adopt(data)));
            repository.remove(entry.getKey());
        }
        return found.size();
    }

    /** Selects old keys where the entries live. */
    record OldKeys() implements IgniteBiPredicate<String, byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean apply(String key, byte[] value) {
            return isLegacyKey(key);
        }
    }

    /** Adds old data to the identity's set unless the set holds that Service-Indication already. */
    record Adopt(RepositoryData data) implements RecordUpdate<RepositoryDataSet, Boolean> {

        @Override
        public Outcome<RepositoryDataSet, Boolean> apply(RepositoryDataSet current) {
            RepositoryDataSet stored = current != null ? current : RepositoryDataSet.empty(data.identity());
            if (stored.get(data.serviceIndication()).isPresent()) {
                return Outcome.keep(false);
            }
            return Outcome.put(stored.with(data), true);
        }
    }
}
