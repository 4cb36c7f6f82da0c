package org.imshss.provisioning.store;

import javax.cache.processor.MutableEntry;
import org.apache.ignite.binary.BinaryObjectException;
import org.apache.ignite.binary.BinaryRawReader;
import org.apache.ignite.binary.BinaryRawWriter;
import org.apache.ignite.binary.BinaryReader;
import org.apache.ignite.binary.BinaryWriter;
import org.apache.ignite.binary.Binarylizable;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Claims a key for a new record, run on its primary copy: the value is written only where the key is free, and
 * otherwise the value found is returned. The check and the write are one atomic grid operation, so two writers
 * claiming the same identity cannot both succeed. A class, not a record, for Ignite's binary marshaller.
 */
public final class InsertIfAbsent implements CacheEntryProcessor<String, byte[], byte[]>, Binarylizable {

    private static final long serialVersionUID = 1L;

    private byte[] value;

    /** For the binary marshaller. */
    public InsertIfAbsent() {
    }

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

    /** Raw, schema-free form: a node never waits for binary metadata to read it (see RegistrationProcessor). */
    @Override
    public void writeBinary(BinaryWriter writer) throws BinaryObjectException {
        BinaryRawWriter raw = writer.rawWriter();
        raw.writeByteArray(value);
    }

    @Override
    public void readBinary(BinaryReader reader) throws BinaryObjectException {
        BinaryRawReader raw = reader.rawReader();
        value = raw.readByteArray();
    }
}
