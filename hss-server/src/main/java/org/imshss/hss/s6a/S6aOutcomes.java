package org.imshss.hss.s6a;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.service.NetworkUpdates.Outcome;

/** How an HSS-initiated S6a request (CLR, IDR, DSR) ended, in the provisioning API's terms. */
final class S6aOutcomes {

    static final String NOT_SERVED = "NOT_SERVED";
    static final String ANSWERED = "ANSWERED";
    static final String FAILED = "FAILED";

    private S6aOutcomes() {
    }

    /** No MME or SGSN holds the UE: nothing had to be sent. */
    static Outcome notServed() {
        return new Outcome(NOT_SERVED, null, null);
    }

    /** The answer's result; an answer without one the node could not comply with. */
    static Outcome answered(DiameterMessage answer) {
        ResultCode result = answer.avps().result();
        long value = result != null ? result.code() : answer.avps().resultValue();
        return new Outcome(ANSWERED, (int) (value < 0 ? ResultCode.DIAMETER_UNABLE_TO_COMPLY.code() : value), null);
    }

    /** Sent, but not answered in time, or the node could not be reached. */
    static Outcome failed(Throwable cause) {
        Throwable root = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        return new Outcome(FAILED, null, root.getMessage());
    }

    static boolean succeeded(Outcome outcome) {
        return ANSWERED.equals(outcome.status()) && outcome.resultCode() != null
                && outcome.resultCode() == ResultCode.DIAMETER_SUCCESS.code();
    }

    /** Several requests for one change: the outcome is the first that is not a success, else the first. */
    static CompletableFuture<Outcome> combined(List<CompletableFuture<Outcome>> sent) {
        if (sent.isEmpty()) {
            return CompletableFuture.completedFuture(notServed());
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Outcome combined = sent.get(0).join();
            for (CompletableFuture<Outcome> future : sent) {
                if (succeeded(combined) || NOT_SERVED.equals(combined.status())) {
                    combined = future.join();
                }
            }
            return combined;
        });
    }
}
