package org.imshss.provisioning.service;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.ProvisioningStore;
import org.imshss.provisioning.store.RewriteCounts;

/**
 * Key rotation of the secrets at rest: re-seals every stored K, OPc, HA1 and password, of private identities and
 * USIMs, that is not under the active
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
     * @param failedIdentities the first few of those (private identities, then IMSIs)
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
        RewriteCounts identities = store.rewritePrivateIdentities(this::resealed, batchSize);
        RewriteCounts usims = store.rewriteUsims(this::resealed, batchSize);
        List<String> failedKeys = new ArrayList<>(identities.failedKeys());
        failedKeys.addAll(usims.failedKeys());
        Result result = new Result(keyring.activeKeyId(), identities.scanned() + usims.scanned(),
                identities.rewritten() + usims.rewritten(), identities.unchanged() + usims.unchanged(),
                identities.failed() + usims.failed(), failedKeys, clock.millis() - start);
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

    /** A USIM's keys are sealed for its IMSI. */
    private Usim resealed(Usim usim) {
        AkaCredentials next = usim.aka().resealed(keyring, usim.imsi());
        return next == usim.aka() ? usim : new Usim(usim.imsi(), usim.subscriptionId(), next, usim.eps());
    }
}
