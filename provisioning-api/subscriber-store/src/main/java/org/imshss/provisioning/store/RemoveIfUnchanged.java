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
 * Removes a record only if it still holds the bytes its remover read or wrote, run on its primary copy: a key
 * given back never takes with it what another writer has put there meanwhile. A class, as {@link InsertIfAbsent}.
 */
public final class RemoveIfUnchanged implements CacheEntryProcessor<String, byte[], Boolean>, Binarylizable {

    private static final long serialVersionUID = 1L;

    private byte[] expected;

    /** For the binary marshaller. */
    public RemoveIfUnchanged() {
    }

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

    /** Raw, schema-free form: a node never waits for binary metadata to read it (see RegistrationProcessor). */
    @Override
    public void writeBinary(BinaryWriter writer) throws BinaryObjectException {
        BinaryRawWriter raw = writer.rawWriter();
        raw.writeByteArray(expected);
    }

    @Override
    public void readBinary(BinaryReader reader) throws BinaryObjectException {
        BinaryRawReader raw = reader.rawReader();
        expected = raw.readByteArray();
    }
}
