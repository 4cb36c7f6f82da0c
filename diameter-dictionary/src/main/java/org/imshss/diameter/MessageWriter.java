package org.imshss.diameter;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes one Diameter message straight into its octets: the header, then AVPs whose code, vendor and flags come
 * from the {@link Avp} table, so no caller writes an AVP code or a flag. Grouped AVPs are opened and closed around
 * their members. The P bit of an AVP is never set (RFC 6733 4.1). Not thread-safe; one writer per message.
 */
public final class MessageWriter {

  /** NTP seconds between 1900-01-01 and 1970-01-01 (RFC 6733 4.3.1 Time). */
  static final long NTP_UNIX_OFFSET = 2208988800L;
  /** Time values below 2^31 belong to NTP era 1 (from 2036-02-07), RFC 5905 6. */
  private static final long NTP_ERA = 1L << 32;

  private byte[] buffer;
  private int length = DiameterMessage.HEADER_BYTES;

  private MessageWriter(int capacity) {
    buffer = new byte[capacity];
  }

  /**
   * The answer to {@code request}: its command code, Application-Id and both identifiers, its P bit, and the E bit
   * for a protocol error (RFC 6733 6.2, 7.1.3).
   */
  public static MessageWriter answerTo(DiameterMessage request, boolean error) {
    MessageWriter w = new MessageWriter(256);
    request.copyHeader(w.buffer);
    w.buffer[4] = (byte) ((request.flags() & DiameterMessage.FLAG_PROXIABLE)
        | (error ? DiameterMessage.FLAG_ERROR : 0));
    return w;
  }

  /**
   * The answer to a request known only by its octets (one the decoder could not lay out): same header fields as
   * {@link #answerTo(DiameterMessage, boolean)}.
   */
  public static MessageWriter answerTo(byte[] request, boolean error) {
    MessageWriter w = new MessageWriter(256);
    System.arraycopy(request, 0, w.buffer, 0, DiameterMessage.HEADER_BYTES);
    w.buffer[4] = (byte) ((DiameterMessage.flags(request) & DiameterMessage.FLAG_PROXIABLE)
        | (error ? DiameterMessage.FLAG_ERROR : 0));
    return w;
  }

  /** A request of {@code command}; the hop-by-hop identifier is set by the connection that sends it. */
  public static MessageWriter request(Command command, int endToEnd) {
    if (!command.isRequest()) {
      throw new IllegalArgumentException(command + " is an answer");
    }
    MessageWriter w = new MessageWriter(256);
    int flags = DiameterMessage.FLAG_REQUEST | (command.isProxiable() ? DiameterMessage.FLAG_PROXIABLE : 0);
    DiameterMessage.putInt(w.buffer, 4, flags << 24 | command.code());
    DiameterMessage.putInt(w.buffer, 8, (int) command.application().id());
    DiameterMessage.putInt(w.buffer, 16, endToEnd);
    return w;
  }

  /**
   * The request a relay forwards for {@code received} (RFC 6733 6.1.9): its command code, Application-Id, End-to-End
   * identifier and R, P and T flags; the hop-by-hop identifier is set by the connection that sends it.
   */
  public static MessageWriter forwarding(DiameterMessage received) {
    MessageWriter w = new MessageWriter(received.length() + 64);
    received.copyHeader(w.buffer);
    w.buffer[4] = (byte) (received.flags() & (DiameterMessage.FLAG_REQUEST | DiameterMessage.FLAG_PROXIABLE
        | DiameterMessage.FLAG_RETRANSMITTED));
    return w;
  }

  // ---- AVPs ----

  public MessageWriter octets(Avp avp, byte[] data) {
    return octets(avp, data, 0, data.length);
  }

  public MessageWriter octets(Avp avp, byte[] data, int from, int length) {
    int at = header(avp, length);
    System.arraycopy(data, from, buffer, at, length);
    return pad();
  }

  /** UTF8String, and OctetString AVPs that carry UTF-8 text (User-Data XML). */
  public MessageWriter utf8(Avp avp, String value) {
    return octets(avp, value.getBytes(StandardCharsets.UTF_8));
  }

  /** DiameterIdentity and DiameterURI: printable US-ASCII (RFC 6733 4.3.1). */
  public MessageWriter identity(Avp avp, String value) {
    if (avp.type() != AvpType.DIAMETER_IDENTITY && avp.type() != AvpType.DIAMETER_URI) {
      throw new IllegalArgumentException(avp.specName() + " is not a DiameterIdentity or DiameterURI");
    }
    int at = header(avp, value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0x7E || c < 0x21) {
        throw new IllegalArgumentException(avp.specName() + ": not an ASCII identity");
      }
      buffer[at + i] = (byte) c;
    }
    return pad();
  }

  public MessageWriter unsigned32(Avp avp, long value) {
    requireType(avp, AvpType.UNSIGNED32);
    return int32(avp, (int) value);
  }

  public MessageWriter enumerated(Avp avp, int value) {
    requireType(avp, AvpType.ENUMERATED);
    return int32(avp, value);
  }

  public MessageWriter integer32(Avp avp, int value) {
    requireType(avp, AvpType.INTEGER32);
    return int32(avp, value);
  }

  public MessageWriter unsigned64(Avp avp, long value) {
    requireType(avp, AvpType.UNSIGNED64);
    int at = header(avp, 8);
    DiameterMessage.putInt(buffer, at, (int) (value >>> 32));
    DiameterMessage.putInt(buffer, at + 4, (int) value);
    return pad();
  }

  /** Time: NTP seconds (RFC 6733 4.3.1). */
  public MessageWriter time(Avp avp, Instant value) {
    requireType(avp, AvpType.TIME);
    long ntp = value.getEpochSecond() + NTP_UNIX_OFFSET;
    if (ntp < (1L << 31) || ntp >= NTP_ERA + (1L << 31)) {
      throw new IllegalArgumentException(avp.specName() + ": time out of range: " + value);
    }
    return int32(avp, (int) ntp);
  }

  /** Address: family 1 (IPv4) or 2 (IPv6), then the address (RFC 6733 4.3.1). */
  public MessageWriter address(Avp avp, InetAddress value) {
    requireType(avp, AvpType.ADDRESS);
    byte[] address = value.getAddress();
    int at = header(avp, 2 + address.length);
    buffer[at] = 0;
    buffer[at + 1] = (byte) (value instanceof Inet4Address ? 1 : 2);
    System.arraycopy(address, 0, buffer, at + 2, address.length);
    return pad();
  }

  /** Opens a grouped AVP; its members follow until {@link #end(int)} with the returned mark. */
  public int begin(Avp avp) {
    requireType(avp, AvpType.GROUPED);
    int start = length;
    header(avp, 0);
    return start;
  }

  /** Closes the grouped AVP opened at {@code mark}: its length covers its members (RFC 6733 4.4). */
  public MessageWriter end(int mark) {
    int flags = buffer[mark + 4] & 0xFF;
    DiameterMessage.putInt(buffer, mark + 4, flags << 24 | (length - mark));
    return this;
  }

  /** An AVP with the flags it was received with (a member of Failed-AVP, RFC 6733 7.5). */
  public MessageWriter avp(int code, long vendorId, boolean mandatory, byte[] data) {
    boolean vendor = vendorId != 0;
    int header = vendor ? MessageDecoder.AVP_HEADER_VENDOR : MessageDecoder.AVP_HEADER;
    ensure(header + data.length + 3);
    DiameterMessage.putInt(buffer, length, code);
    DiameterMessage.putInt(buffer, length + 4, ((vendor ? ReceivedAvp.FLAG_VENDOR : 0)
        | (mandatory ? ReceivedAvp.FLAG_MANDATORY : 0)) << 24 | header + data.length);
    if (vendor) {
      DiameterMessage.putInt(buffer, length + 8, (int) vendorId);
    }
    System.arraycopy(data, 0, buffer, length + header, data.length);
    length += header + data.length;
    return pad();
  }

  /** Octets already encoded as whole AVPs, copied as they are (relaying, Proxy-Info, a prepared Failed-AVP). */
  public MessageWriter raw(byte[] avps, int from, int count) {
    ensure(count + 3);
    System.arraycopy(avps, from, buffer, length, count);
    length += count;
    return pad();
  }

  // ---- common AVPs ----

  /**
   * The outcome: Result-Code for base codes, Experimental-Result {Vendor-Id, Experimental-Result-Code} for 3GPP
   * codes (RFC 6733 7.6, TS 29.229 6.2).
   */
  public MessageWriter result(ResultCode result) {
    if (!result.isExperimental()) {
      return unsigned32(Avp.RESULT_CODE, result.code());
    }
    int group = begin(Avp.EXPERIMENTAL_RESULT);
    unsigned32(Avp.VENDOR_ID, result.vendorId());
    unsigned32(Avp.EXPERIMENTAL_RESULT_CODE, result.code());
    return end(group);
  }

  /** Vendor-Specific-Application-Id {Vendor-Id, Auth-Application-Id} (RFC 6733 6.11, TS 29.229 6.1). */
  public MessageWriter vendorSpecificApplicationId(Application application) {
    int group = begin(Avp.VENDOR_SPECIFIC_APPLICATION_ID);
    unsigned32(Avp.VENDOR_ID, application.vendorId());
    unsigned32(Avp.AUTH_APPLICATION_ID, application.id());
    return end(group);
  }

  /** One Failed-AVP holding the violation's AVPs with their received flags (RFC 6733 7.5). */
  public MessageWriter failedAvp(Violation violation) {
    if (violation.failedAvps().isEmpty()) {
      return this;
    }
    int group = begin(Avp.FAILED_AVP);
    for (FailedAvp failed : violation.failedAvps()) {
      avp(failed.code(), failed.vendorId(), failed.mandatoryBit(), failed.data());
    }
    return end(group);
  }

  /** The message: the header's length field set, the octets trimmed to it. */
  public byte[] toBytes() {
    DiameterMessage.putInt(buffer, 0, 1 << 24 | length);
    return Arrays.copyOf(buffer, length);
  }

  // ---- octets ----

  private MessageWriter int32(Avp avp, int value) {
    int at = header(avp, 4);
    DiameterMessage.putInt(buffer, at, value);
    return this;
  }

  /** Writes the AVP header for {@code dataLength} octets of data and returns where the data goes. */
  private int header(Avp avp, int dataLength) {
    boolean vendor = avp.isVendorSpecific();
    int header = vendor ? MessageDecoder.AVP_HEADER_VENDOR : MessageDecoder.AVP_HEADER;
    ensure(header + dataLength + 3);
    int flags = (vendor ? ReceivedAvp.FLAG_VENDOR : 0) | (avp.sendMandatoryBit() ? ReceivedAvp.FLAG_MANDATORY : 0);
    DiameterMessage.putInt(buffer, length, avp.code());
    DiameterMessage.putInt(buffer, length + 4, flags << 24 | header + dataLength);
    if (vendor) {
      DiameterMessage.putInt(buffer, length + 8, (int) avp.vendorId());
    }
    int data = length + header;
    length = data + dataLength;
    return data;
  }

  /** Zero padding to the next multiple of four octets (RFC 6733 4). */
  private MessageWriter pad() {
    while ((length & 3) != 0) {
      buffer[length++] = 0;
    }
    return this;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  private static void requireType(Avp avp, AvpType type) {
    if (avp.type() != type) {
      throw new IllegalArgumentException(avp.specName() + " is " + avp.type() + ", not " + type);
    }
  }
}
