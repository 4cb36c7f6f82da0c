package org.imshss.provisioning.store;

import java.io.Serializable;

/**
 * A change to one grid entry holding a record of type {@code T}, applied atomically where the entry lives
 * (an entry processor). Like {@link RegistrationUpdate} it must be a pure function of its own fields and
 * the current value: it may run on another node, and more than once.
 *
 * @param <T> the stored record
 * @param <R> what the caller learns from the change
 */
@FunctionalInterface
public interface RecordUpdate<T, R extends Serializable> extends Serializable {

    /** @param current the stored record, or null when there is none */
    Outcome<T, R> apply(T current);

    /**
     * @param write whether to write {@code next}; a null {@code next} written removes the entry
     */
    record Outcome<T, R extends Serializable>(boolean write, T next, R result) implements Serializable {

        public static <T, R extends Serializable> Outcome<T, R> keep(R result) {
            return new Outcome<>(false, null, result);
        }

        public static <T, R extends Serializable> Outcome<T, R> put(T next, R result) {
            return new Outcome<>(true, next, result);
        }

        public static <T, R extends Serializable> Outcome<T, R> remove(R result) {
            return new Outcome<>(true, null, result);
        }
    }
}
