package org.imshss.provisioning.seed;

import java.util.List;

/** A seed document that cannot be loaded; each problem names the JSON path of the offending field. */
public final class SeedException extends IllegalArgumentException {

    private final List<String> problems;

    public SeedException(String source, List<String> problems) {
        super("invalid seed " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** "path: message" entries, e.g. {@code subscriptions[0].privateIdentities[0].k: must be 32 hex digits}. */
    public List<String> problems() {
        return problems;
    }
}
