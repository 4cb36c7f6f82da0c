package org.imshss.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.store.CacheNames;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.imshss.provisioning.store.RegistrationUpdate;

/**
 * What the store's hot-path operations cost, one thread, best of several rounds (docs/BENCHMARKS.md quotes it):
 * <ol>
 *   <li>one node: a decoded public identity read and an atomic registration update;</li>
 *   <li>three nodes in this JVM, one backup each (messages still cross loopback TCP and are marshalled): a
 *       registration update sent to the primary on another node, and reads of keys this node holds (primary or
 *       backup, reads from backups are on) against keys it holds no copy of.</li>
 * </ol>
 * <pre>ops/bin/benchmark store-costs [--keys 2000] [--updates 50000] [--rounds 4]</pre>
 */
public final class StoreCostBench {

  static final Set<String> OPTIONS = Set.of("keys", "updates", "rounds");

  private StoreCostBench() {
  }

  public static void main(String[] args) throws IOException {
    if (Options.wantsHelp(args)) {
      System.out.println("usage: StoreCostBench [--keys 2000] [--updates 50000] [--rounds 4]");
      return;
    }
    Options options = Options.parse(args, OPTIONS);
    int keys = options.integer("keys", 2_000);
    int updates = options.integer("updates", 50_000);
    int rounds = options.integer("rounds", 4);
    if (rounds < 2 || keys < 1 || updates < 1) {
      throw new IllegalArgumentException("need --rounds >= 2, --keys >= 1 and --updates >= 1");
    }
    Path work = Files.createTempDirectory("store-costs");
    localCosts(work.resolve("single"), updates, rounds);
    clusterCosts(work.resolve("cluster"), keys, updates / 10, rounds);
  }

  private static void localCosts(Path work, int runs, int rounds) {
    try (GridNode node = GridNode.start(settings("cost-single", freePort(), work, List.of()));
        IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite())) {
      String identity = "sip:timing@ims.example.org";
      store.putPublicIdentity(new PublicIdentity(identity, IdentityType.PUBLIC_USER_IDENTITY, "timing",
          "timing/0", "default", false, null, null, true, null, List.of("timing@ims.example.org")));
      double get = best(rounds, runs, i -> store.publicIdentity(identity).isPresent());
      double update = best(rounds, runs, i -> store.updateRegistration("timing-" + (i % 1000), new Increment()) > 0);
      System.out.printf("one node, one thread, best of %d rounds of %d calls (us/op):%n", rounds - 1, runs);
      System.out.printf("  publicIdentity (decoded copy on heap)  %.1f%n", get);
      System.out.printf("  updateRegistration (entry processor)   %.1f%n", update);
    }
  }

  private static void clusterCosts(Path work, int keys, int updates, int rounds) {
    int[] discovery = {freePort(), freePort(), freePort()};
    List<String> addresses = new ArrayList<>();
    for (int port : discovery) {
      addresses.add("127.0.0.1:" + port);
    }
    List<GridNode> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < discovery.length; i++) {
        nodes.add(GridNode.start(settings("cost-" + i, discovery[i], work.resolve("n" + i), addresses)));
      }
      try (IgniteSubscriberStore reader = new IgniteSubscriberStore(nodes.get(0).ignite());
          IgniteSubscriberStore writer = new IgniteSubscriberStore(nodes.get(1).ignite())) {
        remoteUpdate(nodes.get(0).ignite(), reader, updates, rounds);
        remoteReads(nodes.get(0).ignite(), reader, writer, keys, rounds);
      }
    } finally {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).close();
      }
    }
  }

  /** An update issued on a node that holds no copy of the key travels to its primary and back. */
  private static void remoteUpdate(Ignite local, IgniteSubscriberStore store, int runs, int rounds) {
    Affinity<String> affinity = local.affinity(CacheNames.REGISTRATIONS);
    ClusterNode self = local.cluster().localNode();
    String key = "remote-0";
    for (int i = 1; affinity.isPrimaryOrBackup(self, key); i++) {
      key = "remote-" + i;
    }
    String elsewhere = key;
    double cost = best(rounds, runs, i -> store.updateRegistration(elsewhere, new Increment()) > 0);
    System.out.printf("three nodes, one backup, one thread, best of %d rounds (us/op):%n", rounds - 1);
    System.out.printf("  updateRegistration, primary elsewhere  %.1f (%d calls a round)%n", cost, runs);
  }

  private static void remoteReads(Ignite local, IgniteSubscriberStore reader, IgniteSubscriberStore writer,
      int keys, int rounds) {
    Affinity<String> affinity = local.affinity(CacheNames.REGISTRATIONS);
    ClusterNode self = local.cluster().localNode();
    List<String> here = new ArrayList<>();
    List<String> elsewhere = new ArrayList<>();
    for (int i = 0; here.size() < keys || elsewhere.size() < keys; i++) {
      String key = "cost-" + i;
      List<String> target = affinity.isPrimaryOrBackup(self, key) ? here : elsewhere;
      if (target.size() < keys) {
        target.add(key);
        writer.putSubscription(new ImsSubscription(key, List.of(key + "@ims.example.org"), Set.of(1, 2), Set.of(3),
            List.of("sip:scscf.ims.example.org:6060"), List.of("ims.example.org"), "default", true));
        writer.updateRegistration(key, new Increment());
      }
    }
    IgniteCache<String, byte[]> registrations = local.cache(CacheNames.REGISTRATIONS);
    System.out.printf("  reads of %d keys held here / held elsewhere:%n", keys);
    System.out.printf("    registration (always from the grid)  %.1f / %.1f%n",
        best(rounds, keys, i -> !reader.registration(here.get(i)).isEmpty()),
        best(rounds, keys, i -> !reader.registration(elsewhere.get(i)).isEmpty()));
    System.out.printf("    cache get, codec bytes only          %.1f / %.1f%n",
        best(rounds, keys, i -> registrations.get(here.get(i)) != null),
        best(rounds, keys, i -> registrations.get(elsewhere.get(i)) != null));
    System.out.printf("    subscription (decoded copy on heap)  %.1f / %.1f%n",
        best(rounds, keys, i -> reader.subscription(here.get(i)).isPresent()),
        best(rounds, keys, i -> reader.subscription(elsewhere.get(i)).isPresent()));
  }

  /** Microseconds per call, best round after the first (a warm-up); every call must report success. */
  private static double best(int rounds, int calls, IntPredicate call) {
    double best = Double.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        if (!call.test(i)) {
          throw new IllegalStateException("call " + i + " of round " + round + " found nothing");
        }
      }
      if (round > 0) {
        best = Math.min(best, (System.nanoTime() - start) / 1_000.0 / calls);
      }
    }
    return best;
  }

  private static GridSettings settings(String name, int discoveryPort, Path work, List<String> members) {
    GridSettings settings = GridSettings.defaults(name)
        .withPorts(discoveryPort, freePort())
        .withWorkDirectory(work)
        .withDataRegionMaxBytes(256L * 1024 * 1024)
        .withBackups(1);
    return members.isEmpty() ? settings : settings.withDiscoveryAddresses(members);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds one to a counter kept in the restoration info; returns the new value. */
  record Increment() implements RegistrationUpdate<Long> {
    private static final String COUNTER = "bench-counter";

    @Override
    public Outcome<Long> apply(RegistrationState current) {
      byte[] stored = current.restorationInfo().get(COUNTER);
      long next = (stored == null ? 0 : ByteBuffer.wrap(stored).getLong()) + 1;
      return new Outcome<>(current.withRestorationInfo(COUNTER,
          ByteBuffer.allocate(Long.BYTES).putLong(next).array()), next);
    }
  }
}
