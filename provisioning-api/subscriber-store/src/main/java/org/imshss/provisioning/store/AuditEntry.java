package org.imshss.provisioning.store;

import java.util.List;

/**
 * One recorded change. {@code changes} names what changed (JSON paths of the object), never a value, so a
 * secret never reaches the audit trail.
 *
 * @param id increasing within one node's run; the order of entries
 * @param time ISO-8601 instant
 * @param actor the name of the API token that made the change
 * @param action CREATE, UPDATE, DELETE, DEREGISTER
 */
public record AuditEntry(long id, String time, String actor, String action, String objectType, String objectId,
        List<String> changes) {

    public AuditEntry {
        changes = List.copyOf(changes);
    }
}
