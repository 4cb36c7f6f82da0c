package org.imshss.provisioning.store;

import java.util.Arrays;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.binary.BinaryObjectException;
import org.apache.ignite.binary.BinaryRawReader;
import org.apache.ignite.binary.BinaryRawWriter;
import org.apache.ignite.binary.BinaryReader;
import org.apache.ignite.binary.BinaryWriter;
import org.apache.ignite.binary.Binarylizable;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Compare-and-set of one entry's bytes, run on its primary copy: the replacement is written only if the entry
 * still holds exactly the bytes it was computed from, so a concurrent write is never overwritten by a value derived
 * from an older one. A class, not a record, because Ignite's binary marshaller cannot rebuild a record.
 */
public final class ReplaceIfUnchanged implements CacheEntryProcessor<String, byte[], Boolean>, Binarylizable {

    private static final long serialVersionUID = 1L;

    private byte[] expected;
    private byte[] replacement;

    /** For the binary marshaller. */
    public ReplaceIfUnchanged() {
    }

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

    /** Raw, schema-free form: a node never waits for binary metadata to read it (see RegistrationProcessor). */
    @Override
    public void writeBinary(BinaryWriter writer) throws BinaryObjectException {
        BinaryRawWriter raw = writer.rawWriter();
        raw.writeByteArray(expected);
        raw.writeByteArray(replacement);
    }

    @Override
    public void readBinary(BinaryReader reader) throws BinaryObjectException {
        BinaryRawReader raw = reader.rawReader();
        expected = raw.readByteArray();
        replacement = raw.readByteArray();
    }
}
