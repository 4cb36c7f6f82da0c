package org.imshss.provisioning.store;

import java.util.List;

/** The grid caches of the subscriber data, one per kind of record; keys are Strings, values codec bytes. */
public final class CacheNames {

    public static final String SUBSCRIPTIONS = "hss-subscriptions";
    public static final String PRIVATE_IDS = "hss-private-ids";
    public static final String PUBLIC_IDS = "hss-public-ids";
    /** Wildcarded PSIs and IMPUs keyed by their wildcard string (TS 23.003 13.5). */
    public static final String WILDCARDS = "hss-wildcards";
    public static final String IMPLICIT_SETS = "hss-implicit-sets";
    public static final String SERVICE_PROFILES = "hss-service-profiles";
    public static final String IFCS = "hss-ifcs";
    public static final String SHARED_IFC_SETS = "hss-shared-ifc-sets";
    public static final String CHARGING = "hss-charging";
    public static final String SCSCFS = "hss-scscfs";
    public static final String REGISTRATIONS = "hss-registrations";
    /** SQN_HE per private identity (TS 33.102 Annex C), changed only through atomic updates. */
    public static final String AUTH_SEQUENCES = "hss-auth-sequences";
    /** Public identity key by MSISDN (E.164 digits), for Sh User-Identity MSISDN (TS 29.329 6.3.2). */
    public static final String MSISDNS = "hss-msisdns";
    /** Sh application servers and their permissions by Diameter identity (TS 29.328 6.1). */
    public static final String SH_APPLICATION_SERVERS = "hss-sh-application-servers";
    /** Sh repository data by identity, all its Service-Indications in one entry (TS 29.328 7.6.1). */
    public static final String SH_REPOSITORY = "hss-sh-repository";
    /** Sh subscriptions to notifications by identity (TS 29.328 6.1.4). */
    public static final String SH_SUBSCRIPTIONS = "hss-sh-subscriptions";
    /** DSAI tags and the iFCs each governs, by tag (TS 29.328 7.6.11). */
    public static final String SH_DSAI = "hss-sh-dsai";
    /** DSAI-Values by identity; absent means every tag ACTIVE (TS 29.328 7.6.11). */
    public static final String SH_DSAI_VALUES = "hss-sh-dsai-values";

    /** USIMs (authentication and EPS subscription) by IMSI (TS 23.003 2.2). */
    public static final String USIMS = "hss-usims";
    /** APN profiles by id, shared by the EPS subscriptions that refer to them. */
    public static final String APN_PROFILES = "hss-apn-profiles";
    /** EPS registration (serving MME and SGSN) by IMSI, changed only through atomic updates. */
    public static final String EPS_REGISTRATIONS = "hss-eps-registrations";
    /** The 3GPP AAA server of each USIM on SWx (TS 29.273 8.1.2.2) by IMSI, changed only through atomic updates. */
    public static final String AAA_REGISTRATIONS = "hss-aaa-registrations";

    /** Provisioning changes, by zero-padded sequence number (the REST API's audit trail). */
    public static final String AUDIT = "hss-audit";

    /**
     * The caches a bulk import writes (not the audit trail, which must survive whatever happens to a load): their
     * write-ahead log is off during an initial load.
     */
    public static final List<String> INITIAL_LOAD = List.of(SUBSCRIPTIONS, PRIVATE_IDS, PUBLIC_IDS, IMPLICIT_SETS,
            MSISDNS, USIMS);

    /** Caches with one entry per subscriber; the others hold shared, few entries. */
    public static final List<String> PER_SUBSCRIBER =
            List.of(SUBSCRIPTIONS, PRIVATE_IDS, PUBLIC_IDS, IMPLICIT_SETS, REGISTRATIONS, AUTH_SEQUENCES, MSISDNS,
                    SH_REPOSITORY, SH_SUBSCRIPTIONS, SH_DSAI_VALUES, USIMS, EPS_REGISTRATIONS, AAA_REGISTRATIONS);

    public static final List<String> ALL = List.of(SUBSCRIPTIONS, PRIVATE_IDS, PUBLIC_IDS, WILDCARDS,
            IMPLICIT_SETS, SERVICE_PROFILES, IFCS, SHARED_IFC_SETS, CHARGING, SCSCFS, REGISTRATIONS, AUTH_SEQUENCES,
            MSISDNS, SH_APPLICATION_SERVERS, SH_REPOSITORY, SH_SUBSCRIPTIONS, SH_DSAI, SH_DSAI_VALUES, USIMS,
            APN_PROFILES, EPS_REGISTRATIONS, AAA_REGISTRATIONS, AUDIT);

    private CacheNames() {
    }
}
