package org.imshss.node.config;

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
 * The settings of a process in layers: built-in defaults (a classpath properties file), then the configuration
 * file, then environment variables (a prefix + the key upper-cased, dots and dashes as underscores), then system
 * properties. Only keys the defaults know are accepted, so a misspelt key stops start-up instead of being
 * ignored. The HSS and the SLF read theirs this way.
 */
public final class LayeredConfiguration {

    private LayeredConfiguration() {
    }

    /**
     * @param defaultsResource the classpath resource with every key and its default
     * @param prefix of the environment variables ({@code HSS_}, {@code SLF_})
     * @param file the configuration file, or null for defaults only
     */
    public static Configuration load(String defaultsResource, String prefix, Path file,
            Map<String, String> environment) {
        PropertiesConfiguration defaults = readDefaults(defaultsResource);
        List<String> known = new ArrayList<>();
        defaults.getKeys().forEachRemaining(known::add);

        CompositeConfiguration composite = new CompositeConfiguration();
        composite.addConfiguration(systemOverrides(known));
        composite.addConfiguration(environmentOverrides(known, environment, prefix));
        if (file != null) {
            composite.addConfiguration(readFile(file, known));
        }
        composite.addConfiguration(defaults);
        return composite;
    }

    /** The environment variable that overrides a key: HSS_ and diameter.bind-address → HSS_DIAMETER_BIND_ADDRESS. */
    public static String environmentName(String prefix, String key) {
        return prefix + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static PropertiesConfiguration readDefaults(String resource) {
        PropertiesConfiguration defaults = new PropertiesConfiguration();
        try (var in = LayeredConfiguration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            new FileHandler(defaults).load(in);
        } catch (ConfigurationException | java.io.IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
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

    private static Configuration environmentOverrides(List<String> known, Map<String, String> environment,
            String prefix) {
        Map<String, Object> values = new HashMap<>();
        for (String key : known) {
            String value = environment.get(environmentName(prefix, key));
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
