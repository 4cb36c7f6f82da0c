package org.imshss.provisioning.service;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.EpsDataStore;

/**
 * USIMs by IMSI, the EPS registration of each (the serving MME and SGSN, TS 29.272 5.2.1.1), and its administrative
 * detach (CLR SUBSCRIPTION_WITHDRAWAL, 5.2.1.2).
 */
public final class EpsAdministration {

    private final EpsDataStore eps;
    private final NetworkUpdates network;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration answerTimeout;

    /** The subscriber a USIM belongs to. */
    @Schema(name = "ImsiOwner")
    public record Imsi(@Schema(example = "001010000000001") String imsi,
            @Schema(example = "alice") String subscriptionId) {
    }

    /**
     * What the HSS holds about one USIM's EPS registration; no authentication data.
     *
     * @param mme the serving MME, absent when none
     * @param sgsn the serving SGSN, absent when none
     */
    @Schema(name = "EpsRegistration")
    public record Registration(String imsi, String subscriptionId, ServingNode mme, ServingNode sgsn,
            boolean mmePurged, boolean sgsnPurged) {
    }

    /** One serving node as its last Update-Location told it ({@link EpsRegistration.ServingNode}). */
    @Schema(name = "EpsServingNode")
    public record ServingNode(@Schema(example = "mme.epc.mnc001.mcc001.3gppnetwork.org") String host,
            @Schema(example = "epc.mnc001.mcc001.3gppnetwork.org") String realm,
            @Schema(example = "00101") String visitedPlmn, @Schema(example = "EUTRAN") String ratType,
            @Schema(description = "When the Update-Location was answered (ISO 8601)") String updated) {

        static ServingNode of(EpsRegistration.ServingNode node) {
            return node == null ? null : new ServingNode(node.host(), node.realm(), node.visitedPlmn(),
                    node.ratType(), Instant.ofEpochMilli(node.updatedMillis()).toString());
        }
    }

    public EpsAdministration(EpsDataStore eps, NetworkUpdates network, AuditLog audit, Clock clock,
            Duration answerTimeout) {
        this.eps = eps;
        this.network = network;
        this.audit = audit;
        this.clock = clock;
        this.answerTimeout = answerTimeout;
    }

    public Imsi imsi(String imsi) {
        Usim usim = usim(imsi);
        return new Imsi(usim.imsi(), usim.subscriptionId());
    }

    public Registration registration(String imsi) {
        Usim usim = usim(imsi);
        EpsRegistration registration = eps.registration(usim.imsi());
        return new Registration(usim.imsi(), usim.subscriptionId(), ServingNode.of(registration.mme()),
                ServingNode.of(registration.sgsn()), registration.mmePurged(), registration.sgsnPurged());
    }

    /** Detaches the USIM and waits (bounded) for the MME's answer to the CLR. */
    public NetworkUpdates.Outcome detach(String imsi, String actor) {
        Usim usim = usim(imsi);
        NetworkUpdates.Outcome outcome;
        try {
            outcome = network.detach(usim.imsi()).get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome = new NetworkUpdates.Outcome("FAILED", null, "no answer within " + answerTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            outcome = new NetworkUpdates.Outcome("FAILED", null, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new NetworkUpdates.Outcome("FAILED", null, "interrupted");
        }
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, "DETACH", "eps-registration",
                usim.imsi(), List.of("outcome=" + outcome.status())));
        return outcome;
    }

    private Usim usim(String imsi) {
        return eps.usim(imsi).orElseThrow(() -> ProvisioningException.notFound("IMSI " + imsi));
    }
}
