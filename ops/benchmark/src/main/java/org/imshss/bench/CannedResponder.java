package org.imshss.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
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
 */
public final class CannedResponder implements NetworkReqListener, AutoCloseable {

  static final Set<String> OPTIONS = Set.of("host", "port", "origin-host", "realm", "server-name", "fsm-threads",
      "queue-size", "seconds");

  private static final long COMMAND_UNSUPPORTED = 3001L;
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

  private final Stack stack;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CannedResponder(Settings s) {
    this.originHost = s.originHost().getBytes(StandardCharsets.UTF_8);
    this.originRealm = s.realm().getBytes(StandardCharsets.UTF_8);
    this.serverName = s.serverName().getBytes(StandardCharsets.UTF_8);
    this.userData = USER_DATA_XML.getBytes(StandardCharsets.UTF_8);
    this.stack = new StackImpl();
  }

  /** Starts a responder and returns once its listen socket accepts connections. */
  static CannedResponder start(Settings s) throws Exception {
    ensurePortFree(s.address(), s.port());
    CannedResponder r = new CannedResponder(s);
    try {
      r.stack.init(StackConfigs.server(s.originHost(), s.realm(), s.address(), s.port(), s.tuning()));
      Network network = r.stack.unwrap(Network.class);
      network.addNetworkReqListener(r, ApplicationId.createByAuthAppId(Cx.VENDOR_3GPP, Cx.APP_ID));
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
    int command = request.getCommandCode();
    Answer answer;
    switch (command) {
      case Cx.UAR:
        answer = request.createAnswer();
        addExperimentalResult(answer.getAvps(), Cx.DIAMETER_FIRST_REGISTRATION);
        addCommon(answer.getAvps());
        answer.getAvps().addAvp(Cx.SERVER_NAME, serverName, Cx.VENDOR_3GPP, true, false);
        break;
      case Cx.LIR:
        answer = request.createAnswer();
        addResultCode(answer.getAvps(), Cx.DIAMETER_SUCCESS);
        addCommon(answer.getAvps());
        answer.getAvps().addAvp(Cx.SERVER_NAME, serverName, Cx.VENDOR_3GPP, true, false);
        break;
      case Cx.SAR:
        answer = request.createAnswer();
        addResultCode(answer.getAvps(), Cx.DIAMETER_SUCCESS);
        addCommon(answer.getAvps());
        answer.getAvps().addAvp(Cx.USER_DATA, userData, Cx.VENDOR_3GPP, true, false);
        break;
      case Cx.MAR:
        answer = request.createAnswer();
        addResultCode(answer.getAvps(), Cx.DIAMETER_SUCCESS);
        addCommon(answer.getAvps());
        break;
      default:
        answer = request.createAnswer();
        answer.setError(true);
        addResultCode(answer.getAvps(), COMMAND_UNSUPPORTED);
        addCommon(answer.getAvps());
        break;
    }
    return answer;
  }

  private static void addResultCode(AvpSet avps, long code) {
    avps.addAvp(Cx.RESULT_CODE, code, true, false, true);
  }

  private static void addExperimentalResult(AvpSet avps, long code) {
    AvpSet er = avps.addGroupedAvp(Cx.EXPERIMENTAL_RESULT, true, false);
    er.addAvp(Cx.VENDOR_ID, Cx.VENDOR_3GPP, true, false, true);
    er.addAvp(Cx.EXPERIMENTAL_RESULT_CODE, code, true, false, true);
  }

  /** createAnswer() copies Session-Id and the application ids but not Origin-Host/Realm; the stack adds neither. */
  private void addCommon(AvpSet avps) {
    avps.addAvp(Cx.AUTH_SESSION_STATE, Cx.NO_STATE_MAINTAINED, true, false);
    avps.addAvp(Cx.ORIGIN_HOST, originHost, true, false);
    avps.addAvp(Cx.ORIGIN_REALM, originRealm, true, false);
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
          + " (realm " + s.realm() + ", Cx " + Cx.VENDOR_3GPP + "/" + Cx.APP_ID + ")");
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
