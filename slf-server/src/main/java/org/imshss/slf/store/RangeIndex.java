package org.imshss.slf.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.imshss.slf.mapping.MappingKeys;

/**
 * Number ranges sorted by their first number, one sorted map per number length (a range's ends have equal
 * length, and 0301 is not 301): finding the range of a number is one floor search, O(log n).
 * Stored ranges never overlap (checked when one is added), so the floor range is the only candidate.
 */
final class RangeIndex {

    private record Range(long from, long to, String fromKey, String target) {
    }

    @SuppressWarnings("unchecked")
    private final ConcurrentSkipListMap<Long, Range>[] byLength = new ConcurrentSkipListMap[MappingKeys.MAX_DIGITS + 1];

    RangeIndex() {
        for (int i = 1; i < byLength.length; i++) {
            byLength[i] = new ConcurrentSkipListMap<>();
        }
    }

    void changed(String from, RangeValue before, RangeValue after) {
        ConcurrentSkipListMap<Long, Range> ranges = byLength[from.length()];
        long start = Long.parseLong(from);
        if (after == null) {
            ranges.remove(start);
        } else {
            ranges.put(start, new Range(start, Long.parseLong(after.to()), from, after.target()));
        }
    }

    Optional<Match> find(String digits) {
        if (digits.isEmpty() || digits.length() >= byLength.length) {
            return Optional.empty();
        }
        long number = Long.parseLong(digits);
        Map.Entry<Long, Range> floor = byLength[digits.length()].floorEntry(number);
        if (floor == null || floor.getValue().to() < number) {
            return Optional.empty();
        }
        return Optional.of(new Match(floor.getValue().fromKey(), floor.getValue().target()));
    }

    /** The first number of a stored range, other than one starting at {@code from}, that overlaps from..to. */
    Optional<String> overlapping(String from, String to) {
        ConcurrentSkipListMap<Long, Range> ranges = byLength[from.length()];
        long start = Long.parseLong(from);
        long end = Long.parseLong(to);
        for (Range range : ranges.headMap(end, true).descendingMap().values()) {
            if (range.from() == start) {
                continue;
            }
            return range.to() >= start ? Optional.of(range.fromKey()) : Optional.empty();
        }
        return Optional.empty();
    }
}
