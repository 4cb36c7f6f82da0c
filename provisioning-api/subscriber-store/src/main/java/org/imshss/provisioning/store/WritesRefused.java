package org.imshss.provisioning.store;

import org.apache.ignite.internal.processors.cache.CacheInvalidStateException;

/**
 * Recognises a write the grid refused because this part of the cluster may not write now: its topology validator
 * ({@link SiteQuorum}) said so, or every copy of the key's partition is gone. Ignite raises
 * {@code CacheInvalidStateException} for both, wrapped in whatever the calling API throws. Another node, in the
 * part that holds the quorum, can make the same write, so the edges answer "try another node" rather than "failed".
 */
public final class WritesRefused {

    private WritesRefused() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CacheInvalidStateException) {
                return true;
            }
        }
        return false;
    }
}
