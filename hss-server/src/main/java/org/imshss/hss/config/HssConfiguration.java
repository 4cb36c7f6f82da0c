package org.imshss.hss.config;

import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Reads the settings: built-in defaults, then the configuration file, then environment variables,
 * then system properties. Only keys the defaults know are accepted, so a misspelt key stops start-up
 * instead of being ignored.
 */
public final class HssConfiguration {

    static final String DEFAULTS = "hss-defaults.properties";
    static final String ENV_PREFIX = "HSS_";

    private HssConfiguration() {
    }

    /** @param file the configuration file, or null for defaults only */
    public static HssSettings load(Path file, Map<String, String> environment) {
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
        return HssSettings.from(composite);
    }

    /** The environment variable that overrides a key: diameter.bind-address → HSS_DIAMETER_BIND_ADDRESS. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static PropertiesConfiguration readDefaults() {
        PropertiesConfiguration defaults = new PropertiesConfiguration();
        try (var in = HssConfiguration.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
            }
            new FileHandler(defaults).load(in);
        } catch (ConfigurationException | java.io.IOException e) {
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
}
