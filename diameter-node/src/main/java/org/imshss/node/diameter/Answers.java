package org.imshss.node.diameter;

import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;

/**
 * Starts every answer the same way: Session-Id first and any Proxy-Info (jDiameter's createAnswer copies them,
 * RFC 6733 6.2), this node's own Vendor-Specific-Application-Id for the request's application, then the result,
 * Auth-Session-State NO_STATE_MAINTAINED (Cx and Sh keep no session, TS 29.229 6.1), Origin-Host and Origin-Realm.
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
        // createAnswer also copies the request's application AVPs as received: a malformed or stray one (a
        // Vendor-Specific-Application-Id with a member it may not have, a top-level Auth-Application-Id) would be
        // echoed back. The answer names the application itself (TS 29.229 6.1: {Vendor-Specific-Application-Id}).
        avps.removeAvp(Avp.VENDOR_SPECIFIC_APPLICATION_ID.code());
        avps.removeAvp(Avp.AUTH_APPLICATION_ID.code());
        avps.removeAvp(Avp.ACCT_APPLICATION_ID.code());
        Application.lookup(request.getApplicationId()).filter(application -> application != Application.COMMON)
                .ifPresent(application -> Avps.addVendorSpecificApplicationId(avps, application));
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
