package org.imshss.provisioning.store;

import java.util.Objects;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.binary.BinaryObjectException;
import org.apache.ignite.binary.BinaryRawReader;
import org.apache.ignite.binary.BinaryRawWriter;
import org.apache.ignite.binary.BinaryReader;
import org.apache.ignite.binary.BinaryWriter;
import org.apache.ignite.binary.Binarylizable;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.imshss.provisioning.model.ImsSubscription;

/**
 * The compare-and-set every write of a stored subscriber passes, run on the primary copy of its subscription
 * record: the record is replaced (or removed) only if it is still at the version its writer read. Of two writers
 * that read one version, through one node or two, exactly one gets through. A class, as {@link InsertIfAbsent}.
 */
public final class SubscriptionGate implements CacheEntryProcessor<String, byte[], Boolean>, Binarylizable {

    private static final long serialVersionUID = 1L;

    private String incarnation;
    private long version;
    /** The new record, or null to remove it. */
    private byte[] replacement;

    /** For the binary marshaller. */
    public SubscriptionGate() {
    }

    SubscriptionGate(ImsSubscription expected, byte[] replacement) {
        this.incarnation = expected.incarnation();
        this.version = expected.version();
        this.replacement = replacement;
    }

    @Override
    public Boolean process(MutableEntry<String, byte[]> entry, Object... arguments) {
        ImsSubscription current = entry.exists()
                ? RecordCodec.shared().decode(entry.getValue(), ImsSubscription.class) : null;
        if (current == null || current.version() != version || !Objects.equals(current.incarnation(), incarnation)) {
            return Boolean.FALSE;
        }
        if (replacement == null) {
            entry.remove();
        } else {
            entry.setValue(replacement);
        }
        return Boolean.TRUE;
    }

    /** Raw, schema-free form: a node never waits for binary metadata to read it (see RegistrationProcessor). */
    @Override
    public void writeBinary(BinaryWriter writer) throws BinaryObjectException {
        BinaryRawWriter raw = writer.rawWriter();
        raw.writeString(incarnation);
        raw.writeLong(version);
        raw.writeByteArray(replacement);
    }

    @Override
    public void readBinary(BinaryReader reader) throws BinaryObjectException {
        BinaryRawReader raw = reader.rawReader();
        incarnation = raw.readString();
        version = raw.readLong();
        replacement = raw.readByteArray();
    }
}
