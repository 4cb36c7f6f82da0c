package org.imshss.slf.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.imshss.http.RestSettings;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.WarmUpSettings;
import org.imshss.provisioning.store.GridTls;

/**
 * Every setting of one SLF process, validated.
 *
 * @param diameter the Diameter server (same meaning as the HSS's)
 * @param grid the SLF's grid node
 * @param routing how requests are answered: redirect or relay
 * @param rest the mapping API
 * @param warmUp the Dx and Dh paths run before the node serves
 */
public record SlfSettings(DiameterSettings diameter, GridConfig grid, RoutingSettings routing, RestSettings rest,
        WarmUpSettings warmUp) {

    public static final RestSettings REST_DISABLED = new RestSettings(false, "127.0.0.1", 0, List.of(), 1, 1, 0);
    /** The SLF's warm-up by default: fewer and shorter paths than the HSS's, compiled after fewer requests. */
    public static final WarmUpSettings WARM_UP_DEFAULTS = new WarmUpSettings(true, 15_000, Duration.ofSeconds(10));

    /** With the default warm-up. */
    public SlfSettings(DiameterSettings diameter, GridConfig grid, RoutingSettings routing, RestSettings rest) {
        this(diameter, grid, routing, rest, WARM_UP_DEFAULTS);
    }

    /** Without the mapping API. */
    public SlfSettings(DiameterSettings diameter, GridConfig grid, RoutingSettings routing) {
        this(diameter, grid, routing, REST_DISABLED);
    }

    /** With another warm-up. */
    public SlfSettings withWarmUp(WarmUpSettings other) {
        return new SlfSettings(diameter, grid, routing, rest, other);
    }

    /**
     * The grid node; see the store's GridSettings for the meaning of each field.
     *
     * @param cachedIdentities identity lookups (found or not) kept on this node's heap
     * @param tls mutual TLS between grid nodes, or null for none
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
            int cachedIdentities,
            GridTls tls) {

        /** Without TLS between grid nodes. */
        public GridConfig(String instanceName, String bindAddress, int discoveryPort, int discoveryPortRange,
                int communicationPort, List<String> discoveryAddresses, boolean persistence, Path workDirectory,
                int backups, int cachedIdentities) {
            this(instanceName, bindAddress, discoveryPort, discoveryPortRange, communicationPort, discoveryAddresses,
                    persistence, workDirectory, backups, cachedIdentities, null);
        }
    }

    /**
     * @param mode what the SLF does with a located request by default
     * @param relayOriginRealms Origin-Realms whose requests are relayed whatever the mode (Kamailio's cdp cannot
     *                          follow a redirect)
     * @param redirectHostUsage Redirect-Host-Usage value sent in redirects (RFC 6733 6.13)
     * @param redirectMaxCacheTime Redirect-Max-Cache-Time sent in redirects (RFC 6733 6.14)
     * @param relayTimeout how long a relayed request waits for the HSS before DIAMETER_UNABLE_TO_DELIVER
     */
    public record RoutingSettings(
            Mode mode,
            List<String> relayOriginRealms,
            int redirectHostUsage,
            Duration redirectMaxCacheTime,
            Duration relayTimeout) {

        public RoutingSettings {
            relayOriginRealms = relayOriginRealms.stream().map(r -> r.toLowerCase(java.util.Locale.ROOT)).toList();
        }

        /** Whether a request from this Origin-Realm is relayed rather than redirected. */
        public boolean relays(String originRealm) {
            return mode == Mode.RELAY || originRealm != null
                    && relayOriginRealms.contains(originRealm.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Redirect agent (RFC 6733 2.8.3) or relay (RFC 6733 2.8.1). */
    public enum Mode {
        REDIRECT, RELAY
    }
}
