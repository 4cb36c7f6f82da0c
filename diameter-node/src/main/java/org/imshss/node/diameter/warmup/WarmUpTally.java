package org.imshss.node.diameter.warmup;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a warm-up's requests were answered: counts by command and result value ({@code "UAR 2001"}, {@code "SAR
 * 5003"}; {@code none} for an answer without a result), and how many of them were not what their request expected.
 */
public record WarmUpTally(Map<String, Long> answers, long unexpected) {

    public static final WarmUpTally NONE = new WarmUpTally(Map.of(), 0);

    public WarmUpTally {
        answers = Map.copyOf(answers);
    }

    /** Answers received. */
    public long total() {
        return answers.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether every answer was one its request expected. */
    public boolean allExpected() {
        return unexpected == 0;
    }

    /** The sum of two tallies (two connections, or two rounds). */
    public WarmUpTally plus(WarmUpTally other) {
        Map<String, Long> sum = new TreeMap<>(answers);
        other.answers.forEach((key, count) -> sum.merge(key, count, Long::sum));
        return new WarmUpTally(sum, unexpected + other.unexpected);
    }

    @Override
    public String toString() {
        return new TreeMap<>(answers) + (unexpected == 0 ? "" : ", " + unexpected + " unexpected");
    }
}
