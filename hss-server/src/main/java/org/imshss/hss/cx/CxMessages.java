package org.imshss.hss.cx;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.AvpGroup;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.FailedAvp;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ReceivedAvp;
import org.imshss.diameter.Violation;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;

/**
 * The Cx edge: each request, already checked against its command's ABNF, decoded into its request record; the
 * procedure called; its answer record encoded. Nothing here decides anything about subscribers.
 */
public final class CxMessages {

    private static final long UAR_FLAG_EMERGENCY = 1L;
    private static final long LIA_FLAG_PSI_DIRECT_ROUTING = 1L;
    private static final int USER_DATA_ALREADY_AVAILABLE =
            Avp.USER_DATA_ALREADY_AVAILABLE.enumValue("USER_DATA_ALREADY_AVAILABLE");
    private static final int LOOSE_ROUTE_REQUIRED = Avp.LOOSE_ROUTE_INDICATION.enumValue("LOOSE_ROUTE_REQUIRED");

    private final UserAuthorization userAuthorization;
    private final ServerAssignment serverAssignment;
    private final LocationInfo locationInfo;
    private final MultimediaAuth multimediaAuth;

    public CxMessages(UserAuthorization userAuthorization, ServerAssignment serverAssignment,
            LocationInfo locationInfo, MultimediaAuth multimediaAuth) {
        this.userAuthorization = userAuthorization;
        this.serverAssignment = serverAssignment;
        this.locationInfo = locationInfo;
        this.multimediaAuth = multimediaAuth;
    }

    /** The requests of Cx the HSS receives (TS 29.228 6.1, 6.3), each with its handler. */
    public DiameterApplication application() {
        return new DiameterApplication(Application.CX, Map.of(
                Command.UAR, this::userAuthorization,
                Command.SAR, this::serverAssignment,
                Command.LIR, this::locationInfo,
                Command.MAR, this::multimediaAuth));
    }

    private Answer userAuthorization(DiameterMessage request) {
        AvpGroup avps = request.avps();
        AuthorizationType type = authorizationType(avps);
        long flags = avps.unsigned32(Avp.UAR_FLAGS).orElse(0);
        UserAuthorizationAnswer result = userAuthorization.handle(new UserAuthorizationRequest(
                avps.utf8(Avp.USER_NAME),
                avps.utf8(Avp.PUBLIC_IDENTITY),
                visitedNetwork(avps),
                type == null ? AuthorizationType.REGISTRATION : type,
                (flags & UAR_FLAG_EMERGENCY) != 0));
        return Answer.of(result.result(), out -> {
            if (result.serverName() != null) {
                out.utf8(Avp.SERVER_NAME, result.serverName());
            }
            writeCapabilities(out, result.capabilities());
        });
    }

    private Answer serverAssignment(DiameterMessage request) {
        AvpGroup avps = request.avps();
        int typeValue = avps.int32(Avp.SERVER_ASSIGNMENT_TYPE).getAsInt();
        ServerAssignmentType type = ServerAssignmentType.fromWire(typeValue);
        if (type == null) {
            throw AvpDecodeException.unknownValue(Avp.SERVER_ASSIGNMENT_TYPE, typeValue);
        }
        ReceivedAvp restoration = avps.first(Avp.SCSCF_RESTORATION_INFO);
        ServerAssignmentAnswer result = serverAssignment.handle(new ServerAssignmentRequest(
                avps.utf8(Avp.ORIGIN_HOST),
                avps.utf8(Avp.ORIGIN_REALM),
                avps.utf8(Avp.USER_NAME),
                avps.utf8All(Avp.PUBLIC_IDENTITY),
                avps.utf8(Avp.WILDCARDED_PUBLIC_IDENTITY),
                avps.utf8(Avp.SERVER_NAME),
                type,
                avps.int32(Avp.USER_DATA_ALREADY_AVAILABLE).getAsInt() == USER_DATA_ALREADY_AVAILABLE,
                restoration == null ? null : restoration.data()));
        if (result.failed() != null) {
            Avp avp = result.failed().avp();
            byte[] value = result.failed().value().getBytes(StandardCharsets.UTF_8);
            return Answer.reject(Violation.of(result.result(),
                    new FailedAvp(avp.code(), avp.vendorId(), avp.sendMandatoryBit(), value), result.failed().reason()));
        }
        return Answer.of(result.result(), out -> writeServerAssignment(out, result));
    }

    private static void writeServerAssignment(MessageWriter out, ServerAssignmentAnswer result) {
        if (result.userName() != null) {
            out.utf8(Avp.USER_NAME, result.userName());
        }
        if (result.userData() != null) {
            out.utf8(Avp.USER_DATA_CX, result.userData());
        }
        if (result.chargingInformation() != null) {
            CxEncoding.writeChargingInformation(out, result.chargingInformation());
        }
        CxEncoding.writeUserNames(out, Avp.ASSOCIATED_IDENTITIES, result.associatedIdentities());
        if (result.looseRouteRequired()) {
            out.enumerated(Avp.LOOSE_ROUTE_INDICATION, LOOSE_ROUTE_REQUIRED);
        }
        for (byte[] info : result.restorationInfo()) {
            out.octets(Avp.SCSCF_RESTORATION_INFO, info);
        }
        CxEncoding.writeUserNames(out, Avp.ASSOCIATED_REGISTERED_IDENTITIES, result.associatedRegisteredIdentities());
        if (result.serverName() != null) {
            out.utf8(Avp.SERVER_NAME, result.serverName());
        }
        if (result.wildcardedIdentity() != null) {
            out.utf8(Avp.WILDCARDED_PUBLIC_IDENTITY, result.wildcardedIdentity());
        }
    }

    private Answer locationInfo(DiameterMessage request) {
        AvpGroup avps = request.avps();
        LocationInfoAnswer result = locationInfo.handle(new LocationInfoRequest(
                avps.utf8(Avp.PUBLIC_IDENTITY),
                avps.has(Avp.ORIGINATING_REQUEST),
                authorizationType(avps)));
        return Answer.of(result.result(), out -> {
            if (result.serverName() != null) {
                out.utf8(Avp.SERVER_NAME, result.serverName());
            }
            writeCapabilities(out, result.capabilities());
            if (result.wildcardedIdentity() != null) {
                out.utf8(Avp.WILDCARDED_PUBLIC_IDENTITY, result.wildcardedIdentity());
            }
            if (result.psiDirectRouting()) {
                out.unsigned32(Avp.LIA_FLAGS, LIA_FLAG_PSI_DIRECT_ROUTING);
            }
        });
    }

    private Answer multimediaAuth(DiameterMessage request) {
        AvpGroup avps = request.avps();
        AvpGroup item = avps.group(Avp.SIP_AUTH_DATA_ITEM);
        String scheme = item.utf8(Avp.SIP_AUTHENTICATION_SCHEME);
        MultimediaAuthAnswer result = multimediaAuth.handle(new MultimediaAuthRequest(
                avps.utf8(Avp.ORIGIN_HOST),
                avps.utf8(Avp.ORIGIN_REALM),
                avps.utf8(Avp.USER_NAME),
                avps.utf8(Avp.PUBLIC_IDENTITY),
                scheme == null ? MultimediaAuth.UNKNOWN_SCHEME : scheme,
                item.octets(Avp.SIP_AUTHORIZATION),
                avps.unsigned32(Avp.SIP_NUMBER_AUTH_ITEMS).getAsLong(),
                avps.utf8(Avp.SERVER_NAME)));
        return Answer.of(result.result(), out -> {
            if (result.privateIdentity() != null) {
                out.utf8(Avp.USER_NAME, result.privateIdentity());
            }
            if (result.publicIdentity() != null) {
                out.utf8(Avp.PUBLIC_IDENTITY, result.publicIdentity());
            }
            if (!result.items().isEmpty()) {
                out.unsigned32(Avp.SIP_NUMBER_AUTH_ITEMS, result.items().size());
                int number = 1;
                for (AuthItem authItem : result.items()) {
                    CxEncoding.writeAuthItem(out, number++, authItem);
                }
            }
        });
    }

    /** User-Authorization-Type, or null when absent. */
    private static AuthorizationType authorizationType(AvpGroup avps) {
        OptionalInt value = avps.int32(Avp.USER_AUTHORIZATION_TYPE);
        if (value.isEmpty()) {
            return null;
        }
        AuthorizationType type = AuthorizationType.fromWire(value.getAsInt());
        if (type == null) {
            throw AvpDecodeException.unknownValue(Avp.USER_AUTHORIZATION_TYPE, value.getAsInt());
        }
        return type;
    }

    /** Kamailio copies the raw P-Visited-Network-ID header value, which may be a quoted string (RFC 7315 4.3). */
    private static String visitedNetwork(AvpGroup avps) {
        String raw = avps.utf8(Avp.VISITED_NETWORK_IDENTIFIER);
        String value = raw == null ? "" : raw.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static void writeCapabilities(MessageWriter out, ServerCapabilities capabilities) {
        if (capabilities == null) {
            return;
        }
        int group = out.begin(Avp.SERVER_CAPABILITIES);
        for (long capability : capabilities.mandatory()) {
            out.unsigned32(Avp.MANDATORY_CAPABILITY, capability);
        }
        for (long capability : capabilities.optional()) {
            out.unsigned32(Avp.OPTIONAL_CAPABILITY, capability);
        }
        for (String name : capabilities.serverNames()) {
            out.utf8(Avp.SERVER_NAME, name);
        }
        out.end(group);
    }
}
