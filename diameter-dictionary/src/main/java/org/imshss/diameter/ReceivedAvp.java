package org.imshss.diameter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * One AVP of a received message, decoded once by {@link MessageDecoder}: where it lies in the message's octets,
 * its header, its dictionary entry (null when unknown) and, for a grouped AVP the dictionary describes, its members.
 * Values are read from the message's octets on demand; nothing is copied until asked for.
 */
public final class ReceivedAvp {

  static final int FLAG_VENDOR = 0x80;
  static final int FLAG_MANDATORY = 0x40;

  private final byte[] message;
  private final int start;
  private final int dataStart;
  private final int end;
  private final int code;
  private final int flags;
  private final long vendorId;
  private final Avp definition;
  private AvpGroup members;

  ReceivedAvp(byte[] message, int start, int dataStart, int end, int code, int flags, long vendorId,
      Avp definition) {
    this.message = message;
    this.start = start;
    this.dataStart = dataStart;
    this.end = end;
    this.code = code;
    this.flags = flags;
    this.vendorId = vendorId;
    this.definition = definition;
  }

  void members(AvpGroup group) {
    this.members = group;
  }

  public int code() {
    return code;
  }

  public long vendorId() {
    return vendorId;
  }

  public boolean mandatoryBit() {
    return (flags & FLAG_MANDATORY) != 0;
  }

  /** The dictionary entry, or null for an AVP the dictionary does not know. */
  public Avp definition() {
    return definition;
  }

  boolean is(Avp avp) {
    return definition == avp;
  }

  /** The members of a grouped AVP the decoder walked, else an empty group. */
  public AvpGroup members() {
    return members == null ? AvpGroup.EMPTY : members;
  }

  int dataStart() {
    return dataStart;
  }

  int end() {
    return end;
  }

  public int dataLength() {
    return end - dataStart;
  }

  /** A copy of the data octets. */
  public byte[] data() {
    return Arrays.copyOfRange(message, dataStart, end);
  }

  public String utf8() {
    return new String(message, dataStart, end - dataStart, StandardCharsets.UTF_8);
  }

  /** Unsigned32, or the first four octets of a longer value (the decoder has checked fixed lengths). */
  public long unsigned32() {
    return int32() & 0xFFFFFFFFL;
  }

  /** Integer32 and Enumerated. */
  public int int32() {
    requireLength(4);
    return DiameterMessage.int32(message, dataStart);
  }

  public long unsigned64() {
    requireLength(8);
    return (long) DiameterMessage.int32(message, dataStart) << 32
        | DiameterMessage.int32(message, dataStart + 4) & 0xFFFFFFFFL;
  }

  /** Time: NTP seconds (RFC 6733 4.3.1); values below 2^31 belong to NTP era 1, from 2036 (RFC 5905 6). */
  public Instant time() {
    long ntp = unsigned32();
    if (ntp < (1L << 31)) {
      ntp += 1L << 32;
    }
    return Instant.ofEpochSecond(ntp - MessageWriter.NTP_UNIX_OFFSET);
  }

  /** The decoder answers a wrong fixed length 5014 before any handler reads; this guards answers read back. */
  private void requireLength(int length) {
    if (end - dataStart != length) {
      throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_LENGTH, code, vendorId, mandatoryBit(), data(),
          "AVP " + code + " must have " + length + " octets, has " + (end - dataStart), null);
    }
  }

  /** Whether the data equals {@code text} in US-ASCII, ignoring case (DiameterIdentity comparisons). */
  public boolean equalsIgnoreCase(String text) {
    if (text.length() != end - dataStart) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.toLowerCase((char) (message[dataStart + i] & 0xFF)) != Character.toLowerCase(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The whole AVP as received, header included, padded to four octets (Failed-AVP of a transport error). */
  public byte[] encoded() {
    byte[] avp = new byte[(end - start + 3) & ~3];
    System.arraycopy(message, start, avp, 0, end - start);
    return avp;
  }

  /** This AVP as received, for Failed-AVP (RFC 6733 7.5). */
  public FailedAvp failed() {
    return new FailedAvp(code, vendorId, mandatoryBit(), data());
  }

  /** Writes this AVP, header and data as received, into {@code out} (relaying; Proxy-Info in answers). */
  public void copyTo(MessageWriter out) {
    out.raw(message, start, end - start);
  }
}
