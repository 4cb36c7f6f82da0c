package org.imshss.node.diameter.transport;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpGroup;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageDecoder;
import org.imshss.diameter.ReceivedAvp;
import org.imshss.diameter.ResultCode;

/**
 * What a decoded request of an application must pass before it takes a place among the node's pending requests, as
 * a pure function of the request and what the node serves (RFC 6733 6.1, 7.1), in this order: 3007 for an
 * Application-Id the node does not advertise, 3001 for a command it does not serve (or of another application),
 * 3008 for the E bit in a request (RFC 6733 3), 5005 without Origin-Host, Origin-Realm or Destination-Realm, 3003
 * for a Destination-Realm the node does not route, then 5005/5004 when no Auth-/Acct-Application-Id, top-level or
 * in a Vendor-Specific-Application-Id, names the header's application. A command whose ABNF makes all of them
 * optional (S6a, TS 29.272 7.2: {@code [ Vendor-Specific-Application-Id ]}) may leave them out: its header names
 * the application; one it carries must still name the header's.
 */
final class PreDispatchChecks {

    private static final int AVP_FLAG_MANDATORY = 0x40;
    /** What every request carries for its answer to find its way back and for routing (RFC 6733 6.1, 3.2). */
    private static final Avp[] ROUTING_AVPS = {Avp.ORIGIN_HOST, Avp.ORIGIN_REALM, Avp.DESTINATION_REALM};

    /** The answer a request gets instead of reaching its handler; {@code failedAvp} encoded, or null. */
    record Refusal(ResultCode resultCode, byte[] failedAvp, String text) {
    }

    private PreDispatchChecks() {
    }

    static Optional<Refusal> check(DiameterMessage request, Set<Long> advertised, Predicate<Command> served,
            Predicate<String> routedRealm) {
        long application = request.applicationId();
        if (!advertised.contains(application)) {
            return refuse(ResultCode.DIAMETER_APPLICATION_UNSUPPORTED, null, null);
        }
        // The dictionary names a command by (code, Application-Id, R bit): a Cx code under SWx's id is SWx's command.
        Optional<Command> command = request.command();
        if (command.isEmpty() || !served.test(command.get())) {
            return refuse(ResultCode.DIAMETER_COMMAND_UNSUPPORTED, null, null);
        }
        if (request.isError()) {
            return refuse(ResultCode.DIAMETER_INVALID_HDR_BITS, null, "E bit set in a request");
        }
        AvpGroup avps = request.avps();
        for (Avp required : ROUTING_AVPS) {
            if (!avps.has(required)) {
                return refuse(ResultCode.DIAMETER_MISSING_AVP,
                        MessageDecoder.minimalAvp(required.code(), AVP_FLAG_MANDATORY, 0),
                        required.specName() + " required");
            }
        }
        if (!routedRealm.test(avps.utf8(Avp.DESTINATION_REALM))) {
            return refuse(ResultCode.DIAMETER_REALM_NOT_SERVED, null, null);
        }
        return applicationAvps(avps, application, applicationAvpRequired(command.get()));
    }

    /** Whether the command's ABNF requires an AVP that names the application. */
    private static boolean applicationAvpRequired(Command command) {
        return command.rules().stream().anyMatch(rule -> rule.required()
                && (rule.avp() == Avp.VENDOR_SPECIFIC_APPLICATION_ID || rule.avp() == Avp.AUTH_APPLICATION_ID
                        || rule.avp() == Avp.ACCT_APPLICATION_ID));
    }

    /** RFC 6733 6.11: the AVPs that name the request's application must name the header's. */
    private static Optional<Refusal> applicationAvps(AvpGroup avps, long application, boolean required) {
        ReceivedAvp other = null;
        for (int i = 0; i < avps.size(); i++) {
            ReceivedAvp avp = avps.get(i);
            if (avp.definition() == Avp.AUTH_APPLICATION_ID || avp.definition() == Avp.ACCT_APPLICATION_ID) {
                if (names(avp, application)) {
                    return Optional.empty();
                }
            } else if (avp.definition() == Avp.VENDOR_SPECIFIC_APPLICATION_ID) {
                for (ReceivedAvp member : avp.members().all()) {
                    if ((member.definition() == Avp.AUTH_APPLICATION_ID
                            || member.definition() == Avp.ACCT_APPLICATION_ID) && names(member, application)) {
                        return Optional.empty();
                    }
                }
            } else {
                continue;
            }
            if (other == null) {
                other = avp;
            }
        }
        if (other != null) {
            return refuse(ResultCode.DIAMETER_INVALID_AVP_VALUE, other.encoded(),
                    "the application AVPs do not name application " + application + " of the header");
        }
        if (!required) {
            return Optional.empty();
        }
        return refuse(ResultCode.DIAMETER_MISSING_AVP,
                MessageDecoder.minimalAvp(Avp.VENDOR_SPECIFIC_APPLICATION_ID.code(), AVP_FLAG_MANDATORY, 0),
                "Vendor-Specific-Application-Id required");
    }

    private static boolean names(ReceivedAvp id, long application) {
        return id.dataLength() == 4 && id.unsigned32() == application;
    }

    private static Optional<Refusal> refuse(ResultCode result, byte[] failedAvp, String text) {
        return Optional.of(new Refusal(result, failedAvp, text));
    }
}
