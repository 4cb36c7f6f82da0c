package org.imshss.provisioning.service;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.List;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.ProvisioningStore;
import org.imshss.provisioning.store.RewriteCounts;

/**
 * Key rotation of the secrets at rest: re-seals every stored K, OPc, HA1 and password that is not under the active
 * key-encryption key (or is still clear) under it. Records are rewritten in batches, each one atomically and only if
 * unchanged since read, so a provisioning write or another rotation running at the same time loses nothing: the
 * record is read again and passes through again. Until rotated, a record under an older key of the ring keeps
 * working. Authentication sequences live apart from the records and are not touched.
 */
public final class SecretRotation {

    public static final int DEFAULT_BATCH = 512;
    private static final String OBJECT_TYPE = "secrets";

    private final ProvisioningStore store;
    private final Keyring keyring;
    private final AuditLog audit;
    private final Clock clock;
    private final int batchSize;

    /** What the keyring holds: ids only. */
    @Schema(name = "SecretsStatus")
    public record Status(String activeKey, List<String> keys) {
    }

    /**
     * @param resealed records rewritten under the active key
     * @param alreadyCurrent records found under it already (or without secrets)
     * @param failed records left as they were: a secret under a key no longer in the ring, or not opening
     * @param failedIdentities the first few of those (private identities)
     */
    @Schema(name = "SecretRotationResult")
    public record Result(String activeKey, long scanned, long resealed, long alreadyCurrent, long failed,
            List<String> failedIdentities, long elapsedMillis) {
    }

    public SecretRotation(ProvisioningStore store, Keyring keyring, AuditLog audit, Clock clock, int batchSize) {
        this.store = store;
        this.keyring = keyring;
        this.audit = audit;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    public Status status() {
        return new Status(keyring.activeKeyId(), keyring.keyIds().stream().sorted().toList());
    }

    public Result rotate(String actor) {
        if (!keyring.sealing()) {
            throw ProvisioningException.conflict("secrets.keys",
                    "no key-encryption key is configured: there is no key to rotate to");
        }
        long start = clock.millis();
        RewriteCounts counts = store.rewritePrivateIdentities(this::resealed, batchSize);
        Result result = new Result(keyring.activeKeyId(), counts.scanned(), counts.rewritten(), counts.unchanged(),
                counts.failed(), counts.failedKeys(), clock.millis() - start);
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, "ROTATE", OBJECT_TYPE,
                keyring.activeKeyId(), List.of("resealed=" + result.resealed(), "failed=" + result.failed())));
        return result;
    }

    private PrivateIdentity resealed(PrivateIdentity identity) {
        var auth = identity.auth();
        var next = auth.resealed(keyring, identity.impi());
        return next == auth ? identity
                : new PrivateIdentity(identity.impi(), identity.subscriptionId(), identity.publicIdentities(), next);
    }
}
