package org.imshss.provisioning.store;

import java.util.Arrays;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Removes a record only if it still holds the bytes its remover read or wrote, run on its primary copy: a key
 * given back never takes with it what another writer has put there meanwhile. A class, as {@link InsertIfAbsent}.
 */
final class RemoveIfUnchanged implements CacheEntryProcessor<String, byte[], Boolean> {

    private static final long serialVersionUID = 1L;

    private final byte[] expected;

    RemoveIfUnchanged(byte[] expected) {
        this.expected = expected;
    }

    @Override
    public Boolean process(MutableEntry<String, byte[]> entry, Object... arguments) {
        if (!entry.exists() || !Arrays.equals(entry.getValue(), expected)) {
            return Boolean.FALSE;
        }
        entry.remove();
        return Boolean.TRUE;
    }
}
