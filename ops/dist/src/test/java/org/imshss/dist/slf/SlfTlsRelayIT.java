package org.imshss.dist.slf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.node.config.TlsSettings;
import org.imshss.node.testing.TestCertificates;
import org.imshss.node.testing.TestCertificates.Store;
import org.imshss.node.testing.TestCertificates.Usage;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.testing.RawClient;
import org.imshss.slf.testing.TestSlf;
import org.imshss.slf.testing.TestStack;
import org.jdiameter.api.Answer;
import org.junit.jupiter.api.Test;

/**
 * The SLF relays over TLS (diameter.tls.connect): it connects to the HSS's TLS port with its own certificate,
 * checks that the HSS's certificate names the HSS's identity, and the relayed UAR is answered by the HSS.
 */
class SlfTlsRelayIT {

    private static final String HSS = "hss-a.ims.example.org";

    @Test
    void aRelayedRequestTravelsOverTls() throws Exception {
        Path dir = Files.createTempDirectory("slf-tls");
        TestCertificates ca = TestCertificates.generate(dir);
        Store hssKey = ca.leaf("hss", "CN=" + HSS, "dns:" + HSS, Usage.BOTH);
        Store slfKey = ca.leaf("slf", "CN=" + TestSlf.IDENTITY, "dns:" + TestSlf.IDENTITY, Usage.BOTH);
        Store trust = ca.truststore();
        int hssTls = TestStack.freePort();
        try (TestHssNode hss = TestHssNode.start(HSS, SlfIT.HOME, "/hss-a-seed.json",
                d -> d.withPeers(false, List.of(TestSlf.IDENTITY), List.of()).withTls(TlsSettings.of(hssTls,
                        hssKey.path(), hssKey.password(), trust.path(), trust.password()).withOnly(true)))) {
            MappingFile.Content mappings = new MappingFile.Content(
                    List.of(new HssTarget("operator", SlfIT.HOME, List.of(new HssHost(HSS, hssTls, "127.0.0.1")))),
                    List.of(Mapping.of(MappingKind.IDENTITY, SlfIT.ALICE, "operator"),
                            Mapping.of(MappingKind.IDENTITY, SlfIT.ALICE_IMPI, "operator")));
            int slfTls = TestStack.freePort();
            try (TestSlf slf = TestSlf.start(new SlfSettings.RoutingSettings(SlfSettings.Mode.RELAY, List.of(), 0,
                    Duration.ZERO, Duration.ofSeconds(2)), mappings, SlfSettings.REST_DISABLED,
                    d -> d.withTls(TlsSettings.of(slfTls, slfKey.path(), slfKey.password(), trust.path(),
                            trust.password()).withConnect(true)));
                    RawClient icscf = RawClient.connect(slf.port(), "icscf.ims.example.org", SlfIT.HOME)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!slf.node().relayPeerConnected(HSS)) {
                    assertThat(System.nanoTime()).as("SLF connected to the HSS over TLS").isLessThan(deadline);
                    Thread.sleep(50);
                }
                Answer answer = icscf.send(Command.UAR, SlfIT.HOME, null, SlfIT.uar(SlfIT.ALICE_IMPI, SlfIT.ALICE))
                        .answer();
                assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_FIRST_REGISTRATION);
                assertThat(Avps.utf8(answer.getAvps(), Avp.ORIGIN_HOST)).contains(HSS);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
