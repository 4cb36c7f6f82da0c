package org.imshss.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.imshss.diameter.Application;
import org.jdiameter.api.Configuration;

/**
 * jDiameter configurations, generated as XML and parsed by jDiameter's own XMLConfiguration classes so that the
 * bundled XSDs check every value (the programmatic EmptyConfiguration fails late, with ClassCastExceptions, on a
 * wrongly typed value).
 */
final class StackConfigs {

  /**
   * Timeouts in ms. Tw (IacTimeOut) is long because a loaded peer must not be declared dead by the watchdog while
   * it is busy answering.
   */
  private static final String TIMEOUTS = ""
      + "    <StopTimeOut value=\"5000\"/>\n"
      + "    <CeaTimeOut value=\"10000\"/>\n"
      + "    <IacTimeOut value=\"30000\"/>\n"
      + "    <DwaTimeOut value=\"10000\"/>\n"
      + "    <DpaTimeOut value=\"3000\"/>\n"
      + "    <RecTimeOut value=\"10000\"/>\n";

  private static String applicationXml(Application application) {
    return "<ApplicationID><VendorId value=\"" + application.vendorId() + "\"/><AuthApplId value=\""
        + application.id() + "\"/><AcctApplId value=\"0\"/></ApplicationID>";
  }

  private StackConfigs() {
  }

  /** Tunables shared by both stacks. */
  record Tuning(int fsmThreads, int queueSize, int timerThreads) {
  }

  /**
   * Server stack listening on {@code address:port}, identity {@code host}, accepting any peer and advertising Cx.
   * The server XSD requires at least one configured peer and realm: the realm is our own (LOCAL) and the peer a
   * never-connected placeholder.
   */
  static Configuration server(String host, String realm, String address, int port, Tuning t) throws Exception {
    return server(host, realm, address, port, t, Application.CX);
  }

  /** As {@link #server(String, String, String, int, Tuning)}, advertising {@code application}. */
  static Configuration server(String host, String realm, String address, int port, Tuning t,
      Application application) throws Exception {
    String app = applicationXml(application);
    String xml = ""
        + "<Configuration xmlns=\"http://www.jdiameter.org/jdiameter-server\">\n"
        + "  <LocalPeer>\n"
        + "    <URI value=\"aaa://" + esc(host) + ":" + port + "\"/>\n"
        + "    <IPAddresses><IPAddress value=\"" + esc(address) + "\"/></IPAddresses>\n"
        + "    <Realm value=\"" + esc(realm) + "\"/>\n"
        + "    <VendorID value=\"0\"/>\n"
        + "    <ProductName value=\"imshss-canned-responder\"/>\n"
        + "    <FirmwareRevision value=\"1\"/>\n"
        + "    <Applications>" + app + "</Applications>\n"
        + "  </LocalPeer>\n"
        + "  <Parameters>\n"
        + "    <AcceptUndefinedPeer value=\"true\"/>\n"
        + "    <DuplicateProtection value=\"false\"/>\n"
        + "    <DuplicateTimer value=\"240000\"/>\n"
        + "    <UseUriAsFqdn value=\"false\"/>\n"
        + "    <QueueSize value=\"" + t.queueSize() + "\"/>\n"
        + "    <MessageTimeOut value=\"60000\"/>\n"
        + TIMEOUTS
        + "    <PeerFSMThreadCount value=\"" + t.fsmThreads() + "\"/>\n"
        + concurrent(t)
        + "  </Parameters>\n"
        + "  <Network>\n"
        + "    <Peers><Peer name=\"aaa://placeholder.invalid:3868\" attempt_connect=\"false\" rating=\"1\"/></Peers>\n"
        + "    <Realms><Realm name=\"" + esc(realm) + "\" peers=\"placeholder.invalid\" local_action=\"LOCAL\""
        + " dynamic=\"false\" exp_time=\"1\">" + app + "</Realm></Realms>\n"
        + "  </Network>\n"
        + "</Configuration>\n";
    return new org.jdiameter.server.impl.helpers.XMLConfiguration(stream(xml));
  }

  /**
   * Client stack with identity {@code host} connecting to one peer {@code peerHost} at {@code peerAddress:peerPort},
   * which serves realm {@code peerRealm} for Cx.
   */
  static Configuration client(String host, String realm, String localAddress, String peerHost, String peerAddress,
      int peerPort, String peerRealm, long requestTimeoutMs, Tuning t) throws Exception {
    return client(host, realm, localAddress, peerHost, peerAddress, peerPort, peerRealm, requestTimeoutMs, t,
        Application.CX);
  }

  /** As {@link #client}, for {@code application}. */
  static Configuration client(String host, String realm, String localAddress, String peerHost, String peerAddress,
      int peerPort, String peerRealm, long requestTimeoutMs, Tuning t, Application application) throws Exception {
    String app = applicationXml(application);
    String xml = ""
        + "<Configuration xmlns=\"http://www.jdiameter.org/jdiameter-client\">\n"
        + "  <LocalPeer>\n"
        + "    <URI value=\"aaa://" + esc(host) + "\"/>\n"
        + "    <IPAddress value=\"" + esc(localAddress) + "\"/>\n"
        + "    <Realm value=\"" + esc(realm) + "\"/>\n"
        + "    <VendorID value=\"0\"/>\n"
        + "    <ProductName value=\"imshss-load-generator\"/>\n"
        + "    <FirmwareRevision value=\"1\"/>\n"
        + "    <Applications>" + app + "</Applications>\n"
        + "  </LocalPeer>\n"
        + "  <Parameters>\n"
        + "    <UseUriAsFqdn value=\"false\"/>\n"
        + "    <QueueSize value=\"" + t.queueSize() + "\"/>\n"
        + "    <MessageTimeOut value=\"" + requestTimeoutMs + "\"/>\n"
        + TIMEOUTS
        + "    <PeerFSMThreadCount value=\"" + t.fsmThreads() + "\"/>\n"
        + concurrent(t)
        + "  </Parameters>\n"
        + "  <Network>\n"
        + "    <Peers><Peer name=\"aaa://" + esc(peerHost) + ":" + peerPort + "\" ip=\"" + esc(peerAddress)
        + "\" rating=\"1\"/></Peers>\n"
        + "    <Realms><Realm name=\"" + esc(peerRealm) + "\" peers=\"" + esc(peerHost) + "\" local_action=\"LOCAL\""
        + " dynamic=\"false\" exp_time=\"1\">" + app + "</Realm></Realms>\n"
        + "  </Network>\n"
        + "</Configuration>\n";
    return new org.jdiameter.client.impl.helpers.XMLConfiguration(stream(xml));
  }

  /**
   * Scheduled pools: ProcessingMessageTimer runs the per-request answer timers, the others are housekeeping and
   * need no more than one thread each. ApplicationSession is only used by jDiameter's application sessions.
   */
  private static String concurrent(Tuning t) {
    return ""
        + "    <Concurrent>\n"
        + "      <Entity name=\"ThreadGroup\" size=\"64\"/>\n"
        + "      <Entity name=\"ProcessingMessageTimer\" size=\"" + t.timerThreads() + "\"/>\n"
        + "      <Entity name=\"DuplicationMessageTimer\" size=\"1\"/>\n"
        + "      <Entity name=\"RedirectMessageTimer\" size=\"1\"/>\n"
        + "      <Entity name=\"PeerOverloadTimer\" size=\"1\"/>\n"
        + "      <Entity name=\"ConnectionTimer\" size=\"1\"/>\n"
        + "      <Entity name=\"StatisticTimer\" size=\"1\"/>\n"
        + "      <Entity name=\"ApplicationSession\" size=\"1\"/>\n"
        + "    </Concurrent>\n";
  }

  private static ByteArrayInputStream stream(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
