package org.imshss.bench;

import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The report of a {@link LoadGenerator} run: a table for people and one BENCH_SUMMARY JSON line for scripts. */
final class LoadReport {

  private LoadReport() {
  }

  static void print(LoadGenerator.Settings s, LoadGenerator.Report r) {
    Histogram h = r.latencyUs();
    System.out.printf(Locale.ROOT, "%nCx load: mix=%s in-flight=%d connections=%d rate=%s users=%d warmup=%.1fs"
        + " measured=%.1fs target=%s:%d%n", s.mix(), s.inFlight(), s.connections(),
        s.rate() > 0 ? String.valueOf(s.rate()) + "/s" : "max", s.users(), s.warmupSeconds(), s.seconds(), s.host(),
        s.port());
    System.out.printf(Locale.ROOT, "  %-22s %12d%n", "requests sent", r.sent());
    System.out.printf(Locale.ROOT, "  %-22s %12d%n", "answers", r.answered());
    System.out.printf(Locale.ROOT, "  %-22s %12d%n", "timeouts", r.timeouts());
    System.out.printf(Locale.ROOT, "  %-22s %12d%n", "send errors", r.errors());
    System.out.printf(Locale.ROOT, "  %-22s %12.1f%n", "answers/s", r.answersPerSecond());
    for (Map.Entry<String, Long> e : r.answerCounts().entrySet()) {
      System.out.printf(Locale.ROOT, "  %-22s %12d%n", e.getKey(), e.getValue());
    }
    if (r.authAnswers() > 0) {
      System.out.printf(Locale.ROOT, "  %-22s %12.3f  (fewest %d; %s, %d requested)%n", "auth items per MAA",
          r.authItemsPerAnswer(), r.fewestAuthItems(), s.marSchemeName(), s.marItems());
    }
    System.out.printf(Locale.ROOT, "  %-22s %12.3f%n", "latency p50 ms", ms(h, 50));
    System.out.printf(Locale.ROOT, "  %-22s %12.3f%n", "latency p99 ms", ms(h, 99));
    System.out.printf(Locale.ROOT, "  %-22s %12.3f%n", "latency p99.9 ms", ms(h, 99.9));
    System.out.printf(Locale.ROOT, "  %-22s %12.3f%n", "latency max ms", h.getMaxValue() / 1000.0);
    StringBuilder codes = new StringBuilder();
    for (Map.Entry<String, Long> e : r.answerCounts().entrySet()) {
      codes.append(codes.length() == 0 ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
    }
    // MAR fields only when MAAs were counted, so the summaries of the other mixes stay as they were.
    String auth = r.authAnswers() == 0 ? "" : String.format(Locale.ROOT, ",\"marScheme\":\"%s\",\"marItems\":%d,"
        + "\"authItemsPerAnswer\":%.3f,\"fewestAuthItems\":%d", s.marSchemeName(), s.marItems(),
        r.authItemsPerAnswer(), r.fewestAuthItems());
    System.out.printf(Locale.ROOT, "BENCH_SUMMARY {\"mix\":\"%s\",\"inFlight\":%d,\"connections\":%d,\"rate\":%.1f,"
        + "\"seconds\":%.1f,\"sent\":%d,\"answered\":%d,\"timeouts\":%d,\"errors\":%d,\"answersPerSecond\":%.1f,"
        + "\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,\"codes\":{%s}%s,\"ok\":%b}%n",
        s.mix(), s.inFlight(), s.connections(), s.rate(), s.seconds(), r.sent(), r.answered(), r.timeouts(),
        r.errors(), r.answersPerSecond(), ms(h, 50), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0, codes, auth,
        r.acceptable());
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }
}
