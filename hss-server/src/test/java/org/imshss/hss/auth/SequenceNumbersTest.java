package org.imshss.hss.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceNumbersTest {

    private final SequenceNumbers sqns = new SequenceNumbers();

    @Test
    void defaultsToFiveIndBits() {
        assertThat(sqns.indBits()).isEqualTo(5);
        assertThat(sqns.indCount()).isEqualTo(32);
        assertThat(sqns.maxSeq()).isEqualTo((1L << 43) - 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 10})
    void firstVectorOfFreshSubscriberHasSeqOne(int indBits) {
        SequenceNumbers s = new SequenceNumbers(indBits);
        long first = s.next(0, 0);
        assertThat(first).isNotZero();
        assertThat(s.seq(first)).isEqualTo(1);
    }

    @Test
    void strictlyIncreasingOverTenThousandVectorsWithRoundRobinInd() {
        long stored = 0;
        long previousSeq = 0;
        for (int i = 0; i < 10_000; i++) {
            long next = sqns.next(stored, sqns.indFor(i));
            assertThat(next).isGreaterThan(stored);
            assertThat(sqns.seq(next)).isEqualTo(previousSeq + 1);
            assertThat(sqns.ind(next)).isEqualTo(i % 32);
            previousSeq = sqns.seq(next);
            stored = next;
        }
        assertThat(sqns.seq(stored)).isEqualTo(10_000);
    }

    @Test
    void placesIndInLowBits() {
        long sqn = sqns.next(sqns.sqn(41, 30), 7);
        assertThat(sqn).isEqualTo((42L << 5) | 7);
        assertThat(sqns.seq(sqn)).isEqualTo(42);
        assertThat(sqns.ind(sqn)).isEqualTo(7);

        SequenceNumbers wide = new SequenceNumbers(10);
        assertThat(wide.next(0, 1023)).isEqualTo((1L << 10) | 1023);
        SequenceNumbers none = new SequenceNumbers(0);
        assertThat(none.next(99, 0)).isEqualTo(100);
        assertThat(none.ind(100)).isZero();
    }

    @Test
    void indForIsCounterModuloSlotCount() {
        assertThat(sqns.indFor(0)).isZero();
        assertThat(sqns.indFor(33)).isEqualTo(1);
        assertThat(sqns.indFor(-1)).isEqualTo(31);
        assertThat(new SequenceNumbers(0).indFor(12345)).isZero();
    }

    @Test
    void resyncMovesSqnHeUpToSqnMsOnlyWhenTheNextSqnWouldBeRefused() {
        long sqnHe = sqns.sqn(100, 4);
        // SEQ_MS above SEQ_HE: SEQ_HE + 1 would not be fresh at the USIM (TS 33.102 C.2.2), so reset to SQN_MS.
        long sqnMs = sqns.sqn(5_000, 12);
        long stored = sqns.afterResync(sqnHe, sqnMs);
        assertThat(stored).isEqualTo(sqnMs);
        assertThat(sqns.seq(sqns.next(stored, 0))).isEqualTo(5_001);
        assertThat(sqns.afterResync(sqnHe, sqns.sqn(101, 0))).isEqualTo(sqns.sqn(101, 0));

        // SEQ_MS at or below SEQ_HE, in any slot: SEQ_HE + 1 is accepted, SQN_HE is kept (6.3.5 step 3).
        assertThat(sqns.afterResync(sqnHe, sqns.sqn(100, 31))).isEqualTo(sqnHe);
        assertThat(sqns.afterResync(sqnHe, sqnHe)).isEqualTo(sqnHe);
        assertThat(sqns.afterResync(sqnHe, sqns.sqn(99, 31))).isEqualTo(sqnHe);
        assertThat(sqns.afterResync(sqnHe, 0)).isEqualTo(sqnHe);
    }

    @Test
    void exhaustionThrowsInsteadOfWrapping() {
        long last = sqns.sqn(sqns.maxSeq(), 31);
        assertThat(last).isEqualTo(SequenceNumbers.MAX_SQN);
        assertThatIllegalStateException().isThrownBy(() -> sqns.next(last, 0))
                .withMessageContaining("exhausted");
        long penultimate = sqns.sqn(sqns.maxSeq() - 1, 0);
        assertThat(sqns.seq(sqns.next(penultimate, 3))).isEqualTo(sqns.maxSeq());
        SequenceNumbers none = new SequenceNumbers(0);
        assertThatIllegalStateException().isThrownBy(() -> none.next(SequenceNumbers.MAX_SQN, 0));
    }

    @Test
    void validatesArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SequenceNumbers(11));
        assertThatIllegalArgumentException().isThrownBy(() -> new SequenceNumbers(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> sqns.next(0, 32)).withMessageStartingWith("IND ");
        assertThatIllegalArgumentException().isThrownBy(() -> sqns.next(0, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> sqns.next(-1, 0)).withMessageStartingWith("SQN ");
        assertThatIllegalArgumentException().isThrownBy(() -> sqns.next(1L << 48, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> sqns.afterResync(0, 1L << 48))
                .withMessageStartingWith("SQN_MS ");
        assertThatIllegalArgumentException().isThrownBy(() -> sqns.sqn(sqns.maxSeq() + 1, 0));
    }
}
