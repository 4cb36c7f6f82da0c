package org.imshss.provisioning.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.CacheNames;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.IgniteAuditLog;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.provisioning.store.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail kept to a retention period, on a grid node of its own (the trail is the whole test's). */
class AuditRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    static Path work;

    private static GridNode node;

    @BeforeAll
    static void start() {
        node = GridNode.start(TestGrid.settings("audit-retention", TestGrid.freePort(), TestGrid.freePort(), work));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static AuditEntry entry(Instant time, String object) {
        return new AuditEntry(0, time.toString(), "ops", "UPDATE", "subscriber", object, List.of("name"));
    }

    /**
     * 1,200 entries 40 days old (more than two chunks of the walk), then one 10 days old and one of now: with 30
     * days kept, exactly the old ones go, listing and the object filter no longer find them, a second pass finds
     * nothing, entries written afterwards are listed as before, and a later pass removes the next one to expire.
     */
    @Test
    void entriesOlderThanTheRetentionAreRemovedAndTheRestStays() {
        IgniteAuditLog audit = new IgniteAuditLog(node.ignite(), RecordCodec.shared());
        List<AuditEntry> old = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            old.add(entry(NOW.minus(Duration.ofDays(40)).plusSeconds(i), "old-" + i));
        }
        audit.recordAll(old);
        AuditEntry recent = audit.record(entry(NOW.minus(Duration.ofDays(10)), "recent"));
        AuditEntry current = audit.record(entry(NOW, "current"));
        AuditRetention retention = new AuditRetention(audit, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(retention.runOnce()).isEqualTo(1200);
        assertThat(audit.list(null, null, 2000)).containsExactly(current, recent);
        assertThat(audit.list(null, "old-5", 10)).isEmpty();
        assertThat(audit.list(null, "recent", 10)).containsExactly(recent);
        assertThat(node.ignite().cache(CacheNames.AUDIT).size()).isEqualTo(2);
        assertThat(retention.runOnce()).isZero();

        AuditEntry later = audit.record(entry(NOW.plusSeconds(1), "later"));
        assertThat(audit.list(null, null, 10)).containsExactly(later, current, recent);
        assertThat(audit.list(current.id(), null, 10)).containsExactly(recent);
        // Twenty days on, "recent" is past the 30 days too; the two newer entries stay.
        AuditRetention twentyDaysOn = new AuditRetention(audit, Duration.ofDays(30),
                Clock.fixed(NOW.plus(Duration.ofDays(20)).plusSeconds(1), ZoneOffset.UTC));
        assertThat(twentyDaysOn.runOnce()).isEqualTo(1);
        assertThat(audit.list(null, null, 10)).containsExactly(later, current);
    }

    @Test
    void aRetentionMustBePositive() {
        IgniteAuditLog audit = new IgniteAuditLog(node.ignite(), RecordCodec.shared());
        assertThatThrownBy(() -> new AuditRetention(audit, Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
