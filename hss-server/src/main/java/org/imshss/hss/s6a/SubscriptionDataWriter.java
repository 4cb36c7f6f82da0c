package org.imshss.hss.s6a;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.imshss.diameter.Avp;
import org.imshss.diameter.MessageWriter;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.SubscriberStatus;

/**
 * Writes Subscription-Data (TS 29.272 7.3.2) for the ULA and the IDR: always the complete subscription, and the
 * complete list of APN configurations (All_APN_CONFIGURATIONS_INCLUDED, 7.3.33), so the MME replaces what it holds.
 * What an MME needs in it (an Open5GS MME drops Subscription-Data without them): AMBR with both directions, and per
 * APN Context-Identifier, Service-Selection, PDN-Type and EPS-Subscribed-QoS-Profile.
 */
public final class SubscriptionDataWriter {

    /** Max-Requested-Bandwidth is an Unsigned32 of bit/s; above it the Extended AVP carries kbit/s (7.3.41). */
    private static final long MAX_UNSIGNED32 = 0xFFFFFFFFL;
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9.]+|.*:.*");
    private static final int ALL_APN_CONFIGURATIONS_INCLUDED =
            Avp.ALL_APN_CONFIGURATIONS_INCLUDED_INDICATOR.enumValue("All_APN_CONFIGURATIONS_INCLUDED");
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

    /** The Subscription-Data AVP of this profile. */
    public void write(MessageWriter out, EpsProfile profile) {
        EpsSubscription eps = profile.eps();
        int group = out.begin(Avp.SUBSCRIPTION_DATA);
        out.enumerated(Avp.SUBSCRIBER_STATUS, Avp.SUBSCRIBER_STATUS.enumValue(eps.subscriberStatus()));
        if (eps.msisdn() != null) {
            out.octets(Avp.MSISDN, Tbcd.encode(eps.msisdn()));
        }
        if (!eps.additionalMsisdns().isEmpty()) {
            out.octets(Avp.A_MSISDN, Tbcd.encode(eps.additionalMsisdns().get(0)));
        }
        out.enumerated(Avp.NETWORK_ACCESS_MODE, Avp.NETWORK_ACCESS_MODE.enumValue(eps.networkAccessMode()));
        if (eps.subscriberStatus() == SubscriberStatus.OPERATOR_DETERMINED_BARRING
                || eps.operatorDeterminedBarring() != 0) {
            // 7.3.29: present when the Subscriber-Status is OPERATOR_DETERMINED_BARRING.
            out.unsigned32(Avp.OPERATOR_DETERMINED_BARRING, eps.operatorDeterminedBarring());
        }
        if (eps.accessRestrictionData() != 0) {
            out.unsigned32(Avp.ACCESS_RESTRICTION_DATA, eps.accessRestrictionData());
        }
        if (eps.chargingCharacteristics() != null) {
            out.utf8(Avp.TGPP_CHARGING_CHARACTERISTICS, eps.chargingCharacteristics());
        }
        if (eps.ueAmbr() != null) {
            writeAmbr(out, eps.ueAmbr());
        }
        if (!profile.apns().isEmpty()) {
            writeApnConfigurationProfile(out, profile);
        }
        if (eps.subscribedPeriodicTauTimer() != 0) {
            out.unsigned32(Avp.SUBSCRIBED_PERIODIC_RAU_TAU_TIMER, eps.subscribedPeriodicTauTimer());
        }
        out.end(group);
    }

    /** 7.3.34: Context-Identifier names the default APN. */
    private static void writeApnConfigurationProfile(MessageWriter out, EpsProfile profile) {
        int group = out.begin(Avp.APN_CONFIGURATION_PROFILE);
        out.unsigned32(Avp.CONTEXT_IDENTIFIER, profile.eps().defaultContextIdentifier());
        out.enumerated(Avp.ALL_APN_CONFIGURATIONS_INCLUDED_INDICATOR, ALL_APN_CONFIGURATIONS_INCLUDED);
        for (EpsProfile.Apn apn : profile.apns()) {
            writeApnConfiguration(out, apn);
        }
        out.end(group);
    }

    /** 7.3.35; SWx sends the same layout in Non-3GPP-User-Data (TS 29.273 8.2.3.1). */
    public static void writeApnConfiguration(MessageWriter out, EpsProfile.Apn apn) {
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

    /** 7.3.41: bit/s up to 2^32-1; above, the base AVP holds 2^32-1 and the Extended one kbit/s. */
    public static void writeAmbr(MessageWriter out, Ambr ambr) {
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
