package org.imshss.provisioning.store;

import java.util.Arrays;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Compare-and-set of one entry's bytes, run on its primary copy: the replacement is written only if the entry
 * still holds exactly the bytes it was computed from, so a concurrent write is never overwritten by a value derived
 * from an older one. A class, not a record, because Ignite's binary marshaller cannot rebuild a record.
 */
final class ReplaceIfUnchanged implements CacheEntryProcessor<String, byte[], Boolean> {

    private static final long serialVersionUID = 1L;

    private final byte[] expected;
    private final byte[] replacement;

    ReplaceIfUnchanged(byte[] expected, byte[] replacement) {
        this.expected = expected;
        this.replacement = replacement;
    }

    @Override
    public Boolean process(MutableEntry<String, byte[]> entry, Object... arguments) {
        if (!entry.exists() || !Arrays.equals(entry.getValue(), expected)) {
            return Boolean.FALSE;
        }
        entry.setValue(replacement);
        return Boolean.TRUE;
    }
}
