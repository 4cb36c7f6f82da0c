package org.imshss.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.imshss.diameter.Application;
import org.imshss.diameter.Command;

/**
 * Counters of the measured window. Updated from jDiameter's FSM and timer threads, so everything is lock-free and
 * allocation-free: answers are counted in a flat array indexed by (command, kind of result, code).
 */
final class Stats {

  /** How the answer carried its result. */
  static final int RESULT_CODE = 0;
  static final int EXPERIMENTAL = 1;
  static final int NO_RESULT = 2;

  /** UAR, SAR, LIR, MAR (consecutive codes from UAR on) and a last row for any other command. */
  private static final int FIRST_COMMAND = Command.UAR.code();
  private static final int COMMANDS = Command.MAR.code() - FIRST_COMMAND + 2;
  private static final int KINDS = 3;
  private static final int MIN_CODE = 1000;
  private static final int CODES = 5001;
  private static final int OTHER_CODE = CODES - 1;
  private static final long HIGHEST_LATENCY_US = 3_600_000_000L;

  private final AtomicLongArray answers = new AtomicLongArray(COMMANDS * KINDS * CODES);
  private final LongAdder sent = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder authAnswers = new LongAdder();
  private final LongAdder authItems = new LongAdder();
  private final LongAccumulator fewestAuthItems = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private final Recorder latency = new Recorder(HIGHEST_LATENCY_US, 3);

  void sent() {
    sent.increment();
  }

  void error() {
    errors.increment();
  }

  void timeout() {
    timeouts.increment();
  }

  void answer(int commandCode, int kind, long code, long latencyUs) {
    int command = commandCode - FIRST_COMMAND;
    if (command < 0 || command >= COMMANDS - 1) {
      command = COMMANDS - 1;
    }
    int codeIndex = code >= MIN_CODE && code < MIN_CODE + OTHER_CODE ? (int) (code - MIN_CODE) : OTHER_CODE;
    answers.incrementAndGet((command * KINDS + kind) * CODES + codeIndex);
    answered.increment();
    latency.recordValue(Math.min(Math.max(latencyUs, 0), HIGHEST_LATENCY_US));
  }

  /** SIP-Auth-Data-Items carried by one MAA (0 for an error answer), counted separately from the result. */
  void authItems(int items) {
    authAnswers.increment();
    authItems.add(items);
    fewestAuthItems.accumulate(items);
  }

  long authAnswerCount() {
    return authAnswers.sum();
  }

  long authItemCount() {
    return authItems.sum();
  }

  /** Fewest SIP-Auth-Data-Items seen in one MAA; 0 if no MAA was counted. */
  long fewestAuthItems() {
    long v = fewestAuthItems.get();
    return v == Long.MAX_VALUE ? 0 : v;
  }

  long sentCount() {
    return sent.sum();
  }

  long answeredCount() {
    return answered.sum();
  }

  long timeoutCount() {
    return timeouts.sum();
  }

  long errorCount() {
    return errors.sum();
  }

  Histogram latencyHistogram() {
    return latency.getIntervalHistogram();
  }

  /**
   * Answer counts keyed like {@code UAA/E2001} (Experimental-Result-Code), {@code LIA/2001} (Result-Code),
   * {@code SAA/none} (neither), {@code .../other} (code outside 1000-5999) or {@code other/...} (unexpected command).
   */
  Map<String, Long> answerCounts() {
    Map<String, Long> out = new TreeMap<>();
    for (int command = 0; command < COMMANDS; command++) {
      for (int kind = 0; kind < KINDS; kind++) {
        for (int c = 0; c < CODES; c++) {
          long n = answers.get((command * KINDS + kind) * CODES + c);
          if (n == 0) {
            continue;
          }
          String code = kind == NO_RESULT ? "none" : c == OTHER_CODE ? "other" : String.valueOf(MIN_CODE + c);
          String name = command == COMMANDS - 1 ? "other"
              : Command.lookup(FIRST_COMMAND + command, Application.CX.id(), false).map(Command::name)
                      .orElse("other");
          out.put(name + "/" + (kind == EXPERIMENTAL ? "E" : "") + code, n);
        }
      }
    }
    return out;
  }
}
