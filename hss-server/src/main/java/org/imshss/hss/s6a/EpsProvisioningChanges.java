package org.imshss.hss.s6a;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.EpsRegistration.ServingNode;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.service.NetworkUpdates.Outcome;
import org.imshss.provisioning.store.EpsDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioning changes carried to the MMEs and SGSNs over S6a/S6d (TS 29.272 5.2.2, 5.2.1.2): what the provisioning
 * side calls after it has written a change. A changed subscription becomes an IDR with the complete
 * Subscription-Data to each serving node that has not purged the UE (preceded by a DSR when data an IDR cannot
 * withdraw went away); a removed subscriber or an administrative detach a CLR SUBSCRIPTION_WITHDRAWAL, the EPS
 * registration deleted first in one atomic change. IDR/DSR are sent from a worker thread, so the provisioning request
 * never waits for them.
 */
public final class EpsProvisioningChanges {

    private static final Logger log = LoggerFactory.getLogger(EpsProvisioningChanges.class);

    private final EpsDataStore store;
    private final InsertSubscriberData insert;
    private final DeleteSubscriberData delete;
    private final CancelLocation cancel;
    private final ExecutorService worker;

    public EpsProvisioningChanges(EpsDataStore store, InsertSubscriberData insert, DeleteSubscriberData delete,
            CancelLocation cancel, ExecutorService worker) {
        this.store = store;
        this.insert = insert;
        this.delete = delete;
        this.cancel = cancel;
        this.worker = worker;
    }

    /**
     * The EPS data of these USIMs changed (e.g. an APN profile they use): an IDR to each serving node. A USIM that
     * no longer exists or has no EPS subscription is withdrawn as by {@link #subscribersRemoved}.
     */
    public void subscriptionChanged(Collection<String> imsis) {
        List<String> copy = List.copyOf(imsis);
        later(() -> copy.forEach(imsi -> push(imsi, null).whenComplete(this::logged)));
    }

    /**
     * One USIM's EPS subscription was replaced; {@code before} is what it was. What {@code before} had and the
     * stored subscription no longer has, and an IDR cannot take back, is deleted by DSR (7.3.25): MSISDN (bit 23),
     * A-MSISDN (16), 3GPP-Charging-Characteristics (2), the periodic TAU timer (14), and the APN configurations
     * removed (bit 3 with their Context-Identifiers; the former default APN is replaced by the IDR's complete list
     * instead). Then the IDR.
     */
    public void subscriptionChanged(String imsi, EpsSubscription before) {
        later(() -> push(imsi, before).whenComplete(this::logged));
    }

    /**
     * These subscribers are being removed: their EPS registrations are deleted before this returns (so the caller
     * may then remove the data), and each MME/SGSN that served them gets a CLR SUBSCRIPTION_WITHDRAWAL without
     * Reattach-Required (a re-attach would be refused with DIAMETER_ERROR_USER_UNKNOWN anyway).
     */
    public CompletableFuture<Outcome> subscribersRemoved(Collection<String> imsis) {
        List<CompletableFuture<Outcome>> sent = new ArrayList<>();
        for (String imsi : imsis) {
            sent.add(withdraw(imsi, false));
        }
        return S6aOutcomes.combined(sent);
    }

    /**
     * Administrative detach (TS 23.401 5.3.8.4, HSS-initiated detach): the EPS registration deleted, then a CLR
     * SUBSCRIPTION_WITHDRAWAL to the MME/SGSN, which detaches the UE. CLR-Flags Reattach-Required (7.3.152 bit 1) is
     * not set: with it the MME would have the UE attach again at once, undoing the detach; the subscription stays,
     * and the UE may attach again by itself.
     */
    public CompletableFuture<Outcome> detach(String imsi) {
        return detach(imsi, false);
    }

    /** As {@link #detach(String)}; with {@code reattachRequired} the UE is told to attach again at once. */
    public CompletableFuture<Outcome> detach(String imsi, boolean reattachRequired) {
        return withdraw(imsi, reattachRequired);
    }

    private CompletableFuture<Outcome> withdraw(String imsi, boolean reattachRequired) {
        EpsRegistration before = store.updateRegistration(imsi, new EpsRegistrationChanges.Withdraw());
        List<CompletableFuture<Outcome>> sent = new ArrayList<>();
        if (before.mme() != null && !before.mmePurged()) {
            sent.add(cancel.cancel(imsi, before.mme(), true, CancellationType.SUBSCRIPTION_WITHDRAWAL,
                    reattachRequired));
        }
        if (before.sgsn() != null && !before.sgsnPurged()) {
            sent.add(cancel.cancel(imsi, before.sgsn(), false, CancellationType.SUBSCRIPTION_WITHDRAWAL,
                    reattachRequired));
        }
        log.info("EPS registration of {} withdrawn ({} CLR)", imsi, sent.size());
        return S6aOutcomes.combined(sent);
    }

    /** DSR (when {@code before} is given and something went) and IDR to each serving node of the USIM. */
    CompletableFuture<Outcome> push(String imsi, EpsSubscription before) {
        Optional<Usim> usim = store.usim(imsi);
        if (usim.isEmpty() || usim.get().eps() == null) {
            return withdraw(imsi, false);
        }
        EpsRegistration registration = store.registration(imsi);
        List<ServingNode> nodes = new ArrayList<>();
        if (registration.mme() != null && !registration.mmePurged()) {
            nodes.add(registration.mme());
        }
        if (registration.sgsn() != null && !registration.sgsnPurged()) {
            nodes.add(registration.sgsn());
        }
        if (nodes.isEmpty()) {
            return CompletableFuture.completedFuture(S6aOutcomes.notServed());
        }
        EpsSubscription now = usim.get().eps();
        Optional<EpsProfile> profile = EpsProfile.resolve(imsi, now, store);
        if (profile.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome(S6aOutcomes.FAILED, null,
                    "an APN configuration of " + imsi + " names an APN profile that does not exist"));
        }
        long withdrawn = before == null ? 0 : withdrawn(before, now);
        List<Integer> removedContexts = before == null ? List.of() : removedContexts(before, now);
        if (!removedContexts.isEmpty()) {
            withdrawn |= DeleteSubscriberData.PDN_CONTEXTS;
        }
        long flags = withdrawn;
        List<CompletableFuture<Outcome>> sent = new ArrayList<>();
        for (ServingNode node : nodes) {
            CompletableFuture<Outcome> first = flags == 0
                    ? CompletableFuture.completedFuture(S6aOutcomes.notServed())
                    : delete.delete(imsi, node, flags, removedContexts);
            // The IDR goes whatever the DSA said; a DSR that failed is what the outcome reports.
            sent.add(first.thenCompose(dsa -> insert.insert(node, profile.get()).thenApply(ida ->
                    S6aOutcomes.NOT_SERVED.equals(dsa.status()) || S6aOutcomes.succeeded(dsa) ? ida : dsa)));
        }
        return S6aOutcomes.combined(sent);
    }

    /** The DSR-Flags for what an IDR cannot take back (7.3.25). */
    private static long withdrawn(EpsSubscription before, EpsSubscription now) {
        long flags = 0;
        if (before.msisdn() != null && now.msisdn() == null) {
            flags |= DeleteSubscriberData.MSISDN;
        }
        if (!before.additionalMsisdns().isEmpty() && now.additionalMsisdns().isEmpty()) {
            flags |= DeleteSubscriberData.A_MSISDN;
        }
        if (before.chargingCharacteristics() != null && now.chargingCharacteristics() == null) {
            flags |= DeleteSubscriberData.CHARGING_CHARACTERISTICS;
        }
        if (before.subscribedPeriodicTauTimer() != 0 && now.subscribedPeriodicTauTimer() == 0) {
            flags |= DeleteSubscriberData.PERIODIC_TAU_TIMER;
        }
        return flags;
    }

    /** Context-Identifiers of APN configurations gone, the former default APN excepted. */
    private static List<Integer> removedContexts(EpsSubscription before, EpsSubscription now) {
        List<Integer> removed = new ArrayList<>();
        for (ApnConfiguration apn : before.apns()) {
            if (now.apn(apn.contextIdentifier()) == null
                    && apn.contextIdentifier() != before.defaultContextIdentifier()) {
                removed.add(apn.contextIdentifier());
            }
        }
        return removed;
    }

    private void logged(Outcome outcome, Throwable error) {
        if (error != null || S6aOutcomes.FAILED.equals(outcome.status())) {
            log.warn("IDR/DSR after a provisioning change failed: {}", error != null ? error : outcome.detail());
        } else if (S6aOutcomes.ANSWERED.equals(outcome.status()) && !S6aOutcomes.succeeded(outcome)) {
            log.warn("IDR/DSR after a provisioning change answered {}", outcome.resultCode());
        }
    }

    private void later(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("pushing an EPS provisioning change failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.debug("EPS provisioning change not pushed: the node is stopping");
        }
    }
}
