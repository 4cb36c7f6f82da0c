package org.imshss.diameter;

import java.util.Arrays;
import java.util.Optional;

/**
 * A received Diameter message, decoded once: the header (RFC 6733 3) and the AVPs as {@link AvpGroup}s over the
 * received octets. Built by {@link MessageDecoder}; immutable.
 */
public final class DiameterMessage {

  public static final int HEADER_BYTES = 20;
  public static final int FLAG_REQUEST = 0x80;
  public static final int FLAG_PROXIABLE = 0x40;
  public static final int FLAG_ERROR = 0x20;
  public static final int FLAG_RETRANSMITTED = 0x10;

  private final byte[] bytes;
  private final AvpGroup avps;
  private final String receivedFrom;

  DiameterMessage(byte[] bytes, AvpGroup avps, String receivedFrom) {
    this.bytes = bytes;
    this.avps = avps;
    this.receivedFrom = receivedFrom;
  }

  /**
   * The Origin-Host the peer that delivered this message gave in its capabilities exchange (what a relay's
   * Route-Record names, RFC 6733 6.7.1), or null when not known.
   */
  public String receivedFrom() {
    return receivedFrom;
  }

  public int flags() {
    return flags(bytes);
  }

  public boolean isRequest() {
    return (flags() & FLAG_REQUEST) != 0;
  }

  public boolean isProxiable() {
    return (flags() & FLAG_PROXIABLE) != 0;
  }

  public boolean isError() {
    return (flags() & FLAG_ERROR) != 0;
  }

  public boolean isRetransmitted() {
    return (flags() & FLAG_RETRANSMITTED) != 0;
  }

  public int commandCode() {
    return commandCode(bytes);
  }

  public long applicationId() {
    return applicationId(bytes);
  }

  public int hopByHop() {
    return int32(bytes, 12);
  }

  public int endToEnd() {
    return int32(bytes, 16);
  }

  /** Octets in the message, header included. */
  int length() {
    return bytes.length;
  }

  /** The dictionary's command for this header's code, Application-Id and R bit. */
  public Optional<Command> command() {
    return Command.lookup(commandCode(), applicationId(), isRequest());
  }

  public AvpGroup avps() {
    return avps;
  }

  /** The header as received, for a writer that answers this message. */
  void copyHeader(byte[] into) {
    System.arraycopy(bytes, 0, into, 0, HEADER_BYTES);
  }

  /** The message with another hop-by-hop identifier (RFC 6733 6.2.2: a relay restores the downstream one). */
  public byte[] withHopByHop(int hopByHop) {
    byte[] copy = Arrays.copyOf(bytes, bytes.length);
    putInt(copy, 12, hopByHop);
    return copy;
  }

  // ---- header fields of undecoded octets ----

  public static int flags(byte[] m) {
    return m[4] & 0xFF;
  }

  public static int commandCode(byte[] m) {
    return (m[5] & 0xFF) << 16 | (m[6] & 0xFF) << 8 | m[7] & 0xFF;
  }

  public static long applicationId(byte[] m) {
    return int32(m, 8) & 0xFFFFFFFFL;
  }

  public static boolean isRequest(byte[] m) {
    return (flags(m) & FLAG_REQUEST) != 0;
  }

  static int int32(byte[] m, int at) {
    return (m[at] & 0xFF) << 24 | (m[at + 1] & 0xFF) << 16 | (m[at + 2] & 0xFF) << 8 | m[at + 3] & 0xFF;
  }

  static void putInt(byte[] m, int at, int value) {
    m[at] = (byte) (value >>> 24);
    m[at + 1] = (byte) (value >>> 16);
    m[at + 2] = (byte) (value >>> 8);
    m[at + 3] = (byte) value;
  }

  public static int hopByHop(byte[] m) {
    return int32(m, 12);
  }

  /** Sets the hop-by-hop identifier of an encoded message in place (a sender assigns it per connection). */
  public static void setHopByHop(byte[] m, int hopByHop) {
    putInt(m, 12, hopByHop);
  }
}
