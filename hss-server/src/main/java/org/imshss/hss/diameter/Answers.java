package org.imshss.hss.diameter;

import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;

/**
 * Starts every answer the same way: Session-Id first (jDiameter's createAnswer copies it, with the
 * Vendor-Specific-Application-Id and any Proxy-Info, RFC 6733 6.2), then the result, Auth-Session-State
 * NO_STATE_MAINTAINED (Cx and Sh keep no session, TS 29.229 6.1), Origin-Host and Origin-Realm.
 */
public final class Answers {

    private static final int NO_STATE_MAINTAINED = Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED");

    private final LocalIdentity local;

    public Answers(LocalIdentity local) {
        this.local = local;
    }

    public Answer answer(Request request, ResultCode result) {
        Answer answer = request.createAnswer();
        AvpSet avps = answer.getAvps();
        Avps.addResult(avps, result);
        Avps.addEnumerated(avps, Avp.AUTH_SESSION_STATE, NO_STATE_MAINTAINED);
        Avps.addIdentity(avps, Avp.ORIGIN_HOST, local.host());
        Avps.addIdentity(avps, Avp.ORIGIN_REALM, local.realm());
        // 3xxx are protocol errors: E bit (RFC 6733 7.1.3).
        answer.setError(result.isProtocolError());
        return answer;
    }

    /** A rejected request: the result, Error-Message and Failed-AVP (RFC 6733 7.5). */
    public Answer reject(Request request, Violation violation) {
        Answer answer = answer(request, violation.resultCode());
        Avps.addUtf8(answer.getAvps(), Avp.ERROR_MESSAGE, violation.errorMessage());
        Avps.addFailedAvp(answer.getAvps(), violation);
        return answer;
    }

    public Answer reject(Request request, AvpDecodeException e) {
        return reject(request, e.violation());
    }
}
