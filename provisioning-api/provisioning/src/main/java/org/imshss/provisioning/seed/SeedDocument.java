package org.imshss.provisioning.seed;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
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
        List<Dsai> dsai,
        List<ApnProfile> apnProfiles) {

    /** A document without APN profiles. */
    public SeedDocument(String realm, List<Scscf> scscfs, List<Charging> chargingInformation, List<Ifc> ifcs,
            List<SharedIfcSet> sharedIfcSets, List<ServiceProfile> serviceProfiles, List<Subscription> subscriptions,
            List<ShApplicationServer> applicationServers, List<Dsai> dsai) {
        this(realm, scscfs, chargingInformation, ifcs, sharedIfcSets, serviceProfiles, subscriptions,
                applicationServers, dsai, null);
    }

    /** A document without DSAI tags. */
    public SeedDocument(String realm, List<Scscf> scscfs, List<Charging> chargingInformation, List<Ifc> ifcs,
            List<SharedIfcSet> sharedIfcSets, List<ServiceProfile> serviceProfiles, List<Subscription> subscriptions,
            List<ShApplicationServer> applicationServers) {
        this(realm, scscfs, chargingInformation, ifcs, sharedIfcSets, serviceProfiles, subscriptions,
                applicationServers, null);
    }

    public record Scscf(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "sip:scscf.ims.example.org:6060")
            String name,
            @ArraySchema(schema = @Schema(example = "1")) List<Integer> capabilities) {
    }

    public record Charging(
            @Schema(description = "Taken from the path when absent", example = "default") String id,
            @Schema(example = "aaa://ecf.ims.example.org:3868") String primaryEventChargingFunctionName,
            String secondaryEventChargingFunctionName,
            String primaryChargingCollectionFunctionName,
            String secondaryChargingCollectionFunctionName) {
    }

    public record Ifc(
            @Schema(description = "Taken from the path when absent", example = "orig-invite-as") String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "10") Integer priority,
            @Schema(description = "Absent: unconditional") TriggerPoint triggerPoint,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ApplicationServer applicationServer,
            @Schema(description = "0 REGISTERED, 1 UNREGISTERED, absent: both", allowableValues = {"0", "1"})
            Integer profilePartIndicator) {
    }

    public record TriggerPoint(Boolean conditionTypeCnf, List<Spt> spts) {
    }

    /** Exactly one of requestUri, method, sipHeader, sessionCase, sessionDescription. */
    public record Spt(
            Boolean conditionNegated,
            @ArraySchema(schema = @Schema(example = "0"), minItems = 1) List<Integer> groups,
            @Schema(example = "sip:conference@ims.example.org") String requestUri,
            @Schema(example = "INVITE") String method,
            @ArraySchema(schema = @Schema(description = "0 INITIAL, 1 RE-REGISTRATION, 2 DE-REGISTRATION",
                    allowableValues = {"0", "1", "2"})) List<Integer> registrationTypes,
            SipHeader sipHeader,
            @Schema(description = "0 ORIGINATING_REGISTERED, 1 TERMINATING_REGISTERED, 2 TERMINATING_UNREGISTERED, "
                    + "3 ORIGINATING_UNREGISTERED, 4 ORIGINATING_CDIV", allowableValues = {"0", "1", "2", "3", "4"})
            Integer sessionCase,
            SessionDescription sessionDescription) {
    }

    public record SipHeader(String header, String content) {
    }

    public record SessionDescription(String line, String content) {
    }

    public record ApplicationServer(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "sip:as.ims.example.org:5070")
            String serverName,
            @Schema(description = "0 SESSION_CONTINUED (the default), 1 SESSION_TERMINATED",
                    allowableValues = {"0", "1"}) Integer defaultHandling,
            String serviceInfo,
            Boolean includeRegisterRequest,
            Boolean includeRegisterResponse) {
    }

    public record SharedIfcSet(
            @Schema(description = "Taken from the path when absent", example = "7") Integer id,
            String name,
            @ArraySchema(schema = @Schema(example = "orig-invite-as"), minItems = 1) List<String> ifcs) {
    }

    public record ServiceProfile(
            @Schema(description = "Taken from the path when absent", example = "default") String id,
            @ArraySchema(schema = @Schema(example = "orig-invite-as")) List<String> ifcs,
            List<Integer> sharedIfcSets,
            @Schema(example = "0") Integer subscribedMediaProfileId) {
    }

    public record Subscription(
            @Schema(description = "Required by POST; taken from the path by PUT when absent", example = "alice")
            String id,
            List<String> allowedVisitedNetworks,
            String chargingInformation,
            List<Integer> mandatoryCapabilities,
            List<Integer> optionalCapabilities,
            List<String> preferredScscfs,
            Boolean looseRouteRequired,
            List<PrivateId> privateIdentities,
            List<ImplicitSet> implicitRegistrationSets,
            List<PublicId> publicIdentities,
            List<Usim> usims) {

        /** A subscription without USIMs. */
        public Subscription(String id, List<String> allowedVisitedNetworks, String chargingInformation,
                List<Integer> mandatoryCapabilities, List<Integer> optionalCapabilities, List<String> preferredScscfs,
                Boolean looseRouteRequired, List<PrivateId> privateIdentities,
                List<ImplicitSet> implicitRegistrationSets, List<PublicId> publicIdentities) {
            this(id, allowedVisitedNetworks, chargingInformation, mandatoryCapabilities, optionalCapabilities,
                    preferredScscfs, looseRouteRequired, privateIdentities, implicitRegistrationSets, publicIdentities,
                    null);
        }
    }

    /**
     * A USIM (TS 31.102) of a subscription: its IMSI, its AKA keys ({@code k} with {@code op} or {@code opc}, and
     * {@code amf}; write-only like a private identity's, kept when a document leaves them out) and its EPS
     * subscription. {@link #toString()} never shows the keys.
     */
    public record Usim(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[0-9]{6,15}$", example = "001010000000001")
            String imsi,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, pattern = "^[0-9a-fA-F]{32}$") String k,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, pattern = "^[0-9a-fA-F]{32}$") String op,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, pattern = "^[0-9a-fA-F]{32}$") String opc,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, pattern = "^[0-9a-fA-F]{4}$", example = "8000")
            String amf,
            @Schema(description = "Absent: the USIM has no EPS subscription") Eps eps,
            @Schema(description = "Absent: the USIM has no non-3GPP access subscription (SWx)") Non3gpp non3gpp) {

        /** A USIM without non-3GPP access subscription. */
        public Usim(String imsi, String k, String op, String opc, String amf, Eps eps) {
            this(imsi, k, op, opc, amf, eps, null);
        }

        @Override
        public String toString() {
            return "Usim[imsi=" + imsi + ", eps=" + eps + ", non3gpp=" + non3gpp + "]";
        }
    }

    /**
     * The non-3GPP access subscription of a USIM (TS 29.273 8.2.3.1 Non-3GPP-User-Data): whether it may use
     * non-3GPP IP access (8.2.3.3), whether APNs may be used over it (8.2.3.4), which of its EPS subscription's APNs
     * (by APN profile, each among {@code eps.apns}) and through which kinds of access.
     */
    @Schema(name = "Non3gpp", example = "{\"ipAccessAllowed\": true, \"apnsEnabled\": true, "
            + "\"apns\": [\"ims\", \"internet\"], \"defaultApn\": \"internet\", \"trustedAccessAllowed\": true, "
            + "\"untrustedAccessAllowed\": true, \"ratTypesNotAllowed\": [\"HRPD\"]}")
    public record Non3gpp(
            @Schema(description = "Non-3GPP-IP-Access: false bars every non-3GPP access; true when absent")
            Boolean ipAccessAllowed,
            @Schema(description = "Non-3GPP-IP-Access-APN: whether the apns may be used; true when absent")
            Boolean apnsEnabled,
            @ArraySchema(schema = @Schema(description = "An apnProfile among eps.apns", example = "internet"))
            List<String> apns,
            @Schema(description = "An APN profile among apns; when absent the EPS default if among them, else the "
                    + "first", example = "internet") String defaultApn,
            @Schema(description = "Access through a trusted non-3GPP access network; true when absent")
            Boolean trustedAccessAllowed,
            @Schema(description = "Access through an untrusted one (via an ePDG); true when absent")
            Boolean untrustedAccessAllowed,
            @ArraySchema(schema = @Schema(description = "A RAT-Type name (TS 29.212 5.3.31)", example = "HRPD"))
            List<String> ratTypesNotAllowed) {
    }

    /**
     * The EPS subscription of a USIM (TS 29.272 7.3.2 Subscription-Data). Bit masks as TS 29.272 defines them:
     * operatorDeterminedBarring 7.3.30, accessRestrictionData 7.3.31.
     */
    public record Eps(
            @Schema(description = "E.164 digits, '+' optional", example = "15550101") String msisdn,
            List<String> additionalMsisdns,
            @Schema(allowableValues = {"SERVICE_GRANTED", "OPERATOR_DETERMINED_BARRING"},
                    description = "SERVICE_GRANTED when absent") String subscriberStatus,
            @Schema(minimum = "0", maximum = "4294967295") Long operatorDeterminedBarring,
            @Schema(allowableValues = {"PACKET_AND_CIRCUIT", "ONLY_PACKET"}, description = "ONLY_PACKET when absent")
            String networkAccessMode,
            @Schema(minimum = "0", maximum = "4294967295") Long accessRestrictionData,
            @Schema(description = "Required with apns") Ambr ueAmbr,
            @Schema(description = "An apnProfile among apns; the first when absent", example = "internet")
            String defaultApn,
            List<Apn> apns,
            @ArraySchema(schema = @Schema(pattern = "^[0-9]{5,6}$", example = "00101")) List<String> allowedVisitedPlmns,
            @Schema(minimum = "0", description = "Seconds") Long subscribedPeriodicTauTimer,
            @Schema(pattern = "^[0-9a-fA-F]{4}$") String chargingCharacteristics) {
    }

    /** One APN of an EPS subscription: an APN profile under a Context-Identifier, with static addresses. */
    public record Apn(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "internet") String apnProfile,
            @Schema(minimum = "1", description = "Assigned when absent (kept stable on later writes of the same APN)")
            Integer contextIdentifier,
            @ArraySchema(maxItems = 2, schema = @Schema(example = "192.0.2.51")) List<String> staticAddresses) {
    }

    /** An aggregate maximum bit rate (TS 29.272 7.3.41), bit/s. */
    public record Ambr(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "50000000") Long uplink,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", example = "100000000") Long downlink) {
    }

    /** Allocation and retention priority (TS 29.212 5.3.32). */
    public record Arp(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "15", example = "8")
            Integer priorityLevel,
            @Schema(description = "false when absent") Boolean preemptionCapability,
            @Schema(description = "true when absent") Boolean preemptionVulnerability) {
    }

    /** An APN profile shared by EPS subscriptions (TS 29.272 7.3.35 APN-Configuration). */
    public record ApnProfile(
            @Schema(description = "Taken from the path when absent", example = "internet") String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "internet") String serviceSelection,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"IPv4", "IPv6", "IPv4v6", "IPv4_OR_IPv6"}) String pdnType,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "254", example = "9")
            Integer qci,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Arp arp,
            Ambr ambr,
            @Schema(description = "false when absent") Boolean vplmnDynamicAddressAllowed,
            @Schema(pattern = "^[0-9a-fA-F]{4}$") String chargingCharacteristics) {
    }

    /**
     * Credentials: {@code password} or {@code ha1} for SIP Digest; {@code k} with {@code op} or {@code opc}
     * (and {@code amf}) for IMS-AKA, or {@code usim} naming a USIM of the subscription whose keys it uses. {@code cleartextPassword: true} (with {@code password}) allows Digest-MD5,
     * which needs the password itself: it is then kept, encrypted. {@link #toString()} never shows them.
     */
    public record PrivateId(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "alice@ims.example.org") String impi,
            @Schema(example = "ims.example.org") String realm,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, format = "password") String password,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, pattern = "^[0-9a-fA-F]{32}$") String ha1,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, pattern = "^[0-9a-fA-F]{32}$") String k,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, pattern = "^[0-9a-fA-F]{32}$") String op,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, pattern = "^[0-9a-fA-F]{32}$") String opc,
            @Schema(pattern = "^[0-9a-fA-F]{4}$", example = "8000") String amf,
            @ArraySchema(schema = @Schema(allowableValues = {"SIP Digest", "Digest-AKAv1-MD5", "Digest-AKAv2-MD5",
                "Digest-MD5", "HTTP_DIGEST_MD5", "NASS-Bundled", "Early-IMS-Security"})) List<String> authSchemes,
            @Schema(allowableValues = {"SIP Digest", "Digest-AKAv1-MD5", "Digest-AKAv2-MD5", "Digest-MD5",
                "HTTP_DIGEST_MD5", "NASS-Bundled", "Early-IMS-Security"}) String defaultScheme,
            List<String> publicIdentities,
            String lineIdentifier,
            String ipAddress,
            Boolean cleartextPassword,
            @Schema(description = "IMSI of a USIM of the subscription whose keys and SQN IMS-AKA uses, instead of k",
                    example = "001010000000001") String usim) {

        /** A private identity with AKA keys of its own, if any. */
        public PrivateId(String impi, String realm, String password, String ha1, String k, String op, String opc,
                String amf, List<String> authSchemes, String defaultScheme, List<String> publicIdentities,
                String lineIdentifier, String ipAddress, Boolean cleartextPassword) {
            this(impi, realm, password, ha1, k, op, opc, amf, authSchemes, defaultScheme, publicIdentities,
                    lineIdentifier, ipAddress, cleartextPassword, null);
        }

        @Override
        public String toString() {
            return "PrivateId[impi=" + impi + ", realm=" + realm + ", authSchemes=" + authSchemes
                    + ", defaultScheme=" + defaultScheme + ", publicIdentities=" + publicIdentities
                    + ", usim=" + usim + "]";
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
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "sip:alice@ims.example.org") String identity,
            @Schema(allowableValues = {"PUBLIC_USER_IDENTITY", "DISTINCT_PSI", "WILDCARDED_PSI", "WILDCARDED_IMPU"},
                    description = "PUBLIC_USER_IDENTITY when absent") String type,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "default") String serviceProfile,
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
    public record Dsai(
            @Schema(description = "Taken from the path when absent", example = "conference") String tag,
            @ArraySchema(schema = @Schema(example = "orig-invite-as"), minItems = 1) List<String> ifcs) {
    }

    public record ShApplicationServer(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "as.ims.example.org") String diameterHost,
            @Schema(example = "sip:as.ims.example.org:5070") String serverName,
            @ArraySchema(schema = @Schema(ref = DATA_REFERENCE)) List<String> read,
            @ArraySchema(schema = @Schema(ref = DATA_REFERENCE)) List<String> update,
            @ArraySchema(schema = @Schema(ref = DATA_REFERENCE)) List<String> subscribe) {

        /** The schema of a Data-Reference name (TS 29.329 6.3.4); a number is accepted too. */
        public static final String DATA_REFERENCE = "#/components/schemas/DataReference";
    }
}
