package org.imshss.slf.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.imshss.provisioning.model.Identities;

/**
 * The wildcard patterns compiled, most specific first: the longest pattern text, then alphabetical, so the
 * choice between two matching patterns never depends on the node or the order they were added. Rebuilt on the
 * first lookup after a change. Patterns are matched one after the other: they are meant for families of
 * identities (a few per PSI service), not for one mapping per user.
 */
final class PatternIndex {

    private record Compiled(String key, Pattern pattern, String target) {
    }

    private record Snapshot(long version, List<Compiled> patterns) {
    }

    private final AtomicLong version = new AtomicLong();
    private volatile Snapshot snapshot = new Snapshot(-1, List.of());

    void changed() {
        version.incrementAndGet();
    }

    Optional<Match> find(String identity, Map<String, String> patterns) {
        for (Compiled compiled : current(patterns)) {
            if (compiled.pattern().matcher(identity).matches()) {
                return Optional.of(new Match(compiled.key(), compiled.target()));
            }
        }
        return Optional.empty();
    }

    private List<Compiled> current(Map<String, String> patterns) {
        Snapshot s = snapshot;
        long v = version.get();
        if (s.version() == v) {
            return s.patterns();
        }
        List<Compiled> compiled = new ArrayList<>(patterns.size());
        for (Map.Entry<String, String> entry : patterns.entrySet()) {
            compiled.add(new Compiled(entry.getKey(), Identities.wildcardPattern(entry.getKey()), entry.getValue()));
        }
        compiled.sort(Comparator.comparingInt((Compiled c) -> -c.key().length()).thenComparing(Compiled::key));
        List<Compiled> list = List.copyOf(compiled);
        snapshot = new Snapshot(v, list);
        return list;
    }
}
