package org.imshss.provisioning.store;

import java.io.Serializable;
import org.apache.ignite.binary.BinaryObjectException;
import org.apache.ignite.binary.BinaryReader;
import org.apache.ignite.binary.BinaryWriter;
import org.apache.ignite.binary.Binarylizable;

/**
 * The result of a registration update on its way back from the primary node. Ignite marshals it with its
 * binary marshaller, which cannot build records, so the result travels as Java-serialized bytes; on the
 * local path nothing is marshalled and the value is handed over as is.
 */
public final class SerializedResult implements Binarylizable {

    private Serializable value;
    private byte[] bytes;

    /** For the binary marshaller. */
    public SerializedResult() {
    }

    SerializedResult(Serializable value) {
        this.value = value;
    }

    Serializable value() {
        if (bytes != null) {
            value = (Serializable) JavaSerialization.fromBytes(bytes);
            bytes = null;
        }
        return value;
    }

    @Override
    public void writeBinary(BinaryWriter writer) throws BinaryObjectException {
        writer.rawWriter().writeByteArray(value == null ? null : JavaSerialization.toBytes(value));
    }

    @Override
    public void readBinary(BinaryReader reader) throws BinaryObjectException {
        bytes = reader.rawReader().readByteArray();
        value = null;
    }
}
