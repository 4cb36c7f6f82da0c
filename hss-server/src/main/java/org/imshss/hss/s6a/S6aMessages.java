package org.imshss.hss.s6a;

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
import org.imshss.diameter.Violation;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;

/**
 * The S6a/S6d edge: each request, already checked against its command's ABNF, decoded into what its procedure
 * takes; the procedure called; its answer encoded. Nothing here decides anything about subscribers. 3GPP result
 * codes go into Experimental-Result and base ones into Result-Code (TS 29.272 7.4) as for every answer of the node;
 * Auth-Session-State is NO_STATE_MAINTAINED.
 */
public final class S6aMessages {

    private static final int SRVCC_SUPPORTED = Avp.UE_SRVCC_CAPABILITY.enumValue("UE-SRVCC-SUPPORTED");

    private final UpdateLocation updateLocation;
    private final PurgeUe purgeUe;
    private final Notify notify;
    private final SubscriptionDataWriter subscriptionData;
    private final AuthenticationInformation authenticationInformation;

    public S6aMessages(UpdateLocation updateLocation, PurgeUe purgeUe, Notify notify,
            SubscriptionDataWriter subscriptionData, AuthenticationInformation authenticationInformation) {
        this.updateLocation = updateLocation;
        this.purgeUe = purgeUe;
        this.notify = notify;
        this.subscriptionData = subscriptionData;
        this.authenticationInformation = authenticationInformation;
    }

    /** The requests of S6a/S6d the HSS receives (TS 29.272 5.2), each with its handler. */
    public DiameterApplication application() {
        return new DiameterApplication(Application.S6A, Map.of(
                Command.ULR, this::updateLocation,
                Command.S6A_PUR, this::purgeUe,
                Command.NOR, this::notify,
                Command.AIR, this::authenticationInformation));
    }

    private Answer updateLocation(DiameterMessage request) {
        AvpGroup avps = request.avps();
        AvpGroup terminal = avps.group(Avp.TERMINAL_INFORMATION);
        UpdateLocationAnswer result = updateLocation.handle(new UpdateLocationRequest(
                avps.utf8(Avp.ORIGIN_HOST),
                avps.utf8(Avp.ORIGIN_REALM),
                avps.utf8(Avp.USER_NAME),
                ratType(avps),
                avps.unsigned32(Avp.ULR_FLAGS).getAsLong(),
                visitedPlmn(avps),
                terminal == null ? null : terminal.utf8(Avp.IMEI),
                terminal == null ? null : terminal.utf8(Avp.SOFTWARE_VERSION),
                srvcc(avps)));
        return Answer.of(result.result(), out -> {
            if (result.ulaFlags() >= 0) {
                out.unsigned32(Avp.ULA_FLAGS, result.ulaFlags());
            }
            if (result.subscriptionData() != null) {
                subscriptionData.write(out, result.subscriptionData());
            }
        });
    }

    private Answer purgeUe(DiameterMessage request) {
        AvpGroup avps = request.avps();
        PurgeUe.PurgeUeAnswer result = purgeUe.handle(new PurgeUe.PurgeUeRequest(avps.utf8(Avp.ORIGIN_HOST),
                avps.utf8(Avp.USER_NAME), avps.unsigned32(Avp.PUR_FLAGS).orElse(-1)));
        return Answer.of(result.result(), out -> {
            if (result.puaFlags() >= 0) {
                out.unsigned32(Avp.PUA_FLAGS, result.puaFlags());
            }
        });
    }

    private Answer notify(DiameterMessage request) {
        AvpGroup avps = request.avps();
        AvpGroup terminal = avps.group(Avp.TERMINAL_INFORMATION);
        return Answer.of(notify.handle(new Notify.NotifyRequest(
                avps.utf8(Avp.ORIGIN_HOST),
                avps.utf8(Avp.USER_NAME),
                terminal == null ? null : terminal.utf8(Avp.IMEI),
                terminal == null ? null : terminal.utf8(Avp.SOFTWARE_VERSION),
                srvcc(avps))));
    }

    /** The RAT-Type's name in the dictionary (TS 29.212 5.3.31); a value it does not have is refused. */
    private static String ratType(AvpGroup avps) {
        int value = avps.int32(Avp.RAT_TYPE).getAsInt();
        return Avp.RAT_TYPE.enumName(value).orElseThrow(() -> AvpDecodeException.unknownValue(Avp.RAT_TYPE, value));
    }

    /** Visited-PLMN-Id (7.3.9) as MCC and MNC digits; octets that are not a PLMN identity are refused (5004). */
    private static String visitedPlmn(AvpGroup avps) {
        byte[] octets = avps.octets(Avp.VISITED_PLMN_ID);
        String plmn = Plmn.decode(octets);
        if (plmn == null) {
            throw AvpDecodeException.invalidValue(Avp.VISITED_PLMN_ID, octets,
                    "Visited-PLMN-Id is not a PLMN identity");
        }
        return plmn;
    }

    /** UE-SRVCC-Capability (7.3.130), or null when absent: the HSS then has no knowledge of it. */
    private static Boolean srvcc(AvpGroup avps) {
        OptionalInt value = avps.int32(Avp.UE_SRVCC_CAPABILITY);
        return value.isEmpty() ? null : value.getAsInt() == SRVCC_SUPPORTED;
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
        out.end(info);
    }
}
