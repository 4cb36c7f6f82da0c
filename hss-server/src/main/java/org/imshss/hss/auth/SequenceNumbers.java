package org.imshss.hss.auth;

import java.io.Serializable;

/**
 * SQN arithmetic for the HE/AuC (TS 33.102 Annex C.1.1, C.3.2): the 48-bit SQN is SEQ ‖ IND, IND being the
 * low {@code indBits} bits.
 *
 * <p>All methods are pure functions of their arguments and the configured IND length, so they can run inside a
 * grid entry processor that reads SQN_HE, calls {@link #next(long, int)} and writes the result back atomically
 * before the MAA is sent. The stored value SQN_HE is simply the last SQN issued (0 for a never-challenged
 * subscriber); only its SEQ part matters for the next vector.
 *
 * <p>Choosing IND: the USIM keeps one SEQ per IND slot and accepts a vector iff its SEQ exceeds the SEQ last
 * accepted in the same slot (Annex C.2). Since SEQ here increases by one for every vector issued, any IND is safe;
 * IND only decides which vectors may be consumed out of order without a resync. Rule used by this HSS: the caller
 * passes {@link #indFor(long)} of a counter it owns, either its node index (vectors from different HSS nodes
 * or S-CSCFs land in different slots) or a per-subscriber round-robin counter (consecutive vectors of one
 * batch land in different slots). The IND length must not change for provisioned subscribers, because it
 * changes how a stored SQN splits into SEQ and IND.
 */
public final class SequenceNumbers implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_IND_BITS = 5;
    public static final int MAX_IND_BITS = 10;
    public static final int SQN_BITS = 48;
    public static final long MAX_SQN = Octets.MAX_SQN;

    private final int indBits;

    /** The commonly used IND length of 5 bits (32 slots). */
    public SequenceNumbers() {
        this(DEFAULT_IND_BITS);
    }

    /** @param indBits IND length in bits, 0..10 (0 means no IND: SQN = SEQ) */
    public SequenceNumbers(int indBits) {
        if (indBits < 0 || indBits > MAX_IND_BITS) {
            throw new IllegalArgumentException("IND length must be 0.." + MAX_IND_BITS + " bits, got " + indBits);
        }
        this.indBits = indBits;
    }

    public int indBits() {
        return indBits;
    }

    /** Number of IND slots, 2^indBits. */
    public int indCount() {
        return 1 << indBits;
    }

    /** Largest SEQ representable next to an IND of this length. */
    public long maxSeq() {
        return MAX_SQN >>> indBits;
    }

    public long seq(long sqn) {
        return Octets.requireSqn(sqn, "SQN") >>> indBits;
    }

    public int ind(long sqn) {
        return (int) (Octets.requireSqn(sqn, "SQN") & (indCount() - 1));
    }

    /** SQN = SEQ ‖ IND. */
    public long sqn(long seq, int ind) {
        if (seq < 0 || seq > maxSeq()) {
            throw new IllegalArgumentException("SEQ must be 0.." + maxSeq() + ", got " + seq);
        }
        requireInd(ind);
        return (seq << indBits) | ind;
    }

    /** Maps any caller-owned counter (node index, round-robin counter) onto an IND slot: counter mod 2^indBits. */
    public int indFor(long counter) {
        return (int) Math.floorMod(counter, (long) indCount());
    }

    /**
     * The SQN for the next vector: SEQ_HE + 1 with the given IND (C.3.2). A fresh subscriber (SQN_HE = 0) gets
     * SEQ = 1, so no vector ever carries SEQ 0, which the USIM's all-zero initial slots would reject (Annex C.2).
     *
     * @param currentSqn SQN_HE as stored, 0..2^48-1
     * @param ind        IND slot, 0..2^indBits-1
     * @throws IllegalStateException if SEQ is exhausted; wrapping to a small SEQ would make every vector stale at
     *                               the USIM, so the subscriber needs a new key instead
     */
    public long next(long currentSqn, int ind) {
        long seq = seq(currentSqn);
        requireInd(ind);
        if (seq >= maxSeq()) {
            throw new IllegalStateException("SQN space exhausted: SEQ has reached its " + (SQN_BITS - indBits)
                    + "-bit maximum");
        }
        return ((seq + 1) << indBits) | ind;
    }

    /**
     * SQN_HE to store after a verified resync (TS 33.102 6.3.5 steps 2-5): kept if the USIM would accept the next
     * SQN it yields, SEQ_HE + 1, so vectors continue above it; otherwise reset to SQN_MS, which is then above it,
     * so the next vector carries SEQ_MS + 1.
     *
     * <p>"Would accept" is judged without knowing the USIM's array: C.2.2 accepts SEQ &gt; SEQ_MS(IND), and
     * SEQ_MS, the highest SEQ accepted in any slot, bounds every slot, so SEQ &gt; SEQ_MS is accepted in any slot
     * and also meets the optional limit L (SEQ_MS - SEQ &lt; L). SQN_HE never goes down: a lower SQN_HE would hand
     * out SQNs again and would let a replayed old AUTS roll it back. So a SEQ_HE more than Δ above SEQ_MS (C.2.1)
     * is kept too; C.2.1 requires Δ large enough that a working HE never gets there.
     *
     * @param currentSqn SQN_HE as stored, 0..2^48-1
     * @param sqnMs      SQN_MS recovered from an AUTS whose MAC-S has been verified
     */
    public long afterResync(long currentSqn, long sqnMs) {
        Octets.requireSqn(sqnMs, "SQN_MS");
        return seq(currentSqn) + 1 > seq(sqnMs) ? currentSqn : sqnMs;
    }

    private void requireInd(int ind) {
        if (ind < 0 || ind >= indCount()) {
            throw new IllegalArgumentException("IND must be 0.." + (indCount() - 1) + ", got " + ind);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceNumbers other && other.indBits == indBits;
    }

    @Override
    public int hashCode() {
        return indBits;
    }

    @Override
    public String toString() {
        return "SequenceNumbers[indBits=" + indBits + "]";
    }
}
