package org.imshss.provisioning.service;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.imshss.provisioning.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the audit trail to a retention period by removing the entries older than it, on a timer once started.
 * Each node configured so does it; removal is idempotent, so nodes running it at once do no harm.
 */
public final class AuditRetention implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditLog audit;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hss-audit-retention");
        thread.setDaemon(true);
        return thread;
    });

    public AuditRetention(AuditLog audit, Duration retention, Clock clock) {
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be positive, not " + retention);
        }
        this.audit = audit;
        this.retention = retention;
        this.clock = clock;
    }

    /** Runs a pass a minute from now (the node has finished starting) and then every {@code period}. */
    public AuditRetention start(Duration period) {
        timer.scheduleWithFixedDelay(this::runQuietly, Math.min(60_000, period.toMillis()), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass; returns how many entries it removed. */
    public int runOnce() {
        int removed = audit.removeOlderThan(clock.instant().minus(retention));
        if (removed > 0) {
            LOG.info("Audit retention: removed {} entries older than {}", removed, retention);
        }
        return removed;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The next pass tries again: a grid briefly unavailable (a node leaving) is no reason to stop.
            LOG.warn("Audit retention pass failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
