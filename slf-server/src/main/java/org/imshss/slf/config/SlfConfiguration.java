package org.imshss.slf.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.SystemConfiguration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.imshss.diameter.Avp;
import org.imshss.hss.config.HssSettings.DiameterSettings;
import org.imshss.hss.config.InvalidConfigurationException;
import org.imshss.provisioning.rest.ApiToken;
import org.imshss.provisioning.rest.RestSettings;
import org.imshss.provisioning.rest.Role;

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
        PropertiesConfiguration defaults = readDefaults();
        List<String> known = new ArrayList<>();
        defaults.getKeys().forEachRemaining(known::add);

        CompositeConfiguration composite = new CompositeConfiguration();
        composite.addConfiguration(systemOverrides(known));
        composite.addConfiguration(environmentOverrides(known, environment));
        if (file != null) {
            composite.addConfiguration(readFile(file, known));
        }
        composite.addConfiguration(defaults);
        return from(composite);
    }

    /** The environment variable that overrides a key: slf.mode → SLF_SLF_MODE, diameter.port → SLF_DIAMETER_PORT. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static SlfSettings from(Configuration c) {
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
                positive(c, "grid.cached-identities"));
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
                nonNegative(c, "rest.requests-per-second"));
        return new SlfSettings(diameter, grid, routing, rest);
    }

    /**
     * {@code name:role:secret} entries separated by commas, as the HSS reads them. A secret never appears in a
     * message: a bad entry is named by its position and name.
     */
    private static List<ApiToken> tokens(Configuration c, String key) {
        List<ApiToken> tokens = new ArrayList<>();
        List<String> entries = list(c, key);
        for (int i = 0; i < entries.size(); i++) {
            String[] parts = entries.get(i).split(":", 3);
            if (parts.length != 3) {
                throw new InvalidConfigurationException(key, "entry " + (i + 1) + " must be name:role:secret");
            }
            String name = parts[0].trim();
            Role role;
            try {
                role = Role.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(key, "token " + name + ": role must be one of read,"
                        + " provision, admin");
            }
            try {
                tokens.add(new ApiToken(name, role, parts[2].trim()));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(key, e.getMessage());
            }
        }
        return tokens;
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

    private static PropertiesConfiguration readDefaults() {
        PropertiesConfiguration defaults = new PropertiesConfiguration();
        try (InputStream in = SlfConfiguration.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            new FileHandler(defaults).load(in);
        } catch (ConfigurationException | IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS, e);
        }
        return defaults;
    }

    private static Configuration readFile(Path file, List<String> known) {
        if (!Files.isReadable(file)) {
            throw new InvalidConfigurationException("config", "cannot read configuration file " + file);
        }
        PropertiesConfiguration config;
        try {
            config = new Configurations().properties(file.toFile());
        } catch (ConfigurationException e) {
            throw new InvalidConfigurationException("config", "cannot parse " + file + ": " + e.getMessage());
        }
        for (Iterator<String> keys = config.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!known.contains(key)) {
                throw new InvalidConfigurationException(key, "unknown setting in " + file);
            }
        }
        return config;
    }

    private static Configuration environmentOverrides(List<String> known, Map<String, String> environment) {
        Map<String, Object> values = new HashMap<>();
        for (String key : known) {
            String value = environment.get(environmentName(key));
            if (value != null) {
                values.put(key, value);
            }
        }
        return new MapConfiguration(values);
    }

    private static Configuration systemOverrides(List<String> known) {
        SystemConfiguration system = new SystemConfiguration();
        Map<String, Object> values = new HashMap<>();
        for (String key : known) {
            if (system.containsKey(key)) {
                values.put(key, system.getString(key));
            }
        }
        return new MapConfiguration(values);
    }

    private static String text(Configuration c, String key) {
        String value = c.getString(key, "").trim();
        if (value.isEmpty()) {
            throw new InvalidConfigurationException(key, "must not be empty");
        }
        return value;
    }

    private static List<String> list(Configuration c, String key) {
        List<String> values = new ArrayList<>();
        for (String part : c.getString(key, "").split(",")) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        return List.copyOf(values);
    }

    private static boolean bool(Configuration c, String key) {
        String value = text(c, key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new InvalidConfigurationException(key, "must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static long number(Configuration c, String key) {
        String value = text(c, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "must be a whole number, not '" + value + "'");
        }
    }

    private static int positive(Configuration c, String key) {
        long value = number(c, key);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(key, "must be a positive number, not " + value);
        }
        return (int) value;
    }

    private static int nonNegative(Configuration c, String key) {
        long value = number(c, key);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(key, "must not be negative, not " + value);
        }
        return (int) value;
    }

    private static int port(Configuration c, String key) {
        long value = number(c, key);
        if (value < 1 || value > 65535) {
            throw new InvalidConfigurationException(key, "must be a TCP port (1-65535), not " + value);
        }
        return (int) value;
    }
}
