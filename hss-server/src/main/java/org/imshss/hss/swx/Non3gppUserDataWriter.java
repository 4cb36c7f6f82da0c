package org.imshss.hss.swx;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.imshss.diameter.Avp;
import org.imshss.diameter.MessageWriter;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsSubscription;

/**
 * Writes Non-3GPP-User-Data (TS 29.273 8.2.3.1) for the SAA and the PPR: Subscription-Id with the MSISDN,
 * Non-3GPP-IP-Access, Non-3GPP-IP-Access-APN, a RAT-Type for each access type not allowed, the UE-AMBR, the
 * default Context-Identifier and the APN-Configurations allowed over non-3GPP access. An APN-Configuration has the
 * layout of S6a's (TS 29.272 7.3.35, which 8.2.3.1 refers to), written here with the same members in the same
 * order as the S6a Subscription-Data writer writes them.
 */
final class Non3gppUserDataWriter {

    /** Max-Requested-Bandwidth is an Unsigned32 of bit/s; above it the Extended AVP carries kbit/s (29.272 7.3.41). */
    private static final long MAX_UNSIGNED32 = 0xFFFFFFFFL;
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9.]+|.*:.*");
    private static final int END_USER_E164 = Avp.SUBSCRIPTION_ID_TYPE.enumValue("END_USER_E164");
    private static final int ACCESS_ALLOWED = Avp.NON_3GPP_IP_ACCESS.enumValue("NON_3GPP_SUBSCRIPTION_ALLOWED");
    private static final int ACCESS_BARRED = Avp.NON_3GPP_IP_ACCESS.enumValue("NON_3GPP_SUBSCRIPTION_BARRED");
    private static final int APNS_ENABLED = Avp.NON_3GPP_IP_ACCESS_APN.enumValue("Non_3GPP_APNS_ENABLE");
    private static final int APNS_DISABLED = Avp.NON_3GPP_IP_ACCESS_APN.enumValue("Non_3GPP_APNS_DISABLE");
    private static final int VPLMN_ALLOWED = Avp.VPLMN_DYNAMIC_ADDRESS_ALLOWED.enumValue("ALLOWED");
    private static final int VPLMN_NOT_ALLOWED = Avp.VPLMN_DYNAMIC_ADDRESS_ALLOWED.enumValue("NOTALLOWED");
    private static final int PREEMPTION_CAPABLE =
            Avp.PRE_EMPTION_CAPABILITY.enumValue("PRE-EMPTION_CAPABILITY_ENABLED");
    private static final int PREEMPTION_NOT_CAPABLE =
            Avp.PRE_EMPTION_CAPABILITY.enumValue("PRE-EMPTION_CAPABILITY_DISABLED");
    private static final int PREEMPTION_VULNERABLE =
            Avp.PRE_EMPTION_VULNERABILITY.enumValue("PRE-EMPTION_VULNERABILITY_ENABLED");
    private static final int PREEMPTION_NOT_VULNERABLE =
            Avp.PRE_EMPTION_VULNERABILITY.enumValue("PRE-EMPTION_VULNERABILITY_DISABLED");

    private Non3gppUserDataWriter() {
    }

    /** The Non-3GPP-User-Data AVP of this profile, members in the order of the 8.2.3.1 ABNF. */
    static void write(MessageWriter out, Non3gppProfile profile) {
        EpsSubscription eps = profile.eps();
        int group = out.begin(Avp.NON_3GPP_USER_DATA);
        if (eps != null && eps.msisdn() != null) {
            int id = out.begin(Avp.SUBSCRIPTION_ID);
            out.enumerated(Avp.SUBSCRIPTION_ID_TYPE, END_USER_E164);
            out.utf8(Avp.SUBSCRIPTION_ID_DATA, eps.msisdn());
            out.end(id);
        }
        out.enumerated(Avp.NON_3GPP_IP_ACCESS, profile.non3gpp().accessAllowed() ? ACCESS_ALLOWED : ACCESS_BARRED);
        out.enumerated(Avp.NON_3GPP_IP_ACCESS_APN, profile.non3gpp().apnsEnabled() ? APNS_ENABLED : APNS_DISABLED);
        for (String ratType : profile.non3gpp().ratTypesNotAllowed()) {
            // A name the dictionary does not have (provisioning checks them) cannot be sent.
            if (Avp.RAT_TYPE.enumValues().containsValue(ratType)) {
                out.enumerated(Avp.RAT_TYPE, Avp.RAT_TYPE.enumValue(ratType));
            }
        }
        if (eps != null && eps.ueAmbr() != null) {
            writeAmbr(out, eps.ueAmbr());
        }
        if (eps != null && eps.chargingCharacteristics() != null) {
            out.utf8(Avp.TGPP_CHARGING_CHARACTERISTICS, eps.chargingCharacteristics());
        }
        if (profile.defaultContextIdentifier() != 0) {
            out.unsigned32(Avp.CONTEXT_IDENTIFIER, profile.defaultContextIdentifier());
        }
        for (Non3gppProfile.Apn apn : profile.apns()) {
            writeApnConfiguration(out, apn);
        }
        out.end(group);
    }

    /** TS 29.272 7.3.35. */
    private static void writeApnConfiguration(MessageWriter out, Non3gppProfile.Apn apn) {
        ApnProfile profile = apn.profile();
        int group = out.begin(Avp.APN_CONFIGURATION);
        out.unsigned32(Avp.CONTEXT_IDENTIFIER, apn.configuration().contextIdentifier());
        for (String address : apn.configuration().staticAddresses()) {
            InetAddress served = literal(address);
            if (served != null) {
                out.address(Avp.SERVED_PARTY_IP_ADDRESS, served);
            }
        }
        out.enumerated(Avp.PDN_TYPE, Avp.PDN_TYPE.enumValue(profile.pdnType()));
        out.utf8(Avp.SERVICE_SELECTION, profile.serviceSelection());
        int qos = out.begin(Avp.EPS_SUBSCRIBED_QOS_PROFILE);
        out.enumerated(Avp.QOS_CLASS_IDENTIFIER, profile.qci());
        int arp = out.begin(Avp.ALLOCATION_RETENTION_PRIORITY);
        out.unsigned32(Avp.PRIORITY_LEVEL, profile.priorityLevel());
        out.enumerated(Avp.PRE_EMPTION_CAPABILITY, profile.preemptionCapable() ? PREEMPTION_CAPABLE
                : PREEMPTION_NOT_CAPABLE);
        out.enumerated(Avp.PRE_EMPTION_VULNERABILITY, profile.preemptionVulnerable() ? PREEMPTION_VULNERABLE
                : PREEMPTION_NOT_VULNERABLE);
        out.end(arp);
        out.end(qos);
        out.enumerated(Avp.VPLMN_DYNAMIC_ADDRESS_ALLOWED, profile.vplmnDynamicAddressAllowed() ? VPLMN_ALLOWED
                : VPLMN_NOT_ALLOWED);
        if (profile.chargingCharacteristics() != null) {
            out.utf8(Avp.TGPP_CHARGING_CHARACTERISTICS, profile.chargingCharacteristics());
        }
        if (profile.ambr() != null) {
            writeAmbr(out, profile.ambr());
        }
        out.end(group);
    }

    /** TS 29.272 7.3.41: bit/s up to 2^32-1; above, the base AVP holds 2^32-1 and the Extended one kbit/s. */
    private static void writeAmbr(MessageWriter out, Ambr ambr) {
        int group = out.begin(Avp.AMBR);
        out.unsigned32(Avp.MAX_REQUESTED_BANDWIDTH_UL, Math.min(ambr.uplink(), MAX_UNSIGNED32));
        out.unsigned32(Avp.MAX_REQUESTED_BANDWIDTH_DL, Math.min(ambr.downlink(), MAX_UNSIGNED32));
        if (ambr.uplink() > MAX_UNSIGNED32) {
            out.unsigned32(Avp.EXTENDED_MAX_REQUESTED_BW_UL, ambr.uplink() / 1000);
        }
        if (ambr.downlink() > MAX_UNSIGNED32) {
            out.unsigned32(Avp.EXTENDED_MAX_REQUESTED_BW_DL, ambr.downlink() / 1000);
        }
        out.end(group);
    }

    /** A static address as provisioned: an IP literal, never looked up as a name. */
    private static InetAddress literal(String address) {
        if (!ADDRESS_LITERAL.matcher(address).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }
}
