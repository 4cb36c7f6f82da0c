package org.imshss.diameter;

import java.util.Arrays;

/** Immutable open-addressing map from (code, vendor) keys to small ints; no boxing on lookup. */
final class LongIntMap {

  private final long[] keys;
  private final int[] values;
  private final int mask;

  /** Builds a map where {@code keys[i]} maps to {@code i}. */
  LongIntMap(long[] entries) {
    int cap = Integer.highestOneBit(Math.max(4, entries.length * 3)) << 1;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(values, -1);
    mask = cap - 1;
    for (int i = 0; i < entries.length; i++) {
      int slot = slot(entries[i]);
      while (values[slot] >= 0) {
        if (keys[slot] == entries[i]) {
          throw new IllegalArgumentException("duplicate key " + Long.toHexString(entries[i]));
        }
        slot = (slot + 1) & mask;
      }
      keys[slot] = entries[i];
      values[slot] = i;
    }
  }

  static long key(int code, long vendorId) {
    return (vendorId << 32) | (code & 0xFFFFFFFFL);
  }

  /** Index stored for {@code key}, or -1. */
  int get(long key) {
    int slot = slot(key);
    while (true) {
      int v = values[slot];
      if (v < 0) {
        return -1;
      }
      if (keys[slot] == key) {
        return v;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
