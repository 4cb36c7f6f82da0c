package org.imshss.hss.swx;

import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.AvpGroup;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.FailedAvp;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;
import org.imshss.hss.auth.AkaVector;
import org.imshss.hss.cx.ServerAssignmentType;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;

/**
 * The SWx edge (TS 29.273 8.2.2): each request, already checked against its command's ABNF, decoded into its
 * request record; the procedure called; its answer record encoded. Nothing here decides anything about users.
 */
public final class SwxMessages {

    /** AAA-Failure-Indication bit 0 (8.2.3.21): the previously assigned AAA server is unavailable. */
    private static final long AAA_FAILURE = 1L;
    private static final int TRUSTED = Avp.AN_TRUSTED.enumValue("TRUSTED");

    private final Authentication authentication;
    private final Registration registration;

    public SwxMessages(Authentication authentication, Registration registration) {
        this.authentication = authentication;
        this.registration = registration;
    }

    /** The requests of SWx the HSS receives (TS 29.273 8.1.2.1, 8.1.2.2.2), each with its handler. */
    public DiameterApplication application() {
        return new DiameterApplication(Application.SWX, Map.of(
                Command.SWX_MAR, this::authentication,
                Command.SWX_SAR, this::registration));
    }

    private Answer authentication(DiameterMessage request) {
        AvpGroup avps = request.avps();
        AvpGroup item = avps.group(Avp.SIP_AUTH_DATA_ITEM);
        OptionalInt rat = avps.int32(Avp.RAT_TYPE);
        OptionalInt trust = avps.int32(Avp.AN_TRUSTED);
        String userName = avps.utf8(Avp.USER_NAME);
        AuthenticationAnswer result = authentication.handle(new AuthenticationRequest(
                avps.utf8(Avp.ORIGIN_HOST),
                avps.utf8(Avp.ORIGIN_REALM),
                userName,
                item.utf8(Avp.SIP_AUTHENTICATION_SCHEME),
                item.octets(Avp.SIP_AUTHORIZATION),
                avps.unsigned32(Avp.SIP_NUMBER_AUTH_ITEMS).getAsLong(),
                avps.utf8(Avp.ANID),
                rat.isEmpty() ? null : Avp.RAT_TYPE.enumName(rat.getAsInt()).orElse(Integer.toString(rat.getAsInt())),
                trust.isEmpty() ? null : trust.getAsInt() == TRUSTED,
                (avps.unsigned32(Avp.AAA_FAILURE_INDICATION).orElse(0) & AAA_FAILURE) != 0));
        Consumer<MessageWriter> body = out -> {
            out.utf8(Avp.USER_NAME, userName);
            if (!result.items().isEmpty()) {
                out.unsigned32(Avp.SIP_NUMBER_AUTH_ITEMS, result.items().size());
                int number = 1;
                for (AuthenticationItem authItem : result.items()) {
                    writeItem(out, number++, authItem);
                }
            }
            if (result.aaaServerName() != null) {
                out.identity(Avp.TGPP_AAA_SERVER_NAME, result.aaaServerName());
            }
        };
        if (result.missingAccessNetworkIdentity()) {
            // RFC 6733 7.5: Failed-AVP holds an example of the missing AVP, with empty data.
            return new Answer(result.result(), body, Violation.of(result.result(), failed(Avp.ANID, new byte[0]),
                    "EAP-AKA' needs the ANID (TS 29.273 8.1.2.1.1)"), null);
        }
        return Answer.of(result.result(), body);
    }

    /** One SIP-Auth-Data-Item (8.2.3.9). */
    private static void writeItem(MessageWriter out, int number, AuthenticationItem item) {
        int group = out.begin(Avp.SIP_AUTH_DATA_ITEM);
        out.unsigned32(Avp.SIP_ITEM_NUMBER, number);
        out.utf8(Avp.SIP_AUTHENTICATION_SCHEME, item.scheme());
        AkaVector vector = item.vector();
        out.octets(Avp.SIP_AUTHENTICATE, vector.sipAuthenticate());
        out.octets(Avp.SIP_AUTHORIZATION, vector.xres());
        out.octets(Avp.CONFIDENTIALITY_KEY, vector.ck());
        out.octets(Avp.INTEGRITY_KEY, vector.ik());
        out.end(group);
    }

    private Answer registration(DiameterMessage request) {
        AvpGroup avps = request.avps();
        int typeValue = avps.int32(Avp.SERVER_ASSIGNMENT_TYPE).getAsInt();
        ServerAssignmentType type = ServerAssignmentType.fromWire(typeValue);
        if (type == null) {
            throw AvpDecodeException.unknownValue(Avp.SERVER_ASSIGNMENT_TYPE, typeValue);
        }
        String userName = avps.utf8(Avp.USER_NAME);
        RegistrationAnswer result = registration.handle(new RegistrationRequest(
                avps.utf8(Avp.ORIGIN_HOST), avps.utf8(Avp.ORIGIN_REALM), userName, type));
        Consumer<MessageWriter> body = out -> {
            out.utf8(Avp.USER_NAME, userName);
            if (result.userData() != null) {
                Non3gppUserDataWriter.write(out, result.userData());
            }
            if (result.aaaServerName() != null) {
                out.identity(Avp.TGPP_AAA_SERVER_NAME, result.aaaServerName());
            }
        };
        if (result.typeNotAllowed()) {
            byte[] value = {(byte) (typeValue >>> 24), (byte) (typeValue >>> 16), (byte) (typeValue >>> 8),
                    (byte) typeValue};
            return new Answer(result.result(), body, Violation.of(result.result(),
                    failed(Avp.SERVER_ASSIGNMENT_TYPE, value), "Server-Assignment-Type " + type
                            + " is not used on SWx"), null);
        }
        return Answer.of(result.result(), body);
    }

    private static FailedAvp failed(Avp avp, byte[] data) {
        return new FailedAvp(avp.code(), avp.vendorId(), avp.sendMandatoryBit(), data);
    }
}
