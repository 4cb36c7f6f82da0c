package org.imshss.provisioning.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationStatus;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.SubscriberStore;

/** The registration state of a public identity, and its administrative de-registration (RTR). */
public final class RegistrationAdministration {

    private final SubscriberStore store;
    private final NetworkUpdates network;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration answerTimeout;

    /** What the HSS holds about one public identity's registration; no authentication data. */
    public record Registration(String identity, String subscriptionId, String implicitSetId, RegistrationStatus state,
            String scscfName, String scscfDiameterHost, List<String> privateIdentities) {
    }

    public RegistrationAdministration(SubscriberStore store, NetworkUpdates network, AuditLog audit, Clock clock,
            Duration answerTimeout) {
        this.store = store;
        this.network = network;
        this.audit = audit;
        this.clock = clock;
        this.answerTimeout = answerTimeout;
    }

    public Registration registration(String identity) {
        PublicIdentity impu = store.publicIdentity(identity)
                .orElseThrow(() -> ProvisioningException.notFound("public identity " + identity));
        RegistrationState state = store.registration(impu.subscriptionId());
        RegistrationState.SetRegistration set = state.set(impu.implicitSetId());
        return new Registration(impu.identity(), impu.subscriptionId(), impu.implicitSetId(),
                state.status(impu.implicitSetId()), state.scscfName(), state.scscfDiameterHost(),
                set == null ? List.of() : set.impis().stream().sorted().toList());
    }

    /**
     * De-registers the implicit set of the identity and waits (bounded) for the S-CSCF's answer to the RTR
     * (TS 29.228 6.1.3).
     */
    public NetworkUpdates.Outcome deregister(String identity, NetworkUpdates.Reason reason, String actor) {
        PublicIdentity impu = store.publicIdentity(identity)
                .orElseThrow(() -> ProvisioningException.notFound("public identity " + identity));
        NetworkUpdates.Outcome outcome;
        try {
            outcome = network.terminate(List.of(impu.identity()), reason)
                    .get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome = new NetworkUpdates.Outcome("FAILED", null, "no answer within " + answerTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            outcome = new NetworkUpdates.Outcome("FAILED", null, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new NetworkUpdates.Outcome("FAILED", null, "interrupted");
        }
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, "DEREGISTER", "registration",
                impu.identity(), List.of("reason=" + reason, "outcome=" + outcome.status())));
        return outcome;
    }
}
