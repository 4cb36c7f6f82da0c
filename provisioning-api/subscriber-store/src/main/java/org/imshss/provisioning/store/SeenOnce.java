package org.imshss.provisioning.store;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The keys read lately, as two bits of each key's hash (a Bloom filter): a bounded {@link SharedRecordCache} keeps
 * a subscriber's record on its second read, not its first (the "doorkeeper" of TinyLFU, Einziger, Friedman and
 * Manes, ACM Transactions on Storage 13(4), 2017). A record read once, as most are when traffic is spread over a
 * million subscribers after a restart, then dies young instead of being copied by every young collection on its
 * way into a map that the next thousands of one-time reads fill (docs/BENCHMARKS.md, run R4: the pauses after a
 * restart were made of copying such records). A false positive keeps a record on its first read, as before. The
 * bits are cleared after as many keys as the map holds, so "lately" spans about one map's worth of reads. Updates
 * race without locks: a lost bit costs one more decode, never a wrong answer.
 */
final class SeenOnce {

    private static final int BITS_PER_KEY = 8;

    private final AtomicLongArray bits;
    private final int mask;
    private final int clearAfter;
    private final AtomicInteger marked = new AtomicInteger();

    /** @param keys how many keys it remembers before it forgets them all */
    SeenOnce(int keys) {
        int wanted = (int) Math.min(1L << 30, Math.max(64L, (long) keys * BITS_PER_KEY));
        int size = Integer.highestOneBit(wanted - 1) << 1;
        this.bits = new AtomicLongArray(size / Long.SIZE);
        this.mask = size - 1;
        this.clearAfter = Math.max(1, keys);
    }

    /** Whether {@code key} was marked since the bits were last cleared; marks it. */
    boolean markAndCheck(String key) {
        int hash = key.hashCode() * 0x9E3779B9;
        int first = (hash ^ hash >>> 16) & mask;
        int second = (Integer.rotateLeft(hash, 13) * 0x85EBCA6B ^ hash >>> 7) & mask;
        boolean seen = set(first) & set(second);
        if (!seen && marked.incrementAndGet() >= clearAfter) {
            marked.set(0);
            for (int i = 0; i < bits.length(); i++) {
                bits.set(i, 0);
            }
        }
        return seen;
    }

    /** Sets one bit; whether it was set before. */
    private boolean set(int bit) {
        long flag = 1L << (bit & 63);
        return (bits.getAndAccumulate(bit >>> 6, flag, (word, f) -> word | f) & flag) != 0;
    }
}
