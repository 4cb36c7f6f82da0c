package org.imshss.provisioning.store;

import java.nio.ByteBuffer;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.binary.BinaryObjectException;
import org.apache.ignite.binary.BinaryReader;
import org.apache.ignite.binary.BinaryWriter;
import org.apache.ignite.binary.Binarylizable;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.imshss.provisioning.store.SequenceUpdate.Outcome;

/**
 * Runs a {@link SequenceUpdate} on the primary copy of an SQN entry (an 8-octet big-endian value), for the
 * same reasons and with the same Java-serialized transport as {@link RegistrationProcessor}.
 */
public final class SequenceProcessor
        implements CacheEntryProcessor<String, byte[], SerializedResult>, Binarylizable {

    private static final long serialVersionUID = 1L;

    private transient SequenceUpdate<?> update;
    private transient byte[] updateBytes;

    /** For the binary marshaller. */
    public SequenceProcessor() {
    }

    SequenceProcessor(SequenceUpdate<?> update) {
        this.update = update;
    }

    static long decode(byte[] stored) {
        return stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
    }

    private SequenceUpdate<?> update() {
        if (update == null) {
            update = (SequenceUpdate<?>) JavaSerialization.fromBytes(updateBytes);
        }
        return update;
    }

    @Override
    public SerializedResult process(MutableEntry<String, byte[]> entry, Object... arguments) {
        long current = decode(entry.getValue());
        Outcome<?> outcome = update().apply(current);
        if (outcome == null) {
            throw new IllegalStateException("sequence update returned no outcome");
        }
        if (outcome.next() != current || entry.getValue() == null) {
            entry.setValue(ByteBuffer.allocate(Long.BYTES).putLong(outcome.next()).array());
        }
        return new SerializedResult(outcome.result());
    }

    @Override
    public void writeBinary(BinaryWriter writer) throws BinaryObjectException {
        writer.rawWriter().writeByteArray(updateBytes != null ? updateBytes : JavaSerialization.toBytes(update));
    }

    @Override
    public void readBinary(BinaryReader reader) throws BinaryObjectException {
        updateBytes = reader.rawReader().readByteArray();
        update = null;
    }
}
