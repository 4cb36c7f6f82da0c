package org.imshss.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.DisconnectCause;
import org.jdiameter.api.Network;
import org.jdiameter.api.NetworkReqListener;
import org.jdiameter.api.Request;
import org.jdiameter.api.Stack;
import org.jdiameter.server.impl.StackImpl;

/**
 * Baseline Cx server: answers every UAR/SAR/LIR/MAR with a fixed success answer and does nothing else, so that its
 * answers/s is the ceiling the jDiameter stack allows on this machine. Answers are built synchronously in
 * {@link #processRequest}, on jDiameter's peer FSM thread that delivered the request.
 *
 * <p>The MAA has the shape of the HSS's (User-Name, Public-Identity, SIP-Number-Auth-Items and that many
 * SIP-Auth-Data-Items with AVPs of the same sizes), only with canned content, so that encoding and sending it costs
 * the stack what the HSS's answer costs: a comparison of MAR rates then measures the HSS's own work.
 */
public final class CannedResponder implements NetworkReqListener, AutoCloseable {

  static final Set<String> OPTIONS = Set.of("host", "port", "origin-host", "realm", "server-name", "fsm-threads",
      "queue-size", "seconds");

  /** The HSS's default cap on vectors per MAA ({@code cx.max-auth-items} in hss-defaults.properties). */
  static final int MAX_AUTH_ITEMS = 5;
  private static final String AKA_SCHEME_PREFIX = "Digest-AKA";
  private static final String USER_DATA_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><IMSSubscription>"
      + "<PrivateID>user0@ims.example.org</PrivateID><ServiceProfile><PublicIdentity>"
      + "<Identity>sip:user0@ims.example.org</Identity></PublicIdentity></ServiceProfile></IMSSubscription>";

  /** Settings of one responder; {@code address} is the IP the listen socket binds to. */
  record Settings(String address, int port, String originHost, String realm, String serverName,
      StackConfigs.Tuning tuning) {

    static Settings from(Options o) {
      return new Settings(o.string("host", "127.0.0.1"), o.integer("port", 3868),
          o.string("origin-host", "hss.ims.example.org"), o.string("realm", "ims.example.org"),
          o.string("server-name", "sip:scscf.ims.example.org:6060"),
          new StackConfigs.Tuning(o.integer("fsm-threads", 2), o.integer("queue-size", 20000), 1));
    }
  }

  // Pre-encoded AVP payloads: every answer shares them instead of re-encoding the same strings.
  private final byte[] originHost;
  private final byte[] originRealm;
  private final byte[] serverName;
  private final byte[] userData;
  private final byte[] noStateMaintained = Cx.int32(Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED"));
  private final byte[] success = Cx.int32(ResultCode.DIAMETER_SUCCESS.code());
  private final byte[] commandUnsupported = Cx.int32(ResultCode.DIAMETER_COMMAND_UNSUPPORTED.code());
  private final byte[] firstRegistration = Cx.int32(ResultCode.DIAMETER_FIRST_REGISTRATION.code());
  private final byte[] tgppVendor = Cx.int32(ResultCode.DIAMETER_FIRST_REGISTRATION.vendorId());
  /** SIP-Number-Auth-Items and SIP-Item-Number values 0..MAX_AUTH_ITEMS. */
  private final byte[][] numbers = new byte[MAX_AUTH_ITEMS + 1][];
  private final byte[] akaPrefix = AKA_SCHEME_PREFIX.getBytes(StandardCharsets.US_ASCII);
  private final byte[] sipDigest = "SIP Digest".getBytes(StandardCharsets.UTF_8);
  // Canned vector of the HSS's sizes: RAND||AUTN, XRES (f2 of Milenage: 8 octets), CK, IK (TS 29.229 6.3.9-6.3.11).
  private final byte[] sipAuthenticate = filled(32, 0x11);
  private final byte[] xres = filled(8, 0x22);
  private final byte[] ck = filled(16, 0x33);
  private final byte[] ik = filled(16, 0x44);
  // Canned SIP-Digest-Authenticate as the HSS sends it for SIP Digest (TS 29.229 6.3.36): realm, MD5, auth, H(A1).
  private final byte[] digestRealm;
  private final byte[] digestAlgorithm = "MD5".getBytes(StandardCharsets.UTF_8);
  private final byte[] digestQop = "auth".getBytes(StandardCharsets.UTF_8);
  private final byte[] digestHa1 = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private final Stack stack;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CannedResponder(Settings s) {
    this.originHost = s.originHost().getBytes(StandardCharsets.UTF_8);
    this.originRealm = s.realm().getBytes(StandardCharsets.UTF_8);
    this.serverName = s.serverName().getBytes(StandardCharsets.UTF_8);
    this.userData = USER_DATA_XML.getBytes(StandardCharsets.UTF_8);
    this.digestRealm = originRealm;
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = Cx.int32(i);
    }
    this.stack = new StackImpl();
  }

  /** Starts a responder and returns once its listen socket accepts connections. */
  static CannedResponder start(Settings s) throws Exception {
    ensurePortFree(s.address(), s.port());
    CannedResponder r = new CannedResponder(s);
    try {
      r.stack.init(StackConfigs.server(s.originHost(), s.realm(), s.address(), s.port(), s.tuning()));
      Network network = r.stack.unwrap(Network.class);
      network.addNetworkReqListener(r, Cx.APPLICATION);
      r.stack.start();
      awaitListening(s.address(), s.port(), 10_000);
      return r;
    } catch (Exception e) {
      r.close();
      throw e;
    }
  }

  @Override
  public Answer processRequest(Request request) {
    Command command = Command.lookup(request.getCommandCode(), request.getApplicationId(), true).orElse(null);
    Answer answer = request.createAnswer();
    AvpSet avps = answer.getAvps();
    if (command == Command.UAR) {
      addExperimentalResult(avps, firstRegistration);
      addCommon(avps);
      Cx.add(avps, Avp.SERVER_NAME, serverName);
    } else if (command == Command.LIR) {
      Cx.add(avps, Avp.RESULT_CODE, success);
      addCommon(avps);
      Cx.add(avps, Avp.SERVER_NAME, serverName);
    } else if (command == Command.SAR) {
      Cx.add(avps, Avp.RESULT_CODE, success);
      addCommon(avps);
      Cx.add(avps, Avp.USER_DATA_CX, userData);
    } else if (command == Command.MAR) {
      Cx.add(avps, Avp.RESULT_CODE, success);
      addCommon(avps);
      addAuthentication(request.getAvps(), avps);
    } else {
      answer.setError(true);
      Cx.add(avps, Avp.RESULT_CODE, commandUnsupported);
      addCommon(avps);
    }
    return answer;
  }

  /**
   * The MAA body after the common AVPs, as the HSS builds it: identities echoed, then the vectors. AKA gets the
   * requested number of items (capped like the HSS), any other scheme exactly one (TS 29.228 6.3).
   */
  private void addAuthentication(AvpSet mar, AvpSet out) {
    byte[] userName = Cx.raw(mar, Avp.USER_NAME);
    byte[] publicIdentity = Cx.raw(mar, Avp.PUBLIC_IDENTITY);
    byte[] scheme = Avps.grouped(mar, Avp.SIP_AUTH_DATA_ITEM).map(g -> Cx.raw(g, Avp.SIP_AUTHENTICATION_SCHEME))
        .orElse(null);
    boolean aka = scheme != null && startsWith(scheme, akaPrefix);
    long wanted = Avps.unsigned32(mar, Avp.SIP_NUMBER_AUTH_ITEMS).orElse(1);
    int items = aka ? (int) Math.max(1, Math.min(wanted, MAX_AUTH_ITEMS)) : 1;
    if (userName != null) {
      Cx.add(out, Avp.USER_NAME, userName);
    }
    if (publicIdentity != null) {
      Cx.add(out, Avp.PUBLIC_IDENTITY, publicIdentity);
    }
    Cx.add(out, Avp.SIP_NUMBER_AUTH_ITEMS, numbers[items]);
    for (int i = 1; i <= items; i++) {
      AvpSet item = Avps.addGrouped(out, Avp.SIP_AUTH_DATA_ITEM);
      Cx.add(item, Avp.SIP_ITEM_NUMBER, numbers[i]);
      if (aka) {
        Cx.add(item, Avp.SIP_AUTHENTICATION_SCHEME, scheme);
        Cx.add(item, Avp.SIP_AUTHENTICATE, sipAuthenticate);
        Cx.add(item, Avp.SIP_AUTHORIZATION, xres);
        Cx.add(item, Avp.CONFIDENTIALITY_KEY, ck);
        Cx.add(item, Avp.INTEGRITY_KEY, ik);
      } else {
        Cx.add(item, Avp.SIP_AUTHENTICATION_SCHEME, scheme == null ? sipDigest : scheme);
        AvpSet digest = Avps.addGrouped(item, Avp.SIP_DIGEST_AUTHENTICATE);
        Cx.add(digest, Avp.DIGEST_REALM, digestRealm);
        Cx.add(digest, Avp.DIGEST_ALGORITHM, digestAlgorithm);
        Cx.add(digest, Avp.DIGEST_QOP, digestQop);
        Cx.add(digest, Avp.DIGEST_HA1, digestHa1);
      }
    }
  }

  private void addExperimentalResult(AvpSet avps, byte[] code) {
    AvpSet er = Avps.addGrouped(avps, Avp.EXPERIMENTAL_RESULT);
    Cx.add(er, Avp.VENDOR_ID, tgppVendor);
    Cx.add(er, Avp.EXPERIMENTAL_RESULT_CODE, code);
  }

  /** createAnswer() copies Session-Id and the application ids but not Origin-Host/Realm; the stack adds neither. */
  private void addCommon(AvpSet avps) {
    Cx.add(avps, Avp.AUTH_SESSION_STATE, noStateMaintained);
    Cx.add(avps, Avp.ORIGIN_HOST, originHost);
    Cx.add(avps, Avp.ORIGIN_REALM, originRealm);
  }

  private static boolean startsWith(byte[] value, byte[] prefix) {
    if (value.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (value[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (stack.isActive()) {
        stack.stop(5, TimeUnit.SECONDS, DisconnectCause.REBOOTING);
      }
    } catch (Exception e) {
      System.err.println("responder: stop failed: " + e);
    }
    stack.destroy();
  }

  /** jDiameter logs a taken port only at DEBUG and starts anyway, so check it ourselves before starting. */
  private static void ensurePortFree(String address, int port) throws IOException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      throw new IOException("cannot listen on " + address + ":" + port + " (in use or not a local address): "
          + e.getMessage(), e);
    }
  }

  /** The stack binds asynchronously after start(); wait until a TCP connect succeeds. */
  private static void awaitListening(String address, int port, long timeoutMs) throws IOException,
      InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address, port), 500);
        return;
      } catch (IOException e) {
        last = e;
        Thread.sleep(50);
      }
    }
    throw new IOException("jDiameter did not bind " + address + ":" + port + " within " + timeoutMs + " ms", last);
  }

  public static void main(String[] args) {
    if (Options.wantsHelp(args)) {
      System.out.println("usage: CannedResponder [--host 127.0.0.1] [--port 3868] [--origin-host hss.ims.example.org]"
          + " [--realm ims.example.org] [--server-name sip:scscf.ims.example.org:6060] [--fsm-threads 2]"
          + " [--queue-size 20000] [--seconds 0 (0 = until SIGTERM)]");
      System.exit(0);
    }
    int exit = 0;
    try {
      Options o = Options.parse(args, OPTIONS);
      Settings s = Settings.from(o);
      int seconds = o.integer("seconds", 0);
      CannedResponder r = start(s);
      Runtime.getRuntime().addShutdownHook(new Thread(r::close, "responder-shutdown"));
      System.out.println("CannedResponder listening on " + s.address() + ":" + s.port() + " as " + s.originHost()
          + " (realm " + s.realm() + ", Cx " + Application.CX.vendorId() + "/" + Application.CX.id() + ")");
      if (seconds > 0) {
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      } else {
        Thread.currentThread().join();
      }
      r.close();
    } catch (IllegalArgumentException e) {
      System.err.println("responder: " + e.getMessage());
      exit = 2;
    } catch (Exception e) {
      System.err.println("responder: failed: " + e);
      e.printStackTrace();
      exit = 1;
    }
    // jDiameter leaves non-daemon threads behind after stop()/destroy().
    System.exit(exit);
  }
}
