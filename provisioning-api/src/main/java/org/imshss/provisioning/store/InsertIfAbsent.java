package org.imshss.provisioning.store;

import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Claims a key for a new record, run on its primary copy: the value is written only where the key is free, and
 * otherwise the value found is returned. The check and the write are one atomic grid operation, so two writers
 * claiming the same identity cannot both succeed. A class, not a record, for Ignite's binary marshaller.
 */
final class InsertIfAbsent implements CacheEntryProcessor<String, byte[], byte[]> {

    private static final long serialVersionUID = 1L;

    private final byte[] value;

    InsertIfAbsent(byte[] value) {
        this.value = value;
    }

    @Override
    public byte[] process(MutableEntry<String, byte[]> entry, Object... arguments) {
        if (entry.exists()) {
            return entry.getValue();
        }
        entry.setValue(value);
        return null;
    }
}
