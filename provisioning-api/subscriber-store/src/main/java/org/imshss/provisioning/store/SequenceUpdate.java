package org.imshss.provisioning.store;

import java.io.Serializable;

/**
 * A change to one private identity's authentication sequence number SQN_HE (TS 33.102 6.3.2, Annex C),
 * applied atomically inside the grid: two MARs, on one node or two, never get the same SQN. Pure, like
 * {@link RegistrationUpdate}.
 *
 * @param <R> what the caller learns (e.g. the SQNs allocated)
 */
@FunctionalInterface
public interface SequenceUpdate<R extends Serializable> extends Serializable {

    /** @param current the stored SQN_HE, 0 when none is stored */
    Outcome<R> apply(long current);

    /** @param next the SQN_HE to store */
    record Outcome<R extends Serializable>(long next, R result) implements Serializable {
    }
}
