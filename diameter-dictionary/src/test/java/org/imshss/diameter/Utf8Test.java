package org.imshss.diameter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

  /** The JDK's decoder, refusing what is malformed, is the independent judge (RFC 3629 4). */
  private static boolean jdkAccepts(byte[] b, int from, int to) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, from, to - from));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void agreesWithTheJdkOnMostlyAsciiRangesAtEveryOffset() {
    Random random = new Random(29);
    byte[] pool = "sip:alice@ims.example.org;ü€😀".getBytes(StandardCharsets.UTF_8);
    int rejected = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(48)];
      for (int i = 0; i < b.length; i++) {
        int pick = random.nextInt(100);
        b[i] = pick < 90 ? pool[random.nextInt(25)] : pick < 97 ? pool[random.nextInt(pool.length)]
            : (byte) random.nextInt(256);
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length);
      int to = from + random.nextInt(b.length - from + 1);
      boolean expected = jdkAccepts(b, from, to);
      rejected += expected ? 0 : 1;
      assertEquals(expected, Utf8.isValid(b, from, to), () -> "octets " + java.util.HexFormat.of().formatHex(b));
    }
    assertTrue(rejected > 1_000, "the rounds must include malformed input, not only ASCII");
  }

  @Test
  void aBadOctetAfterLongAsciiRunsIsFound() {
    for (int at = 0; at < 40; at++) {
      byte[] b = "sip:someone.with.a.long.name@ims.example.org".getBytes(StandardCharsets.US_ASCII);
      b[at] = (byte) 0xFF;
      assertFalse(Utf8.isValid(b), "0xFF at " + at);
      b[at] = (byte) 0xC0;
      assertFalse(Utf8.isValid(b), "overlong lead at " + at);
    }
    assertTrue(Utf8.isValid("sip:émile@ims.example.org".getBytes(StandardCharsets.UTF_8)));
  }
}
