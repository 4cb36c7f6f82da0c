package org.imshss.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.DisconnectCause;
import org.jdiameter.api.EventListener;
import org.jdiameter.api.Message;
import org.jdiameter.api.Mode;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.api.RawSession;
import org.jdiameter.api.Stack;
import org.jdiameter.client.impl.StackImpl;

/**
 * Sh load as application servers send it, closed loop: UDRs for RepositoryData, or PURs writing RepositoryData
 * (each user's first PUR creates it with Sequence-Number 0, the next ones update it). Each connection is one AS
 * (Origin-Host {@code as-<n>.<realm>}); users are {@code sip:user<i>@ims.example.org} as {@link SeedGenerator}
 * writes them. Prints a BENCH_SUMMARY line like {@link LoadGenerator}, with the average Sh User-Data size of the
 * answers so a run shows that the data it read was there.
 */
public final class ShLoad {

  static final Set<String> OPTIONS = Set.of("host", "port", "dest-host", "dest-realm", "realm", "connections",
      "in-flight", "users", "mix", "seconds", "warmup-seconds", "requests", "service-indication", "data-bytes",
      "timeout-ms");

  static final ApplicationId SH = ApplicationId.createByAuthAppId(Application.SH.vendorId(), Application.SH.id());

  record Settings(String host, int port, String destHost, String destRealm, String realm, int connections,
      int inFlight, int users, String mix, double seconds, double warmupSeconds, long requests,
      String serviceIndication, int dataBytes, long timeoutMs) {

    static Settings from(Options o) {
      Settings s = new Settings(o.string("host", "127.0.0.1"), o.integer("port", 3868),
          o.string("dest-host", "hss.ims.example.org"), o.string("dest-realm", "ims.example.org"),
          o.string("realm", "ims.example.org"), o.integer("connections", 2), o.integer("in-flight", 200),
          o.integer("users", 20000), o.string("mix", "udr"), o.decimal("seconds", 15),
          o.decimal("warmup-seconds", 5), (long) o.decimal("requests", 0), o.string("service-indication", "bench"),
          o.integer("data-bytes", 2048), o.integer("timeout-ms", 10000));
      if (!s.mix.equals("udr") && !s.mix.equals("pur")) {
        throw new IllegalArgumentException("--mix must be udr or pur, got '" + s.mix + "'");
      }
      if (s.mix.equals("pur") && s.users < 2 * s.inFlight) {
        throw new IllegalArgumentException("--mix pur needs --users of at least twice --in-flight, so that two PURs"
            + " of one user are never in flight together");
      }
      return s;
    }
  }

  static String asHost(int n, String realm) {
    return "as-" + n + "." + realm;
  }

  private final Settings settings;
  private final byte[][] impus;
  private final byte[] serviceIndication;
  private final String serviceData;
  private final byte[] noStateMaintained = Cx.int32(Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED"));
  private final byte[] repositoryData = Cx.int32(Avp.DATA_REFERENCE.enumValue("RepositoryData"));
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong measuredRequests = new AtomicLong();
  private final List<Connection> connections = new ArrayList<>();
  private final Histogram latencyUs = new ConcurrentHistogram(3_600_000_000L, 3);
  private final Map<Long, LongAdder> codes = new ConcurrentHashMap<>();
  private final LongAdder sent = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder userDataBytes = new LongAdder();
  private volatile long measureStartNs;
  private volatile long endNs;
  private volatile boolean running = true;
  private final CountDownLatch done;

  private ShLoad(Settings s) {
    this.settings = s;
    this.impus = new byte[s.users()][];
    for (int i = 0; i < s.users(); i++) {
      impus[i] = ("sip:user" + i + "@ims.example.org").getBytes(StandardCharsets.UTF_8);
    }
    this.serviceIndication = s.serviceIndication().getBytes(StandardCharsets.UTF_8);
    // ServiceData of data-bytes octets: one element holding text.
    StringBuilder sb = new StringBuilder("<bench>");
    while (sb.length() < s.dataBytes() - "</bench>".length()) {
      sb.append((char) ('a' + sb.length() % 26));
    }
    this.serviceData = sb.append("</bench>").toString();
    this.done = new CountDownLatch(s.inFlight());
  }

  /** A server that has just started may miss the first CER's deadline: each connection gets three tries. */
  private void connect() throws Exception {
    for (int n = 0; n < settings.connections(); n++) {
      for (int attempt = 1; ; attempt++) {
        try {
          connections.add(new Connection(asHost(n, settings.realm())));
          break;
        } catch (Exception e) {
          if (attempt == 3) {
            throw e;
          }
          System.err.println("sh-load: connection " + n + " failed, trying again: " + e);
        }
      }
    }
  }

  /** One client stack = one TCP connection = one AS. */
  private final class Connection {
    private final Stack stack = new StackImpl();
    private final RawSession session;
    private final byte[] originHost;
    private final String sessionPrefix;

    Connection(String identity) throws Exception {
      originHost = identity.getBytes(StandardCharsets.UTF_8);
      sessionPrefix = identity + ";" + (System.currentTimeMillis() / 1000) + ";";
      try {
        stack.init(StackConfigs.client(identity, settings.realm(), settings.host(), settings.destHost(),
            settings.host(), settings.port(), settings.destRealm(), settings.timeoutMs(),
            new StackConfigs.Tuning(2, 20000, 1), Application.SH));
        stack.start(Mode.ALL_PEERS, 10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        PeerTable table = stack.unwrap(PeerTable.class);
        while (true) {
          boolean okay = !table.getPeerTable().isEmpty();
          for (Peer p : table.getPeerTable()) {
            okay &= p.getState(PeerState.class) == PeerState.OKAY;
          }
          if (okay) {
            break;
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(identity + ": peer not OKAY");
          }
          Thread.sleep(20);
        }
      } catch (Exception e) {
        close();
        throw e;
      }
      session = stack.getSessionFactory().getNewRawSession();
    }

    void close() {
      try {
        stack.stop(5, TimeUnit.SECONDS, DisconnectCause.REBOOTING);
      } catch (Exception e) {
        System.err.println("sh-load: stop failed: " + e);
      }
      stack.destroy();
    }
  }

  /** Sends the next request; the answer or the timeout sends the one after it. */
  private void next(Connection c) {
    long now = System.nanoTime();
    boolean measured = now >= measureStartNs;
    if (!running || now >= endNs
        || (measured && settings.requests() > 0 && measuredRequests.getAndIncrement() >= settings.requests())) {
      done.countDown();
      return;
    }
    long n = sequence.getAndIncrement();
    int user = (int) (n % impus.length);
    Message m;
    try {
      boolean pur = settings.mix().equals("pur");
      m = c.session.createMessage(pur ? Command.PUR.code() : Command.UDR.code(), SH);
      m.setRequest(true);
      m.setProxiable(true);
      AvpSet avps = m.getAvps();
      avps.insertAvp(0, Avp.SESSION_ID.code(), (c.sessionPrefix + n).getBytes(StandardCharsets.UTF_8),
          Avp.SESSION_ID.sendMandatoryBit(), false);
      Cx.add(avps, Avp.AUTH_SESSION_STATE, noStateMaintained);
      Cx.add(avps, Avp.ORIGIN_HOST, c.originHost);
      Cx.add(avps, Avp.ORIGIN_REALM, settings.realm().getBytes(StandardCharsets.UTF_8));
      Cx.add(avps, Avp.DESTINATION_REALM, settings.destRealm().getBytes(StandardCharsets.UTF_8));
      Cx.add(Avps.addGrouped(avps, Avp.USER_IDENTITY), Avp.PUBLIC_IDENTITY, impus[user]);
      Cx.add(avps, Avp.DATA_REFERENCE, repositoryData);
      if (pur) {
        // The user's k-th PUR carries Sequence-Number k (0 creates); 65535 is followed by 1.
        long k = n / impus.length;
        long number = k == 0 ? 0 : 1 + (k - 1) % 65_535;
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data><RepositoryData><ServiceIndication>"
            + settings.serviceIndication() + "</ServiceIndication><SequenceNumber>" + number
            + "</SequenceNumber><ServiceData>" + serviceData + "</ServiceData></RepositoryData></Sh-Data>";
        Cx.add(avps, Avp.USER_DATA_SH, xml.getBytes(StandardCharsets.UTF_8));
      } else {
        Cx.add(avps, Avp.SERVICE_INDICATION, serviceIndication);
      }
    } catch (Exception e) {
      errors.increment();
      done.countDown();
      return;
    }
    if (measured) {
      sent.increment();
    }
    try {
      c.session.send(m, new EventListener<Message, Message>() {
        @Override
        public void receivedSuccessMessage(Message request, Message answer) {
          if (measured) {
            record(answer, (System.nanoTime() - now) / 1000);
          }
          next(c);
        }

        @Override
        public void timeoutExpired(Message request) {
          if (measured) {
            timeouts.increment();
          }
          next(c);
        }
      }, settings.timeoutMs(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (measured) {
        errors.increment();
      }
      done.countDown();
    }
  }

  private void record(Message answer, long latency) {
    answered.increment();
    latencyUs.recordValue(Math.max(1, latency));
    AvpSet avps = answer.getAvps();
    long code = Avps.unsigned32(avps, Avp.RESULT_CODE).orElse(
        Avps.grouped(avps, Avp.EXPERIMENTAL_RESULT)
            .map(er -> Avps.unsigned32(er, Avp.EXPERIMENTAL_RESULT_CODE).orElse(0))
            .orElse(0L));
    codes.computeIfAbsent(code, k -> new LongAdder()).increment();
    byte[] data = Cx.raw(avps, Avp.USER_DATA_SH);
    if (data != null) {
      userDataBytes.add(data.length);
    }
  }

  private String run() throws Exception {
    connect();
    try {
      long start = System.nanoTime();
      measureStartNs = start + (long) (settings.warmupSeconds() * 1e9);
      endNs = settings.requests() > 0 ? Long.MAX_VALUE : measureStartNs + (long) (settings.seconds() * 1e9);
      for (int i = 0; i < settings.inFlight(); i++) {
        Connection c = connections.get(i % connections.size());
        next(c);
      }
      done.await();
      double measuredSeconds = (System.nanoTime() - Math.max(measureStartNs, start)) / 1e9;
      return summary(measuredSeconds);
    } finally {
      running = false;
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  private String summary(double measuredSeconds) {
    long answers = answered.sum();
    Map<String, Long> byCode = new TreeMap<>();
    codes.forEach((code, count) -> byCode.put(code.toString(), count.sum()));
    StringBuilder codesJson = new StringBuilder("{");
    byCode.forEach((code, count) -> codesJson.append(codesJson.length() > 1 ? "," : "")
        .append('"').append(code).append("\":").append(count));
    codesJson.append('}');
    boolean ok = sent.sum() > 0 && (sent.sum() - answers) * 100 <= sent.sum() && errors.sum() == 0;
    return String.format(Locale.ROOT, "{\"mix\":\"%s\",\"inFlight\":%d,\"connections\":%d,\"seconds\":%.1f,"
        + "\"sent\":%d,\"answered\":%d,\"timeouts\":%d,\"errors\":%d,\"answersPerSecond\":%.1f,\"p50Ms\":%.3f,"
        + "\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,\"userDataBytes\":%.0f,\"codes\":%s,\"ok\":%s}",
        settings.mix(), settings.inFlight(), settings.connections(), measuredSeconds, sent.sum(), answers,
        timeouts.sum(), errors.sum(), answers / measuredSeconds, latencyUs.getValueAtPercentile(50) / 1000.0,
        latencyUs.getValueAtPercentile(99) / 1000.0, latencyUs.getValueAtPercentile(99.9) / 1000.0,
        latencyUs.getMaxValue() / 1000.0, answers == 0 ? 0.0 : (double) userDataBytes.sum() / answers,
        codesJson, ok);
  }

  public static void main(String[] args) {
    if (Options.wantsHelp(args)) {
      System.out.println("ShLoad [--host 127.0.0.1] [--port 3868] [--mix udr|pur] [--users 20000] [--connections 2]"
          + " [--in-flight 200] [--seconds 15 | --requests N (after the warm-up)] [--warmup-seconds 5] [--data-bytes 2048]"
          + " [--service-indication bench] [--dest-host hss.ims.example.org] [--dest-realm ims.example.org]");
      return;
    }
    try {
      Settings s = Settings.from(Options.parse(args, OPTIONS));
      String summary = new ShLoad(s).run();
      System.out.println("BENCH_SUMMARY " + summary);
      System.exit(0);
    } catch (Exception e) {
      System.err.println("sh-load: " + e);
      System.exit(2);
    }
  }
}
