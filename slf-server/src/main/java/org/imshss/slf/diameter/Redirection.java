package org.imshss.slf.diameter;

import java.time.Duration;
import org.imshss.diameter.Avp;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answer;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;

/**
 * The redirect agent's answer (RFC 6733 6.13; the SLF of TS 29.228 5.2 and TS 29.328 5.2): DIAMETER_REDIRECT_INDICATION
 * with the E bit, one Redirect-Host per node of the HSS in order of preference, Redirect-Host-Usage and
 * Redirect-Max-Cache-Time (6.14: required whenever the usage is not DONT_CACHE; always sent, so a client never
 * has to guess).
 */
public final class Redirection {

    private final int hostUsage;
    private final long maxCacheSeconds;

    public Redirection(int hostUsage, Duration maxCacheTime) {
        this.hostUsage = hostUsage;
        this.maxCacheSeconds = maxCacheTime.toSeconds();
    }

    public Answer answer(HssTarget target) {
        return Answer.of(ResultCode.DIAMETER_REDIRECT_INDICATION, out -> {
            for (HssHost host : target.hosts()) {
                out.identity(Avp.REDIRECT_HOST, host.redirectUri());
            }
            out.enumerated(Avp.REDIRECT_HOST_USAGE, hostUsage);
            out.unsigned32(Avp.REDIRECT_MAX_CACHE_TIME, maxCacheSeconds);
        });
    }
}
