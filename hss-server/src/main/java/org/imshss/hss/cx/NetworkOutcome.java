package org.imshss.hss.cx;

import org.imshss.diameter.ResultCode;

/**
 * How an HSS-initiated request (RTR, PPR) ended.
 *
 * @param result the answer's result when {@link Status#ANSWERED}, else null
 */
public record NetworkOutcome(Status status, ResultCode result, String detail) {

    public enum Status {
        /** No S-CSCF holds the identity: nothing had to be sent. */
        NOT_SERVED,
        ANSWERED,
        /** Sent, but the S-CSCF did not answer in time, or could not be reached. */
        FAILED
    }

    static NetworkOutcome notServed() {
        return new NetworkOutcome(Status.NOT_SERVED, null, null);
    }

    static NetworkOutcome answered(ResultCode result) {
        return new NetworkOutcome(Status.ANSWERED, result, null);
    }

    static NetworkOutcome failed(Throwable cause) {
        Throwable root = cause.getCause() != null && cause instanceof java.util.concurrent.CompletionException
                ? cause.getCause() : cause;
        return new NetworkOutcome(Status.FAILED, null, root.getMessage());
    }
}
