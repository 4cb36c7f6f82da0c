package org.imshss.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.slf.lookup.HssLookup;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Location;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.store.IgniteMappingStore;

/**
 * Cost of one SLF lookup with few and with many mappings, in one process over the SLF's real store (one embedded
 * Ignite node): identities looked up by exact mapping, numbers by range, numbers by longest prefix. The small set
 * is measured first; then the same caches are filled up to the large size and the same users are looked up again
 * (the cost of the number of mappings), then users spread over all mappings (which adds the cost of a working set
 * larger than the CPU caches). All figures come from the same JVM, node and JIT state. Prints BENCH_LOOKUP with
 * nanoseconds per lookup.
 */
public final class SlfLookupBench {

  static final Set<String> OPTIONS = Set.of("small", "large", "seconds", "warmup-seconds", "grid-ports");

  /** Numbers: one range of 100 numbers per 1000 identities, and as many 7-digit prefixes. */
  private static final int IDENTITIES_PER_RANGE = 1000;

  private final IgniteMappingStore store;
  private final HssLookup lookup;
  private final List<HssTarget> targets = new ArrayList<>();
  private int identities;

  private SlfLookupBench(IgniteMappingStore store) {
    this.store = store;
    this.lookup = new HssLookup(store);
    for (int i = 0; i < 4; i++) {
      targets.add(new HssTarget("hss-" + i, "ims.example.org",
          List.of(new HssHost("hss" + i + ".ims.example.org", 3868, null))));
    }
    store.load(targets, List.of(Mapping.of(MappingKind.DOMAIN, "ims.example.org", "hss-0")));
  }

  /** Adds identity, range and prefix mappings until there are {@code total} identities. */
  void fillTo(int total) {
    List<Mapping> batch = new ArrayList<>(100_000);
    for (int i = identities; i < total; i++) {
      String target = "hss-" + (i & 3);
      batch.add(Mapping.of(MappingKind.IDENTITY, "sip:user" + i + "@ims.example.org", target));
      if (i % IDENTITIES_PER_RANGE == 0) {
        int block = i / IDENTITIES_PER_RANGE;
        batch.add(Mapping.range(rangeStart(block), rangeEnd(block), target));
        batch.add(Mapping.of(MappingKind.PREFIX, prefix(block), target));
      }
      if (batch.size() >= 100_000) {
        store.load(List.of(), batch);
        batch.clear();
      }
    }
    store.load(List.of(), batch);
    identities = total;
  }

  static String rangeStart(int block) {
    return String.format(Locale.ROOT, "+49301%05d00", block);
  }

  static String rangeEnd(int block) {
    return String.format(Locale.ROOT, "+49301%05d99", block);
  }

  static String prefix(int block) {
    return String.format(Locale.ROOT, "+44207%05d", block);
  }

  /** Nanoseconds per lookup of random keys made by {@code key}, over {@code seconds}. */
  double measure(java.util.function.IntFunction<String> key, int bound, double warmupSeconds, double seconds,
      MappingKind expected) {
    SplittableRandom random = new SplittableRandom(42);
    String[] keys = new String[1 << 16];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = key.apply(random.nextInt(bound));
    }
    run(keys, (long) (warmupSeconds * 1e9), expected);
    long[] result = run(keys, (long) (seconds * 1e9), expected);
    return (double) result[1] / result[0];
  }

  /** @return {lookups, nanoseconds} */
  private long[] run(String[] keys, long nanos, MappingKind expected) {
    long start = System.nanoTime();
    long end = start + nanos;
    long count = 0;
    int mask = keys.length - 1;
    while (true) {
      for (int i = 0; i < 1024; i++) {
        Location location = lookup.locate(keys[(int) (count++ & mask)]).orElseThrow();
        if (location.matchedBy() != expected) {
          throw new IllegalStateException("expected a " + expected + " match, got " + location);
        }
      }
      long now = System.nanoTime();
      if (now >= end) {
        return new long[] {count, now - start};
      }
    }
  }

  record Figures(double identityNs, double rangeNs, double prefixNs) {
  }

  /** Lookups of random users among the first {@code users} (and of their number blocks). */
  Figures measureAll(int users, double warmupSeconds, double seconds) {
    int blocks = Math.max(1, users / IDENTITIES_PER_RANGE);
    return new Figures(
        measure(i -> "sip:user" + i + "@ims.example.org", users, warmupSeconds, seconds, MappingKind.IDENTITY),
        measure(i -> "tel:" + rangeStart(i).substring(0, 11) + "42", blocks, warmupSeconds, seconds, MappingKind.RANGE),
        measure(i -> "tel:" + prefix(i) + "123", blocks, warmupSeconds, seconds, MappingKind.PREFIX));
  }

  public static void main(String[] args) throws Exception {
    if (Options.wantsHelp(args)) {
      System.out.println("usage: SlfLookupBench [--small 1000] [--large 1000000] [--warmup-seconds 5]"
          + " [--seconds 10] [--grid-ports 47650,47250]");
      System.exit(0);
    }
    Options o = Options.parse(args, OPTIONS);
    int small = o.integer("small", 1000);
    int large = o.integer("large", 1_000_000);
    double warmup = o.decimal("warmup-seconds", 5);
    double seconds = o.decimal("seconds", 10);
    String[] ports = o.string("grid-ports", "47650,47250").split(",");
    if (small < IDENTITIES_PER_RANGE || large < small) {
      throw new IllegalArgumentException("--small must be at least " + IDENTITIES_PER_RANGE + " and --large >= --small");
    }
    Path work = Files.createTempDirectory("slf-lookup-bench");
    GridSettings grid = GridSettings.defaults("slf-lookup-bench")
        .withPorts(Integer.parseInt(ports[0].trim()), Integer.parseInt(ports[1].trim()))
        .withBackups(0).withWorkDirectory(work).withDataRegionMaxBytes(2L * 1024 * 1024 * 1024);
    try (GridNode node = GridNode.start(grid);
         IgniteMappingStore store = new IgniteMappingStore(node.ignite(), RecordCodec.shared(), 0)) {
      SlfLookupBench bench = new SlfLookupBench(store);
      bench.fillTo(small);
      // A first pass only warms the JIT up, so the small figures are not paying for compilation.
      bench.measureAll(small, warmup, warmup);
      Figures few = bench.measureAll(small, warmup, seconds);
      long started = System.nanoTime();
      bench.fillTo(large);
      double loadSeconds = (System.nanoTime() - started) / 1e9;
      // The same users as before, now among many more mappings: what the number of mappings costs.
      Figures many = bench.measureAll(small, warmup, seconds);
      // Users spread over all mappings: adds what a working set larger than the CPU caches costs.
      Figures spread = bench.measureAll(large, warmup, seconds);
      long mappings = 0;
      for (MappingKind kind : MappingKind.values()) {
        mappings += store.count(kind);
      }
      System.out.printf(Locale.ROOT, "BENCH_LOOKUP {\"small\":%d,\"large\":%d,\"mappingsLarge\":%d,"
          + "\"loadSeconds\":%.1f,\"identityNsSmall\":%.0f,\"identityNsLarge\":%.0f,\"rangeNsSmall\":%.0f,"
          + "\"rangeNsLarge\":%.0f,\"prefixNsSmall\":%.0f,\"prefixNsLarge\":%.0f,\"identityNsSpread\":%.0f,"
          + "\"rangeNsSpread\":%.0f,\"prefixNsSpread\":%.0f}%n", small, large, mappings, loadSeconds,
          few.identityNs(), many.identityNs(), few.rangeNs(), many.rangeNs(), few.prefixNs(), many.prefixNs(),
          spread.identityNs(), spread.rangeNs(), spread.prefixNs());
    }
    System.exit(0);
  }
}
