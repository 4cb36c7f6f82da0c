package org.imshss.slf.store;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.imshss.slf.mapping.MappingKeys;

/**
 * Number ranges sorted by their first number, one sorted set per number length (a range's ends have equal length,
 * and 0301 is not 301). Changes go into a concurrent sorted map; lookups search a snapshot of it in plain arrays
 * (a binary search over contiguous numbers, O(log n) with few cache misses), rebuilt on the first lookup after a
 * change, so a bulk load costs one rebuild, not one per range. Stored ranges never overlap (checked when one is
 * added), so the floor range is the only candidate.
 */
final class RangeIndex {

    private record Range(long from, long to, String fromKey, String target) {
    }

    /** One number length: starts ascending, with their ranges at the same index. */
    private record Snapshot(long version, long[] starts, Range[] ranges) {
    }

    @SuppressWarnings("unchecked")
    private final ConcurrentSkipListMap<Long, Range>[] byLength = new ConcurrentSkipListMap[MappingKeys.MAX_DIGITS + 1];
    private final AtomicLong[] versions = new AtomicLong[MappingKeys.MAX_DIGITS + 1];
    private final AtomicReferenceArray<Snapshot> snapshots = new AtomicReferenceArray<>(MappingKeys.MAX_DIGITS + 1);

    RangeIndex() {
        for (int i = 1; i < byLength.length; i++) {
            byLength[i] = new ConcurrentSkipListMap<>();
            versions[i] = new AtomicLong();
            snapshots.set(i, new Snapshot(0, new long[0], new Range[0]));
        }
    }

    void changed(String from, RangeValue before, RangeValue after) {
        int length = from.length();
        long start = Long.parseLong(from);
        if (after == null) {
            byLength[length].remove(start);
        } else {
            byLength[length].put(start, new Range(start, Long.parseLong(after.to()), from, after.target()));
        }
        versions[length].incrementAndGet();
    }

    Optional<Match> find(String digits) {
        int length = digits.length();
        if (length == 0 || length >= byLength.length) {
            return Optional.empty();
        }
        Snapshot snapshot = snapshot(length);
        long number = Long.parseLong(digits);
        int at = Arrays.binarySearch(snapshot.starts(), number);
        int floor = at >= 0 ? at : -at - 2;
        if (floor < 0 || snapshot.ranges()[floor].to() < number) {
            return Optional.empty();
        }
        Range range = snapshot.ranges()[floor];
        return Optional.of(new Match(range.fromKey(), range.target()));
    }

    private Snapshot snapshot(int length) {
        Snapshot current = snapshots.get(length);
        long version = versions[length].get();
        if (current.version() == version) {
            return current;
        }
        // Read the version first: a change made while copying bumps it again, and the next lookup rebuilds.
        Range[] ranges = byLength[length].values().toArray(new Range[0]);
        long[] starts = new long[ranges.length];
        for (int i = 0; i < ranges.length; i++) {
            starts[i] = ranges[i].from();
        }
        Snapshot rebuilt = new Snapshot(version, starts, ranges);
        snapshots.set(length, rebuilt);
        return rebuilt;
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
