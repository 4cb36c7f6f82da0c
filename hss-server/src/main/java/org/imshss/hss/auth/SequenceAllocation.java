package org.imshss.hss.auth;

import org.imshss.provisioning.store.SequenceUpdate;

/**
 * The SQN changes a MAR makes, run atomically in the grid before the vectors leave the HSS (TS 33.102
 * C.3.2): a sequence number is never handed out twice.
 */
public final class SequenceAllocation {

    private SequenceAllocation() {
    }

    /**
     * Allocates {@code count} consecutive SQNs above SQN_HE, each in the IND slot its SEQ maps to (round robin
     * over the 2^IND slots, so vectors consumed out of order stay acceptable to the USIM, C.2.2).
     *
     * @param resyncSqnMs when non-negative, a verified SQN_MS: SQN_HE is first kept or moved up to it (6.3.5,
     *                    {@link SequenceNumbers#afterResync(long, long)}), in the same atomic update
     */
    public record Allocate(SequenceNumbers numbers, int count, long resyncSqnMs) implements SequenceUpdate<long[]> {

        public Allocate {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
        }

        @Override
        public Outcome<long[]> apply(long current) {
            long sqn = resyncSqnMs >= 0 ? numbers.afterResync(current, resyncSqnMs) : current;
            long[] allocated = new long[count];
            for (int i = 0; i < count; i++) {
                long seq = numbers.seq(sqn) + 1;
                sqn = numbers.next(sqn, numbers.indFor(seq));
                allocated[i] = sqn;
            }
            return new Outcome<>(sqn, allocated);
        }
    }
}
