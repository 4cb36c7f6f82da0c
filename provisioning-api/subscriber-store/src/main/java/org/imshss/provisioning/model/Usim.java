package org.imshss.provisioning.model;

import java.util.regex.Pattern;

/**
 * A USIM of a subscriber: its IMSI, its authentication subscription and its EPS subscription. The AKA keys are held
 * here once for every identity that authenticates with this USIM: the IMSI on S6a (AIR) and SWx, and each private
 * identity whose {@link AuthProfile#usim()} names this IMSI on Cx (MAR), such as the one a phone without ISIM derives
 * from the IMSI (TS 23.003 13.3). They share one SQN_HE, kept under {@link #sequenceKey(String)} (TS 33.102 C.1.1:
 * one sequence per USIM), so no two of them are ever handed one SQN.
 *
 * @param imsi 6 to 15 digits (TS 23.003 2.2)
 * @param subscriptionId the IMS subscription (subscriber) it belongs to
 * @param aka K and OPc sealed for the IMSI ({@link Keyring}), and the AMF
 * @param eps the EPS subscription, or null for a USIM without one (S6a then answers 5420)
 * @param non3gpp the non-3GPP access subscription (SWx, TS 29.273), or null for a USIM without one (SWx then
 *                answers DIAMETER_ERROR_USER_NO_NON_3GPP_SUBSCRIPTION)
 */
public record Usim(String imsi, String subscriptionId, AkaCredentials aka, EpsSubscription eps,
        Non3gppSubscription non3gpp) {

    private static final Pattern IMSI = Pattern.compile("[0-9]{6,15}");

    public Usim {
        if (!isImsi(imsi)) {
            throw new IllegalArgumentException("an IMSI is 6 to 15 digits");
        }
        if (aka == null) {
            throw new IllegalArgumentException("a USIM has AKA keys");
        }
    }

    /** A USIM without non-3GPP access subscription. */
    public Usim(String imsi, String subscriptionId, AkaCredentials aka, EpsSubscription eps) {
        this(imsi, subscriptionId, aka, eps, null);
    }

    /** This USIM with another non-3GPP access subscription (null: none). */
    public Usim withNon3gpp(Non3gppSubscription other) {
        return new Usim(imsi, subscriptionId, aka, eps, other);
    }

    public static boolean isImsi(String imsi) {
        return imsi != null && IMSI.matcher(imsi).matches();
    }

    /**
     * The key of the USIM's SQN_HE among the sequence numbers of private identities: a private identity is never
     * of this form (it would need a ':' before an '@'-less digit string), so the two cannot meet.
     */
    public static String sequenceKey(String imsi) {
        return "usim:" + imsi;
    }

    /**
     * The IMS private identity a UE without ISIM derives from its IMSI (TS 23.003 13.3):
     * {@code <IMSI>@ims.mnc<MNC>.mcc<MCC>.3gppnetwork.org}, the MNC padded to three digits.
     *
     * @param mncDigits 2 or 3: the length of the MNC, which the IMSI alone does not tell (TS 23.003 13.2)
     */
    public static String derivedImpi(String imsi, int mncDigits) {
        if (!isImsi(imsi) || mncDigits < 2 || mncDigits > 3) {
            throw new IllegalArgumentException("an IMSI and an MNC of 2 or 3 digits are needed");
        }
        String mcc = imsi.substring(0, 3);
        String mnc = imsi.substring(3, 3 + mncDigits);
        return imsi + "@ims.mnc" + (mnc.length() == 2 ? "0" + mnc : mnc) + ".mcc" + mcc + ".3gppnetwork.org";
    }

    @Override
    public String toString() {
        return "Usim[imsi=" + imsi + ", subscriptionId=" + subscriptionId + ", aka=" + aka + ", eps=" + eps
                + ", non3gpp=" + non3gpp + "]";
    }
}
