package org.imshss.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdiameter.api.DisconnectCause;
import org.jdiameter.api.Mode;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.api.RawSession;
import org.jdiameter.api.Stack;
import org.jdiameter.client.impl.StackImpl;

/** One client stack of the {@link LoadGenerator} = one TCP connection = one Diameter peer identity. */
final class LoadConnection {

  private final Stack stack = new StackImpl();
  final RawSession session;
  final byte[] originHost;
  private final byte[] sessionIdPrefix;
  private volatile boolean sendFailureReported;

  LoadConnection(String identity, org.jdiameter.api.Configuration config) throws Exception {
    this.originHost = identity.getBytes(StandardCharsets.UTF_8);
    this.sessionIdPrefix = (identity + ";" + (System.currentTimeMillis() / 1000) + ";")
        .getBytes(StandardCharsets.UTF_8);
    try {
      stack.init(config);
      // start(ALL_PEERS) may return before the CER/CEA exchange is over; wait for OKAY ourselves.
      stack.start(Mode.ALL_PEERS, 10, TimeUnit.SECONDS);
      awaitPeersOkay(10_000);
      session = stack.getSessionFactory().getNewRawSession();
    } catch (Exception e) {
      close();
      throw new IOException("connection as " + identity + " failed: " + e, e);
    }
  }

  private void awaitPeersOkay(long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    PeerTable table = stack.unwrap(PeerTable.class);
    while (true) {
      List<Peer> peers = table.getPeerTable();
      boolean allOkay = !peers.isEmpty();
      for (Peer p : peers) {
        allOkay &= p.getState(PeerState.class) == PeerState.OKAY;
      }
      if (allOkay) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("peer not OKAY after " + timeoutMs + " ms: " + peers);
      }
      Thread.sleep(20);
    }
  }

  /** Session-Id {@code <origin-host>;<start time>;<sequence>}, unique per request, one allocation. */
  byte[] nextSessionId(long n) {
    int digits = 1;
    for (long v = n; v >= 10; v /= 10) {
      digits++;
    }
    byte[] id = Arrays.copyOf(sessionIdPrefix, sessionIdPrefix.length + digits);
    long v = n;
    for (int i = id.length - 1; i >= sessionIdPrefix.length; i--) {
      id[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return id;
  }

  /** Only the first failure is printed: the run then shows up as errors, not as a flood of log lines. */
  void reportSendFailure(Exception e) {
    if (!sendFailureReported) {
      sendFailureReported = true;
      System.err.println("load: send failed on " + new String(originHost, StandardCharsets.UTF_8) + ": " + e);
    }
  }

  void close() {
    try {
      if (stack.isActive()) {
        stack.stop(5, TimeUnit.SECONDS, DisconnectCause.REBOOTING);
      }
    } catch (Exception e) {
      System.err.println("load: stop failed: " + e);
    }
    stack.destroy();
  }
}
