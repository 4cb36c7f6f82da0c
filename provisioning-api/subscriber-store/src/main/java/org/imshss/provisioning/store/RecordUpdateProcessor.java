package org.imshss.provisioning.store;

import java.io.Serializable;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.binary.BinaryObjectException;
import org.apache.ignite.binary.BinaryReader;
import org.apache.ignite.binary.BinaryWriter;
import org.apache.ignite.binary.Binarylizable;
import org.apache.ignite.cache.CacheEntryProcessor;

/**
 * Runs a {@link RecordUpdate} on the primary copy of an entry whose value is {@link RecordCodec} bytes of
 * one record type: read, decide and write are one atomic step. Travels between nodes as Java-serialized
 * bytes for the same reason as {@link RegistrationProcessor}.
 */
public final class RecordUpdateProcessor
        implements CacheEntryProcessor<String, byte[], SerializedResult>, Binarylizable {

    private static final long serialVersionUID = 1L;

    private transient Payload payload;
    private transient byte[] payloadBytes;

    /** For the binary marshaller. */
    public RecordUpdateProcessor() {
    }

    <T> RecordUpdateProcessor(Class<T> type, RecordUpdate<T, ?> update) {
        this.payload = new Payload(type, update);
    }

    private Payload payload() {
        if (payload == null) {
            payload = (Payload) JavaSerialization.fromBytes(payloadBytes);
        }
        return payload;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public SerializedResult process(MutableEntry<String, byte[]> entry, Object... arguments) {
        RecordCodec codec = RecordCodec.shared();
        Payload p = payload();
        Object current = codec.decode(entry.getValue(), p.type());
        RecordUpdate.Outcome<?, ?> outcome = ((RecordUpdate) p.update()).apply(current);
        if (outcome == null) {
            throw new IllegalStateException("record update returned no outcome");
        }
        if (outcome.write()) {
            if (outcome.next() == null) {
                if (entry.exists()) {
                    entry.remove();
                }
            } else {
                entry.setValue(codec.encode(outcome.next()));
            }
        }
        return new SerializedResult(outcome.result());
    }

    private record Payload(Class<?> type, RecordUpdate<?, ?> update) implements Serializable {
    }

    @Override
    public void writeBinary(BinaryWriter writer) throws BinaryObjectException {
        writer.rawWriter().writeByteArray(payloadBytes != null ? payloadBytes : JavaSerialization.toBytes(payload));
    }

    @Override
    public void readBinary(BinaryReader reader) throws BinaryObjectException {
        payloadBytes = reader.rawReader().readByteArray();
        payload = null;
    }
}
