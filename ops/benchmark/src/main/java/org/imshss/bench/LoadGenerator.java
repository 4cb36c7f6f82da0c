package org.imshss.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Message;

/**
 * Cx load generator. Keeps a fixed number of requests in flight over one or more jDiameter client connections,
 * either closed-loop (each answer immediately triggers the next request, from the thread that delivered the
 * answer) or open-loop at a fixed rate, where latency is measured from the intended send time so that a stalled
 * server is not hidden by the generator waiting for it (coordinated omission). {@link CxRequests} builds the
 * requests, each {@link LoadConnection} is one client stack, {@link LoadReport} prints the outcome.
 */
public final class LoadGenerator {

  static final Set<String> OPTIONS = Set.of("host", "port", "dest-host", "dest-realm", "origin-host",
      "origin-realm", "local-address", "in-flight", "warmup-seconds", "seconds", "rate", "mix", "users",
      "impu-template", "impi-template", "server-name", "visited-network", "sar-type", "connections", "timeout-ms",
      "fsm-threads", "mar-scheme", "mar-items");

  private static final int CONNECT_ATTEMPTS = 3;
  /** SIP-Authentication-Scheme values of {@code --mar-scheme} (TS 29.229 6.3.9). */
  private static final Map<String, String> MAR_SCHEMES = Map.of("aka", "Digest-AKAv1-MD5", "digest", "SIP Digest");

  /** Everything the generator is told on the command line. */
  record Settings(String host, int port, String destHost, String destRealm, String originHost, String originRealm,
      String localAddress, int inFlight, double warmupSeconds, double seconds, double rate, String mix, int users,
      String impuTemplate, String impiTemplate, String serverName, String visitedNetwork, int sarType,
      int connections, long timeoutMs, int fsmThreads, String marScheme, int marItems) {

    static Settings from(Options o) {
      Settings s = new Settings(o.string("host", "127.0.0.1"), o.integer("port", 3868),
          o.string("dest-host", "hss.ims.example.org"), o.string("dest-realm", "ims.example.org"),
          o.string("origin-host", "bench.ims.example.org"), o.string("origin-realm", "ims.example.org"),
          o.string("local-address", ""), o.integer("in-flight", 200), o.decimal("warmup-seconds", 5),
          o.decimal("seconds", 15), o.decimal("rate", 0), o.string("mix", "uar"), o.integer("users", 1000),
          o.string("impu-template", "sip:user%d@ims.example.org"), o.string("impi-template", "user%d@ims.example.org"),
          o.string("server-name", "sip:scscf.ims.example.org:6060"), o.string("visited-network", "ims.example.org"),
          o.integer("sar-type", 2), o.integer("connections", 1), o.integer("timeout-ms", 5000),
          o.integer("fsm-threads", 2), o.string("mar-scheme", "aka"), o.integer("mar-items", 1));
      s.validate();
      return s;
    }

    void validate() {
      if (inFlight < 1 || users < 1 || connections < 1 || seconds <= 0 || warmupSeconds < 0 || rate < 0
          || timeoutMs < 1 || fsmThreads < 1 || marItems < 1) {
        throw new IllegalArgumentException("in-flight, users, connections, seconds, timeout-ms, fsm-threads and"
            + " mar-items must be positive; warmup-seconds and rate must not be negative");
      }
      CxRequests.mixPattern(mix);
      if (!MAR_SCHEMES.containsKey(marScheme)) {
        throw new IllegalArgumentException("--mar-scheme must be aka or digest, got '" + marScheme + "'");
      }
    }

    /** The SIP-Authentication-Scheme sent in MARs. */
    String marSchemeName() {
      return MAR_SCHEMES.get(marScheme);
    }
  }

  /** Outcome of one run; counts cover only requests sent in the measured window. */
  record Report(long sent, long answered, long timeouts, long errors, double seconds, Map<String, Long> answerCounts,
      Histogram latencyUs, long authAnswers, long authItems, long fewestAuthItems) {

    long unanswered() {
      return sent - answered;
    }

    double answersPerSecond() {
      return answered / seconds;
    }

    /** Average SIP-Auth-Data-Items per MAA; 0 without MAAs. */
    double authItemsPerAnswer() {
      return authAnswers == 0 ? 0 : (double) authItems / authAnswers;
    }

    boolean acceptable() {
      return sent > 0 && unanswered() * 100 <= sent;
    }
  }

  private final Settings settings;
  private final Stats stats = new Stats();
  private final CxRequests requests;
  private final AtomicLong sequence = new AtomicLong();
  private final List<LoadConnection> connections = new ArrayList<>();
  private final ArrayBlockingQueue<Slot> idle;

  private volatile boolean running;
  private volatile long measureStartNs;
  private volatile long endNs;
  private volatile boolean closedLoop;

  private LoadGenerator(Settings s) {
    this.settings = s;
    this.requests = new CxRequests(s);
    this.idle = new ArrayBlockingQueue<>(s.inFlight());
  }

  /** Connects, runs warm-up and measurement, drains outstanding requests and disconnects. */
  static Report run(Settings s) throws Exception {
    LoadGenerator g = new LoadGenerator(s);
    try {
      g.connect();
      return g.drive();
    } finally {
      g.disconnect();
    }
  }

  private void connect() throws Exception {
    InetAddress target = InetAddress.getByName(settings.host());
    String local = settings.localAddress().isEmpty() ? localAddressTowards(target) : settings.localAddress();
    StackConfigs.Tuning tuning = new StackConfigs.Tuning(settings.fsmThreads(), 20000, 1);
    for (int i = 0; i < settings.connections(); i++) {
      String identity = i == 0 ? settings.originHost() : numbered(settings.originHost(), i + 1);
      for (int attempt = 1; ; attempt++) {
        try {
          connections.add(new LoadConnection(identity, StackConfigs.client(identity, settings.originRealm(), local,
              settings.destHost(), target.getHostAddress(), settings.port(), settings.destRealm(),
              settings.timeoutMs(), tuning)));
          break;
        } catch (IOException e) {
          // jDiameter's peer FSM has a start-up race ("Statistic already defined") that leaves the peer DOWN
          // now and then on a busy machine; a fresh stack connects.
          if (attempt == CONNECT_ATTEMPTS) {
            throw e;
          }
          System.err.println("load: " + e.getMessage() + "; retrying with a new stack");
        }
      }
    }
    for (int i = 0; i < settings.inFlight(); i++) {
      idle.add(new Slot(connections.get(i % connections.size())));
    }
  }

  /** Each connection is its own Diameter peer, so it needs its own Origin-Host: bench-2.ims.example.org, ... */
  private static String numbered(String host, int n) {
    int dot = host.indexOf('.');
    return dot < 0 ? host + "-" + n : host.substring(0, dot) + "-" + n + host.substring(dot);
  }

  /** The address the OS would use to reach the target; a UDP connect sends nothing. */
  private static String localAddressTowards(InetAddress target) throws IOException {
    if (target.isLoopbackAddress()) {
      return target.getHostAddress();
    }
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(new InetSocketAddress(target, 9));
      return probe.getLocalAddress().getHostAddress();
    }
  }

  private Report drive() throws InterruptedException {
    long start = System.nanoTime();
    measureStartNs = start + seconds(settings.warmupSeconds());
    endNs = measureStartNs + seconds(settings.seconds());
    closedLoop = settings.rate() <= 0;
    running = true;
    if (closedLoop) {
      driveClosedLoop();
    } else {
      driveFixedRate(start);
    }
    running = false;
    drain();
    Histogram h = stats.latencyHistogram();
    return new Report(stats.sentCount(), stats.answeredCount(), stats.timeoutCount(), stats.errorCount(),
        settings.seconds(), stats.answerCounts(), h, stats.authAnswerCount(), stats.authItemCount(),
        stats.fewestAuthItems());
  }

  /** Fills the pipeline; afterwards answers refill it themselves and this loop only retries failed sends. */
  private void driveClosedLoop() throws InterruptedException {
    long now;
    while ((now = System.nanoTime()) < endNs) {
      Slot slot = idle.poll(Math.min(50_000_000L, endNs - now), TimeUnit.NANOSECONDS);
      if (slot != null && !send(slot, System.nanoTime())) {
        idle.offer(slot);
        LockSupport.parkNanos(1_000_000L);
      }
    }
  }

  /** Open loop: request k is due at start + k/rate whatever happened to earlier requests. */
  private void driveFixedRate(long start) throws InterruptedException {
    double periodNs = 1e9 / settings.rate();
    for (long k = 0; ; k++) {
      long due = start + (long) (k * periodNs);
      if (due >= endNs) {
        return;
      }
      long now = System.nanoTime();
      if (due > now) {
        LockSupport.parkNanos(due - now);
      }
      Slot slot = idle.poll(Math.max(0, endNs - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (slot == null) {
        return;
      }
      if (!send(slot, due)) {
        idle.offer(slot);
      }
    }
  }

  private void drain() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs() + 3000);
    while (idle.size() < settings.inFlight() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  /** Called from jDiameter threads when a slot's request is answered or timed out. */
  private void completed(Slot slot) {
    if (closedLoop && running) {
      long now = System.nanoTime();
      if (now < endNs && send(slot, now)) {
        return;
      }
    }
    idle.offer(slot);
  }

  /** Builds and sends the next request on the slot; false if the stack refused it (the caller keeps the slot). */
  private boolean send(Slot slot, long intendedNs) {
    long n = sequence.getAndIncrement();
    Command command = requests.command(n);
    int user = requests.user(n);
    boolean measured = intendedNs >= measureStartNs;
    LoadConnection c = slot.connection;
    Message m = null;
    try {
      m = c.session.createMessage(command.code(), Cx.APPLICATION);
      m.setRequest(true);
      m.setProxiable(command.isProxiable());
      AvpSet avps = m.getAvps();
      // Session-Id first (RFC 6733 8.8); createMessage has already added Vendor-Specific-Application-Id.
      avps.insertAvp(0, Avp.SESSION_ID.code(), c.nextSessionId(n), Avp.SESSION_ID.sendMandatoryBit(), false);
      // A user is served by one S-CSCF: its SAR always names the same Diameter identity (that of connection
      // user mod connections), whichever connection carries it, as a real S-CSCF's re-registrations do.
      requests.fill(avps, command, user, command == Command.SAR
          ? connections.get(user % connections.size()).originHost : c.originHost);
      slot.arm(m, intendedNs, measured);
      if (measured) {
        stats.sent();
      }
      c.session.send(m, slot, settings.timeoutMs(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      // The answer or timeout callback can no longer come: release the slot here.
      if (slot.disarm(m) && measured) {
        stats.error();
      }
      c.reportSendFailure(e);
      return false;
    }
  }

  private void disconnect() {
    for (LoadConnection c : connections) {
      c.close();
    }
  }

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }

  /**
   * One pipeline position, reused for request after request so that the answer path allocates nothing of ours.
   * {@code current} guards against the rare double callback (answer racing the timeout timer).
   */
  private final class Slot implements org.jdiameter.api.EventListener<Message, Message> {

    private final LoadConnection connection;
    private Message current;
    private long intendedNs;
    private boolean measured;

    Slot(LoadConnection connection) {
      this.connection = connection;
    }

    synchronized void arm(Message m, long intended, boolean isMeasured) {
      current = m;
      intendedNs = intended;
      measured = isMeasured;
    }

    synchronized boolean disarm(Message m) {
      if (m == null || current != m) {
        return m == null;
      }
      current = null;
      return true;
    }

    @Override
    public void receivedSuccessMessage(Message request, Message answer) {
      long now = System.nanoTime();
      long intended;
      boolean wasMeasured;
      synchronized (this) {
        if (current != request) {
          return;
        }
        current = null;
        intended = intendedNs;
        wasMeasured = measured;
      }
      if (wasMeasured) {
        record(answer, (now - intended) / 1000);
      }
      completed(this);
    }

    @Override
    public void timeoutExpired(Message request) {
      boolean wasMeasured;
      synchronized (this) {
        if (current != request) {
          return;
        }
        current = null;
        wasMeasured = measured;
      }
      if (wasMeasured) {
        stats.timeout();
      }
      completed(this);
    }

    private void record(Message answer, long latencyUs) {
      int kind = Stats.NO_RESULT;
      long code = 0;
      AvpSet avps = answer.getAvps();
      try {
        OptionalLong rc = Avps.unsigned32(avps, Avp.RESULT_CODE);
        if (rc.isPresent()) {
          kind = Stats.RESULT_CODE;
          code = rc.getAsLong();
        } else {
          OptionalLong erc = Avps.grouped(avps, Avp.EXPERIMENTAL_RESULT)
              .map(er -> Avps.unsigned32(er, Avp.EXPERIMENTAL_RESULT_CODE)).orElse(OptionalLong.empty());
          if (erc.isPresent()) {
            kind = Stats.EXPERIMENTAL;
            code = erc.getAsLong();
          }
        }
      } catch (RuntimeException malformed) {
        kind = Stats.NO_RESULT;
      }
      int command = answer.getCommandCode();
      stats.answer(command, kind, code, latencyUs);
      if (command == Command.MAA.code()) {
        stats.authItems(Avps.count(avps, Avp.SIP_AUTH_DATA_ITEM));
      }
    }
  }


  public static void main(String[] args) {
    if (Options.wantsHelp(args)) {
      System.out.println("usage: LoadGenerator [--host 127.0.0.1] [--port 3868] [--dest-host hss.ims.example.org]"
          + " [--dest-realm ims.example.org] [--origin-host bench.ims.example.org] [--origin-realm ims.example.org]"
          + " [--local-address auto] [--in-flight 200] [--warmup-seconds 5] [--seconds 15]"
          + " [--rate 0 (0 = as fast as possible)]"
          + " [--mix uar|lir|sar|mar|mix (UAR:LIR:SAR 2:2:1, per user UAR,SAR,LIR,UAR,LIR)] [--users 1000]"
          + " [--impu-template sip:user%d@ims.example.org] [--impi-template user%d@ims.example.org]"
          + " [--server-name sip:scscf.ims.example.org:6060] [--visited-network ims.example.org] [--sar-type 2]"
          + " [--connections 1] [--timeout-ms 5000] [--fsm-threads 2]"
          + " [--mar-scheme aka|digest (Digest-AKAv1-MD5 or SIP Digest)] [--mar-items 1 (SIP-Number-Auth-Items)]");
      System.exit(0);
    }
    int exit;
    try {
      Settings s = Settings.from(Options.parse(args, OPTIONS));
      Report r = run(s);
      LoadReport.print(s, r);
      exit = r.acceptable() ? 0 : 1;
      if (!r.acceptable()) {
        System.err.println("load: " + r.unanswered() + " of " + r.sent() + " requests got no answer (limit 1%)");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      exit = 2;
    } catch (Exception e) {
      System.err.println("load: failed: " + e);
      e.printStackTrace();
      exit = 1;
    }
    // jDiameter leaves non-daemon threads behind after stop()/destroy().
    System.exit(exit);
  }
}
