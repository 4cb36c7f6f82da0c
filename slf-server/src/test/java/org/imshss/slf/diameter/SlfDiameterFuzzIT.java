package org.imshss.slf.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.transport.TransportSettings;
import org.imshss.node.testing.DiameterFuzzer;
import org.imshss.node.testing.RawDiameterClient;
import org.imshss.node.testing.RawMessage;
import org.imshss.node.testing.RawRequests;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.testing.TestSlf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Diameter fuzzer against a live SLF in redirect mode (Dx and Dh requests of the sample user, who is mapped
 * to an HSS): the same classes and checks as the HSS's DiameterFuzzIT, with fewer messages (the SLF's edge is the
 * same transport and dispatcher); valid requests are answered 3006 with the HSS as Redirect-Host.
 */
class SlfDiameterFuzzIT {

    private static final long DEFAULT_SEED = 0x51F_F022L;
    private static final long HEAP_GROWTH_BOUND = 48L << 20;

    private static TestSlf slf;

    @BeforeAll
    static void start() throws Exception {
        MappingFile.Content mappings = new MappingFile.Content(
                List.of(new HssTarget("operator", TestSlf.REALM,
                        List.of(new HssHost("hss-a.ims.example.org", 3868, "127.0.0.1")))),
                List.of(Mapping.of(MappingKind.IDENTITY, RawRequests.IMPU, "operator"),
                        Mapping.of(MappingKind.IDENTITY, RawRequests.IMPI, "operator")));
        slf = TestSlf.start(new SlfSettings.RoutingSettings(SlfSettings.Mode.REDIRECT, List.of(), 0,
                Duration.ofSeconds(60), Duration.ofSeconds(2)), mappings);
    }

    @AfterAll
    static void stop() throws Exception {
        slf.close();
    }

    @Test
    void mutatedMessagesAreAnsweredOrRefusedAndTheSlfStaysUp() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int messages = Integer.getInteger("fuzz.slf-messages", 50_000);
        int maxMessage = TransportSettings.DEFAULTS.maxMessageBytes();
        new DiameterFuzzer("127.0.0.1", slf.port(), TestSlf.REALM, DiameterFuzzer.sampleUserRequests(), maxMessage)
                .run(seed - 1, 3_000, 4, "slf-fuzz-warm");
        long heapBefore = DiameterFuzzer.heapAfterGc();
        long started = System.nanoTime();

        DiameterFuzzer fuzzer = new DiameterFuzzer("127.0.0.1", slf.port(), TestSlf.REALM,
                DiameterFuzzer.sampleUserRequests(), maxMessage);
        fuzzer.run(seed, messages, 4, "slf-fuzz");

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        long heapAfter = DiameterFuzzer.heapAfterGc();
        System.out.printf("SlfDiameterFuzzIT: seed %d, %d s, heap after GC %d MB -> %d MB%n  %s%n", seed, seconds,
                heapBefore >> 20, heapAfter >> 20, fuzzer.report());
        assertThat(fuzzer.failures()).isEmpty();
        assertThat(fuzzer.total()).isGreaterThanOrEqualTo(messages);
        try (RawDiameterClient peer = RawDiameterClient.connect("127.0.0.1", slf.port(), "after-fuzz.ims.example.org",
                TestSlf.REALM)) {
            RawMessage uar = RawRequests.uar(peer);
            RawMessage answer = peer.exchange(uar);
            assertThat(answer.resultCode()).isEqualTo(ResultCode.DIAMETER_REDIRECT_INDICATION.code());
            assertThat(answer.isError()).isTrue();
        }
        assertThat(heapAfter - heapBefore).isLessThan(HEAP_GROWTH_BOUND);
    }
}
