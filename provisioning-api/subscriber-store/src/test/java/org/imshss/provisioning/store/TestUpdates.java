package org.imshss.provisioning.store;

import java.nio.ByteBuffer;
import org.imshss.provisioning.model.RegistrationState;

/** Record-typed registration updates, as the HSS procedures write them. */
final class TestUpdates {

    static final String COUNTER = "counter";

    private TestUpdates() {
    }

    /** Adds one to a counter kept in the restoration info; returns the new value. */
    record Increment() implements RegistrationUpdate<Long> {
        @Override
        public Outcome<Long> apply(RegistrationState current) {
            long next = counter(current) + 1;
            byte[] value = ByteBuffer.allocate(Long.BYTES).putLong(next).array();
            return new Outcome<>(current.withRestorationInfo(COUNTER, value), next);
        }
    }

    static long counter(RegistrationState state) {
        byte[] value = state.restorationInfo().get(COUNTER);
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /** Stores the S-CSCF only if none is stored (TS 29.228 6.1.2); returns the S-CSCF stored afterwards. */
    record AssignIfFree(String scscfName) implements RegistrationUpdate<String> {
        @Override
        public Outcome<String> apply(RegistrationState current) {
            if (current.hasScscf()) {
                return new Outcome<>(current, current.scscfName());
            }
            return new Outcome<>(current.withScscf(scscfName, "host-" + scscfName, "ims.example.org"), scscfName);
        }
    }

    /** Reads without writing: returns the same instance. */
    record Peek() implements RegistrationUpdate<String> {
        @Override
        public Outcome<String> apply(RegistrationState current) {
            return new Outcome<>(current, current.scscfName());
        }
    }

    /** Clears everything: the entry is removed. */
    record Clear() implements RegistrationUpdate<Boolean> {
        @Override
        public Outcome<Boolean> apply(RegistrationState current) {
            return new Outcome<>(RegistrationState.empty(current.subscriptionId()), !current.isEmpty());
        }
    }

    /** Always fails, to check that the caller sees the update's own exception. */
    record Refuse(String reason) implements RegistrationUpdate<String> {
        @Override
        public Outcome<String> apply(RegistrationState current) {
            throw new IllegalStateException(reason);
        }
    }

    /**
     * Holds something Java serialization refuses: works only where Ignite does not marshal the processor,
     * i.e. when the caller is the primary node.
     */
    record LocalOnly(Object notSerializable) implements RegistrationUpdate<String> {
        @Override
        public Outcome<String> apply(RegistrationState current) {
            return new Outcome<>(current, "local");
        }
    }

    /** Allocates the next SQN: adds the step and returns the new value. */
    record NextSqn(long step) implements SequenceUpdate<Long> {
        @Override
        public Outcome<Long> apply(long current) {
            return new Outcome<>(current + step, current + step);
        }
    }
}
