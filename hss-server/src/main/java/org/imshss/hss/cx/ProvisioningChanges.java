package org.imshss.hss.cx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.imshss.hss.s6a.EpsProvisioningChanges;
import org.imshss.hss.swx.SwxProvisioningChanges;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.service.NetworkUpdates;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioning changes carried to the S-CSCFs over Cx: a changed profile or charging set becomes one PPR
 * per served implicit registration set (TS 29.228 6.2.2), a removal or an administrative de-registration an
 * RTR (6.1.3). EPS changes are handed to {@link EpsProvisioningChanges} (S6a), non-3GPP ones to
 * {@link SwxProvisioningChanges} (SWx). PPRs are prepared on a worker thread, so the provisioning request never waits
 * for them.
 */
public final class ProvisioningChanges implements NetworkUpdates {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningChanges.class);

    private final SubscriberStore store;
    private final PushProfile push;
    private final RegistrationTermination termination;
    private final EpsProvisioningChanges eps;
    private final SwxProvisioningChanges swx;
    private final ExecutorService worker;

    /**
     * @param eps where the EPS changes go (S6a)
     * @param swx where the non-3GPP changes go (SWx)
     */
    public ProvisioningChanges(SubscriberStore store, PushProfile push, RegistrationTermination termination,
            EpsProvisioningChanges eps, SwxProvisioningChanges swx, ExecutorService worker) {
        this.store = store;
        this.push = push;
        this.termination = termination;
        this.eps = eps;
        this.swx = swx;
        this.worker = worker;
    }

    @Override
    public void profileChanged(Collection<String> publicIdentities) {
        List<String> identities = List.copyOf(publicIdentities);
        later(() -> {
            // One PPR per implicit set: it carries the User-Data of the whole set.
            Map<String, String> bySet = new LinkedHashMap<>();
            for (String identity : identities) {
                store.publicIdentity(identity).ifPresent(p -> bySet.putIfAbsent(p.implicitSetId(), p.identity()));
            }
            bySet.values().forEach(this::pushProfile);
        });
    }

    @Override
    public void chargingChanged(Collection<String> subscriptionIds) {
        List<String> ids = List.copyOf(subscriptionIds);
        later(() -> {
            for (String id : ids) {
                RegistrationState state = store.registration(id);
                for (String setId : state.sets().keySet()) {
                    store.implicitRegistrationSet(setId).map(ImplicitRegistrationSet::publicIdentities)
                            .filter(members -> !members.isEmpty())
                            .ifPresent(members -> pushProfile(members.get(0)));
                }
            }
        });
    }

    private void pushProfile(String identity) {
        // Counted by the request sender (diameter_sent_requests); logged here with the identity it was for.
        push.push(identity).whenComplete((outcome, error) -> {
            if (error != null || outcome.status() == NetworkOutcome.Status.FAILED) {
                log.warn("PPR for {} failed: {}", identity, error != null ? error.toString() : outcome.detail());
            } else if (outcome.status() == NetworkOutcome.Status.ANSWERED) {
                log.debug("PPR for {} answered {}", identity, outcome.result());
            }
        });
    }

    /** EPS changes go to the MMEs and SGSNs over S6a (IDR, DSR, CLR). */
    @Override
    public void epsSubscriptionChanged(Collection<String> imsis) {
        eps.subscriptionChanged(imsis);
    }

    @Override
    public void epsSubscriptionChanged(String imsi, EpsSubscription before) {
        eps.subscriptionChanged(imsi, before);
    }

    @Override
    public void epsSubscribersRemoved(Collection<String> imsis) {
        // The EPS registrations go before this returns; the CLRs are answered later.
        eps.subscribersRemoved(imsis);
    }

    @Override
    public CompletableFuture<Outcome> detach(String imsi) {
        return eps.detach(imsi);
    }

    /** Non-3GPP changes go to the AAA servers over SWx (PPR, or RTR when access went); none without one. */
    @Override
    public void non3gppSubscriptionChanged(Collection<String> imsis) {
        List<String> changed = List.copyOf(imsis);
        later(() -> logged("PPR/RTR", changed, swx.subscriptionChanged(changed)));
    }

    @Override
    public void non3gppSubscribersRemoved(Collection<String> imsis) {
        // The AAA registrations go before this returns; the RTRs are answered later.
        List<String> removed = List.copyOf(imsis);
        logged("RTR", removed, swx.subscribersRemoved(removed));
    }

    @Override
    public CompletableFuture<Outcome> deregisterNon3gpp(String imsi) {
        return swx.deregister(imsi).thenApply(ProvisioningChanges::outcome);
    }

    private static void logged(String what, List<String> imsis, CompletableFuture<NetworkOutcome> sent) {
        sent.whenComplete((outcome, error) -> {
            if (error != null || outcome.status() == NetworkOutcome.Status.FAILED) {
                log.warn("SWx {} for {} failed: {}", what, imsis, error != null ? error.toString() : outcome.detail());
            }
        });
    }

    private static Outcome outcome(NetworkOutcome outcome) {
        return new Outcome(outcome.status().name(), outcome.result() == null ? null : outcome.result().code(),
                outcome.detail());
    }

    @Override
    public CompletableFuture<Outcome> terminate(Collection<String> publicIdentities, Reason reason) {
        List<String> known = new ArrayList<>();
        for (String identity : publicIdentities) {
            store.publicIdentity(identity).map(PublicIdentity::identity).ifPresent(known::add);
        }
        if (known.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome(NetworkOutcome.Status.NOT_SERVED.name(), null, null));
        }
        return termination.deregisterPublicIdentities(known, DeregistrationReason.valueOf(reason.name()), null)
                .thenApply(outcome -> {
                    log.info("RTR ({}) for {}: {}", reason, known, outcome.status());
                    return new Outcome(outcome.status().name(),
                            outcome.result() == null ? null : outcome.result().code(), outcome.detail());
                });
    }

    private void later(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("pushing a provisioning change failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.debug("provisioning change not pushed: the node is stopping");
        }
    }
}
