package org.imshss.bench;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
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
 * Baseline Sh server: answers every UDR with a fixed UDA carrying RepositoryData of the size the HSS returns, and
 * every PUR with a fixed PUA, doing nothing else. Same jDiameter stack and answer path as the HSS, so its
 * answers/s is the ceiling of this machine for {@link ShLoad}.
 */
public final class ShCannedResponder implements NetworkReqListener {

  static final Set<String> OPTIONS = Set.of("host", "port", "origin-host", "realm", "fsm-threads", "data-bytes",
      "service-indication");

  private final byte[] originHost;
  private final byte[] originRealm;
  private final byte[] noStateMaintained = Cx.int32(Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED"));
  private final byte[] success = Cx.int32(ResultCode.DIAMETER_SUCCESS.code());
  private final byte[] userData;

  private ShCannedResponder(String host, String realm, String serviceIndication, int dataBytes) {
    this.originHost = host.getBytes(StandardCharsets.UTF_8);
    this.originRealm = realm.getBytes(StandardCharsets.UTF_8);
    StringBuilder data = new StringBuilder("<bench>");
    while (data.length() < dataBytes - "</bench>".length()) {
      data.append((char) ('a' + data.length() % 26));
    }
    data.append("</bench>");
    this.userData = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data><RepositoryData><ServiceIndication>"
        + serviceIndication + "</ServiceIndication><SequenceNumber>1</SequenceNumber><ServiceData>" + data
        + "</ServiceData></RepositoryData></Sh-Data>").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Answer processRequest(Request request) {
    Answer answer = request.createAnswer();
    AvpSet avps = answer.getAvps();
    Cx.add(avps, Avp.RESULT_CODE, success);
    Cx.add(avps, Avp.AUTH_SESSION_STATE, noStateMaintained);
    Cx.add(avps, Avp.ORIGIN_HOST, originHost);
    Cx.add(avps, Avp.ORIGIN_REALM, originRealm);
    // A successful PUA carries no Repository-Data-ID (TS 29.328 6.1.2.1), as the HSS's does not.
    if (request.getCommandCode() == Command.UDR.code()) {
      Cx.add(avps, Avp.USER_DATA_SH, userData);
    }
    return answer;
  }

  public static void main(String[] args) throws Exception {
    if (Options.wantsHelp(args)) {
      System.out.println("ShCannedResponder [--host 127.0.0.1] [--port 3868] [--origin-host hss.ims.example.org]"
          + " [--realm ims.example.org] [--fsm-threads 4] [--data-bytes 2048] [--service-indication bench]");
      return;
    }
    Options o = Options.parse(args, OPTIONS);
    String address = o.string("host", "127.0.0.1");
    int port = o.integer("port", 3868);
    String host = o.string("origin-host", "hss.ims.example.org");
    String realm = o.string("realm", "ims.example.org");
    ShCannedResponder responder = new ShCannedResponder(host, realm, o.string("service-indication", "bench"),
        o.integer("data-bytes", 2048));
    Stack stack = new StackImpl();
    stack.init(StackConfigs.server(host, realm, address, port,
        new StackConfigs.Tuning(o.integer("fsm-threads", 4), 20000, 1), Application.SH));
    stack.unwrap(Network.class).addNetworkReqListener(responder, ShLoad.SH);
    stack.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address, port), 500);
        break;
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
    System.err.println("sh-responder: listening on " + address + ":" + port);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stack.stop(2, TimeUnit.SECONDS, DisconnectCause.REBOOTING);
      } catch (Exception e) {
        System.err.println("sh-responder: stop failed: " + e);
      }
      stack.destroy();
      stop.countDown();
    }));
    stop.await();
  }
}
