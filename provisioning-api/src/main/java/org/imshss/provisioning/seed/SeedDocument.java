package org.imshss.provisioning.seed;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * The JSON seed format, as written by people: references by id, cleartext password or OP allowed
 * (turned into HA1 and OPc by {@link SeedLoader} and never kept), defaults for most fields. Absent
 * fields are null here; the loader applies defaults and reports errors by JSON path.
 */
public record SeedDocument(
        String realm,
        List<Scscf> scscfs,
        List<Charging> chargingInformation,
        List<Ifc> ifcs,
        List<SharedIfcSet> sharedIfcSets,
        List<ServiceProfile> serviceProfiles,
        List<Subscription> subscriptions,
        List<ShApplicationServer> applicationServers,
        List<Dsai> dsai) {

    /** A document without DSAI tags. */
    public SeedDocument(String realm, List<Scscf> scscfs, List<Charging> chargingInformation, List<Ifc> ifcs,
            List<SharedIfcSet> sharedIfcSets, List<ServiceProfile> serviceProfiles, List<Subscription> subscriptions,
            List<ShApplicationServer> applicationServers) {
        this(realm, scscfs, chargingInformation, ifcs, sharedIfcSets, serviceProfiles, subscriptions,
                applicationServers, null);
    }

    public record Scscf(String name, List<Integer> capabilities) {
    }

    public record Charging(
            String id,
            String primaryEventChargingFunctionName,
            String secondaryEventChargingFunctionName,
            String primaryChargingCollectionFunctionName,
            String secondaryChargingCollectionFunctionName) {
    }

    public record Ifc(
            String id,
            Integer priority,
            TriggerPoint triggerPoint,
            ApplicationServer applicationServer,
            Integer profilePartIndicator) {
    }

    public record TriggerPoint(Boolean conditionTypeCnf, List<Spt> spts) {
    }

    /** Exactly one of requestUri, method, sipHeader, sessionCase, sessionDescription. */
    public record Spt(
            Boolean conditionNegated,
            List<Integer> groups,
            String requestUri,
            String method,
            List<Integer> registrationTypes,
            SipHeader sipHeader,
            Integer sessionCase,
            SessionDescription sessionDescription) {
    }

    public record SipHeader(String header, String content) {
    }

    public record SessionDescription(String line, String content) {
    }

    public record ApplicationServer(
            String serverName,
            Integer defaultHandling,
            String serviceInfo,
            Boolean includeRegisterRequest,
            Boolean includeRegisterResponse) {
    }

    public record SharedIfcSet(Integer id, String name, List<String> ifcs) {
    }

    public record ServiceProfile(String id, List<String> ifcs, List<Integer> sharedIfcSets,
            Integer subscribedMediaProfileId) {
    }

    public record Subscription(
            String id,
            List<String> allowedVisitedNetworks,
            String chargingInformation,
            List<Integer> mandatoryCapabilities,
            List<Integer> optionalCapabilities,
            List<String> preferredScscfs,
            Boolean looseRouteRequired,
            List<PrivateId> privateIdentities,
            List<ImplicitSet> implicitRegistrationSets,
            List<PublicId> publicIdentities) {
    }

    /**
     * Credentials: {@code password} or {@code ha1} for SIP Digest; {@code k} with {@code op} or {@code opc}
     * (and {@code amf}) for IMS-AKA. {@code cleartextPassword: true} (with {@code password}) allows Digest-MD5,
     * which needs the password itself: it is then kept, encrypted. {@link #toString()} never shows them.
     */
    public record PrivateId(
            String impi,
            String realm,
            String password,
            String ha1,
            String k,
            String op,
            String opc,
            String amf,
            List<String> authSchemes,
            String defaultScheme,
            List<String> publicIdentities,
            String lineIdentifier,
            String ipAddress,
            Boolean cleartextPassword) {

        @Override
        public String toString() {
            return "PrivateId[impi=" + impi + ", realm=" + realm + ", authSchemes=" + authSchemes
                    + ", defaultScheme=" + defaultScheme + ", publicIdentities=" + publicIdentities + "]";
        }
    }

    /**
     * An implicit registration set: either a plain JSON array of identities (its id is then
     * {@code <subscription id>/<index>}) or an object {@code {"id": ..., "publicIdentities": [...]}}.
     */
    public record ImplicitSet(String id, List<String> publicIdentities) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ImplicitSet {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ImplicitSet of(List<String> publicIdentities) {
            return new ImplicitSet(null, publicIdentities);
        }
    }

    public record PublicId(
            String identity,
            String type,
            String serviceProfile,
            Boolean barred,
            String displayName,
            String aliasGroup,
            Boolean psiActivated,
            String psiAsName,
            String msisdn) {
    }

    /**
     * An application server allowed on Sh (TS 29.328 6.1). Each list names Data-References by their
     * TS 29.329 name (e.g. "RepositoryData", "IMSUserState") or number.
     *
     * @param diameterHost the AS's Diameter identity (Origin-Host)
     * @param serverName the AS's SIP URI as its iFCs name it
     * @param read Data-References the AS may read (UDR)
     * @param update Data-References the AS may update (PUR)
     * @param subscribe Data-References the AS may subscribe to (SNR)
     */
    /**
     * A Dynamic Service Activation Info tag (TS 29.328 7.6.11) and the iFCs it governs: an AS whose iFC it governs
     * may read, set and watch it over Sh, and an iFC all of whose tags are INACTIVE for an identity is not sent to
     * the S-CSCF for that identity.
     *
     * @param tag the DSAI-Tag as application servers send it
     * @param ifcs ids of iFCs, defined in the same document or already stored
     */
    public record Dsai(String tag, List<String> ifcs) {
    }

    public record ShApplicationServer(
            String diameterHost,
            String serverName,
            List<String> read,
            List<String> update,
            List<String> subscribe) {
    }
}
