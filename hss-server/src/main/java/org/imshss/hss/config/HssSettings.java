package org.imshss.hss.config;

import static org.imshss.node.config.ConfigValues.bool;
import static org.imshss.node.config.ConfigValues.list;
import static org.imshss.node.config.ConfigValues.nonNegative;
import static org.imshss.node.config.ConfigValues.number;
import static org.imshss.node.config.ConfigValues.port;
import static org.imshss.node.config.ConfigValues.positive;
import static org.imshss.node.config.ConfigValues.text;
import static org.imshss.node.config.ConfigValues.tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.configuration2.Configuration;
import org.apache.ignite.configuration.WALMode;
import org.imshss.hss.auth.SequenceNumbers;
import org.imshss.http.RestSettings;
import org.imshss.node.config.ConfigValues;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.InvalidConfigurationException;
import org.imshss.node.config.WarmUpSettings;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.GridTls;

/** Every setting of one HSS process, validated. */
public record HssSettings(DiameterSettings diameter, GridConfig grid, CxSettings cx, AuthSettings auth,
        ShSettings sh, RestSettings rest, S6aSettings s6a, WarmUpSettings warmUp) {

    /** The HSS's warm-up by default. */
    public static final WarmUpSettings WARM_UP_DEFAULTS = new WarmUpSettings(true, 30_000, Duration.ofSeconds(20));

    /** With the default warm-up. */
    public HssSettings(DiameterSettings diameter, GridConfig grid, CxSettings cx, AuthSettings auth, ShSettings sh,
            RestSettings rest, S6aSettings s6a) {
        this(diameter, grid, cx, auth, sh, rest, s6a, WARM_UP_DEFAULTS);
    }

    /** With the default S6a settings. */
    public HssSettings(DiameterSettings diameter, GridConfig grid, CxSettings cx, AuthSettings auth, ShSettings sh,
            RestSettings rest) {
        this(diameter, grid, cx, auth, sh, rest, S6aSettings.DEFAULTS);
    }

    /** Without the provisioning API. */
    public HssSettings(DiameterSettings diameter, GridConfig grid, CxSettings cx, AuthSettings auth, ShSettings sh) {
        this(diameter, grid, cx, auth, sh, REST_DISABLED);
    }

    public static final RestSettings REST_DISABLED = new RestSettings(false, "127.0.0.1", 0, List.of(), 1, 1, 0);

    /** With another provisioning API configuration. */
    public HssSettings withRest(RestSettings other) {
        return new HssSettings(diameter, grid, cx, auth, sh, other, s6a, warmUp);
    }

    /** With other keys for the secrets at rest. */
    public HssSettings withAuth(AuthSettings other) {
        return new HssSettings(diameter, grid, cx, other, sh, rest, s6a, warmUp);
    }

    /** With other Diameter settings. */
    public HssSettings withDiameter(DiameterSettings other) {
        return new HssSettings(other, grid, cx, auth, sh, rest, s6a, warmUp);
    }

    /** With other S6a settings. */
    public HssSettings withS6a(S6aSettings other) {
        return new HssSettings(diameter, grid, cx, auth, sh, rest, other, warmUp);
    }

    /** With another warm-up. */
    public HssSettings withWarmUp(WarmUpSettings other) {
        return new HssSettings(diameter, grid, cx, auth, sh, rest, s6a, other);
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
     * The grid node; see the store's GridSettings for the meaning of each field.
     *
     * @param decodedCacheEntries subscriber records of each kind kept decoded on this node's heap
     * @param tls mutual TLS between grid nodes, or null for none
     * @param refill after the start, fill the decoded records (and, with persistence, this node's pages) in the
     *               background
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
            GridSettings.Membership membership,
            GridTls tls,
            boolean refill) {

        /** With the background refill. */
        public GridConfig(String instanceName, String bindAddress, int discoveryPort, int discoveryPortRange,
                int communicationPort, List<String> discoveryAddresses, boolean persistence, Path workDirectory,
                int backups, int decodedCacheEntries, long dataRegionMaxBytes, int walSegmentSizeBytes,
                int walSegments, GridSettings.Durability durability, GridSettings.Membership membership,
                GridTls tls) {
            this(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort, discoveryAddresses,
                    persistence, workDirectory, backups, decodedCacheEntries, dataRegionMaxBytes, walSegmentSizeBytes,
                    walSegments, durability, membership, tls, true);
        }

        /** With the default data region, WAL, durability and membership settings. */
        public GridConfig(String instanceName, String bindAddress, int discoveryPort, int discoveryPortRange,
                int communicationPort, List<String> discoveryAddresses, boolean persistence, Path workDirectory,
                int backups, int decodedCacheEntries) {
            this(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort, discoveryAddresses,
                    persistence, workDirectory, backups, decodedCacheEntries, GridSettings.DEFAULT_DATA_REGION_MAX,
                    GridSettings.DEFAULT_WAL_SEGMENT_SIZE, GridSettings.DEFAULT_WAL_SEGMENTS,
                    GridSettings.Durability.DEFAULTS, GridSettings.Membership.DEFAULTS, null);
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
     * @param maxVectors most vectors of each kind (E-UTRAN, UTRAN, GERAN) in one AIA (TS 29.272 5.2.3.1.3), 1..32
     */
    public record S6aSettings(int maxVectors) {

        public static final int MAX_VECTORS_LIMIT = 32;
        public static final S6aSettings DEFAULTS = new S6aSettings(5);

        public S6aSettings {
            if (maxVectors < 1 || maxVectors > MAX_VECTORS_LIMIT) {
                throw new InvalidConfigurationException("s6a.max-vectors", "must be 1.." + MAX_VECTORS_LIMIT
                        + ", not " + maxVectors);
            }
        }
    }

    /**
     * The key-encryption keys of the secrets at rest ({@link Keyring}).
     *
     * @param passwordKey the deprecated {@code auth.password-key} (32 octets), or null; it joins the ring as
     *                    {@value Keyring#LEGACY_PASSWORD_KEY_ID}
     * @param keys AES-256 keys (32 octets each) by id ({@code secrets.keys})
     * @param activeKey the id new values are sealed under; null for the only key there is (or none)
     * @param required whether start-up is refused without any key ({@code secrets.required})
     */
    public record AuthSettings(byte[] passwordKey, Map<String, byte[]> keys, String activeKey, boolean required) {

        public static final AuthSettings NONE = new AuthSettings(null);

        /** Only the deprecated password key (or none). */
        public AuthSettings(byte[] passwordKey) {
            this(passwordKey, Map.of(), null, false);
        }

        /** Keys by id, the given one active. */
        public static AuthSettings keys(Map<String, byte[]> keys, String activeKey) {
            return new AuthSettings(null, keys, activeKey, false);
        }

        public AuthSettings {
            passwordKey = passwordKey == null ? null : passwordKey.clone();
            Map<String, byte[]> copy = new TreeMap<>();
            keys.forEach((id, key) -> copy.put(id, key.clone()));
            keys = Collections.unmodifiableMap(copy);
        }

        @Override
        public byte[] passwordKey() {
            return passwordKey == null ? null : passwordKey.clone();
        }

        @Override
        public Map<String, byte[]> keys() {
            Map<String, byte[]> copy = new TreeMap<>();
            keys.forEach((id, key) -> copy.put(id, key.clone()));
            return copy;
        }

        /** The ring of these keys; its active key is the one named, else the only one; none without keys. */
        public Keyring keyring() {
            Map<String, byte[]> all = new TreeMap<>(keys);
            if (passwordKey != null) {
                all.putIfAbsent(Keyring.LEGACY_PASSWORD_KEY_ID, passwordKey);
            }
            String active = activeKey;
            if (active == null && all.size() == 1) {
                active = all.keySet().iterator().next();
            }
            return new Keyring(all, active);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof AuthSettings other) || !Arrays.equals(passwordKey, other.passwordKey)
                    || !java.util.Objects.equals(activeKey, other.activeKey) || required != other.required
                    || !keys.keySet().equals(other.keys.keySet())) {
                return false;
            }
            return keys.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.keys.get(e.getKey())));
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(passwordKey) + keys.keySet().hashCode();
        }

        @Override
        public String toString() {
            return "AuthSettings[passwordKey=" + (passwordKey == null ? "none" : "***") + ", keys=" + keys.keySet()
                    + ", activeKey=" + activeKey + ", required=" + required + "]";
        }
    }

    /**
     * @param maxRepositoryDataBytes largest ServiceData a PUR may store (else DIAMETER_ERROR_TOO_MUCH_DATA)
     * @param maxRepositoryDataPerIdentity how many Service-Indications one identity may hold repository data for
     *                                     (a PUR adding more: DIAMETER_ERROR_TOO_MUCH_DATA)
     * @param maxSubscriptionsPerIdentity how many live Sh subscriptions one identity may have, all application
     *                                    servers together (an SNR adding more: DIAMETER_UNABLE_TO_COMPLY)
     * @param maxSubscription longest subscription the HSS grants; also the one granted without Expiry-Time
     * @param notificationAttempts how often a PNR is sent before the HSS gives up on it
     * @param notificationRetryDelay delay before the first PNR retry, doubled for each further one
     * @param subscriptionSweep how often each node drops the expired subscriptions it holds
     */
    public record ShSettings(
            int maxRepositoryDataBytes,
            int maxRepositoryDataPerIdentity,
            int maxSubscriptionsPerIdentity,
            Duration maxSubscription,
            int notificationAttempts,
            Duration notificationRetryDelay,
            Duration subscriptionSweep) {

        public static final ShSettings DEFAULTS =
                new ShSettings(65_536, 16, 64, Duration.ofDays(1), 4, Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    static HssSettings from(Configuration c) {
        DiameterSettings diameter = DiameterSettings.from(c, false);
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
                        optionalMillis(c, "grid.baseline-auto-adjust-ms"),
                        sites(c, bool(c, "grid.persistence"))),
                ConfigValues.gridTls(c),
                bool(c, "grid.refill"));
        CxSettings cx = new CxSettings(
                list(c, "cx.home-networks"),
                Duration.ofSeconds(positive(c, "cx.auth-pending-timeout-s")),
                bool(c, "cx.keep-server-name-on-deregistration"),
                positive(c, "cx.max-auth-items"),
                bool(c, "cx.shared-ifc-sets-supported"),
                indBits(c, "cx.sqn-ind-bits"));
        AuthSettings auth = auth(c);
        ShSettings sh = new ShSettings(
                positive(c, "sh.max-repository-data-bytes"),
                positive(c, "sh.max-repository-data-per-identity"),
                positive(c, "sh.max-subscriptions-per-identity"),
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
                ConfigValues.restTls(c),
                Duration.ofDays(nonNegative(c, "rest.audit-retention-days")));
        S6aSettings s6a = new S6aSettings(positive(c, "s6a.max-vectors"));
        return new HssSettings(diameter, grid, cx, auth, sh, rest, s6a, WarmUpSettings.from(c));
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

    private static GridSettings.Sites sites(Configuration c, boolean persistence) {
        String site = siteName(c, "grid.site");
        String tieBreaker = siteName(c, "grid.tie-breaker-site");
        boolean dataNode = bool(c, "grid.data-node");
        String quorumText = text(c, "grid.write-quorum");
        GridSettings.WriteQuorum quorum = switch (quorumText.toLowerCase(java.util.Locale.ROOT)) {
            case "any" -> GridSettings.WriteQuorum.ANY;
            case "majority" -> GridSettings.WriteQuorum.MAJORITY;
            default -> throw new InvalidConfigurationException("grid.write-quorum", "must be any or majority, not '"
                    + quorumText + "'");
        };
        if (quorum == GridSettings.WriteQuorum.MAJORITY && !persistence) {
            throw new InvalidConfigurationException("grid.write-quorum", "majority needs grid.persistence = true");
        }
        if (tieBreaker != null && quorum != GridSettings.WriteQuorum.MAJORITY) {
            throw new InvalidConfigurationException("grid.tie-breaker-site", "needs grid.write-quorum = majority");
        }
        if (site == null && tieBreaker != null) {
            throw new InvalidConfigurationException("grid.tie-breaker-site", "needs grid.site on every node");
        }
        if (site == null && !dataNode) {
            throw new InvalidConfigurationException("grid.data-node", "false (a tie-breaker node) needs grid.site");
        }
        return new GridSettings.Sites(site, dataNode, quorum, tieBreaker);
    }

    /** Empty means none. */
    private static String siteName(Configuration c, String key) {
        String value = c.getString(key, "").trim();
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidConfigurationException(key, "must be 1-64 letters, digits, '.', '_' or '-', not '" + value
                    + "'");
        }
        return value;
    }

    private static int indBits(Configuration c, String key) {
        long value = number(c, key);
        if (value < 0 || value > SequenceNumbers.MAX_IND_BITS) {
            throw new InvalidConfigurationException(key, "must be 0.." + SequenceNumbers.MAX_IND_BITS + ", not " + value);
        }
        return (int) value;
    }

    private static AuthSettings auth(Configuration c) {
        byte[] passwordKey = key(c, "auth.password-key");
        Map<String, byte[]> keys = new TreeMap<>();
        List<String> entries = list(c, "secrets.keys");
        for (int i = 0; i < entries.size(); i++) {
            // Never quote the entry: it holds a key.
            String[] parts = entries.get(i).split(":", 2);
            String id = parts[0].trim();
            if (parts.length != 2 || !id.matches(Keyring.KEY_ID_PATTERN)) {
                throw new InvalidConfigurationException("secrets.keys", "entry " + (i + 1) + " must be id:key, the id "
                        + "matching " + Keyring.KEY_ID_PATTERN);
            }
            if (!parts[1].trim().matches("[0-9a-fA-F]{" + 2 * Keyring.KEY_BYTES + "}")) {
                throw new InvalidConfigurationException("secrets.keys", "key " + id + " must be "
                        + 2 * Keyring.KEY_BYTES + " hex digits (a " + Keyring.KEY_BYTES + "-octet AES-256 key)");
            }
            if (keys.put(id, HexFormat.of().parseHex(parts[1].trim())) != null) {
                throw new InvalidConfigurationException("secrets.keys", "key id " + id + " appears twice");
            }
        }
        if (passwordKey != null && keys.containsKey(Keyring.LEGACY_PASSWORD_KEY_ID)) {
            throw new InvalidConfigurationException("secrets.keys", "the id " + Keyring.LEGACY_PASSWORD_KEY_ID
                    + " is taken by auth.password-key: give the key only once");
        }
        Set<String> ids = new TreeSet<>(keys.keySet());
        if (passwordKey != null) {
            ids.add(Keyring.LEGACY_PASSWORD_KEY_ID);
        }
        String active = c.getString("secrets.active-key", "").trim();
        if (active.isEmpty()) {
            if (ids.size() > 1) {
                throw new InvalidConfigurationException("secrets.active-key", "required with more than one key: one of "
                        + ids);
            }
        } else if (!ids.contains(active)) {
            throw new InvalidConfigurationException("secrets.active-key", "'" + active + "' is not one of the keys "
                    + ids);
        }
        return new AuthSettings(passwordKey, keys, active.isEmpty() ? null : active, bool(c, "secrets.required"));
    }

    /** Empty means no key. The value is a secret: no message ever quotes it. */
    private static byte[] key(Configuration c, String key) {
        String value = c.getString(key, "").trim();
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("[0-9a-fA-F]{" + 2 * Keyring.KEY_BYTES + "}")) {
            throw new InvalidConfigurationException(key, "must be " + 2 * Keyring.KEY_BYTES
                    + " hex digits (a " + Keyring.KEY_BYTES + "-octet AES-256 key)");
        }
        return HexFormat.of().parseHex(value);
    }
}
