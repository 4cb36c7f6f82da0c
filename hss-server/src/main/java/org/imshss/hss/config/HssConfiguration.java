package org.imshss.hss.config;

import java.nio.file.Path;
import java.util.Map;
import org.imshss.node.config.LayeredConfiguration;

/**
 * Reads the HSS's settings ({@link LayeredConfiguration}): {@value #DEFAULTS}, then the configuration file, then
 * environment variables ({@code HSS_} + key), then system properties.
 */
public final class HssConfiguration {

    static final String DEFAULTS = "hss-defaults.properties";
    static final String ENV_PREFIX = "HSS_";

    private HssConfiguration() {
    }

    /** @param file the configuration file, or null for defaults only */
    public static HssSettings load(Path file, Map<String, String> environment) {
        return HssSettings.from(LayeredConfiguration.load(DEFAULTS, ENV_PREFIX, file, environment));
    }

    /** The environment variable that overrides a key: diameter.bind-address → HSS_DIAMETER_BIND_ADDRESS. */
    public static String environmentName(String key) {
        return LayeredConfiguration.environmentName(ENV_PREFIX, key);
    }
}
