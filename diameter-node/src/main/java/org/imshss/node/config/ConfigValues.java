package org.imshss.node.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.configuration2.Configuration;
import org.imshss.http.ApiToken;
import org.imshss.http.RestTls;
import org.imshss.http.Role;
import org.imshss.provisioning.store.GridTls;

/**
 * Typed reads of settings; a bad value stops start-up with an {@link InvalidConfigurationException} naming the
 * key (and never quoting a secret's value: none of these is used for one).
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    public static String text(Configuration c, String key) {
        String value = c.getString(key, "").trim();
        if (value.isEmpty()) {
            throw new InvalidConfigurationException(key, "must not be empty");
        }
        return value;
    }

    public static List<String> list(Configuration c, String key) {
        List<String> values = new ArrayList<>();
        for (String part : c.getString(key, "").split(",")) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        return List.copyOf(values);
    }

    public static boolean bool(Configuration c, String key) {
        String value = text(c, key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new InvalidConfigurationException(key, "must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    public static long number(Configuration c, String key) {
        String value = text(c, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "must be a whole number, not '" + value + "'");
        }
    }

    public static int positive(Configuration c, String key) {
        long value = number(c, key);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(key, "must be a positive number, not " + value);
        }
        return (int) value;
    }

    public static int nonNegative(Configuration c, String key) {
        long value = number(c, key);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(key, "must not be negative, not " + value);
        }
        return (int) value;
    }

    public static int port(Configuration c, String key) {
        long value = number(c, key);
        if (value < 1 || value > 65535) {
            throw new InvalidConfigurationException(key, "must be a TCP port (1-65535), not " + value);
        }
        return (int) value;
    }

    /**
     * {@code name:role:secret} entries separated by commas. The secrets never appear in a message: a bad
     * entry is named by its position and name.
     */
    public static List<ApiToken> tokens(Configuration c, String key) {
        List<ApiToken> tokens = new ArrayList<>();
        List<String> entries = list(c, key);
        for (int i = 0; i < entries.size(); i++) {
            String[] parts = entries.get(i).split(":", 3);
            String name = parts[0].trim();
            if (parts.length != 3) {
                throw new InvalidConfigurationException(key, "entry " + (i + 1) + " must be name:role:secret");
            }
            Role role;
            try {
                role = Role.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(key, "token " + name + ": role must be one of "
                        + Arrays.toString(Role.values()).toLowerCase(Locale.ROOT));
            }
            try {
                tokens.add(new ApiToken(name, role, parts[2].trim()));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(key, e.getMessage());
            }
        }
        return tokens;
    }

    /**
     * The {@code rest.tls.*} settings (HSS and SLF alike), or null when {@code rest.tls.enabled} is false. The
     * stores are opened here, so a missing file or a wrong password stops start-up naming its key; the passwords
     * are never quoted.
     */
    public static RestTls restTls(Configuration c) {
        if (!bool(c, "rest.tls.enabled")) {
            return null;
        }
        String clientAuthKey = "rest.tls.client-auth";
        RestTls.ClientAuth clientAuth;
        String mode = text(c, clientAuthKey);
        try {
            clientAuth = RestTls.ClientAuth.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(clientAuthKey, "must be none, want or need, not '" + mode + "'");
        }
        String truststore = optional(c, "rest.tls.truststore");
        RestTls tls = new RestTls(Path.of(text(c, "rest.tls.keystore")), text(c, "rest.tls.keystore-password"),
                optional(c, "rest.tls.key-password"), truststore == null ? null : Path.of(truststore),
                optional(c, "rest.tls.truststore-password"), clientAuth);
        try {
            tls.context();
        } catch (RestTls.InvalidTlsException e) {
            throw new InvalidConfigurationException("rest.tls." + e.setting(), e.getMessage());
        }
        return tls;
    }

    /**
     * Mutual TLS between grid nodes, read the same way for the HSS and the SLF; the stores are opened now, so a bad
     * file or password stops start-up naming its key. Null when off; {@code grid.tls.required} refuses that.
     */
    public static GridTls gridTls(Configuration c) {
        if (!bool(c, "grid.tls.enabled")) {
            if (bool(c, "grid.tls.required")) {
                throw new InvalidConfigurationException("grid.tls.required", "is true but grid.tls.enabled is false: "
                        + "every grid node needs its certificate (docs/DEPLOYMENT.md, \"TLS between grid nodes\")");
            }
            return null;
        }
        GridTls tls = new GridTls(Path.of(text(c, "grid.tls.keystore")), c.getString("grid.tls.keystore-password", ""),
                Path.of(text(c, "grid.tls.truststore")), c.getString("grid.tls.truststore-password", ""));
        try {
            tls.contextFactory();
        } catch (GridTls.InvalidGridTlsException e) {
            throw new InvalidConfigurationException(e.setting(), e.getMessage());
        }
        return tls;
    }

    /** Empty means absent (null). */
    private static String optional(Configuration c, String key) {
        String value = c.getString(key, "");
        return value.isBlank() ? null : value;
    }
}
