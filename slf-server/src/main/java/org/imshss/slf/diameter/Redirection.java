package org.imshss.slf.diameter;

import java.time.Duration;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answers;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;

/**
 * The redirect agent's answer (RFC 6733 6.13; the SLF of TS 29.228 5.2 and TS 29.328 5.2): DIAMETER_REDIRECT_INDICATION
 * with the E bit, one Redirect-Host per node of the HSS in order of preference, Redirect-Host-Usage and
 * Redirect-Max-Cache-Time (6.14: required whenever the usage is not DONT_CACHE; always sent, so a client never
 * has to guess).
 */
public final class Redirection {

    private final Answers answers;
    private final int hostUsage;
    private final long maxCacheSeconds;

    public Redirection(Answers answers, int hostUsage, Duration maxCacheTime) {
        this.answers = answers;
        this.hostUsage = hostUsage;
        this.maxCacheSeconds = maxCacheTime.toSeconds();
    }

    public Answer answer(Request request, HssTarget target) {
        Answer answer = answers.answer(request, ResultCode.DIAMETER_REDIRECT_INDICATION);
        AvpSet avps = answer.getAvps();
        for (HssHost host : target.hosts()) {
            Avps.addIdentity(avps, Avp.REDIRECT_HOST, host.redirectUri());
        }
        Avps.addEnumerated(avps, Avp.REDIRECT_HOST_USAGE, hostUsage);
        Avps.addUnsigned32(avps, Avp.REDIRECT_MAX_CACHE_TIME, maxCacheSeconds);
        return answer;
    }
}
