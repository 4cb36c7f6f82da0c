package org.imshss.provisioning.service;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imshss.provisioning.model.EpsSubscription;

/**
 * What provisioning changes must tell the network (TS 29.228 6.1.3, 6.2.2; TS 29.272 5.2.1.2, 5.2.2.1; TS 29.273
 * 8.1.2.2, 8.1.2.3). The HSS implements it over Cx, S6a and SWx;
 * calls return at once and the requests go out asynchronously, except that {@link #terminate} changes the
 * registration state before it returns, so the caller may then remove the data.
 */
public interface NetworkUpdates {

    NetworkUpdates NONE = new NetworkUpdates() {
        @Override
        public void profileChanged(Collection<String> publicIdentities) {
        }

        @Override
        public void chargingChanged(Collection<String> subscriptionIds) {
        }

        @Override
        public CompletableFuture<Outcome> terminate(Collection<String> publicIdentities, Reason reason) {
            return CompletableFuture.completedFuture(new Outcome("NOT_SERVED", null, null));
        }

        @Override
        public void epsSubscriptionChanged(Collection<String> imsis) {
        }

        @Override
        public void epsSubscribersRemoved(Collection<String> imsis) {
        }

        @Override
        public CompletableFuture<Outcome> detach(String imsi) {
            return CompletableFuture.completedFuture(new Outcome("NOT_SERVED", null, null));
        }
    };

    /** Reason-Code of the RTR (TS 29.229 6.3.17), by its spec name. */
    enum Reason {
        PERMANENT_TERMINATION,
        NEW_SERVER_ASSIGNED,
        SERVER_CHANGE,
        REMOVE_S_CSCF
    }

    /**
     * @param status NOT_SERVED (no S-CSCF held the identity), ANSWERED or FAILED
     * @param resultCode the answer's result code when answered
     */
    @Schema(name = "NetworkUpdateOutcome")
    record Outcome(@Schema(allowableValues = {"NOT_SERVED", "ANSWERED", "FAILED"}) String status, Integer resultCode,
            String detail) {
    }

    /** The service profile, iFCs or identities of these public identities changed: PPR to their S-CSCF. */
    void profileChanged(Collection<String> publicIdentities);

    /** The charging information of these subscriptions changed: PPR with Charging-Information. */
    void chargingChanged(Collection<String> subscriptionIds);

    /** De-registers the implicit sets of these identities and tells their S-CSCF (RTR). */
    CompletableFuture<Outcome> terminate(Collection<String> publicIdentities, Reason reason);

    /**
     * The EPS subscription of these USIMs changed (their own, or an APN profile they refer to): IDR with the new
     * Subscription-Data to the MME and SGSN serving each (TS 29.272 5.2.2.1).
     */
    void epsSubscriptionChanged(Collection<String> imsis);

    /**
     * One USIM's EPS subscription was replaced; {@code before} is what it was, so that what an IDR cannot take back
     * (an APN, the MSISDN...) can be deleted first (DSR, TS 29.272 5.2.2.2). By default, as the IMSI alone.
     */
    default void epsSubscriptionChanged(String imsi, EpsSubscription before) {
        epsSubscriptionChanged(List.of(imsi));
    }

    /**
     * These USIMs are withdrawn: CLR with Cancellation-Type SUBSCRIPTION_WITHDRAWAL to the MME and SGSN serving
     * each (TS 29.272 5.2.1.2). Their EPS registrations are removed with them after this returns, so it reads the
     * serving nodes before it returns.
     */
    void epsSubscribersRemoved(Collection<String> imsis);

    /**
     * Administrative detach of one USIM: its EPS registration ends and its serving nodes get a CLR with
     * SUBSCRIPTION_WITHDRAWAL (TS 29.272 5.2.1.2); the outcome says whether the MME answered.
     */
    CompletableFuture<Outcome> detach(String imsi);

    /**
     * The non-3GPP access subscription of these USIMs changed, or the EPS data their Non-3GPP-User-Data carries (an
     * APN, the MSISDN, the AMBR): PPR with the new Non-3GPP-User-Data to the AAA server registered for each
     * (TS 29.273 8.1.2.3), or RTR when non-3GPP access is withdrawn or barred (8.1.2.2.3). Nothing without one.
     */
    default void non3gppSubscriptionChanged(Collection<String> imsis) {
    }

    /**
     * These USIMs are removed: RTR to the AAA server of each (TS 29.273 8.1.2.2.3), whose registration goes before
     * this returns.
     */
    default void non3gppSubscribersRemoved(Collection<String> imsis) {
    }

    /**
     * Administrative de-registration of one USIM from its 3GPP AAA server (RTR, TS 29.273 8.1.2.2.3); NOT_SERVED
     * when none is stored.
     */
    default CompletableFuture<Outcome> deregisterNon3gpp(String imsi) {
        return CompletableFuture.completedFuture(new Outcome("NOT_SERVED", null, null));
    }
}
