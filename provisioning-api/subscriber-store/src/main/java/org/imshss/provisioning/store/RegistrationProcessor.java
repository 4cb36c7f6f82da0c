package org.imshss.provisioning.store;

import javax.cache.processor.MutableEntry;
import org.apache.ignite.binary.BinaryObjectException;
import org.apache.ignite.binary.BinaryReader;
import org.apache.ignite.binary.BinaryWriter;
import org.apache.ignite.binary.Binarylizable;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.store.RegistrationUpdate.Outcome;

/**
 * Runs a {@link RegistrationUpdate} on the primary copy of a registration entry, so the read, the
 * decision and the write are one atomic step. When the caller is not the primary node Ignite marshals
 * this processor with its binary marshaller, which cannot build the records and lambdas updates are
 * made of; the update therefore travels as Java-serialized bytes, decoded on first use. Those bytes are written
 * raw, without a field name: an object with named fields carries a schema that a receiving node must know, and a
 * node that has not yet heard of it waits for the cluster's binary metadata (up to 30 s, holding a striped thread:
 * seen under load in the multi-JVM tests); a raw object has no schema to wait for. Every processor and result the
 * store ships is written so.
 */
public final class RegistrationProcessor
        implements CacheEntryProcessor<String, byte[], SerializedResult>, Binarylizable {

    private static final long serialVersionUID = 1L;

    private transient RegistrationUpdate<?> update;
    private transient byte[] updateBytes;

    /** For the binary marshaller. */
    public RegistrationProcessor() {
    }

    RegistrationProcessor(RegistrationUpdate<?> update) {
        this.update = update;
    }

    private RegistrationUpdate<?> update() {
        if (update == null) {
            update = (RegistrationUpdate<?>) JavaSerialization.fromBytes(updateBytes);
        }
        return update;
    }

    @Override
    public SerializedResult process(MutableEntry<String, byte[]> entry, Object... arguments) {
        byte[] stored = entry.getValue();
        RegistrationState current = stored == null
                ? RegistrationState.empty(entry.getKey())
                : RegistrationStateCodec.decode(stored);
        Outcome<?> outcome = update().apply(current);
        if (outcome == null || outcome.next() == null) {
            throw new IllegalStateException("registration update returned no outcome or no next state");
        }
        RegistrationState next = outcome.next();
        if (next != current) {
            if (next.isEmpty()) {
                if (stored != null) {
                    entry.remove();
                }
            } else {
                entry.setValue(RegistrationStateCodec.encode(next));
            }
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
