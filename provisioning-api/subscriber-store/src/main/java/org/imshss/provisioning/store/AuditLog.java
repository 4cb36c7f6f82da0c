package org.imshss.provisioning.store;

import java.util.List;

/** Where changes are recorded. */
public interface AuditLog {

    /** Records the entry under a new id (the entry's own id is ignored) and returns it. */
    AuditEntry record(AuditEntry entry);

    /** Records many entries at once (a bulk import), in order. */
    void recordAll(List<AuditEntry> entries);

    /**
     * Newest first: entries with an id below {@code before} (null: the newest), for {@code objectId} only
     * when given, at most {@code limit}.
     */
    List<AuditEntry> list(Long before, String objectId, int limit);

    /** Removes the entries recorded before {@code cutoff}; returns how many. */
    int removeOlderThan(java.time.Instant cutoff);
}
