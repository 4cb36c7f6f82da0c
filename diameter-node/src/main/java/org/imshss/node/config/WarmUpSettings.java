package org.imshss.node.config;

import static org.imshss.node.config.ConfigValues.bool;
import static org.imshss.node.config.ConfigValues.nonNegative;

import java.time.Duration;
import org.apache.commons.configuration2.Configuration;

/**
 * A node's warm-up before it serves: its request paths run over a throwaway store until the JIT has compiled them.
 *
 * @param enabled whether the node warms up ({@code warm-up.enabled})
 * @param requests how many requests the warm-up sends at least ({@code warm-up.requests})
 * @param settleLimit how long it goes on after those while the JIT is still compiling ({@code
 *                    warm-up.settle-seconds}; zero: not at all)
 */
public record WarmUpSettings(boolean enabled, int requests, Duration settleLimit) {

    public static final WarmUpSettings DISABLED = new WarmUpSettings(false, 0, Duration.ZERO);

    public WarmUpSettings {
        if (requests < 0) {
            throw new InvalidConfigurationException("warm-up.requests", "must not be negative, not " + requests);
        }
        if (settleLimit.isNegative()) {
            throw new InvalidConfigurationException("warm-up.settle-seconds", "must not be negative");
        }
    }

    /** The keys {@code warm-up.enabled}, {@code warm-up.requests} and {@code warm-up.settle-seconds}. */
    public static WarmUpSettings from(Configuration c) {
        return new WarmUpSettings(bool(c, "warm-up.enabled"), nonNegative(c, "warm-up.requests"),
                Duration.ofSeconds(nonNegative(c, "warm-up.settle-seconds")));
    }
}
