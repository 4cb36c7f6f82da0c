package org.imshss.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.cluster.ClusterState;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.GridSettings;

/**
 * What the grid alone costs to take in subscribers stored as a given layout: one cache per kind of record
 * (configured like the HSS's per-subscriber caches: partitioned, atomic, full sync, one backup; 1,024 partitions
 * unless {@code --partitions} says otherwise, as the HSS had before run P4 — it has 256 since), a record of the
 * given size in each per subscriber, streamed in batches of 1,000 subscribers with one data streamer per cache and
 * batch, as a bulk import did before P4 (it now claims keys with {@code invokeAll}, which the import benchmark's
 * "grid alone" phase reproduces). A node started with the HSS's grid settings (WAL, region) and optionally
 * {@code --continuous-queries} empty continuous queries per cache (the HSS keeps one per cache). The first of
 * {@code --rounds} is a warm-up; the others are reported, then their total.
 *
 * <pre>ops/bin/benchmark layouts --sizes 252,482,265,265,122,150 [--subscribers 100000] [--persistence true]
 *     [--continuous-queries 0] [--rounds 3] [--partitions 1024] [--group NAME]</pre>
 * {@code --partitions} sets the caches' partition count, {@code --group} puts them all in one cache group.
 */
public final class GridLayoutBench {

  static final Set<String> OPTIONS = Set.of("sizes", "subscribers", "persistence", "continuous-queries", "rounds",
      "grid-ports", "partitions", "group");

  private static final int BATCH = 1000;

  private GridLayoutBench() {
  }

  public static void main(String[] args) throws IOException {
    if (Options.wantsHelp(args)) {
      System.out.println("usage: GridLayoutBench --sizes 252,482,265 [--subscribers 100000] [--persistence true]"
          + " [--continuous-queries 0] [--rounds 3] [--grid-ports 47530,47130] [--partitions 1024] [--group NAME]");
      return;
    }
    Layout layout = Layout.from(Options.parse(args, OPTIONS));
    Path work = Files.createTempDirectory("grid-layout");
    try (Ignite ignite = Ignition.start(configuration(layout, work))) {
      if (layout.persistence()) {
        ignite.cluster().state(ClusterState.ACTIVE);
      }
      measure(ignite, layout, values(ignite, layout));
    } finally {
      try (Stream<Path> paths = Files.walk(work)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** What the command line asks for. */
  private record Layout(int[] sizes, int subscribers, boolean persistence, int queries, int rounds, String[] ports,
      int partitions, String group) {

    static Layout from(Options options) {
      int[] sizes = Arrays.stream(options.string("sizes", "252,482,265,265,122,150").split(","))
          .mapToInt(Integer::parseInt).toArray();
      int subscribers = options.integer("subscribers", 100_000) / BATCH * BATCH;
      boolean persistence = Boolean.parseBoolean(options.string("persistence", "true"));
      int queries = options.integer("continuous-queries", 0);
      int rounds = options.integer("rounds", 3);
      String[] ports = options.string("grid-ports", "47530,47130").split(",");
      int partitions = options.integer("partitions", 1024);
      String group = options.string("group", "");
      if (rounds < 2 || sizes.length == 0 || subscribers == 0) {
        throw new IllegalArgumentException("need --rounds >= 2, at least one size and --subscribers >= " + BATCH);
      }
      return new Layout(sizes, subscribers, persistence, queries, rounds, ports, partitions, group);
    }
  }

  /** A node with the HSS's grid settings and one cache per size of the layout. */
  private static IgniteConfiguration configuration(Layout layout, Path work) {
    GridSettings settings = GridSettings.defaults("grid-layout")
        .withPorts(Integer.parseInt(layout.ports()[0]), Integer.parseInt(layout.ports()[1]))
        .withDataRegionMaxBytes(4L << 30)
        .withWorkDirectory(work);
    if (layout.persistence()) {
      settings = settings.withPersistence(work);
    }
    IgniteConfiguration configuration = GridNode.configuration(settings);
    List<CacheConfiguration<String, byte[]>> caches = new ArrayList<>();
    for (int c = 0; c < layout.sizes().length; c++) {
      caches.add(new CacheConfiguration<String, byte[]>("layout-" + c)
          .setCacheMode(CacheMode.PARTITIONED)
          .setBackups(settings.backups())
          .setAtomicityMode(CacheAtomicityMode.ATOMIC)
          .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
          .setGroupName(layout.group().isEmpty() ? null : layout.group())
          .setAffinity(new RendezvousAffinityFunction(false, layout.partitions())));
    }
    configuration.setCacheConfiguration(caches.toArray(new CacheConfiguration<?, ?>[0]));
    return configuration;
  }

  /** One random record per cache, of its size; and the continuous queries asked for on each cache. */
  private static byte[][] values(Ignite ignite, Layout layout) {
    byte[][] values = new byte[layout.sizes().length][];
    Random random = new Random(1);
    for (int c = 0; c < layout.sizes().length; c++) {
      values[c] = new byte[layout.sizes()[c]];
      random.nextBytes(values[c]);
      for (int q = 0; q < layout.queries(); q++) {
        ContinuousQuery<String, byte[]> query = new ContinuousQuery<>();
        query.setLocalListener(events -> events.forEach(event -> event.getKey()));
        ignite.<String, byte[]>cache("layout-" + c).query(query);
      }
    }
    return values;
  }

  /** Every round, the first a warm-up, then the total of the others. */
  private static void measure(Ignite ignite, Layout layout, byte[][] values) {
    int subscribers = layout.subscribers();
    long counted = 0;
    double seconds = 0;
    double cpuMicros = 0;
    for (int round = 0; round < layout.rounds(); round++) {
      long cpu = processCpuNanos();
      long started = System.nanoTime();
      stream(ignite, round, subscribers, values);
      double elapsed = (System.nanoTime() - started) / 1e9;
      double cpuEach = (processCpuNanos() - cpu) / 1e3 / subscribers;
      System.out.printf("RESULT %s round %d: %,d subscribers %.1f s %,10.0f /s %6.1f us CPU each%n",
          round == 0 ? "warm-up" : "       ", round, subscribers, elapsed, subscribers / elapsed, cpuEach);
      if (round > 0) {
        counted += subscribers;
        seconds += elapsed;
        cpuMicros += cpuEach * subscribers;
      }
    }
    System.out.printf("RESULT layout %s persistence=%s continuous-queries=%d partitions=%d group=%s:"
        + " %,.0f subscribers/s, %.0f us CPU each%n", Arrays.toString(layout.sizes()), layout.persistence(),
        layout.queries(), layout.partitions(), layout.group().isEmpty() ? "none" : layout.group(),
        counted / seconds, cpuMicros / counted);
  }

  /** One round: the subscribers in batches, one data streamer per cache and batch. */
  private static void stream(Ignite ignite, int round, int subscribers, byte[][] values) {
    for (int from = 0; from < subscribers; from += BATCH) {
      for (int c = 0; c < values.length; c++) {
        try (IgniteDataStreamer<String, byte[]> streamer = ignite.dataStreamer("layout-" + c)) {
          for (int i = from; i < from + BATCH; i++) {
            streamer.addData("sip:r" + round + "-user-" + i + "@ims.example.org", values[c]);
          }
        }
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
