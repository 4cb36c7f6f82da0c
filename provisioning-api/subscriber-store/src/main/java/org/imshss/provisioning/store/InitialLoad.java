package org.imshss.provisioning.store;

/**
 * An initial load under way: the write-ahead log of the caches a bulk import writes is off until this is closed
 * (see {@link ProvisioningStore#initialLoad}).
 */
public interface InitialLoad extends AutoCloseable {

    /** Turns the log back on; returns once a checkpoint has put everything written meanwhile on disk. */
    @Override
    void close();
}
