package org.imshss.diameter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Allocation-free well-formedness check for UTF8String data (RFC 6733 4.3.1, RFC 3629 4). */
final class Utf8 {

  /** Eight octets at a time: identities, realms and host names are ASCII, and ASCII needs no decoding. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {
  }

  static boolean isValid(byte[] b) {
    return isValid(b, 0, b.length);
  }

  /** Whether octets {@code [from, to)} of {@code b} are well-formed UTF-8. */
  static boolean isValid(byte[] b, int from, int to) {
    int i = from;
    int n = to;
    while (i + Long.BYTES <= n && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
      i += Long.BYTES;
    }
    while (i < n) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + len > n) {
        return false;
      }
      int cp = c & (0xFF >> (len + 1));
      for (int k = 1; k < len; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false;
      }
      i += len;
    }
    return true;
  }
}
