package org.imshss.provisioning.model;

import java.util.List;
import java.util.Objects;
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
 * @param incarnation random, chosen when the subscriber is created through the API or a bulk import, so that one
 *                    deleted and created again never shows an entity tag it had before; null in older records
 * @param version raised by one with every write of the subscriber; 0 in records written before it was kept
 * @param imsis the IMSIs of the subscriber's USIMs ({@link Usim}), written with the subscriber
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
        List<String> implicitSetIds,
        String incarnation,
        long version,
        List<String> imsis) {

    public ImsSubscription {
        privateIdentities = List.copyOf(privateIdentities);
        imsis = imsis == null ? List.of() : List.copyOf(imsis);
        implicitSetIds = implicitSetIds == null ? List.of() : List.copyOf(implicitSetIds);
        mandatoryCapabilities = Set.copyOf(mandatoryCapabilities);
        optionalCapabilities = Set.copyOf(optionalCapabilities);
        preferredScscfs = List.copyOf(preferredScscfs);
        allowedVisitedNetworks = List.copyOf(allowedVisitedNetworks);
    }

    /** A subscription without USIMs. */
    public ImsSubscription(String id, List<String> privateIdentities, Set<Integer> mandatoryCapabilities,
            Set<Integer> optionalCapabilities, List<String> preferredScscfs, List<String> allowedVisitedNetworks,
            String chargingInformationId, boolean looseRouteRequired, List<String> implicitSetIds,
            String incarnation, long version) {
        this(id, privateIdentities, mandatoryCapabilities, optionalCapabilities, preferredScscfs,
                allowedVisitedNetworks, chargingInformationId, looseRouteRequired, implicitSetIds, incarnation, version,
                List.of());
    }

    /** A subscription not versioned yet (as a document converts to). */
    public ImsSubscription(String id, List<String> privateIdentities, Set<Integer> mandatoryCapabilities,
            Set<Integer> optionalCapabilities, List<String> preferredScscfs, List<String> allowedVisitedNetworks,
            String chargingInformationId, boolean looseRouteRequired, List<String> implicitSetIds) {
        this(id, privateIdentities, mandatoryCapabilities, optionalCapabilities, preferredScscfs,
                allowedVisitedNetworks, chargingInformationId, looseRouteRequired, implicitSetIds, null, 0);
    }

    /** Without the list of implicit sets (they are then found through the private identities). */
    public ImsSubscription(String id, List<String> privateIdentities, Set<Integer> mandatoryCapabilities,
            Set<Integer> optionalCapabilities, List<String> preferredScscfs, List<String> allowedVisitedNetworks,
            String chargingInformationId, boolean looseRouteRequired) {
        this(id, privateIdentities, mandatoryCapabilities, optionalCapabilities, preferredScscfs,
                allowedVisitedNetworks, chargingInformationId, looseRouteRequired, List.of());
    }

    /** The same subscription at another version. */
    public ImsSubscription versioned(String incarnation, long version) {
        return new ImsSubscription(id, privateIdentities, mandatoryCapabilities, optionalCapabilities,
                preferredScscfs, allowedVisitedNetworks, chargingInformationId, looseRouteRequired, implicitSetIds,
                incarnation, version, imsis);
    }

    /** The same subscription with these USIMs. */
    public ImsSubscription withImsis(List<String> usimImsis) {
        return new ImsSubscription(id, privateIdentities, mandatoryCapabilities, optionalCapabilities,
                preferredScscfs, allowedVisitedNetworks, chargingInformationId, looseRouteRequired, implicitSetIds,
                incarnation, version, usimImsis);
    }

    /** Whether both are the same write of the same subscriber: what an If-Match compares. */
    public boolean sameVersion(ImsSubscription other) {
        return other != null && version == other.version && Objects.equals(incarnation, other.incarnation);
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
