package org.imshss.hss.cx;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.FailedAvp;
import org.imshss.diameter.MessageValidator;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;
import org.imshss.node.diameter.Answers;
import org.imshss.node.diameter.RequestDispatcher;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.NetworkReqListener;
import org.jdiameter.api.Request;

/**
 * The Cx edge: validates a request against its command's ABNF, decodes it into a request record, calls the
 * procedure and encodes the answer record. Nothing here decides anything about subscribers.
 */
public final class CxListener implements NetworkReqListener {

    private static final long UAR_FLAG_EMERGENCY = 1L;
    private static final long LIA_FLAG_PSI_DIRECT_ROUTING = 1L;
    private static final int USER_DATA_ALREADY_AVAILABLE =
            Avp.USER_DATA_ALREADY_AVAILABLE.enumValue("USER_DATA_ALREADY_AVAILABLE");
    private static final int LOOSE_ROUTE_REQUIRED = Avp.LOOSE_ROUTE_INDICATION.enumValue("LOOSE_ROUTE_REQUIRED");

    private final Answers answers;
    private final RequestDispatcher dispatcher;
    private final UserAuthorization userAuthorization;
    private final ServerAssignment serverAssignment;
    private final LocationInfo locationInfo;
    private final MultimediaAuth multimediaAuth;

    public CxListener(Answers answers, MessageValidator validator, UserAuthorization userAuthorization,
            ServerAssignment serverAssignment, LocationInfo locationInfo, MultimediaAuth multimediaAuth) {
        this.answers = answers;
        this.userAuthorization = userAuthorization;
        this.serverAssignment = serverAssignment;
        this.locationInfo = locationInfo;
        this.multimediaAuth = multimediaAuth;
        this.dispatcher = new RequestDispatcher(answers, validator, Map.of(
                Command.UAR, this::userAuthorization,
                Command.SAR, this::serverAssignment,
                Command.LIR, this::locationInfo,
                Command.MAR, this::multimediaAuth));
    }

    @Override
    public Answer processRequest(Request request) {
        return dispatcher.dispatch(request);
    }

    private Answer userAuthorization(Request request) {
        AvpSet avps = request.getAvps();
        AuthorizationType type = authorizationType(avps).orElse(AuthorizationType.REGISTRATION);
        long flags = Avps.unsigned32(avps, Avp.UAR_FLAGS).orElse(0);
        UserAuthorizationAnswer result = userAuthorization.handle(new UserAuthorizationRequest(
                required(avps, Avp.USER_NAME),
                required(avps, Avp.PUBLIC_IDENTITY),
                visitedNetwork(avps),
                type,
                (flags & UAR_FLAG_EMERGENCY) != 0));
        Answer answer = answers.answer(request, result.result());
        if (result.serverName() != null) {
            Avps.addUtf8(answer.getAvps(), Avp.SERVER_NAME, result.serverName());
        }
        addCapabilities(answer.getAvps(), result.capabilities());
        return answer;
    }

    private Answer serverAssignment(Request request) {
        AvpSet avps = request.getAvps();
        int typeValue = Avps.enumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE).getAsInt();
        ServerAssignmentType type = ServerAssignmentType.fromWire(typeValue);
        if (type == null) {
            throw unknownValue(Avp.SERVER_ASSIGNMENT_TYPE, typeValue);
        }
        int available = Avps.enumerated(avps, Avp.USER_DATA_ALREADY_AVAILABLE).getAsInt();
        ServerAssignmentAnswer result = serverAssignment.handle(new ServerAssignmentRequest(
                required(avps, Avp.ORIGIN_HOST),
                required(avps, Avp.ORIGIN_REALM),
                Avps.utf8(avps, Avp.USER_NAME).orElse(null),
                Avps.utf8All(avps, Avp.PUBLIC_IDENTITY),
                Avps.utf8(avps, Avp.WILDCARDED_PUBLIC_IDENTITY).orElse(null),
                required(avps, Avp.SERVER_NAME),
                type,
                available == USER_DATA_ALREADY_AVAILABLE,
                Avps.dataAll(avps, Avp.SCSCF_RESTORATION_INFO).stream().findFirst().orElse(null)));
        if (result.failed() != null) {
            Avp avp = result.failed().avp();
            byte[] value = result.failed().value().getBytes(StandardCharsets.UTF_8);
            return answers.reject(request, Violation.of(result.result(),
                    new FailedAvp(avp.code(), avp.vendorId(), avp.sendMandatoryBit(), value), result.failed().reason()));
        }
        Answer answer = answers.answer(request, result.result());
        AvpSet out = answer.getAvps();
        if (result.userName() != null) {
            Avps.addUtf8(out, Avp.USER_NAME, result.userName());
        }
        if (result.userData() != null) {
            Avps.addOctets(out, Avp.USER_DATA_CX, result.userData().getBytes(StandardCharsets.UTF_8));
        }
        if (result.chargingInformation() != null) {
            CxEncoding.addChargingInformation(out, result.chargingInformation());
        }
        CxEncoding.addUserNames(out, Avp.ASSOCIATED_IDENTITIES, result.associatedIdentities());
        if (result.looseRouteRequired()) {
            Avps.addEnumerated(out, Avp.LOOSE_ROUTE_INDICATION, LOOSE_ROUTE_REQUIRED);
        }
        for (byte[] info : result.restorationInfo()) {
            out.addAvp(Avp.SCSCF_RESTORATION_INFO.code(), info, Avp.SCSCF_RESTORATION_INFO.vendorId(),
                    Avp.SCSCF_RESTORATION_INFO.sendMandatoryBit(), false);
        }
        CxEncoding.addUserNames(out, Avp.ASSOCIATED_REGISTERED_IDENTITIES, result.associatedRegisteredIdentities());
        if (result.serverName() != null) {
            Avps.addUtf8(out, Avp.SERVER_NAME, result.serverName());
        }
        if (result.wildcardedIdentity() != null) {
            Avps.addUtf8(out, Avp.WILDCARDED_PUBLIC_IDENTITY, result.wildcardedIdentity());
        }
        return answer;
    }

    private Answer locationInfo(Request request) {
        AvpSet avps = request.getAvps();
        LocationInfoAnswer result = locationInfo.handle(new LocationInfoRequest(
                required(avps, Avp.PUBLIC_IDENTITY),
                Avps.has(avps, Avp.ORIGINATING_REQUEST),
                authorizationType(avps).orElse(null)));
        Answer answer = answers.answer(request, result.result());
        AvpSet out = answer.getAvps();
        if (result.serverName() != null) {
            Avps.addUtf8(out, Avp.SERVER_NAME, result.serverName());
        }
        addCapabilities(out, result.capabilities());
        if (result.wildcardedIdentity() != null) {
            Avps.addUtf8(out, Avp.WILDCARDED_PUBLIC_IDENTITY, result.wildcardedIdentity());
        }
        if (result.psiDirectRouting()) {
            Avps.addUnsigned32(out, Avp.LIA_FLAGS, LIA_FLAG_PSI_DIRECT_ROUTING);
        }
        return answer;
    }

    private Answer multimediaAuth(Request request) {
        AvpSet avps = request.getAvps();
        AvpSet item = Avps.grouped(avps, Avp.SIP_AUTH_DATA_ITEM).orElseThrow();
        MultimediaAuthAnswer result = multimediaAuth.handle(new MultimediaAuthRequest(
                required(avps, Avp.ORIGIN_HOST),
                required(avps, Avp.ORIGIN_REALM),
                required(avps, Avp.USER_NAME),
                required(avps, Avp.PUBLIC_IDENTITY),
                Avps.utf8(item, Avp.SIP_AUTHENTICATION_SCHEME).orElse(MultimediaAuth.UNKNOWN_SCHEME),
                Avps.octets(item, Avp.SIP_AUTHORIZATION).orElse(null),
                Avps.unsigned32(avps, Avp.SIP_NUMBER_AUTH_ITEMS).getAsLong(),
                required(avps, Avp.SERVER_NAME)));
        Answer answer = answers.answer(request, result.result());
        AvpSet out = answer.getAvps();
        if (result.privateIdentity() != null) {
            Avps.addUtf8(out, Avp.USER_NAME, result.privateIdentity());
        }
        if (result.publicIdentity() != null) {
            Avps.addUtf8(out, Avp.PUBLIC_IDENTITY, result.publicIdentity());
        }
        if (!result.items().isEmpty()) {
            Avps.addUnsigned32(out, Avp.SIP_NUMBER_AUTH_ITEMS, result.items().size());
            int number = 1;
            for (AuthItem authItem : result.items()) {
                CxEncoding.addAuthItem(out, number++, authItem);
            }
        }
        return answer;
    }

    private static Optional<AuthorizationType> authorizationType(AvpSet avps) {
        OptionalInt value = Avps.enumerated(avps, Avp.USER_AUTHORIZATION_TYPE);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        AuthorizationType type = AuthorizationType.fromWire(value.getAsInt());
        if (type == null) {
            throw unknownValue(Avp.USER_AUTHORIZATION_TYPE, value.getAsInt());
        }
        return Optional.of(type);
    }

    /** Kamailio copies the raw P-Visited-Network-ID header value, which may be a quoted string (RFC 7315 4.3). */
    private static String visitedNetwork(AvpSet avps) {
        String value = Avps.utf8(avps, Avp.VISITED_NETWORK_IDENTIFIER).orElse("").trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The validator has checked presence; a value that is still missing is malformed. */
    private static String required(AvpSet avps, Avp avp) {
        return Avps.utf8(avps, avp).orElseThrow(() -> new AvpDecodeException(ResultCode.DIAMETER_MISSING_AVP,
                avp.code(), avp.vendorId(), avp.sendMandatoryBit(), new byte[0], avp.specName() + " missing", null));
    }

    /** An enumerated value the procedure cannot act on: DIAMETER_INVALID_AVP_VALUE with the AVP (RFC 6733 7.5). */
    private static AvpDecodeException unknownValue(Avp avp, int value) {
        byte[] data = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_VALUE, avp.code(), avp.vendorId(),
                avp.sendMandatoryBit(), data, "unknown " + avp.specName() + " value " + value, null);
    }

    private static void addCapabilities(AvpSet out, ServerCapabilities capabilities) {
        if (capabilities == null) {
            return;
        }
        AvpSet group = Avps.addGrouped(out, Avp.SERVER_CAPABILITIES);
        for (long capability : capabilities.mandatory()) {
            Avps.addUnsigned32(group, Avp.MANDATORY_CAPABILITY, capability);
        }
        for (long capability : capabilities.optional()) {
            Avps.addUnsigned32(group, Avp.OPTIONAL_CAPABILITY, capability);
        }
        for (String name : capabilities.serverNames()) {
            Avps.addUtf8(group, Avp.SERVER_NAME, name);
        }
    }
}
