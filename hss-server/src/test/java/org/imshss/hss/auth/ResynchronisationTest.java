package org.imshss.hss.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.imshss.hss.auth.TestSets.hex;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResynchronisationTest {

    static List<TestSets.Set> sets() {
        return TestSets.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void buildsAutsWithZeroAmf(TestSets.Set set) {
        assertThat(hex(Resynchronisation.auts(set.milenage(), set.randBytes(), set.sqnValue()))).isEqualTo(set.auts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void verifiesAutsAndRecoversSqnMs(TestSets.Set set) {
        assertThat(Resynchronisation.verify(set.milenage(), set.randBytes(), hex(set.auts())))
                .hasValue(set.sqnValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void rejectsEverySingleBitFlip(TestSets.Set set) {
        Milenage m = set.milenage();
        byte[] auts = hex(set.auts());
        for (int bit = 0; bit < auts.length * 8; bit++) {
            byte[] tampered = auts.clone();
            tampered[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            assertThat(Resynchronisation.verify(m, set.randBytes(), tampered)).as("bit %d", bit).isEmpty();
        }
    }

    @Test
    void rejectsAutsUnderAnotherRandOrKey() {
        TestSets.Set set1 = TestSets.ALL.get(0);
        TestSets.Set set3 = TestSets.ALL.get(2);
        assertThat(Resynchronisation.verify(set1.milenage(), set3.randBytes(), hex(set1.auts()))).isEmpty();
        assertThat(Resynchronisation.verify(set3.milenage(), set1.randBytes(), hex(set1.auts()))).isEmpty();
    }

    @Test
    void autsWithSetAmfIsRejected() {
        // A USIM that wrongly used the real AMF in MAC-S must fail: the HSS only accepts the AMF 0000 form.
        TestSets.Set set = TestSets.ALL.get(0);
        Milenage m = set.milenage();
        byte[] wrong = Arrays.copyOf(Octets.xor(set.sqnBytes(), m.f5star(set.randBytes())), 14);
        System.arraycopy(m.f1star(set.randBytes(), set.sqnBytes(), set.amfBytes()), 0, wrong, 6, 8);
        assertThat(Resynchronisation.verify(m, set.randBytes(), wrong)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 13, 15, 30})
    void rejectsWrongAutsLength(int length) {
        TestSets.Set set = TestSets.ALL.get(0);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Resynchronisation.verify(set.milenage(), set.randBytes(), new byte[length]))
                .withMessage("AUTS must be 14 octets, got " + length);
    }

    @Test
    void rejectsWrongRandLength() {
        TestSets.Set set = TestSets.ALL.get(0);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Resynchronisation.verify(set.milenage(), new byte[15], hex(set.auts())))
                .withMessageStartingWith("RAND ");
    }

    @Test
    void parsesSipAuthorizationPayloadAndVerifies() {
        TestSets.Set set = TestSets.ALL.get(0);
        byte[] payload = hex(set.rand() + set.auts());
        Resynchronisation.Request request = Resynchronisation.parse(payload);
        assertThat(hex(request.rand())).isEqualTo(set.rand());
        assertThat(hex(request.auts())).isEqualTo(set.auts());
        assertThat(request.toString()).doesNotContain(set.rand().substring(0, 6), set.auts().substring(0, 6));
        assertThat(Resynchronisation.verify(set.milenage(), request)).isEqualTo(OptionalLong.of(set.sqnValue()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 16, 29, 31, 32})
    void rejectsPayloadOfWrongLength(int length) {
        assertThatIllegalArgumentException().isThrownBy(() -> Resynchronisation.parse(new byte[length]))
                .withMessage("SIP-Authorization resync payload must be 30 octets (RAND 16 || AUTS 14), got "
                        + length);
    }

    @Test
    void rejectsNullPayload() {
        assertThatNullPointerException().isThrownBy(() -> Resynchronisation.parse(null));
    }

    @Test
    void resyncRoundTripFeedsSequenceNumbers() {
        TestSets.Set set = TestSets.ALL.get(2);
        SequenceNumbers sqns = new SequenceNumbers();
        long sqnMs = sqns.sqn(123_456, 7);
        byte[] auts = Resynchronisation.auts(set.milenage(), set.randBytes(), sqnMs);
        long recovered = Resynchronisation.verify(set.milenage(), set.randBytes(), auts).orElseThrow();
        long next = sqns.next(sqns.afterResync(sqns.sqn(1_000, 1), recovered), 3);
        assertThat(sqns.seq(next)).isEqualTo(123_457);
        assertThat(sqns.ind(next)).isEqualTo(3);
    }
}
