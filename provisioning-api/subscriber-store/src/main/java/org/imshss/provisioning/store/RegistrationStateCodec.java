package org.imshss.provisioning.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.imshss.provisioning.model.RegistrationState.AuthPending;
import org.imshss.provisioning.model.RegistrationState.SetRegistration;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationStatus;

/**
 * The registration state in a compact binary form of its own. It is read on every UAR and LIR and read and
 * written on every SAR and MAR, so it skips the general record codec (field names, reflection). The first
 * byte is the format version: a later format adds a version and still reads this one.
 */
final class RegistrationStateCodec {

    private static final int VERSION = 1;
    private static final int NONE = -1;

    private RegistrationStateCodec() {
    }

    static byte[] encode(RegistrationState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, state.subscriptionId());
            writeString(out, state.scscfName());
            writeString(out, state.scscfDiameterHost());
            writeString(out, state.scscfDiameterRealm());
            out.writeBoolean(state.reassignmentPending());
            out.writeInt(state.sets().size());
            for (Map.Entry<String, SetRegistration> set : state.sets().entrySet()) {
                writeString(out, set.getKey());
                out.writeByte(set.getValue().status().ordinal());
                out.writeInt(set.getValue().impis().size());
                for (String impi : set.getValue().impis()) {
                    writeString(out, impi);
                }
            }
            out.writeInt(state.authPending().size());
            for (Map.Entry<String, AuthPending> pending : state.authPending().entrySet()) {
                writeString(out, pending.getKey());
                writeString(out, pending.getValue().publicIdentity());
                writeString(out, pending.getValue().scscfName());
                out.writeLong(pending.getValue().sinceEpochMillis());
            }
            out.writeInt(state.restorationInfo().size());
            for (Map.Entry<String, byte[]> info : state.restorationInfo().entrySet()) {
                writeString(out, info.getKey());
                out.writeInt(info.getValue().length);
                out.write(info.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static RegistrationState decode(byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            int version = in.get() & 0xFF;
            if (version != VERSION) {
                throw new IllegalStateException("registration state format " + version + " is not known");
            }
            String subscriptionId = readString(in);
            String scscfName = readString(in);
            String host = readString(in);
            String realm = readString(in);
            boolean reassignmentPending = in.get() != 0;
            RegistrationStatus[] statuses = RegistrationStatus.values();
            int setCount = in.getInt();
            Map<String, SetRegistration> sets = new HashMap<>(setCount * 2);
            for (int i = 0; i < setCount; i++) {
                String setId = readString(in);
                RegistrationStatus status = statuses[in.get() & 0xFF];
                int impiCount = in.getInt();
                Set<String> impis = new HashSet<>(impiCount * 2);
                for (int j = 0; j < impiCount; j++) {
                    impis.add(readString(in));
                }
                sets.put(setId, new SetRegistration(status, impis));
            }
            int pendingCount = in.getInt();
            Map<String, AuthPending> pending = new HashMap<>(pendingCount * 2);
            for (int i = 0; i < pendingCount; i++) {
                String impi = readString(in);
                pending.put(impi, new AuthPending(readString(in), readString(in), in.getLong()));
            }
            int infoCount = in.getInt();
            Map<String, byte[]> restoration = new HashMap<>(infoCount * 2);
            for (int i = 0; i < infoCount; i++) {
                String impi = readString(in);
                byte[] info = new byte[in.getInt()];
                in.get(info);
                restoration.put(impi, info);
            }
            return new RegistrationState(subscriptionId, scscfName, host, realm, sets, pending, reassignmentPending,
                    restoration);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalStateException("corrupt registration state", e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(NONE);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length == NONE) {
            return null;
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}
