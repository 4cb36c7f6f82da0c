package org.imshss.provisioning.model;

import java.util.List;

/**
 * The EPS subscription of a USIM (TS 23.401 5.7.1, sent as Subscription-Data, TS 29.272 7.3.2). Bit masks are
 * as TS 29.272 defines them: {@code operatorDeterminedBarring} 7.3.30, {@code accessRestrictionData} 7.3.31 (a set
 * bit restricts that access: E-UTRAN is bit 4, WB-E-UTRAN).
 *
 * @param msisdn the basic MSISDN, E.164 digits without '+', or null
 * @param additionalMsisdns further MSISDNs of the subscriber; the first is sent as A-MSISDN (7.3.157)
 * @param ueAmbr the UE-AMBR; required for a subscription with APNs (an MME rejects Subscription-Data without it)
 * @param defaultContextIdentifier the Context-Identifier of the default APN, one of {@code apns}
 * @param allowedVisitedPlmns PLMNs (MCC followed by MNC, 5 or 6 digits) the USIM may attach in, its home PLMN
 *                            included; empty: no restriction
 * @param subscribedPeriodicTauTimer seconds (7.3.134); 0: not sent
 * @param chargingCharacteristics 3GPP-Charging-Characteristics (4 hex digits, TS 32.298), or null
 */
public record EpsSubscription(
        String msisdn,
        List<String> additionalMsisdns,
        SubscriberStatus subscriberStatus,
        long operatorDeterminedBarring,
        NetworkAccessMode networkAccessMode,
        long accessRestrictionData,
        Ambr ueAmbr,
        int defaultContextIdentifier,
        List<ApnConfiguration> apns,
        List<String> allowedVisitedPlmns,
        long subscribedPeriodicTauTimer,
        String chargingCharacteristics) {

    /** Access-Restriction-Data bit 4 (TS 29.272 7.3.31): WB-E-UTRAN not allowed. */
    public static final long E_UTRAN_NOT_ALLOWED = 1L << 4;
    /** Access-Restriction-Data bit 0: UTRAN not allowed. */
    public static final long UTRAN_NOT_ALLOWED = 1L;
    /** Access-Restriction-Data bit 1: GERAN not allowed. */
    public static final long GERAN_NOT_ALLOWED = 1L << 1;

    public EpsSubscription {
        additionalMsisdns = additionalMsisdns == null ? List.of() : List.copyOf(additionalMsisdns);
        apns = apns == null ? List.of() : List.copyOf(apns);
        allowedVisitedPlmns = allowedVisitedPlmns == null ? List.of() : List.copyOf(allowedVisitedPlmns);
        subscriberStatus = subscriberStatus == null ? SubscriberStatus.SERVICE_GRANTED : subscriberStatus;
        networkAccessMode = networkAccessMode == null ? NetworkAccessMode.ONLY_PACKET : networkAccessMode;
        if (!apns.isEmpty() && apns.stream().noneMatch(a -> a.contextIdentifier() == defaultContextIdentifier)) {
            throw new IllegalArgumentException("the default Context-Identifier names none of the APNs");
        }
        if (apns.stream().map(ApnConfiguration::contextIdentifier).distinct().count() != apns.size()) {
            throw new IllegalArgumentException("Context-Identifiers are unique within a subscription");
        }
    }

    /** Whether the USIM may attach in this PLMN (MCC followed by MNC). */
    public boolean allowsPlmn(String plmn) {
        return allowedVisitedPlmns.isEmpty() || allowedVisitedPlmns.contains(plmn);
    }

    /** The APN configuration with this Context-Identifier, or null. */
    public ApnConfiguration apn(int contextIdentifier) {
        for (ApnConfiguration apn : apns) {
            if (apn.contextIdentifier() == contextIdentifier) {
                return apn;
            }
        }
        return null;
    }
}
