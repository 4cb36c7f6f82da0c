package org.imshss.hss.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.imshss.provisioning.store.SequenceUpdate.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The SQN update a MAR runs in the grid, applied here to a stored SQN_HE held by the test. Resync (TS 33.102
 * 6.3.5): SQN_HE is kept when the next SQN it yields would be accepted by a USIM whose highest accepted SEQ is
 * SEQ_MS (C.2.2: SEQ &gt; SEQ_MS), else moved up to SQN_MS; it never goes down, so no SQN is handed out twice.
 * IND is 5 bits, as configured by default, and each vector's IND is its SEQ mod 32.
 */
class SequenceAllocationTest {

    private static final int IND_BITS = 5;
    private static final SequenceNumbers NUMBERS = new SequenceNumbers(IND_BITS);

    /** SQN_HE as the grid would hold it, and every SQN handed out so far. */
    private long stored;
    private final List<Long> handedOut = new ArrayList<>();

    private static long sqn(long seq, int ind) {
        return (seq << IND_BITS) | ind;
    }

    private long[] mar(int count) {
        return apply(new SequenceAllocation.Allocate(NUMBERS, count, -1));
    }

    private long[] resync(long sqnMs) {
        return apply(new SequenceAllocation.Allocate(NUMBERS, 1, sqnMs));
    }

    private long[] apply(SequenceAllocation.Allocate update) {
        Outcome<long[]> outcome = update.apply(stored);
        assertThat(outcome.next()).as("SQN_HE never goes down").isGreaterThanOrEqualTo(stored);
        for (long sqn : outcome.result()) {
            assertThat(handedOut).as("SQN %d handed out before", sqn).doesNotContain(sqn);
            handedOut.add(sqn);
        }
        stored = outcome.next();
        return outcome.result();
    }

    /** Ten vectors from a fresh subscriber: SEQ 1..10, IND 1..10; SQN_HE is the last. */
    private void tenVectors() {
        long[] sqns = mar(10);
        assertThat(sqns[0]).isEqualTo(sqn(1, 1));
        assertThat(sqns[9]).isEqualTo(sqn(10, 10));
        assertThat(stored).isEqualTo(sqn(10, 10));
    }

    @Test
    void sqnMsBelowSqnHeKeepsSqnHeAndContinuesAboveIt() {
        tenVectors();
        // The USIM accepted SEQ 4 at most: SEQ 1..10 never reached it, or the AUTS is an old one.
        assertThat(resync(sqn(4, 4))).containsExactly(sqn(11, 11));
        assertThat(stored).isEqualTo(sqn(11, 11));
        assertThat(mar(1)).containsExactly(sqn(12, 12));
    }

    @Test
    void sqnMsInAnotherSlotOfALowerSeqKeepsSqnHe() {
        tenVectors();
        // SEQ_MS one below SEQ_HE, in a slot above IND_HE: SEQ decides, not the 48-bit value.
        assertThat(resync(sqn(9, 31))).containsExactly(sqn(11, 11));
        assertThat(stored).isEqualTo(sqn(11, 11));
    }

    @Test
    void sqnMsEqualToSqnHeKeepsSqnHe() {
        tenVectors();
        assertThat(resync(sqn(10, 10))).containsExactly(sqn(11, 11));
        assertThat(stored).isEqualTo(sqn(11, 11));
        // The same SEQ with another IND: SEQ_HE + 1 is still above SEQ_MS.
        assertThat(resync(sqn(11, 0))).containsExactly(sqn(12, 12));
        assertThat(stored).isEqualTo(sqn(12, 12));
    }

    @Test
    void sqnMsAboveSqnHeMovesSqnHeUpToIt() {
        tenVectors();
        // The USIM accepted SEQ 5,000 (vectors of another HE, or SQN_HE restored from an older backup).
        assertThat(resync(sqn(5_000, 12))).containsExactly(sqn(5_001, 5_001 % 32));
        assertThat(stored).isEqualTo(sqn(5_001, 9));
        assertThat(mar(2)).containsExactly(sqn(5_002, 10), sqn(5_003, 11));
        // SEQ_MS = SEQ_HE + 1: SEQ_HE + 1 would not be accepted, so SQN_HE moves up to SQN_MS.
        assertThat(resync(sqn(5_004, 0))).containsExactly(sqn(5_005, 13));
    }

    @Test
    void aReplayedOldAutsDoesNotRollSqnHeBack() {
        tenVectors();
        long sqnMs = sqn(5_000, 12);
        resync(sqnMs);
        mar(5);
        long before = stored;
        assertThat(resync(sqnMs)).containsExactly(NUMBERS.next(before, NUMBERS.indFor(NUMBERS.seq(before) + 1)));
        assertThat(NUMBERS.seq(stored)).isEqualTo(5_007);
    }

    @Test
    void freshSubscriberResyncsToTheUsim() {
        assertThat(resync(sqn(0, 0))).containsExactly(sqn(1, 1));
        assertThat(resync(sqn(77, 3))).containsExactly(sqn(78, 14));
        assertThat(stored).isEqualTo(sqn(78, 14));
    }

    /**
     * MARs and resyncs in any order, SQN_MS anywhere from far below to far above SQN_HE: every vector is new, SQN_HE
     * never goes down (both checked in {@link #apply}), and the vector a resync answers with is one the USIM accepts
     * (C.2.2: its SEQ above SEQ_MS) and above everything handed out before.
     */
    @Test
    void anyMixOfMarsAndResyncsHandsOutEverySqnOnce() {
        Random random = new Random(33_102);
        for (int i = 0; i < 5_000; i++) {
            if (random.nextInt(4) == 0) {
                long seqHe = NUMBERS.seq(stored);
                long seqMs = Math.max(0, seqHe + random.nextInt(200) - 150);
                long sqnMs = sqn(seqMs, random.nextInt(32));
                long highest = handedOut.stream().mapToLong(Long::longValue).max().orElse(0);
                long sqn = resync(sqnMs)[0];
                assertThat(NUMBERS.seq(sqn)).isGreaterThan(seqMs);
                assertThat(sqn).isGreaterThan(highest);
            } else {
                mar(1 + random.nextInt(5));
            }
        }
        Set<Long> distinct = new HashSet<>(handedOut);
        assertThat(distinct).hasSameSizeAs(handedOut);
    }
}
