package org.imshss.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;

/**
 * UAR load over plain TCP sockets, for servers whose answers a jDiameter client would act on: jDiameter follows a
 * 3006 redirect by itself, so redirects must be counted below it. Encodes each UAR by hand (codes and flags from
 * the dictionary), keeps a fixed number in flight per connection (closed loop), reads answers on their own
 * thread, and prints the same BENCH_SUMMARY line as {@link LoadGenerator}. Requests are counted by send time:
 * only those sent in the measured window count.
 */
public final class RawLoad {

  static final Set<String> OPTIONS = Set.of("host", "port", "dest-host", "dest-realm", "origin-host",
      "origin-realm", "in-flight", "warmup-seconds", "seconds", "users", "impu-template", "impi-template",
      "visited-network", "connections");

  private static final int CER = Command.CER.code();
  private static final int DWR = Command.DWR.code();
  /** Header and AVP flag bits (RFC 6733 3, 4.1). */
  private static final int FLAG_REQUEST = 0x80;
  private static final int FLAG_PROXIABLE = 0x40;
  private static final int AVP_FLAG_VENDOR = 0x80;
  private static final int AVP_FLAG_MANDATORY = 0x40;

  record Settings(String host, int port, String destHost, String destRealm, String originHost, String originRealm,
      int inFlight, double warmupSeconds, double seconds, int users, String impuTemplate, String impiTemplate,
      String visitedNetwork, int connections) {

    static Settings from(Options o) {
      Settings s = new Settings(o.string("host", "127.0.0.1"), o.integer("port", 3869), o.string("dest-host", ""),
          o.string("dest-realm", "ims.example.org"), o.string("origin-host", "bench.ims.example.org"),
          o.string("origin-realm", "ims.example.org"), o.integer("in-flight", 200), o.decimal("warmup-seconds", 5),
          o.decimal("seconds", 15), o.integer("users", 1000), o.string("impu-template", "sip:user%d@ims.example.org"),
          o.string("impi-template", "user%d@ims.example.org"), o.string("visited-network", "ims.example.org"),
          o.integer("connections", 1));
      if (s.inFlight < 1 || s.users < 1 || s.connections < 1 || s.seconds <= 0 || s.warmupSeconds < 0) {
        throw new IllegalArgumentException("in-flight, users, connections and seconds must be positive");
      }
      return s;
    }
  }

  private final Settings settings;
  private final Map<String, AtomicLong> codes = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final Histogram latencyUs = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  private volatile boolean stopping;

  private RawLoad(Settings settings) {
    this.settings = settings;
  }

  /** One TCP connection: a writer keeping in-flight requests, a reader taking answers. */
  private final class Connection {
    private final int index;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Semaphore permits;
    private final long[] sendTimes;
    private final int mask;
    private int hopByHop;
    private long nextUser;

    Connection(int index) throws IOException {
      this.index = index;
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(settings.host(), settings.port()), 5000);
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
      out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      int size = Integer.highestOneBit(settings.inFlight() * 4 - 1) << 1;
      sendTimes = new long[size];
      mask = size - 1;
      permits = new Semaphore(settings.inFlight());
      nextUser = index;
    }

    void capabilities() throws IOException {
      ByteBuffer b = ByteBuffer.allocate(512);
      header(b, FLAG_REQUEST, CER, 0, ++hopByHop);
      identity(b, Avp.ORIGIN_HOST, settings.originHost() + "-" + index);
      identity(b, Avp.ORIGIN_REALM, settings.originRealm());
      avp(b, Avp.HOST_IP_ADDRESS, new byte[] {0, 1, 127, 0, 0, 1});
      avp(b, Avp.VENDOR_ID, int32(0));
      avp(b, Avp.PRODUCT_NAME, "raw-load".getBytes(StandardCharsets.UTF_8));
      avp(b, Avp.SUPPORTED_VENDOR_ID, int32(Application.CX.vendorId()));
      int group = beginGrouped(b, Avp.VENDOR_SPECIFIC_APPLICATION_ID);
      avp(b, Avp.VENDOR_ID, int32(Application.CX.vendorId()));
      avp(b, Avp.AUTH_APPLICATION_ID, int32(Application.CX.id()));
      endGrouped(b, group);
      finish(b);
      out.write(b.array(), 0, b.position());
      out.flush();
      byte[] cea = readFrame();
      if (!outcome(cea).equals(String.valueOf(ResultCode.DIAMETER_SUCCESS.code()))) {
        throw new IOException("CEA result " + outcome(cea));
      }
    }

    void write() {
      ByteBuffer b = ByteBuffer.allocate(2048);
      try {
        while (!stopping) {
          if (!permits.tryAcquire()) {
            synchronized (out) {
              out.flush();
            }
            if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
              continue;
            }
          }
          int user = (int) (nextUser % settings.users());
          nextUser += settings.connections();
          b.clear();
          int id = ++hopByHop;
          header(b, FLAG_REQUEST | FLAG_PROXIABLE, Command.UAR.code(), Application.CX.id(), id);
          avp(b, Avp.SESSION_ID, (settings.originHost() + ";" + index + ";" + id).getBytes(StandardCharsets.UTF_8));
          int group = beginGrouped(b, Avp.VENDOR_SPECIFIC_APPLICATION_ID);
          avp(b, Avp.VENDOR_ID, int32(Application.CX.vendorId()));
          avp(b, Avp.AUTH_APPLICATION_ID, int32(Application.CX.id()));
          endGrouped(b, group);
          avp(b, Avp.AUTH_SESSION_STATE, int32(1));
          identity(b, Avp.ORIGIN_HOST, settings.originHost() + "-" + index);
          identity(b, Avp.ORIGIN_REALM, settings.originRealm());
          if (!settings.destHost().isEmpty()) {
            identity(b, Avp.DESTINATION_HOST, settings.destHost());
          }
          identity(b, Avp.DESTINATION_REALM, settings.destRealm());
          avp(b, Avp.USER_NAME, String.format(settings.impiTemplate(), user).getBytes(StandardCharsets.UTF_8));
          avp(b, Avp.PUBLIC_IDENTITY, String.format(settings.impuTemplate(), user).getBytes(StandardCharsets.UTF_8));
          avp(b, Avp.VISITED_NETWORK_IDENTIFIER, settings.visitedNetwork().getBytes(StandardCharsets.UTF_8));
          finish(b);
          long now = System.nanoTime();
          sendTimes[id & mask] = now;
          if (now >= windowStart && now < windowEnd) {
            sent.incrementAndGet();
          }
          synchronized (out) {
            out.write(b.array(), 0, b.position());
          }
        }
        synchronized (out) {
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        if (!stopping) {
          System.err.println("connection " + index + " writer: " + e);
        }
      }
    }

    void read() {
      try {
        while (!stopping || permits.availablePermits() < settings.inFlight()) {
          byte[] frame = readFrame();
          int flags = frame[4] & 0xFF;
          int command = ((frame[5] & 0xFF) << 16) | ((frame[6] & 0xFF) << 8) | (frame[7] & 0xFF);
          if ((flags & FLAG_REQUEST) != 0) {
            if (command == DWR) {
              answerWatchdog(frame);
            }
            continue;
          }
          int id = ByteBuffer.wrap(frame, 12, 4).getInt();
          long sentAt = sendTimes[id & mask];
          long now = System.nanoTime();
          if (sentAt >= windowStart && sentAt < windowEnd) {
            answered.incrementAndGet();
            codes.computeIfAbsent(outcome(frame), k -> new AtomicLong()).incrementAndGet();
            synchronized (latencyUs) {
              latencyUs.recordValue(Math.min((now - sentAt) / 1000, latencyUs.getHighestTrackableValue()));
            }
          }
          permits.release();
        }
      } catch (EOFException e) {
        if (!stopping) {
          System.err.println("connection " + index + " closed by the server");
        }
      } catch (IOException e) {
        if (!stopping) {
          System.err.println("connection " + index + " reader: " + e);
        }
      }
    }

    private void answerWatchdog(byte[] dwr) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(256);
      header(b, 0, DWR, 0, ByteBuffer.wrap(dwr, 12, 4).getInt());
      b.putInt(16, ByteBuffer.wrap(dwr, 16, 4).getInt());
      avp(b, Avp.RESULT_CODE, int32(ResultCode.DIAMETER_SUCCESS.code()));
      identity(b, Avp.ORIGIN_HOST, settings.originHost() + "-" + index);
      identity(b, Avp.ORIGIN_REALM, settings.originRealm());
      finish(b);
      synchronized (out) {
        out.write(b.array(), 0, b.position());
        out.flush();
      }
    }

    private byte[] readFrame() throws IOException {
      int versionLength = in.readInt();
      int length = versionLength & 0xFFFFFF;
      byte[] frame = new byte[length];
      ByteBuffer.wrap(frame).putInt(versionLength);
      in.readFully(frame, 4, length - 4);
      return frame;
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // the run is over
      }
    }
  }

  // ---- encoding (RFC 6733 3, 4.1) ------------------------------------------------------------------------------

  private static void header(ByteBuffer b, int flags, int command, long application, int hopByHop) {
    b.putInt(0x01000000);
    b.putInt((flags << 24) | command);
    b.putInt((int) application);
    b.putInt(hopByHop);
    b.putInt(hopByHop);
  }

  private static void finish(ByteBuffer b) {
    b.putInt(0, 0x01000000 | b.position());
  }

  private static void avp(ByteBuffer b, Avp avp, byte[] data) {
    boolean vendor = avp.vendorId() != 0;
    int headerLength = vendor ? 12 : 8;
    b.putInt(avp.code());
    int flags = (vendor ? AVP_FLAG_VENDOR : 0) | (avp.sendMandatoryBit() ? AVP_FLAG_MANDATORY : 0);
    b.putInt((flags << 24) | (headerLength + data.length));
    if (vendor) {
      b.putInt((int) avp.vendorId());
    }
    b.put(data);
    while ((b.position() & 3) != 0) {
      b.put((byte) 0);
    }
  }

  private static void identity(ByteBuffer b, Avp avp, String value) {
    avp(b, avp, value.getBytes(StandardCharsets.US_ASCII));
  }

  private static int beginGrouped(ByteBuffer b, Avp avp) {
    int start = b.position();
    b.putInt(avp.code());
    b.putInt(0);
    if (avp.vendorId() != 0) {
      b.putInt((int) avp.vendorId());
    }
    return start;
  }

  private static void endGrouped(ByteBuffer b, int start) {
    Avp avp = Avp.VENDOR_SPECIFIC_APPLICATION_ID;
    int flags = (avp.vendorId() != 0 ? AVP_FLAG_VENDOR : 0) | (avp.sendMandatoryBit() ? AVP_FLAG_MANDATORY : 0);
    b.putInt(start + 4, (flags << 24) | (b.position() - start));
  }

  private static byte[] int32(long value) {
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
  }

  /**
   * The outcome of an answer as text: the Result-Code ("3006"), or "E" and the Experimental-Result-Code ("E5001"),
   * whose numbers mean something else (RFC 6733 7.6).
   */
  private static String outcome(byte[] frame) {
    long base = find(frame, 20, frame.length, Avp.RESULT_CODE);
    if (base >= 0) {
      return String.valueOf(base);
    }
    int group = locate(frame, 20, frame.length, Avp.EXPERIMENTAL_RESULT);
    if (group >= 0) {
      int end = group + (ByteBuffer.wrap(frame, group + 4, 4).getInt() & 0xFFFFFF);
      return "E" + find(frame, dataStart(frame, group), end, Avp.EXPERIMENTAL_RESULT_CODE);
    }
    return "none";
  }

  /** The Unsigned32 value of the first {@code avp} among the AVPs in frame[from, to), or -1. */
  private static long find(byte[] frame, int from, int to, Avp avp) {
    int at = locate(frame, from, to, avp);
    return at < 0 ? -1 : ByteBuffer.wrap(frame, dataStart(frame, at), 4).getInt() & 0xFFFFFFFFL;
  }

  /** Offset of the first {@code avp} among the AVPs in frame[from, to), or -1. */
  private static int locate(byte[] frame, int from, int to, Avp avp) {
    int pos = from;
    while (pos + 8 <= to) {
      int code = ByteBuffer.wrap(frame, pos, 4).getInt();
      int length = ByteBuffer.wrap(frame, pos + 4, 4).getInt() & 0xFFFFFF;
      if (code == avp.code()) {
        return pos;
      }
      if (length < 8) {
        return -1;
      }
      pos += (length + 3) & ~3;
    }
    return -1;
  }

  private static int dataStart(byte[] frame, int avpOffset) {
    return avpOffset + ((frame[avpOffset + 4] & AVP_FLAG_VENDOR) != 0 ? 12 : 8);
  }

  // ---- run ------------------------------------------------------------------------------------------------------

  void run() throws Exception {
    List<Connection> connections = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < settings.connections(); i++) {
      Connection c = new Connection(i);
      c.capabilities();
      connections.add(c);
    }
    for (Connection c : connections) {
      threads.add(start(c::read, "raw-read-" + c.index));
      threads.add(start(c::write, "raw-write-" + c.index));
    }
    long start = System.nanoTime();
    windowStart = start + (long) (settings.warmupSeconds() * 1e9);
    windowEnd = windowStart + (long) (settings.seconds() * 1e9);
    TimeUnit.NANOSECONDS.sleep(windowEnd - System.nanoTime());
    stopping = true;
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(5));
    }
    connections.forEach(Connection::close);
  }

  private static Thread start(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.start();
    return thread;
  }

  void print() {
    Map<String, Long> sorted = new TreeMap<>();
    codes.forEach((k, v) -> sorted.put(k, v.get()));
    StringBuilder codeJson = new StringBuilder();
    sorted.forEach((k, v) -> codeJson.append(codeJson.length() == 0 ? "" : ",").append('"').append(k).append("\":")
        .append(v));
    long s = sent.get();
    long a = answered.get();
    boolean ok = s > 0 && (s - a) * 100 <= s;
    System.out.printf(Locale.ROOT, "BENCH_SUMMARY {\"mix\":\"uar\",\"inFlight\":%d,\"connections\":%d,\"rate\":0.0,"
        + "\"seconds\":%.1f,\"sent\":%d,\"answered\":%d,\"timeouts\":0,\"errors\":0,\"answersPerSecond\":%.1f,"
        + "\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,\"codes\":{%s},\"ok\":%b}%n",
        settings.inFlight(), settings.connections(), settings.seconds(), s, a, a / settings.seconds(),
        ms(50), ms(99), ms(99.9), latencyUs.getMaxValue() / 1000.0, codeJson, ok);
  }

  private double ms(double percentile) {
    return latencyUs.getTotalCount() == 0 ? 0 : latencyUs.getValueAtPercentile(percentile) / 1000.0;
  }

  public static void main(String[] args) {
    if (Options.wantsHelp(args)) {
      System.out.println("usage: RawLoad [--host 127.0.0.1] [--port 3869] [--dest-host ''] [--dest-realm ims.example.org]"
          + " [--origin-host bench.ims.example.org] [--origin-realm ims.example.org] [--in-flight 200]"
          + " [--connections 1] [--warmup-seconds 5] [--seconds 15] [--users 1000]"
          + " [--impu-template sip:user%d@ims.example.org] [--impi-template user%d@ims.example.org]"
          + " [--visited-network ims.example.org]");
      System.exit(0);
    }
    int exit;
    try {
      RawLoad load = new RawLoad(Settings.from(Options.parse(args, OPTIONS)));
      load.run();
      load.print();
      exit = 0;
    } catch (IllegalArgumentException e) {
      System.err.println("RawLoad: " + e.getMessage());
      exit = 2;
    } catch (Exception e) {
      System.err.println("RawLoad failed: " + e);
      exit = 1;
    }
    System.exit(exit);
  }
}
