package org.imshss.hss.cx;

import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.MessageWriter;
import org.imshss.provisioning.model.ChargingInformation;

/** Writers for the grouped Cx AVPs that answers and HSS-initiated requests share (TS 29.229 6.3). */
final class CxEncoding {

    private CxEncoding() {
    }

    /** Charging-Information (6.3.19): the function names present, as DiameterURIs. */
    static void writeChargingInformation(MessageWriter out, ChargingInformation charging) {
        int group = out.begin(Avp.CHARGING_INFORMATION);
        writeUri(out, Avp.PRIMARY_EVENT_CHARGING_FUNCTION_NAME, charging.primaryEventChargingFunctionName());
        writeUri(out, Avp.SECONDARY_EVENT_CHARGING_FUNCTION_NAME, charging.secondaryEventChargingFunctionName());
        writeUri(out, Avp.PRIMARY_CHARGING_COLLECTION_FUNCTION_NAME,
                charging.primaryChargingCollectionFunctionName());
        writeUri(out, Avp.SECONDARY_CHARGING_COLLECTION_FUNCTION_NAME,
                charging.secondaryChargingCollectionFunctionName());
        out.end(group);
    }

    private static void writeUri(MessageWriter out, Avp avp, String value) {
        if (value != null) {
            out.identity(avp, value);
        }
    }

    /** Associated-Identities / Associated-Registered-Identities: a group of User-Name, omitted when empty. */
    static void writeUserNames(MessageWriter out, Avp group, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        int members = out.begin(group);
        for (String name : names) {
            out.utf8(Avp.USER_NAME, name);
        }
        out.end(members);
    }

    /** One SIP-Auth-Data-Item (6.3.13) with its SIP-Item-Number; the content depends on the scheme. */
    static void writeAuthItem(MessageWriter out, int itemNumber, AuthItem item) {
        int group = out.begin(Avp.SIP_AUTH_DATA_ITEM);
        out.unsigned32(Avp.SIP_ITEM_NUMBER, itemNumber);
        out.utf8(Avp.SIP_AUTHENTICATION_SCHEME, item.scheme());
        if (item instanceof AuthItem.Digest digest) {
            int authenticate = out.begin(Avp.SIP_DIGEST_AUTHENTICATE);
            out.utf8(Avp.DIGEST_REALM, digest.realm());
            if (digest.algorithm() != null) {
                out.utf8(Avp.DIGEST_ALGORITHM, digest.algorithm());
            }
            out.utf8(Avp.DIGEST_QOP, digest.qop());
            out.utf8(Avp.DIGEST_HA1, digest.ha1());
            out.end(authenticate);
        } else if (item instanceof AuthItem.Aka aka) {
            out.octets(Avp.SIP_AUTHENTICATE, aka.sipAuthenticate());
            out.octets(Avp.SIP_AUTHORIZATION, aka.xres());
            out.octets(Avp.CONFIDENTIALITY_KEY, aka.ck());
            out.octets(Avp.INTEGRITY_KEY, aka.ik());
        } else if (item instanceof AuthItem.Cleartext cleartext) {
            out.octets(Avp.SIP_AUTHENTICATE, cleartext.nonce());
            out.octets(Avp.SIP_AUTHORIZATION, cleartext.password());
        } else if (item instanceof AuthItem.LineIdentifier line) {
            out.octets(Avp.LINE_IDENTIFIER, line.lineIdentifier());
        } else if (item instanceof AuthItem.FramedAddress framed) {
            if (framed.ipv4() != null) {
                out.octets(Avp.FRAMED_IP_ADDRESS, framed.ipv4());
            } else {
                out.octets(Avp.FRAMED_IPV6_PREFIX, framed.ipv6Prefix());
            }
        }
        out.end(group);
    }
}
