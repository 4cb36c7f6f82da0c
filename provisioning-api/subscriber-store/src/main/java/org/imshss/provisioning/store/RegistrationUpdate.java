package org.imshss.provisioning.store;

import java.io.Serializable;
import org.imshss.provisioning.model.RegistrationState;

/**
 * A change to one subscription's registration state, applied atomically inside the grid (an entry
 * processor): two S-CSCFs, or two HSS nodes, never both win. It must be a pure function of its own
 * fields and the current state (it may run on another node, and more than once), so callers pass the
 * current time in rather than reading the clock.
 *
 * @param <R> what the caller learns from the change (e.g. the answer to give)
 */
@FunctionalInterface
public interface RegistrationUpdate<R extends Serializable> extends Serializable {

    /** @param current the stored state, {@link RegistrationState#empty} when none is stored */
    Outcome<R> apply(RegistrationState current);

    /**
     * @param next the state to store; the same instance as the current one means "no write", an
     *             {@link RegistrationState#isEmpty() empty} one removes the entry
     */
    record Outcome<R extends Serializable>(RegistrationState next, R result) implements Serializable {
    }
}
