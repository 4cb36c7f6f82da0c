package org.imshss.hss.s6a;

import java.util.Map;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpGroup;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.FailedAvp;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.Violation;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;

/**
 * The S6a/S6d edge (TS 29.272): each request, already checked against its command's ABNF, decoded into its request
 * record; the procedure called; its answer record encoded. 3GPP result codes go into Experimental-Result and base
 * ones into Result-Code (7.4) as for every answer of the node; Auth-Session-State is NO_STATE_MAINTAINED (7.1).
 */
public final class S6aMessages {

    private final AuthenticationInformation authenticationInformation;

    public S6aMessages(AuthenticationInformation authenticationInformation) {
        this.authenticationInformation = authenticationInformation;
    }

    /** The requests of S6a/S6d the HSS receives (TS 29.272 5.2), each with its handler. */
    public DiameterApplication application() {
        return new DiameterApplication(Application.S6A, Map.of(
                Command.AIR, this::authenticationInformation));
    }

    private Answer authenticationInformation(DiameterMessage request) {
        AvpGroup avps = request.avps();
        AuthenticationInformationAnswer result = authenticationInformation.handle(
                new AuthenticationInformationRequest(
                        avps.utf8(Avp.ORIGIN_HOST),
                        avps.utf8(Avp.ORIGIN_REALM),
                        avps.utf8(Avp.USER_NAME),
                        avps.octets(Avp.VISITED_PLMN_ID),
                        vectorRequest(avps.group(Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO)),
                        vectorRequest(avps.group(Avp.REQUESTED_UTRAN_GERAN_AUTHENTICATION_INFO)),
                        avps.unsigned32(Avp.AIR_FLAGS).orElse(0)));
        if (result.invalidAvp() != null) {
            Avp avp = result.invalidAvp();
            return Answer.reject(Violation.of(result.result(),
                    new FailedAvp(avp.code(), avp.vendorId(), avp.sendMandatoryBit(), result.invalidValue()),
                    avp.specName() + " has an invalid value"));
        }
        return Answer.of(result.result(), out -> {
            if (result.hasVectors()) {
                writeAuthenticationInfo(out, result);
            }
        });
    }

    private static AuthenticationInformationRequest.VectorRequest vectorRequest(AvpGroup group) {
        if (group == null) {
            return null;
        }
        return new AuthenticationInformationRequest.VectorRequest(
                group.unsigned32(Avp.NUMBER_OF_REQUESTED_VECTORS).orElse(-1),
                group.has(Avp.IMMEDIATE_RESPONSE_PREFERRED),
                group.octets(Avp.RE_SYNCHRONIZATION_INFO));
    }

    /** Authentication-Info (7.3.17); Item-Number 1..n within each kind (7.3.23). */
    private static void writeAuthenticationInfo(MessageWriter out, AuthenticationInformationAnswer result) {
        int info = out.begin(Avp.AUTHENTICATION_INFO);
        int number = 1;
        for (AuthenticationVector.Eutran v : result.eutran()) {
            int vector = out.begin(Avp.E_UTRAN_VECTOR);
            out.unsigned32(Avp.ITEM_NUMBER, number++);
            out.octets(Avp.RAND, v.rand());
            out.octets(Avp.XRES, v.xres());
            out.octets(Avp.AUTN, v.autn());
            out.octets(Avp.KASME, v.kasme());
            out.end(vector);
        }
        number = 1;
        for (AuthenticationVector.Utran v : result.utran()) {
            int vector = out.begin(Avp.UTRAN_VECTOR);
            out.unsigned32(Avp.ITEM_NUMBER, number++);
            out.octets(Avp.RAND, v.rand());
            out.octets(Avp.XRES, v.xres());
            out.octets(Avp.AUTN, v.autn());
            out.octets(Avp.CONFIDENTIALITY_KEY, v.ck());
            out.octets(Avp.INTEGRITY_KEY, v.ik());
            out.end(vector);
        }
        number = 1;
        for (AuthenticationVector.Geran v : result.geran()) {
            int vector = out.begin(Avp.GERAN_VECTOR);
            out.unsigned32(Avp.ITEM_NUMBER, number++);
            out.octets(Avp.RAND, v.rand());
            out.octets(Avp.SRES, v.sres());
            out.octets(Avp.KC, v.kc());
            out.end(vector);
        }
        out.end(info);
    }
}
