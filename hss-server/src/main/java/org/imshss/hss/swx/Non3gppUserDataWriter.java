package org.imshss.hss.swx;

import org.imshss.diameter.Avp;
import org.imshss.diameter.MessageWriter;
import org.imshss.hss.s6a.EpsProfile;
import org.imshss.hss.s6a.SubscriptionDataWriter;
import org.imshss.provisioning.model.EpsSubscription;

/**
 * Writes Non-3GPP-User-Data (TS 29.273 8.2.3.1) for the SAA and the PPR: Subscription-Id with the MSISDN,
 * Non-3GPP-IP-Access, Non-3GPP-IP-Access-APN, a RAT-Type for each access type not allowed, the UE-AMBR, the
 * default Context-Identifier and the APN-Configurations allowed over non-3GPP access. AMBR and APN-Configuration
 * have S6a's layout (TS 29.272 7.3.41, 7.3.35, which 8.2.3.1 refers to) and are written by S6a's
 * {@link SubscriptionDataWriter}.
 */
final class Non3gppUserDataWriter {

    private static final int END_USER_E164 = Avp.SUBSCRIPTION_ID_TYPE.enumValue("END_USER_E164");
    private static final int ACCESS_ALLOWED = Avp.NON_3GPP_IP_ACCESS.enumValue("NON_3GPP_SUBSCRIPTION_ALLOWED");
    private static final int ACCESS_BARRED = Avp.NON_3GPP_IP_ACCESS.enumValue("NON_3GPP_SUBSCRIPTION_BARRED");
    private static final int APNS_ENABLED = Avp.NON_3GPP_IP_ACCESS_APN.enumValue("Non_3GPP_APNS_ENABLE");
    private static final int APNS_DISABLED = Avp.NON_3GPP_IP_ACCESS_APN.enumValue("Non_3GPP_APNS_DISABLE");

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
            SubscriptionDataWriter.writeAmbr(out, eps.ueAmbr());
        }
        if (eps != null && eps.chargingCharacteristics() != null) {
            out.utf8(Avp.TGPP_CHARGING_CHARACTERISTICS, eps.chargingCharacteristics());
        }
        if (profile.defaultContextIdentifier() != 0) {
            out.unsigned32(Avp.CONTEXT_IDENTIFIER, profile.defaultContextIdentifier());
        }
        for (EpsProfile.Apn apn : profile.apns()) {
            SubscriptionDataWriter.writeApnConfiguration(out, apn);
        }
        out.end(group);
    }
}
