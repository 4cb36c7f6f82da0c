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
 * Cost of one SLF lookup with few and with many mappings, in one process over the SLF's real store: identities
 * looked up by exact mapping, numbers by range, numbers by longest prefix. Two single-node grids in one JVM hold
 * the small and the large set; the same users are looked up in each, alternately over several rounds (the median
 * is reported), which gives the cost of the number of mappings stored; then users spread over the whole large set,
 * which adds the cost of a working set larger than the CPU caches. Prints BENCH_LOOKUP with nanoseconds per
 * lookup.
 */
public final class SlfLookupBench {

  static final Set<String> OPTIONS = Set.of("small", "large", "seconds", "warmup-seconds", "rounds", "grid-ports");

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

  static GridSettings grid(String name, int discoveryPort, int communicationPort, Path work, long regionBytes) {
    return GridSettings.defaults(name).withPorts(discoveryPort, communicationPort).withBackups(0)
        .withWorkDirectory(work).withDataRegionMaxBytes(regionBytes);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  public static void main(String[] args) throws Exception {
    if (Options.wantsHelp(args)) {
      System.out.println("usage: SlfLookupBench [--small 1000] [--large 1000000] [--warmup-seconds 5]"
          + " [--seconds 10] [--rounds 5] [--grid-ports 47650,47250 (and the next port of each)]");
      System.exit(0);
    }
    Options o = Options.parse(args, OPTIONS);
    int small = o.integer("small", 1000);
    int large = o.integer("large", 1_000_000);
    double warmup = o.decimal("warmup-seconds", 5);
    double seconds = o.decimal("seconds", 10);
    int rounds = o.integer("rounds", 5);
    String[] ports = o.string("grid-ports", "47650,47250").split(",");
    if (small < IDENTITIES_PER_RANGE || large < small || rounds < 1) {
      throw new IllegalArgumentException("--small must be at least " + IDENTITIES_PER_RANGE
          + ", --large >= --small, --rounds >= 1");
    }
    int discovery = Integer.parseInt(ports[0].trim());
    int communication = Integer.parseInt(ports[1].trim());
    Path work = Files.createTempDirectory("slf-lookup-bench");
    // Two single-node grids in one JVM, one per size: measured in alternation, so a change in what else runs on
    // the machine hits both alike.
    try (GridNode fewNode = GridNode.start(grid("slf-lookup-few", discovery, communication, work.resolve("few"),
            256L * 1024 * 1024));
         GridNode manyNode = GridNode.start(grid("slf-lookup-many", discovery + 1, communication + 1,
             work.resolve("many"), 2L * 1024 * 1024 * 1024));
         IgniteMappingStore fewStore = new IgniteMappingStore(fewNode.ignite(), RecordCodec.shared(), 0);
         IgniteMappingStore manyStore = new IgniteMappingStore(manyNode.ignite(), RecordCodec.shared(), 0)) {
      SlfLookupBench few = new SlfLookupBench(fewStore);
      few.fillTo(small);
      SlfLookupBench many = new SlfLookupBench(manyStore);
      long started = System.nanoTime();
      many.fillTo(large);
      double loadSeconds = (System.nanoTime() - started) / 1e9;
      // A first pass of each only warms the JIT up.
      few.measureAll(small, warmup, warmup);
      many.measureAll(small, warmup, warmup);
      double slice = Math.max(1, seconds / rounds);
      double[][] fewRounds = new double[3][rounds];
      double[][] manyRounds = new double[3][rounds];
      for (int r = 0; r < rounds; r++) {
        Figures a = few.measureAll(small, 1, slice);
        // The same users as on the small grid: what the number of mappings stored costs.
        Figures b = many.measureAll(small, 1, slice);
        fewRounds[0][r] = a.identityNs();
        fewRounds[1][r] = a.rangeNs();
        fewRounds[2][r] = a.prefixNs();
        manyRounds[0][r] = b.identityNs();
        manyRounds[1][r] = b.rangeNs();
        manyRounds[2][r] = b.prefixNs();
      }
      // Users spread over all mappings: adds what a working set larger than the CPU caches costs.
      Figures spread = many.measureAll(large, warmup, seconds);
      long mappings = 0;
      for (MappingKind kind : MappingKind.values()) {
        mappings += manyStore.count(kind);
      }
      System.out.printf(Locale.ROOT, "BENCH_LOOKUP {\"small\":%d,\"large\":%d,\"mappingsLarge\":%d,\"rounds\":%d,"
          + "\"loadSeconds\":%.1f,\"identityNsSmall\":%.0f,\"identityNsLarge\":%.0f,\"rangeNsSmall\":%.0f,"
          + "\"rangeNsLarge\":%.0f,\"prefixNsSmall\":%.0f,\"prefixNsLarge\":%.0f,\"identityNsSpread\":%.0f,"
          + "\"rangeNsSpread\":%.0f,\"prefixNsSpread\":%.0f}%n", small, large, mappings, rounds, loadSeconds,
          median(fewRounds[0]), median(manyRounds[0]), median(fewRounds[1]), median(manyRounds[1]),
          median(fewRounds[2]), median(manyRounds[2]), spread.identityNs(), spread.rangeNs(), spread.prefixNs());
    }
    System.exit(0);
  }
}
