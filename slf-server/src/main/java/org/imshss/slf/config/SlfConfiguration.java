package org.imshss.slf.config;

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
import java.util.Locale;
import java.util.Map;
import org.apache.commons.configuration2.Configuration;
import org.imshss.diameter.Avp;
import org.imshss.http.RestSettings;
import org.imshss.node.config.ConfigValues;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.InvalidConfigurationException;
import org.imshss.node.config.LayeredConfiguration;
import org.imshss.node.config.WarmUpSettings;

/**
 * Reads the SLF's settings as the HSS reads its own: built-in defaults, then the configuration file, then
 * environment variables ({@code SLF_} + key), then system properties. Only keys the defaults know are accepted,
 * so a misspelt key stops start-up instead of being ignored.
 */
public final class SlfConfiguration {

    static final String DEFAULTS = "slf-defaults.properties";
    static final String ENV_PREFIX = "SLF_";

    private SlfConfiguration() {
    }

    /** @param file the configuration file, or null for defaults only */
    public static SlfSettings load(Path file, Map<String, String> environment) {
        return from(LayeredConfiguration.load(DEFAULTS, ENV_PREFIX, file, environment));
    }

    /** The environment variable that overrides a key: slf.mode → SLF_SLF_MODE, diameter.port → SLF_DIAMETER_PORT. */
    public static String environmentName(String key) {
        return LayeredConfiguration.environmentName(ENV_PREFIX, key);
    }

    static SlfSettings from(Configuration c) {
        DiameterSettings diameter = DiameterSettings.from(c, true);
        SlfSettings.GridConfig grid = new SlfSettings.GridConfig(
                text(c, "grid.instance-name"),
                text(c, "grid.bind-address"),
                port(c, "grid.discovery-port"),
                nonNegative(c, "grid.discovery-port-range"),
                port(c, "grid.communication-port"),
                list(c, "grid.discovery-addresses"),
                bool(c, "grid.persistence"),
                Path.of(text(c, "grid.work-directory")),
                nonNegative(c, "grid.backups"),
                positive(c, "grid.cached-identities"),
                ConfigValues.gridTls(c));
        SlfSettings.RoutingSettings routing = new SlfSettings.RoutingSettings(
                mode(c, "slf.mode"),
                list(c, "slf.relay-origin-realms"),
                redirectHostUsage(c, "slf.redirect-host-usage"),
                Duration.ofSeconds(nonNegative(c, "slf.redirect-max-cache-time-s")),
                Duration.ofMillis(positive(c, "slf.relay-timeout-ms")));
        int maxRequestBytes = positive(c, "rest.max-request-bytes");
        RestSettings rest = new RestSettings(
                bool(c, "rest.enabled"),
                text(c, "rest.bind-address"),
                port(c, "rest.port"),
                tokens(c, "rest.tokens"),
                maxRequestBytes,
                maxRequestBytes,
                nonNegative(c, "rest.requests-per-second"),
                ConfigValues.restTls(c),
                Duration.ZERO);
        return new SlfSettings(diameter, grid, routing, rest, WarmUpSettings.from(c));
    }

    private static SlfSettings.Mode mode(Configuration c, String key) {
        String value = text(c, key);
        try {
            return SlfSettings.Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "must be redirect or relay, not '" + value + "'");
        }
    }

    /** A Redirect-Host-Usage name (DONT_CACHE, ALL_REALM, ...) or its number (RFC 6733 6.13). */
    private static int redirectHostUsage(Configuration c, String key) {
        String value = text(c, key).toUpperCase(Locale.ROOT);
        for (Map.Entry<Integer, String> entry : Avp.REDIRECT_HOST_USAGE.enumValues().entrySet()) {
            if (entry.getValue().equals(value) || String.valueOf(entry.getKey()).equals(value)) {
                return entry.getKey();
            }
        }
        throw new InvalidConfigurationException(key, "must be one of "
                + String.join(", ", Avp.REDIRECT_HOST_USAGE.enumValues().values()) + ", not '" + value + "'");
    }
}
