package org.imshss.hss.config;

import static org.imshss.hss.config.ConfigValues.bool;
import static org.imshss.hss.config.ConfigValues.list;
import static org.imshss.hss.config.ConfigValues.nonNegative;
import static org.imshss.hss.config.ConfigValues.number;
import static org.imshss.hss.config.ConfigValues.port;
import static org.imshss.hss.config.ConfigValues.positive;
import static org.imshss.hss.config.ConfigValues.text;
import static org.imshss.hss.config.ConfigValues.tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.configuration2.Configuration;
import org.apache.ignite.configuration.WALMode;
import org.imshss.hss.auth.SequenceNumbers;
import org.imshss.provisioning.model.PasswordSealer;
import org.imshss.provisioning.rest.RestSettings;
import org.imshss.provisioning.store.GridSettings;

/** Every setting of one HSS process, validated. */
public record HssSettings(DiameterSettings diameter, GridConfig grid, CxSettings cx, AuthSettings auth,
        ShSettings sh, RestSettings rest) {

    /** Without the provisioning API. */
    public HssSettings(DiameterSettings diameter, GridConfig grid, CxSettings cx, AuthSettings auth, ShSettings sh) {
        this(diameter, grid, cx, auth, sh, REST_DISABLED);
    }

    public static final RestSettings REST_DISABLED = new RestSettings(false, "127.0.0.1", 0, List.of(), 1, 1, 0);

    /** With another provisioning API configuration. */
    public HssSettings withRest(RestSettings other) {
        return new HssSettings(diameter, grid, cx, auth, sh, other);
    }

    /** With the default Sh settings. */
    public HssSettings(DiameterSettings diameter, GridConfig grid, CxSettings cx, AuthSettings auth) {
        this(diameter, grid, cx, auth, ShSettings.DEFAULTS);
    }

    /** Settings without a password key: Digest-MD5 (cleartext passwords) is then unavailable. */
    public HssSettings(DiameterSettings diameter, GridConfig grid, CxSettings cx) {
        this(diameter, grid, cx, AuthSettings.NONE);
    }

    /**
     * @param identity the Diameter identity (Origin-Host) of this HSS
     * @param acceptUndefinedPeers accept a CER from any peer (otherwise only configured peers)
     */
    public record DiameterSettings(
            String bindAddress,
            int port,
            String identity,
            String realm,
            String productName,
            boolean acceptUndefinedPeers,
            Duration requestTimeout,
            Duration watchdogInterval,
            int queueSize,
            int processingThreads) {
    }

    /**
     * The grid node; see the store's GridSettings for the meaning of each field.
     *
     * @param decodedCacheEntries subscriber records of each kind kept decoded on this node's heap
     */
    public record GridConfig(
            String instanceName,
            String bindAddress,
            int discoveryPort,
            int discoveryPortRange,
            int communicationPort,
            List<String> discoveryAddresses,
            boolean persistence,
            Path workDirectory,
            int backups,
            int decodedCacheEntries,
            long dataRegionMaxBytes,
            int walSegmentSizeBytes,
            int walSegments,
            GridSettings.Durability durability,
            GridSettings.Membership membership) {

        /** With the default data region, WAL, durability and membership settings. */
        public GridConfig(String instanceName, String bindAddress, int discoveryPort, int discoveryPortRange,
                int communicationPort, List<String> discoveryAddresses, boolean persistence, Path workDirectory,
                int backups, int decodedCacheEntries) {
            this(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort, discoveryAddresses,
                    persistence, workDirectory, backups, decodedCacheEntries, GridSettings.DEFAULT_DATA_REGION_MAX,
                    GridSettings.DEFAULT_WAL_SEGMENT_SIZE, GridSettings.DEFAULT_WAL_SEGMENTS,
                    GridSettings.Durability.DEFAULTS, GridSettings.Membership.DEFAULTS);
        }
    }

    /**
     * @param homeNetworks Visited-Network-Identifier values that are the home network: never a roaming refusal
     * @param authPendingTimeout after this an authentication-pending flag set by MAR counts as expired
     *                           (Kamailio's S-CSCF never sends SAR AUTHENTICATION_TIMEOUT)
     * @param keepServerNameOnDeregistration whether SAR types 6/7 keep the S-CSCF name (else 2004)
     * @param maxAuthItems cap on vectors returned in one MAA
     * @param sharedIfcSetsSupported S-CSCFs understand SharedIFCSetID; else shared sets are expanded into
     *                               each profile (Kamailio 5.6 ignores SharedIFCSetID)
     * @param sqnIndBits length of IND in the AKA sequence number (TS 33.102 Annex C.3.2), 0..10
     */
    public record CxSettings(
            List<String> homeNetworks,
            Duration authPendingTimeout,
            boolean keepServerNameOnDeregistration,
            int maxAuthItems,
            boolean sharedIfcSetsSupported,
            int sqnIndBits) {

        /** With the usual 5-bit IND. */
        public CxSettings(List<String> homeNetworks, Duration authPendingTimeout,
                boolean keepServerNameOnDeregistration, int maxAuthItems, boolean sharedIfcSetsSupported) {
            this(homeNetworks, authPendingTimeout, keepServerNameOnDeregistration, maxAuthItems,
                    sharedIfcSetsSupported, SequenceNumbers.DEFAULT_IND_BITS);
        }
    }

    /**
     * @param passwordKey AES-256 key (32 octets) that encrypts the passwords kept for Digest-MD5, or null when
     *                    none is configured; never shown by toString
     */
    public record AuthSettings(byte[] passwordKey) {

        public static final AuthSettings NONE = new AuthSettings(null);

        public AuthSettings {
            passwordKey = passwordKey == null ? null : passwordKey.clone();
        }

        @Override
        public byte[] passwordKey() {
            return passwordKey == null ? null : passwordKey.clone();
        }

        /** The sealer for this key, or null without a key. */
        public PasswordSealer sealer() {
            return passwordKey == null ? null : new PasswordSealer(passwordKey);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AuthSettings other && Arrays.equals(passwordKey, other.passwordKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(passwordKey);
        }

        @Override
        public String toString() {
            return "AuthSettings[passwordKey=" + (passwordKey == null ? "none" : "***") + "]";
        }
    }

    /**
     * @param maxRepositoryDataBytes largest ServiceData a PUR may store (else DIAMETER_ERROR_TOO_MUCH_DATA)
     * @param maxSubscription longest subscription the HSS grants; also the one granted without Expiry-Time
     * @param notificationAttempts how often a PNR is sent before the HSS gives up on it
     * @param notificationRetryDelay delay before the first PNR retry, doubled for each further one
     * @param subscriptionSweep how often each node drops the expired subscriptions it holds
     */
    public record ShSettings(
            int maxRepositoryDataBytes,
            Duration maxSubscription,
            int notificationAttempts,
            Duration notificationRetryDelay,
            Duration subscriptionSweep) {

        public static final ShSettings DEFAULTS =
                new ShSettings(65_536, Duration.ofDays(1), 4, Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    static HssSettings from(Configuration c) {
        DiameterSettings diameter = new DiameterSettings(
                text(c, "diameter.bind-address"),
                port(c, "diameter.port"),
                text(c, "diameter.identity"),
                text(c, "diameter.realm"),
                text(c, "diameter.product-name"),
                bool(c, "diameter.accept-undefined-peers"),
                Duration.ofMillis(positive(c, "diameter.request-timeout-ms")),
                Duration.ofMillis(positive(c, "diameter.watchdog-interval-ms")),
                positive(c, "diameter.queue-size"),
                positive(c, "diameter.processing-threads"));
        GridConfig grid = new GridConfig(
                text(c, "grid.instance-name"),
                text(c, "grid.bind-address"),
                port(c, "grid.discovery-port"),
                nonNegative(c, "grid.discovery-port-range"),
                port(c, "grid.communication-port"),
                list(c, "grid.discovery-addresses"),
                bool(c, "grid.persistence"),
                Path.of(text(c, "grid.work-directory")),
                nonNegative(c, "grid.backups"),
                positive(c, "grid.decoded-cache-entries"),
                megabytes(c, "grid.data-region-max-mb"),
                (int) megabytes(c, "grid.wal-segment-size-mb", 1, 1024),
                atLeast(c, "grid.wal-segments", 2),
                new GridSettings.Durability(
                        walMode(c, "grid.wal-mode"),
                        megabytes(c, "grid.wal-archive-max-mb"),
                        Duration.ofMillis(positive(c, "grid.checkpoint-frequency-ms"))),
                new GridSettings.Membership(
                        Duration.ofMillis(atLeast(c, "grid.failure-detection-timeout-ms", 100)),
                        list(c, "grid.initial-baseline"),
                        optionalMillis(c, "grid.baseline-auto-adjust-ms")));
        CxSettings cx = new CxSettings(
                list(c, "cx.home-networks"),
                Duration.ofSeconds(positive(c, "cx.auth-pending-timeout-s")),
                bool(c, "cx.keep-server-name-on-deregistration"),
                positive(c, "cx.max-auth-items"),
                bool(c, "cx.shared-ifc-sets-supported"),
                indBits(c, "cx.sqn-ind-bits"));
        AuthSettings auth = new AuthSettings(key(c, "auth.password-key"));
        ShSettings sh = new ShSettings(
                positive(c, "sh.max-repository-data-bytes"),
                Duration.ofSeconds(positive(c, "sh.max-subscription-seconds")),
                positive(c, "sh.notification-attempts"),
                Duration.ofMillis(positive(c, "sh.notification-retry-ms")),
                Duration.ofSeconds(positive(c, "sh.subscription-sweep-seconds")));
        RestSettings rest = new RestSettings(
                bool(c, "rest.enabled"),
                text(c, "rest.bind-address"),
                port(c, "rest.port"),
                tokens(c, "rest.tokens"),
                positive(c, "rest.max-request-bytes"),
                positive(c, "rest.max-import-line-bytes"),
                nonNegative(c, "rest.requests-per-second"),
                ConfigValues.restTls(c));
        return new HssSettings(diameter, grid, cx, auth, sh, rest);
    }

    private static long megabytes(Configuration c, String key) {
        return megabytes(c, key, 1, 1L << 30);
    }

    private static long megabytes(Configuration c, String key, long min, long max) {
        long value = number(c, key);
        if (value < min || value > max) {
            throw new InvalidConfigurationException(key, "must be " + min + ".." + max + " (megabytes), not " + value);
        }
        return value * 1024 * 1024;
    }

    private static int atLeast(Configuration c, String key, int min) {
        long value = number(c, key);
        if (value < min || value > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(key, "must be at least " + min + ", not " + value);
        }
        return (int) value;
    }

    private static WALMode walMode(Configuration c, String key) {
        String value = text(c, key).toUpperCase(java.util.Locale.ROOT);
        for (WALMode mode : List.of(WALMode.FSYNC, WALMode.LOG_ONLY, WALMode.BACKGROUND)) {
            if (mode.name().equals(value)) {
                return mode;
            }
        }
        throw new InvalidConfigurationException(key, "must be FSYNC, LOG_ONLY or BACKGROUND, not '" + value + "'");
    }

    /** Empty means off (null). */
    private static Duration optionalMillis(Configuration c, String key) {
        if (c.getString(key, "").isBlank()) {
            return null;
        }
        long value = number(c, key);
        if (value < 0) {
            throw new InvalidConfigurationException(key, "must be empty (off) or at least 0, not " + value);
        }
        return Duration.ofMillis(value);
    }

    private static int indBits(Configuration c, String key) {
        long value = number(c, key);
        if (value < 0 || value > SequenceNumbers.MAX_IND_BITS) {
            throw new InvalidConfigurationException(key, "must be 0.." + SequenceNumbers.MAX_IND_BITS + ", not " + value);
        }
        return (int) value;
    }

    /** Empty means no key. The value is a secret: no message ever quotes it. */
    private static byte[] key(Configuration c, String key) {
        String value = c.getString(key, "").trim();
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("[0-9a-fA-F]{" + 2 * PasswordSealer.KEY_BYTES + "}")) {
            throw new InvalidConfigurationException(key, "must be " + 2 * PasswordSealer.KEY_BYTES
                    + " hex digits (a " + PasswordSealer.KEY_BYTES + "-octet AES-256 key)");
        }
        return HexFormat.of().parseHex(value);
    }
}
