package org.imshss.provisioning.model;

import java.util.List;

/**
 * The non-3GPP access part of a USIM's subscription (TS 29.273 8.2.3.1 Non-3GPP-User-Data, TS 23.402 4.2): whether
 * the USIM may use non-3GPP IP access at all, over which kinds of access, and which of its EPS subscription's APN
 * configurations it may reach that way. The MSISDN and the UE-AMBR are the EPS subscription's
 * ({@link EpsSubscription}): one subscriber, one set of values for both accesses.
 *
 * @param accessAllowed Non-3GPP-IP-Access (8.2.3.3): false bars every non-3GPP access (the HSS then refuses
 *                      authentication with DIAMETER_ERROR_USER_NO_NON_3GPP_SUBSCRIPTION)
 * @param apnsEnabled Non-3GPP-IP-Access-APN (8.2.3.4): whether the APNs below may be used over non-3GPP access
 * @param contextIdentifiers the Context-Identifiers of the EPS subscription's APN configurations allowed over
 *                           non-3GPP access (each refers to a shared {@link ApnProfile}), in the order sent
 * @param defaultContextIdentifier the default APN over non-3GPP access, one of {@code contextIdentifiers} (or 0
 *                                 when there is none)
 * @param trustedAllowed whether access through a trusted non-3GPP access network (AN-Trusted TRUSTED) is allowed
 * @param untrustedAllowed whether access through an untrusted one (AN-Trusted UNTRUSTED, via an ePDG) is allowed
 * @param ratTypesNotAllowed the access types the USIM may not use, named as the dictionary names RAT-Type's values
 *                           (TS 29.212 5.3.31, e.g. WLAN, HRPD); sent as RAT-Type AVPs (8.2.3.1)
 */
public record Non3gppSubscription(
        boolean accessAllowed,
        boolean apnsEnabled,
        List<Integer> contextIdentifiers,
        int defaultContextIdentifier,
        boolean trustedAllowed,
        boolean untrustedAllowed,
        List<String> ratTypesNotAllowed) {

    public Non3gppSubscription {
        contextIdentifiers = contextIdentifiers == null ? List.of() : List.copyOf(contextIdentifiers);
        ratTypesNotAllowed = ratTypesNotAllowed == null ? List.of() : List.copyOf(ratTypesNotAllowed);
        if (contextIdentifiers.stream().distinct().count() != contextIdentifiers.size()) {
            throw new IllegalArgumentException("a Context-Identifier is listed once");
        }
        if (!contextIdentifiers.isEmpty() && !contextIdentifiers.contains(defaultContextIdentifier)) {
            throw new IllegalArgumentException("the default Context-Identifier names none of the allowed APNs");
        }
    }

    /** Whether an access of this trust may be used; null (the request did not say) is allowed. */
    public boolean allowsTrust(Boolean trusted) {
        return trusted == null || (trusted ? trustedAllowed : untrustedAllowed);
    }

    /** Whether this access type may be used; null (the request did not say) is allowed. */
    public boolean allowsRatType(String ratType) {
        return ratType == null || !ratTypesNotAllowed.contains(ratType);
    }
}
