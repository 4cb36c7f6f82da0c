package org.imshss.hss.s6a;

import org.imshss.diameter.ResultCode;

/**
 * A ULA (TS 29.272 7.2.4).
 *
 * @param subscriptionData what Subscription-Data is written from, or null when it is left out
 * @param ulaFlags the ULA-Flags (7.3.8), or -1 when not sent
 */
public record UpdateLocationAnswer(ResultCode result, EpsProfile subscriptionData, long ulaFlags) {

    /** ULA-Flags bit 0: Separation Indication, which a Rel-8 or later HSS sets (7.3.8). */
    public static final long SEPARATION_INDICATION = 1L;

    static UpdateLocationAnswer failed(ResultCode result) {
        return new UpdateLocationAnswer(result, null, -1);
    }
}
