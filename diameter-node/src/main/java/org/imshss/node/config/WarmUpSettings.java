package org.imshss.node.config;

import static org.imshss.node.config.ConfigValues.bool;
import static org.imshss.node.config.ConfigValues.nonNegative;

import org.apache.commons.configuration2.Configuration;

/**
 * A node's warm-up before it serves: its request paths run over a throwaway store until the JIT has compiled them.
 *
 * @param enabled whether the node warms up ({@code warm-up.enabled})
 * @param requests how many requests the warm-up sends ({@code warm-up.requests})
 */
public record WarmUpSettings(boolean enabled, int requests) {

    public static final WarmUpSettings DISABLED = new WarmUpSettings(false, 0);

    public WarmUpSettings {
        if (requests < 0) {
            throw new InvalidConfigurationException("warm-up.requests", "must not be negative, not " + requests);
        }
    }

    /** The keys {@code warm-up.enabled} and {@code warm-up.requests}. */
    public static WarmUpSettings from(Configuration c) {
        return new WarmUpSettings(bool(c, "warm-up.enabled"), nonNegative(c, "warm-up.requests"));
    }
}
