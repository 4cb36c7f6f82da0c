package org.imshss.provisioning.model;

import java.util.List;
import java.util.Set;

/**
 * One IMS subscription (TS 23.228 4.3.3.4): the private identities of a user, the S-CSCF capabilities
 * the user needs, the visited networks the user may register from and the charging functions.
 *
 * @param mandatoryCapabilities capabilities every S-CSCF serving this user must have (Server-Capabilities)
 * @param optionalCapabilities capabilities preferred for the S-CSCF
 * @param preferredScscfs S-CSCF SIP URIs offered first to the I-CSCF (Server-Name inside Server-Capabilities)
 * @param allowedVisitedNetworks Visited-Network-Identifier values the user may register from
 * @param chargingInformationId a {@link ChargingInformation} id, or null
 * @param looseRouteRequired whether SAA carries Loose-Route-Indication LOOSE_ROUTE_REQUIRED
 * @param implicitSetIds the implicit registration sets of the subscription, PSI-only ones included
 */
public record ImsSubscription(
        String id,
        List<String> privateIdentities,
        Set<Integer> mandatoryCapabilities,
        Set<Integer> optionalCapabilities,
        List<String> preferredScscfs,
        List<String> allowedVisitedNetworks,
        String chargingInformationId,
        boolean looseRouteRequired,
        List<String> implicitSetIds) {

    public ImsSubscription {
        privateIdentities = List.copyOf(privateIdentities);
        implicitSetIds = implicitSetIds == null ? List.of() : List.copyOf(implicitSetIds);
        mandatoryCapabilities = Set.copyOf(mandatoryCapabilities);
        optionalCapabilities = Set.copyOf(optionalCapabilities);
        preferredScscfs = List.copyOf(preferredScscfs);
        allowedVisitedNetworks = List.copyOf(allowedVisitedNetworks);
    }

    /** Without the list of implicit sets (they are then found through the private identities). */
    public ImsSubscription(String id, List<String> privateIdentities, Set<Integer> mandatoryCapabilities,
            Set<Integer> optionalCapabilities, List<String> preferredScscfs, List<String> allowedVisitedNetworks,
            String chargingInformationId, boolean looseRouteRequired) {
        this(id, privateIdentities, mandatoryCapabilities, optionalCapabilities, preferredScscfs,
                allowedVisitedNetworks, chargingInformationId, looseRouteRequired, List.of());
    }

    /** Case-insensitive: network identifiers are domain names. */
    public boolean allowsVisitedNetwork(String visitedNetwork) {
        for (String allowed : allowedVisitedNetworks) {
            if (allowed.equalsIgnoreCase(visitedNetwork)) {
                return true;
            }
        }
        return false;
    }
}
