package org.imshss.hss.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.imshss.hss.auth.TestSets.hex;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AkaVectorFactoryTest {

    static List<TestSets.Set> sets() {
        return TestSets.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void buildsAutnAndKeys(TestSets.Set set) {
        AkaVector v = AkaVectorFactory.generate(set.milenage(), set.randBytes(), set.sqnValue(), set.amfBytes());
        assertThat(hex(v.autn())).isEqualTo(set.autn());
        assertThat(hex(v.rand())).isEqualTo(set.rand());
        assertThat(hex(v.xres())).isEqualTo(set.f2());
        assertThat(hex(v.ck())).isEqualTo(set.f3());
        assertThat(hex(v.ik())).isEqualTo(set.f4());
    }

    @Test
    void maaItemForSet1() {
        TestSets.Set set = TestSets.ALL.get(0);
        AkaVector v = AkaVectorFactory.generate(set.milenage(), set.randBytes(), 0xff9bb4d0b607L, hex("b9b9"));
        assertThat(hex(v.sipAuthenticate()))
                .isEqualTo("23553cbe9637a89d218ae64dae47bf35" + "55f328b43577b9b94a9ffac354dfafb3");
        assertThat(v.sipAuthenticate()).hasSize(32);
        assertThat(hex(v.xres())).isEqualTo("a54211d5e3ba50bf");
    }

    @Test
    void vectorIsImmutableAndHidesValues() {
        TestSets.Set set = TestSets.ALL.get(0);
        byte[] rand = set.randBytes();
        AkaVector v = AkaVectorFactory.generate(set.milenage(), rand, set.sqnValue(), set.amfBytes());
        rand[0] ^= 1;
        v.rand()[0] ^= 1;
        v.xres()[0] ^= 1;
        v.sipAuthenticate()[0] ^= 1;
        assertThat(hex(v.rand())).isEqualTo(set.rand());
        assertThat(hex(v.xres())).isEqualTo(set.f2());
        assertThat(v.toString()).doesNotContain("23553c", "a54211", "b40ba9", "f769bc", "55f328");
        assertThat(v).isEqualTo(AkaVectorFactory.generate(set.milenage(), set.randBytes(), set.sqnValue(),
                set.amfBytes()));
    }

    @Test
    void randomRandGivesDistinctVerifiableVectors() {
        TestSets.Set set = TestSets.ALL.get(0);
        SecureRandom random = new SecureRandom();
        AkaVector a = AkaVectorFactory.generate(set.milenage(), random, 33, new byte[2]);
        AkaVector b = AkaVectorFactory.generate(set.milenage(), random, 33, new byte[2]);
        assertThat(a.rand()).isNotEqualTo(b.rand());
        assertThat(a).isEqualTo(AkaVectorFactory.generate(set.milenage(), a.rand(), 33, new byte[2]));
    }

    @Test
    void rejectsInvalidInput() {
        TestSets.Set set = TestSets.ALL.get(0);
        Milenage m = set.milenage();
        assertThatIllegalArgumentException().isThrownBy(() -> AkaVectorFactory.generate(m, set.randBytes(), -1, new byte[2]))
                .withMessageStartingWith("SQN ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AkaVectorFactory.generate(m, set.randBytes(), 1L << 48, new byte[2]));
        assertThatIllegalArgumentException().isThrownBy(() -> AkaVectorFactory.generate(m, new byte[8], 1, new byte[2]))
                .withMessageStartingWith("RAND ");
        assertThatIllegalArgumentException().isThrownBy(() -> AkaVectorFactory.generate(m, set.randBytes(), 1, new byte[1]))
                .withMessageStartingWith("AMF ");
    }

    @Test
    void largestSqnIsEncodedBigEndian() {
        TestSets.Set set = TestSets.ALL.get(0);
        Milenage m = set.milenage();
        long sqn = SequenceNumbers.MAX_SQN;
        AkaVector v = AkaVectorFactory.generate(m, set.randBytes(), sqn, new byte[2]);
        byte[] ak = m.f2345(set.randBytes()).ak();
        byte[] concealed = Arrays.copyOf(v.autn(), 6);
        assertThat(Octets.xor(concealed, ak)).isEqualTo(hex("ffffffffffff"));
    }
}
