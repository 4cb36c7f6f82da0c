package org.imshss.node.diameter;

import java.util.Set;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpGroup;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageDecoder;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ReceivedAvp;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;

/**
 * Writes every answer the node sends, a procedure's and an error's alike (RFC 6733 6.2, 7.2): the request's
 * Session-Id first and its Proxy-Info, the node's own Vendor-Specific-Application-Id for the request's application
 * when it serves it (never a copy of the request's), the result, Auth-Session-State NO_STATE_MAINTAINED (Cx and Sh
 * keep no session, TS 29.229 6.1), Origin-Host and Origin-Realm; then the command's own AVPs, or Error-Message and
 * Failed-AVP for a rejection. The E bit is set for 3xxx (RFC 6733 7.1.3).
 */
public final class Answers {

    private static final int NO_STATE_MAINTAINED = Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED");

    private final LocalIdentity local;
    private final Set<Application> served;

    /** @param served the applications this node advertises: their answers name them */
    public Answers(LocalIdentity local, Set<Application> served) {
        this.local = local;
        this.served = Set.copyOf(served);
    }

    public LocalIdentity local() {
        return local;
    }

    /** The octets of a handler's answer to a decoded request. */
    public byte[] write(DiameterMessage request, Answer answer) {
        MessageWriter out = start(request.applicationId(), request.avps(),
                MessageWriter.answerTo(request, answer.result().isProtocolError()), answer.result());
        answer.body().accept(out);
        Violation violation = answer.violation();
        if (violation != null) {
            out.utf8(Avp.ERROR_MESSAGE, violation.errorMessage());
            out.failedAvp(violation);
        }
        return out.toBytes();
    }

    /** A decoded request answered with a result alone. */
    public byte[] write(DiameterMessage request, ResultCode result) {
        return write(request, Answer.of(result));
    }

    /**
     * The answer to a request the decoder could not lay out to its end: the AVPs it could read before the broken
     * one serve for Session-Id and Proxy-Info; {@code failedAvp} is the offending AVP as encoded (RFC 6733 7.5), or
     * null.
     */
    public byte[] error(DiameterMessage request, ResultCode result, byte[] failedAvp, String text) {
        MessageWriter out = start(request.applicationId(), request.avps(),
                MessageWriter.answerTo(request, result.isProtocolError()), result);
        if (text != null) {
            out.utf8(Avp.ERROR_MESSAGE, text);
        }
        if (failedAvp != null) {
            int group = out.begin(Avp.FAILED_AVP);
            out.raw(failedAvp, 0, failedAvp.length);
            out.end(group);
        }
        return out.toBytes();
    }

    /** {@link #error(DiameterMessage, ResultCode, byte[], String)} for what the decoder reported. */
    public byte[] error(DiameterMessage request, MessageDecoder.LayoutError error) {
        return error(request, error.resultCode(), error.failedAvp(), error.text());
    }

    private MessageWriter start(long applicationId, AvpGroup avps, MessageWriter out, ResultCode result) {
        ReceivedAvp session = avps.first(Avp.SESSION_ID);
        if (session != null) {
            session.copyTo(out);
        }
        for (ReceivedAvp proxy : avps.all(Avp.PROXY_INFO)) {
            proxy.copyTo(out);
        }
        Application.lookup(applicationId).filter(served::contains).filter(a -> a != Application.COMMON)
                .ifPresent(out::vendorSpecificApplicationId);
        out.result(result);
        if (applicationId != 0) {
            out.enumerated(Avp.AUTH_SESSION_STATE, NO_STATE_MAINTAINED);
        }
        out.identity(Avp.ORIGIN_HOST, local.host());
        out.identity(Avp.ORIGIN_REALM, local.realm());
        return out;
    }
}
