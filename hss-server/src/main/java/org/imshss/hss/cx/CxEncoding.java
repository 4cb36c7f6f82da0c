package org.imshss.hss.cx;

import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.provisioning.model.ChargingInformation;
import org.jdiameter.api.AvpSet;

/** Encoders for the grouped Cx AVPs that answers and HSS-initiated requests share (TS 29.229 6.3). */
final class CxEncoding {

    private CxEncoding() {
    }

    /** Charging-Information (6.3.19): the function names present, as DiameterURIs. */
    static void addChargingInformation(AvpSet out, ChargingInformation charging) {
        AvpSet group = Avps.addGrouped(out, Avp.CHARGING_INFORMATION);
        addUri(group, Avp.PRIMARY_EVENT_CHARGING_FUNCTION_NAME, charging.primaryEventChargingFunctionName());
        addUri(group, Avp.SECONDARY_EVENT_CHARGING_FUNCTION_NAME, charging.secondaryEventChargingFunctionName());
        addUri(group, Avp.PRIMARY_CHARGING_COLLECTION_FUNCTION_NAME,
                charging.primaryChargingCollectionFunctionName());
        addUri(group, Avp.SECONDARY_CHARGING_COLLECTION_FUNCTION_NAME,
                charging.secondaryChargingCollectionFunctionName());
    }

    private static void addUri(AvpSet group, Avp avp, String value) {
        if (value != null) {
            Avps.addIdentity(group, avp, value);
        }
    }

    /** Associated-Identities / Associated-Registered-Identities: a group of User-Name, omitted when empty. */
    static void addUserNames(AvpSet out, Avp group, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        AvpSet members = Avps.addGrouped(out, group);
        for (String name : names) {
            Avps.addUtf8(members, Avp.USER_NAME, name);
        }
    }

    /** One SIP-Auth-Data-Item (6.3.13) with its SIP-Item-Number; the content depends on the scheme. */
    static void addAuthItem(AvpSet out, int itemNumber, AuthItem item) {
        AvpSet group = Avps.addGrouped(out, Avp.SIP_AUTH_DATA_ITEM);
        Avps.addUnsigned32(group, Avp.SIP_ITEM_NUMBER, itemNumber);
        Avps.addUtf8(group, Avp.SIP_AUTHENTICATION_SCHEME, item.scheme());
        if (item instanceof AuthItem.Digest digest) {
            AvpSet authenticate = Avps.addGrouped(group, Avp.SIP_DIGEST_AUTHENTICATE);
            Avps.addUtf8(authenticate, Avp.DIGEST_REALM, digest.realm());
            if (digest.algorithm() != null) {
                Avps.addUtf8(authenticate, Avp.DIGEST_ALGORITHM, digest.algorithm());
            }
            Avps.addUtf8(authenticate, Avp.DIGEST_QOP, digest.qop());
            Avps.addUtf8(authenticate, Avp.DIGEST_HA1, digest.ha1());
        } else if (item instanceof AuthItem.Aka aka) {
            Avps.addOctets(group, Avp.SIP_AUTHENTICATE, aka.sipAuthenticate());
            Avps.addOctets(group, Avp.SIP_AUTHORIZATION, aka.xres());
            Avps.addOctets(group, Avp.CONFIDENTIALITY_KEY, aka.ck());
            Avps.addOctets(group, Avp.INTEGRITY_KEY, aka.ik());
        } else if (item instanceof AuthItem.Cleartext cleartext) {
            Avps.addOctets(group, Avp.SIP_AUTHENTICATE, cleartext.nonce());
            Avps.addOctets(group, Avp.SIP_AUTHORIZATION, cleartext.password());
        } else if (item instanceof AuthItem.LineIdentifier line) {
            Avps.addOctets(group, Avp.LINE_IDENTIFIER, line.lineIdentifier());
        } else if (item instanceof AuthItem.FramedAddress framed) {
            if (framed.ipv4() != null) {
                Avps.addOctets(group, Avp.FRAMED_IP_ADDRESS, framed.ipv4());
            } else {
                Avps.addOctets(group, Avp.FRAMED_IPV6_PREFIX, framed.ipv6Prefix());
            }
        }
    }
}
