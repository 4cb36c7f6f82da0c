package org.imshss.provisioning.service;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.AaaRegistration;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.EpsDataStore;

/**
 * USIMs by IMSI, the EPS registration of each (the serving MME and SGSN, TS 29.272 5.2.1.1), and its administrative
 * detach (CLR SUBSCRIPTION_WITHDRAWAL, 5.2.1.2); the USIM's 3GPP AAA server (SWx) and its administrative
 * de-registration (RTR, TS 29.273 8.1.2.2.3).
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

    /** A USIM in a list: whose it is and its basic MSISDN; never its keys. */
    @Schema(name = "ImsiSummary")
    public record UsimSummary(@Schema(example = "001010000000001") String imsi,
            @Schema(example = "alice") String subscriptionId,
            @Schema(description = "The EPS subscription's basic MSISDN; absent without one", example = "15550101")
            String msisdn) {

        static UsimSummary of(Usim usim) {
            return new UsimSummary(usim.imsi(), usim.subscriptionId(), usim.eps() == null ? null : usim.eps().msisdn());
        }
    }

    /**
     * What the HSS holds about one USIM's EPS registration; no authentication data.
     *
     * @param mme the serving MME, absent when none
     * @param sgsn the serving SGSN, absent when none
     * @param aaaServer the 3GPP AAA server of the USIM's non-3GPP access (SWx), absent when none
     */
    @Schema(name = "EpsRegistration")
    public record Registration(String imsi, String subscriptionId, ServingNode mme, ServingNode sgsn,
            boolean mmePurged, boolean sgsnPurged, AaaServer aaaServer) {
    }

    /**
     * The 3GPP AAA server that last authenticated a USIM over SWx (TS 29.273 8.1.2.1), and whether it registered
     * (SAR REGISTRATION, 8.1.2.2); {@link AaaRegistration}.
     */
    @Schema(name = "AaaServer")
    public record AaaServer(@Schema(example = "aaa.ims.example.org") String host,
            @Schema(example = "ims.example.org") String realm,
            @Schema(description = "false while it only authenticated") boolean registered,
            @Schema(description = "When it was last written (ISO 8601)") String updated) {

        static AaaServer of(AaaRegistration r) {
            return new AaaServer(r.host(), r.realm(), r.registered(), Instant.ofEpochMilli(r.updatedMillis()).toString());
        }
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

    /** USIMs in IMSI order whose IMSI starts with {@code prefix} (null: all), after {@code after}, at most limit. */
    public List<UsimSummary> usims(String prefix, String after, int limit) {
        return eps.usims(prefix, after, limit).stream().map(UsimSummary::of).toList();
    }

    public Registration registration(String imsi) {
        Usim usim = usim(imsi);
        EpsRegistration registration = eps.registration(usim.imsi());
        return new Registration(usim.imsi(), usim.subscriptionId(), ServingNode.of(registration.mme()),
                ServingNode.of(registration.sgsn()), registration.mmePurged(), registration.sgsnPurged(),
                eps.aaaRegistration(usim.imsi()).map(AaaServer::of).orElse(null));
    }

    /** Detaches the USIM and waits (bounded) for the MME's answer to the CLR. */
    public NetworkUpdates.Outcome detach(String imsi, String actor) {
        Usim usim = usim(imsi);
        NetworkUpdates.Outcome outcome = awaited(network.detach(usim.imsi()));
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, "DETACH", "eps-registration",
                usim.imsi(), List.of("outcome=" + outcome.status())));
        return outcome;
    }

    /**
     * De-registers the USIM from its 3GPP AAA server (RTR, TS 29.273 8.1.2.2.3) and waits (bounded) for the answer;
     * NOT_SERVED when no AAA server is stored.
     */
    public NetworkUpdates.Outcome deregisterAaa(String imsi, String actor) {
        Usim usim = usim(imsi);
        NetworkUpdates.Outcome outcome = awaited(network.deregisterNon3gpp(usim.imsi()));
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, "DEREGISTER", "aaa-registration",
                usim.imsi(), List.of("outcome=" + outcome.status())));
        return outcome;
    }

    private NetworkUpdates.Outcome awaited(CompletableFuture<NetworkUpdates.Outcome> sent) {
        NetworkUpdates.Outcome outcome;
        try {
            outcome = sent.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome = new NetworkUpdates.Outcome("FAILED", null, "no answer within " + answerTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            outcome = new NetworkUpdates.Outcome("FAILED", null, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new NetworkUpdates.Outcome("FAILED", null, "interrupted");
        }
        return outcome;
    }

    private Usim usim(String imsi) {
        return eps.usim(imsi).orElseThrow(() -> ProvisioningException.notFound("IMSI " + imsi));
    }
}
