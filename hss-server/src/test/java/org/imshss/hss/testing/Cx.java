package org.imshss.hss.testing;

import java.util.List;
import java.util.Optional;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;

/** Cx requests as an I-CSCF or S-CSCF sends them, and readers for the answers. */
public final class Cx {

    public static final String SCSCF1 = "sip:scscf1.ims.example.org:6060";
    public static final String SCSCF2 = "sip:scscf2.ims.example.org:6060";
    public static final String HOME = "ims.example.org";

    private Cx() {
    }

    public static Answer uar(DiameterTestPeer peer, String impi, String impu, String visitedNetwork) throws Exception {
        return peer.send(Command.UAR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, impi);
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
            Avps.addOctets(avps, Avp.VISITED_NETWORK_IDENTIFIER, visitedNetwork.getBytes());
        });
    }

    public static Answer uar(DiameterTestPeer peer, String impi, String impu, String visitedNetwork, String type,
            boolean emergency) throws Exception {
        return peer.send(Command.UAR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, impi);
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
            Avps.addOctets(avps, Avp.VISITED_NETWORK_IDENTIFIER, visitedNetwork.getBytes());
            Avps.addEnumerated(avps, Avp.USER_AUTHORIZATION_TYPE, Avp.USER_AUTHORIZATION_TYPE.enumValue(type));
            if (emergency) {
                Avps.addUnsigned32(avps, Avp.UAR_FLAGS, 1);
            }
        });
    }

    /** A SAR; impi null leaves out User-Name, impus may be empty. */
    public static Answer sar(DiameterTestPeer peer, String impi, List<String> impus, String serverName, String type,
            boolean dataAvailable) throws Exception {
        return peer.send(Command.SAR, avps -> {
            if (impi != null) {
                Avps.addUtf8(avps, Avp.USER_NAME, impi);
            }
            for (String impu : impus) {
                Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
            }
            Avps.addUtf8(avps, Avp.SERVER_NAME, serverName);
            Avps.addEnumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue(type));
            Avps.addEnumerated(avps, Avp.USER_DATA_ALREADY_AVAILABLE, dataAvailable ? 1 : 0);
        });
    }

    public static Answer sar(DiameterTestPeer peer, String impi, String impu, String serverName, String type)
            throws Exception {
        return sar(peer, impi, impu == null ? List.of() : List.of(impu), serverName, type, false);
    }

    public static Answer lir(DiameterTestPeer peer, String impu, boolean originating) throws Exception {
        return peer.send(Command.LIR, avps -> {
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
            if (originating) {
                Avps.addEnumerated(avps, Avp.ORIGINATING_REQUEST, 0);
            }
        });
    }

    public static Answer mar(DiameterTestPeer peer, String impi, String impu, String scheme, long items,
            String serverName, byte[] authorization) throws Exception {
        return peer.send(Command.MAR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, impi);
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
            AvpSet item = Avps.addGrouped(avps, Avp.SIP_AUTH_DATA_ITEM);
            Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, scheme);
            if (authorization != null) {
                Avps.addOctets(item, Avp.SIP_AUTHORIZATION, authorization);
            }
            Avps.addUnsigned32(avps, Avp.SIP_NUMBER_AUTH_ITEMS, items);
            Avps.addUtf8(avps, Avp.SERVER_NAME, serverName);
        });
    }

    public static ResultCode result(Answer answer) {
        return Avps.result(answer.getAvps()).orElseThrow();
    }

    public static Optional<String> text(Answer answer, Avp avp) {
        return Avps.utf8(answer.getAvps(), avp);
    }

    public static Optional<AvpSet> group(Answer answer, Avp avp) {
        return Avps.grouped(answer.getAvps(), avp);
    }
}
