package org.imshss.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Real TCP round trips between the canned responder and the generator, both in this JVM on loopback. */
class LoadOverTcpTest {

  @Test
  void everyCommandOfTheMixIsAnsweredWithSuccessAndNothingTimesOut() throws Exception {
    int port = freePort();
    try (CannedResponder responder = CannedResponder.start(responderSettings(port))) {
      LoadGenerator.Report report = LoadGenerator.run(loadSettings(port, "--mix", "mix", "--connections", "2",
          "--in-flight", "50", "--warmup-seconds", "0.5", "--seconds", "2"));

      assertThat(report.sent()).isPositive();
      assertThat(report.timeouts()).isZero();
      assertThat(report.errors()).isZero();
      assertThat(report.answered()).isEqualTo(report.sent());
      assertThat(report.answerCounts()).containsOnlyKeys("UAA/E2001", "LIA/2001", "SAA/2001");
      assertThat(report.answerCounts().values()).allSatisfy(n -> assertThat(n).isPositive());
      assertThat(report.latencyUs().getTotalCount()).isEqualTo(report.answered());
      assertThat(report.acceptable()).isTrue();
    }
  }

  @Test
  void akaMarsGetMaaSuccessWithTheRequestedNumberOfVectors() throws Exception {
    int port = freePort();
    try (CannedResponder responder = CannedResponder.start(responderSettings(port))) {
      LoadGenerator.Report report = LoadGenerator.run(loadSettings(port, "--mix", "mar", "--mar-scheme", "aka",
          "--mar-items", "3", "--in-flight", "20", "--warmup-seconds", "0.3", "--seconds", "1"));

      assertThat(report.sent()).isPositive();
      assertThat(report.answered()).isEqualTo(report.sent());
      assertThat(report.answerCounts()).containsOnlyKeys("MAA/2001");
      assertThat(report.authAnswers()).isEqualTo(report.answered());
      assertThat(report.authItemsPerAnswer()).isEqualTo(3.0);
      assertThat(report.fewestAuthItems()).isEqualTo(3);
    }
  }

  @Test
  void digestMarsGetOneItemWhateverTheRequestedNumber() throws Exception {
    int port = freePort();
    try (CannedResponder responder = CannedResponder.start(responderSettings(port))) {
      LoadGenerator.Report report = LoadGenerator.run(loadSettings(port, "--mix", "mar", "--mar-scheme", "digest",
          "--mar-items", "5", "--in-flight", "20", "--warmup-seconds", "0.3", "--seconds", "1"));

      assertThat(report.answered()).isPositive().isEqualTo(report.sent());
      assertThat(report.answerCounts()).containsOnlyKeys("MAA/2001");
      assertThat(report.authItemsPerAnswer()).isEqualTo(1.0);
    }
  }

  @Test
  void anUnknownMarSchemeIsRefused() {
    assertThatThrownBy(() -> loadSettings(1, "--mix", "mar", "--mar-scheme", "md5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--mar-scheme");
  }

  @Test
  void fixedRateSendsAboutTheRequestedNumberOfRequests() throws Exception {
    int port = freePort();
    try (CannedResponder responder = CannedResponder.start(responderSettings(port))) {
      LoadGenerator.Report report = LoadGenerator.run(loadSettings(port, "--mix", "sar", "--rate", "1000",
          "--in-flight", "20", "--warmup-seconds", "0.2", "--seconds", "1"));

      assertThat(report.sent()).isBetween(900L, 1100L);
      assertThat(report.answered()).isEqualTo(report.sent());
      assertThat(report.answerCounts()).containsOnlyKeys("SAA/2001");
    }
  }

  @Test
  void aTakenPortIsReportedInsteadOfSilentlyIgnored() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> CannedResponder.start(responderSettings(taken.getLocalPort())))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot listen");
    }
  }

  private static CannedResponder.Settings responderSettings(int port) {
    return CannedResponder.Settings.from(Options.parse(new String[] {"--port", String.valueOf(port)},
        CannedResponder.OPTIONS));
  }

  private static LoadGenerator.Settings loadSettings(int port, String... extra) {
    String[] args = new String[extra.length + 4];
    args[0] = "--port";
    args[1] = String.valueOf(port);
    args[2] = "--users";
    args[3] = "100";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return LoadGenerator.Settings.from(Options.parse(args, LoadGenerator.OPTIONS));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
