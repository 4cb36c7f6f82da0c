package org.imshss.hss.swx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.imshss.hss.cx.DeregistrationReason;
import org.imshss.hss.cx.NetworkOutcome;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.EpsDataStore;

/**
 * What provisioning tells SWx after it changed USIMs: the AAA servers of the USIMs concerned get the new profile
 * (PPR, TS 29.273 8.1.2.3) or are told to detach them (RTR, 8.1.2.2.3). Each call completes when every request it
 * sent is answered or timed out; it never blocks.
 */
public final class SwxProvisioningChanges {

    private static final String WITHDRAWN = "subscription withdrawn";
    private static final String DETACHED = "administrative detach";

    private final EpsDataStore usims;
    private final NetworkDeregistration deregistration;
    private final UserProfileUpdate profileUpdate;

    public SwxProvisioningChanges(EpsDataStore usims, NetworkDeregistration deregistration,
            UserProfileUpdate profileUpdate) {
        this.usims = usims;
        this.deregistration = deregistration;
        this.profileUpdate = profileUpdate;
    }

    /**
     * The USIMs' subscriptions changed: a USIM still allowed non-3GPP access gets its new profile pushed; one whose
     * non-3GPP subscription was withdrawn or barred is de-registered (PERMANENT_TERMINATION).
     */
    public CompletableFuture<NetworkOutcome> subscriptionChanged(List<String> imsis) {
        List<CompletableFuture<NetworkOutcome>> sent = new ArrayList<>();
        for (String imsi : imsis) {
            Optional<Usim> usim = usims.usim(imsi);
            boolean allowed = usim.isPresent() && usim.get().non3gpp() != null && usim.get().non3gpp().accessAllowed();
            sent.add(allowed ? profileUpdate.push(imsi)
                    : deregistration.deregister(imsi, DeregistrationReason.PERMANENT_TERMINATION, WITHDRAWN));
        }
        return combined(sent);
    }

    /** The USIMs were removed: their AAA servers detach them (PERMANENT_TERMINATION). */
    public CompletableFuture<NetworkOutcome> subscribersRemoved(List<String> imsis) {
        List<CompletableFuture<NetworkOutcome>> sent = new ArrayList<>();
        for (String imsi : imsis) {
            sent.add(deregistration.deregister(imsi, DeregistrationReason.PERMANENT_TERMINATION, WITHDRAWN));
        }
        return combined(sent);
    }

    /** An operator detaches the USIM from non-3GPP access; it may attach again. */
    public CompletableFuture<NetworkOutcome> deregister(String imsi) {
        return deregistration.deregister(imsi, DeregistrationReason.PERMANENT_TERMINATION, DETACHED);
    }

    /** The first failure, else the first request that was sent, else NOT_SERVED. */
    private static CompletableFuture<NetworkOutcome> combined(List<CompletableFuture<NetworkOutcome>> sent) {
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(done -> {
            NetworkOutcome combined = new NetworkOutcome(NetworkOutcome.Status.NOT_SERVED, null, null);
            for (CompletableFuture<NetworkOutcome> future : sent) {
                NetworkOutcome outcome = future.join();
                if (outcome.status() == NetworkOutcome.Status.FAILED
                        || combined.status() == NetworkOutcome.Status.NOT_SERVED) {
                    combined = combined.status() == NetworkOutcome.Status.FAILED ? combined : outcome;
                }
            }
            return combined;
        });
    }
}
