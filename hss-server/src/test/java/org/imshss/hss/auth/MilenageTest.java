package org.imshss.hss.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.imshss.hss.auth.TestSets.hex;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MilenageTest {

    static List<TestSets.Set> sets() {
        return TestSets.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void derivesOpcFromOp(TestSets.Set set) {
        assertThat(hex(Milenage.opc(set.kBytes(), hex(set.op())))).isEqualTo(set.opc());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void f1AndF1StarMatchConformanceData(TestSets.Set set) {
        Milenage m = set.milenage();
        assertThat(hex(m.f1(set.randBytes(), set.sqnBytes(), set.amfBytes()))).isEqualTo(set.f1());
        // TS 35.208 computes MAC-S with the set's AMF, unlike AUTS which uses AMF 0000.
        assertThat(hex(m.f1star(set.randBytes(), set.sqnBytes(), set.amfBytes()))).isEqualTo(set.f1star());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void f2345MatchConformanceData(TestSets.Set set) {
        Milenage.F2345 out = set.milenage().f2345(set.randBytes());
        assertThat(hex(out.res())).isEqualTo(set.f2());
        assertThat(hex(out.ck())).isEqualTo(set.f3());
        assertThat(hex(out.ik())).isEqualTo(set.f4());
        assertThat(hex(out.ak())).isEqualTo(set.f5());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void f5StarMatchesConformanceData(TestSets.Set set) {
        assertThat(hex(set.milenage().f5star(set.randBytes()))).isEqualTo(set.f5star());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void fromOpEqualsOpcConstruction(TestSets.Set set) {
        Milenage m = Milenage.fromOp(set.kBytes(), hex(set.op()));
        assertThat(m.f2345(set.randBytes())).isEqualTo(set.milenage().f2345(set.randBytes()));
    }

    @Test
    void rejectsWrongLengthsNamingTheFieldButNotTheValue() {
        byte[] k = hex("465b5ce8b199b49faa5f0a2ee238a6bc");
        byte[] opc = hex("cd63cb71954a9f4e48a5994e37a02baf");
        assertThatIllegalArgumentException().isThrownBy(() -> new Milenage(new byte[15], opc))
                .withMessage("K must be 16 octets, got 15");
        assertThatIllegalArgumentException().isThrownBy(() -> new Milenage(k, new byte[17]))
                .withMessage("OPc must be 16 octets, got 17");
        assertThatIllegalArgumentException().isThrownBy(() -> Milenage.opc(k, new byte[8]))
                .withMessageStartingWith("OP ");
        assertThatNullPointerException().isThrownBy(() -> new Milenage(null, opc)).withMessage("K");

        Milenage m = new Milenage(k, opc);
        assertThatIllegalArgumentException().isThrownBy(() -> m.f2345(new byte[15])).withMessageStartingWith("RAND ");
        assertThatIllegalArgumentException().isThrownBy(() -> m.f1(new byte[16], new byte[5], new byte[2]))
                .withMessageStartingWith("SQN ");
        assertThatIllegalArgumentException().isThrownBy(() -> m.f1star(new byte[16], new byte[6], new byte[3]))
                .withMessageStartingWith("AMF ");
    }

    @Test
    void toStringRevealsNoKeyMaterial() {
        Milenage m = TestSets.ALL.get(0).milenage();
        assertThat(m.toString()).doesNotContain("465b5c", "cd63cb");
        Milenage.F2345 out = m.f2345(TestSets.ALL.get(0).randBytes());
        assertThat(out.toString()).doesNotContain("a54211", "b40ba9", "f769bc", "aa689c");
    }

    @Test
    void outputsAreDefensiveCopies() {
        TestSets.Set set = TestSets.ALL.get(0);
        byte[] k = set.kBytes();
        Milenage m = new Milenage(k, hex(set.opc()));
        k[0] ^= 1;
        Milenage.F2345 out = m.f2345(set.randBytes());
        out.res()[0] ^= 1;
        assertThat(hex(out.res())).isEqualTo(set.f2());
    }

    @Test
    void sharedInstanceIsSafeAcrossThreads() throws Exception {
        TestSets.Set set = TestSets.ALL.get(0);
        Milenage m = set.milenage();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!hex(m.f2345(set.randBytes()).ck()).equals(set.f3())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
