package org.imshss.diameter;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;

/**
 * Typed access to jDiameter AVP sets driven by the {@link Avp} table: code, vendor and flags always come from the
 * table.
 *
 * <p>Writers build the data octets themselves and use {@code AvpSet.addAvp(int, byte[], long, boolean, boolean)}:
 * jDiameter's numeric overloads are easy to misuse ({@code addAvp(int, long, long, boolean, boolean)} writes an
 * 8-octet Integer64, only the variant with {@code asUnsigned = true} writes an Unsigned32, and its String
 * overloads pick ISO-8859-1 or UTF-8 through a trailing {@code asOctetString} flag). The P bit is never set
 * (RFC 6733 4.1).
 */
public final class Avps {

  /** NTP seconds between 1900-01-01 and 1970-01-01 (RFC 6733 4.3.1 Time). */
  private static final long NTP_UNIX_OFFSET = 2208988800L;
  /** Time values below 2^31 belong to NTP era 1 (from 2036-02-07), RFC 5905 6 / RFC 4330 3. */
  private static final long NTP_ERA = 1L << 32;

  private Avps() {
  }

  // ---- readers ----------------------------------------------------------------------------------------------

  /** Whether {@code set} holds {@code avp} (matched on code and vendor). */
  public static boolean has(AvpSet set, Avp avp) {
    return set.getAvp(avp.code(), avp.vendorId()) != null;
  }

  /** Number of occurrences of {@code avp} in {@code set}. */
  public static int count(AvpSet set, Avp avp) {
    int n = 0;
    for (org.jdiameter.api.Avp a : set) {
      if (a.getCode() == avp.code() && a.getVendorId() == avp.vendorId()) {
        n++;
      }
    }
    return n;
  }

  /** First occurrence as text: UTF8String, OctetString holding UTF-8 (e.g. User-Data XML), identities, URIs. */
  public static Optional<String> utf8(AvpSet set, Avp avp) {
    requireText(avp);
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    return a == null ? Optional.empty() : Optional.of(decodeUtf8(a));
  }

  /** All occurrences as text, in message order. */
  public static List<String> utf8All(AvpSet set, Avp avp) {
    requireText(avp);
    List<String> out = new ArrayList<>(2);
    for (org.jdiameter.api.Avp a : set) {
      if (a.getCode() == avp.code() && a.getVendorId() == avp.vendorId()) {
        out.add(decodeUtf8(a));
      }
    }
    return out;
  }

  /** First occurrence of an Unsigned32 AVP. */
  public static OptionalLong unsigned32(AvpSet set, Avp avp) {
    requireType(avp, AvpType.UNSIGNED32);
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    return a == null ? OptionalLong.empty() : OptionalLong.of(int32(a) & 0xFFFFFFFFL);
  }

  /** All occurrences of an Unsigned32 AVP, in message order. */
  public static List<Long> unsigned32All(AvpSet set, Avp avp) {
    requireType(avp, AvpType.UNSIGNED32);
    List<Long> out = new ArrayList<>(2);
    for (org.jdiameter.api.Avp a : set) {
      if (a.getCode() == avp.code() && a.getVendorId() == avp.vendorId()) {
        out.add(int32(a) & 0xFFFFFFFFL);
      }
    }
    return out;
  }

  /** First occurrence of an Unsigned64 AVP (bit pattern; use {@link Long#toUnsignedString(long)} to print). */
  public static OptionalLong unsigned64(AvpSet set, Avp avp) {
    requireType(avp, AvpType.UNSIGNED64);
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    return a == null ? OptionalLong.empty() : OptionalLong.of(int64(a));
  }

  /** First occurrence of an Enumerated AVP; values unknown to the table are returned as they are. */
  public static OptionalInt enumerated(AvpSet set, Avp avp) {
    requireType(avp, AvpType.ENUMERATED);
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    return a == null ? OptionalInt.empty() : OptionalInt.of(int32(a));
  }

  /** All occurrences of an Enumerated AVP, in message order. */
  public static List<Integer> enumeratedAll(AvpSet set, Avp avp) {
    requireType(avp, AvpType.ENUMERATED);
    List<Integer> out = new ArrayList<>(2);
    for (org.jdiameter.api.Avp a : set) {
      if (a.getCode() == avp.code() && a.getVendorId() == avp.vendorId()) {
        out.add(int32(a));
      }
    }
    return out;
  }

  /** First occurrence of an Integer32 AVP. */
  public static OptionalInt integer32(AvpSet set, Avp avp) {
    requireType(avp, AvpType.INTEGER32);
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    return a == null ? OptionalInt.empty() : OptionalInt.of(int32(a));
  }

  /** Data of the first occurrence (a copy), for any non-grouped AVP. */
  public static Optional<byte[]> octets(AvpSet set, Avp avp) {
    requireNotGrouped(avp);
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    return a == null ? Optional.empty() : Optional.of(raw(a).clone());
  }

  /** Data of all occurrences (copies), in message order. */
  public static List<byte[]> octetsAll(AvpSet set, Avp avp) {
    requireNotGrouped(avp);
    List<byte[]> out = new ArrayList<>(2);
    for (org.jdiameter.api.Avp a : set) {
      if (a.getCode() == avp.code() && a.getVendorId() == avp.vendorId()) {
        out.add(raw(a).clone());
      }
    }
    return out;
  }

  /** First occurrence of a Time AVP (RFC 6733 4.3.1, NTP seconds; era 1 for values below 2^31). */
  public static Optional<Instant> time(AvpSet set, Avp avp) {
    requireType(avp, AvpType.TIME);
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    if (a == null) {
      return Optional.empty();
    }
    long ntp = int32(a) & 0xFFFFFFFFL;
    if (ntp < (1L << 31)) {
      ntp += NTP_ERA;
    }
    return Optional.of(Instant.ofEpochSecond(ntp - NTP_UNIX_OFFSET));
  }

  /** First occurrence of an Address AVP (RFC 6733 4.3.1; address families 1 IPv4 and 2 IPv6). */
  public static Optional<InetAddress> address(AvpSet set, Avp avp) {
    requireType(avp, AvpType.ADDRESS);
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    return a == null ? Optional.empty() : Optional.of(decodeAddress(a));
  }

  /** Members of the first occurrence of a grouped AVP. */
  public static Optional<AvpSet> grouped(AvpSet set, Avp avp) {
    requireType(avp, AvpType.GROUPED);
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    return a == null ? Optional.empty() : Optional.of(group(a));
  }

  /**
   * Data octets of every occurrence of an AVP of any type, grouped ones re-encoded from their members (jDiameter
   * drops a grouped AVP's raw octets once its members are read), so the AVP can be stored and sent again as
   * received.
   */
  public static List<byte[]> dataAll(AvpSet set, Avp avp) {
    List<byte[]> out = new ArrayList<>();
    for (org.jdiameter.api.Avp a : set) {
      if (a.getCode() == avp.code() && a.getVendorId() == avp.vendorId()) {
        out.add(data(a, avp.type() == AvpType.GROUPED));
      }
    }
    return out;
  }

  private static byte[] data(org.jdiameter.api.Avp a, boolean grouped) {
    if (!grouped) {
      return raw(a);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (org.jdiameter.api.Avp member : group(a)) {
      Avp known = AvpTable.find(member.getCode(), member.getVendorId());
      byte[] memberData = data(member, known != null && known.type() == AvpType.GROUPED);
      boolean vendor = member.getVendorId() != 0;
      int length = (vendor ? 12 : 8) + memberData.length;
      int flags = (vendor ? 0x80 : 0) | (member.isMandatory() ? 0x40 : 0);
      out.writeBytes(be32(member.getCode()));
      out.writeBytes(be32(flags << 24 | length));
      if (vendor) {
        out.writeBytes(be32((int) member.getVendorId()));
      }
      out.writeBytes(memberData);
      out.writeBytes(new byte[((length + 3) & ~3) - length]);
    }
    return out.toByteArray();
  }

  /** Members of every occurrence of a grouped AVP, in message order. */
  public static List<AvpSet> groupedAll(AvpSet set, Avp avp) {
    requireType(avp, AvpType.GROUPED);
    List<AvpSet> out = new ArrayList<>(2);
    for (org.jdiameter.api.Avp a : set) {
      if (a.getCode() == avp.code() && a.getVendorId() == avp.vendorId()) {
        out.add(group(a));
      }
    }
    return out;
  }

  /**
   * The outcome carried by an answer: Result-Code, or Experimental-Result {Vendor-Id, Experimental-Result-Code}
   * (RFC 6733 7.6). Empty if absent or not in {@link ResultCode}.
   */
  public static Optional<ResultCode> result(AvpSet set) {
    OptionalLong rc = unsigned32(set, Avp.RESULT_CODE);
    if (rc.isPresent()) {
      return ResultCode.lookup(rc.getAsLong(), Vendors.BASE);
    }
    Optional<AvpSet> er = grouped(set, Avp.EXPERIMENTAL_RESULT);
    if (er.isEmpty()) {
      return Optional.empty();
    }
    OptionalLong vendor = unsigned32(er.get(), Avp.VENDOR_ID);
    OptionalLong code = unsigned32(er.get(), Avp.EXPERIMENTAL_RESULT_CODE);
    if (vendor.isEmpty() || code.isEmpty()) {
      return Optional.empty();
    }
    return ResultCode.lookup(code.getAsLong(), vendor.getAsLong());
  }

  // ---- writers ----------------------------------------------------------------------------------------------

  /** Adds a UTF8String AVP (UTF-8 octets, no terminator). */
  public static org.jdiameter.api.Avp addUtf8(AvpSet set, Avp avp, String value) {
    requireType(avp, AvpType.UTF8_STRING);
    return put(set, avp, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds an OctetString AVP; the array is copied. */
  public static org.jdiameter.api.Avp addOctets(AvpSet set, Avp avp, byte[] value) {
    requireType(avp, AvpType.OCTET_STRING);
    return put(set, avp, value.clone());
  }

  /** Adds an Unsigned32 AVP (4 octets, network order). */
  public static org.jdiameter.api.Avp addUnsigned32(AvpSet set, Avp avp, long value) {
    requireType(avp, AvpType.UNSIGNED32);
    if (value < 0 || value > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(avp.specName() + ": " + value + " is not an Unsigned32");
    }
    return put(set, avp, be32((int) value));
  }

  /** Adds an Unsigned64 AVP (8 octets; {@code value} is taken as an unsigned bit pattern). */
  public static org.jdiameter.api.Avp addUnsigned64(AvpSet set, Avp avp, long value) {
    requireType(avp, AvpType.UNSIGNED64);
    return put(set, avp, be64(value));
  }

  /** Adds an Enumerated AVP (Integer32 on the wire, RFC 6733 4.3.1). */
  public static org.jdiameter.api.Avp addEnumerated(AvpSet set, Avp avp, int value) {
    requireType(avp, AvpType.ENUMERATED);
    return put(set, avp, be32(value));
  }

  /** Adds an Integer32 AVP. */
  public static org.jdiameter.api.Avp addInteger32(AvpSet set, Avp avp, int value) {
    requireType(avp, AvpType.INTEGER32);
    return put(set, avp, be32(value));
  }

  /** Adds a DiameterIdentity or DiameterURI AVP (ASCII octets, RFC 6733 4.3.1). */
  public static org.jdiameter.api.Avp addIdentity(AvpSet set, Avp avp, String value) {
    if (avp.type() != AvpType.DIAMETER_IDENTITY && avp.type() != AvpType.DIAMETER_URI) {
      throw wrongType(avp, "DiameterIdentity/DiameterURI");
    }
    byte[] b = new byte[value.length()];
    for (int i = 0; i < b.length; i++) {
      char c = value.charAt(i);
      if (c > 0x7E || c < 0x21) {
        throw new IllegalArgumentException(avp.specName() + ": not an ASCII identity: " + value);
      }
      b[i] = (byte) c;
    }
    return put(set, avp, b);
  }

  /** Adds a Time AVP (NTP seconds, RFC 6733 4.3.1). */
  public static org.jdiameter.api.Avp addTime(AvpSet set, Avp avp, Instant value) {
    requireType(avp, AvpType.TIME);
    long ntp = value.getEpochSecond() + NTP_UNIX_OFFSET;
    if (ntp < (1L << 31) || ntp >= NTP_ERA + (1L << 31)) {
      throw new IllegalArgumentException(avp.specName() + ": time out of range: " + value);
    }
    return put(set, avp, be32((int) ntp));
  }

  /** Adds an Address AVP (family 1 IPv4 or 2 IPv6, RFC 6733 4.3.1). */
  public static org.jdiameter.api.Avp addAddress(AvpSet set, Avp avp, InetAddress value) {
    requireType(avp, AvpType.ADDRESS);
    byte[] addr = value.getAddress();
    byte[] b = new byte[addr.length + 2];
    b[1] = (byte) (value instanceof Inet4Address ? 1 : 2);
    System.arraycopy(addr, 0, b, 2, addr.length);
    return put(set, avp, b);
  }

  /** Adds an empty grouped AVP and returns its member set for filling. */
  public static AvpSet addGrouped(AvpSet set, Avp avp) {
    requireType(avp, AvpType.GROUPED);
    return set.addGroupedAvp(avp.code(), avp.vendorId(), avp.sendMandatoryBit(), false);
  }

  /**
   * Sets the outcome: Result-Code for base codes, Experimental-Result {Vendor-Id, Experimental-Result-Code} for
   * 3GPP codes (RFC 6733 7.6, TS 29.229 6.2). Any Result-Code or Experimental-Result already present (for example
   * from jDiameter's {@code createAnswer(long)}) is removed first, so the answer never carries both.
   */
  public static void addResult(AvpSet set, ResultCode result) {
    set.removeAvp(Avp.RESULT_CODE.code(), Avp.RESULT_CODE.vendorId());
    set.removeAvp(Avp.EXPERIMENTAL_RESULT.code(), Avp.EXPERIMENTAL_RESULT.vendorId());
    if (result.isExperimental()) {
      AvpSet er = addGrouped(set, Avp.EXPERIMENTAL_RESULT);
      addUnsigned32(er, Avp.VENDOR_ID, result.vendorId());
      addUnsigned32(er, Avp.EXPERIMENTAL_RESULT_CODE, result.code());
    } else {
      addUnsigned32(set, Avp.RESULT_CODE, result.code());
    }
  }

  /** Adds one Failed-AVP holding the violation's AVPs, copied with their received flags (RFC 6733 7.5). */
  public static void addFailedAvp(AvpSet set, Violation violation) {
    if (violation.failedAvps().isEmpty()) {
      return;
    }
    AvpSet failed = addGrouped(set, Avp.FAILED_AVP);
    for (FailedAvp f : violation.failedAvps()) {
      failed.addAvp(f.code(), f.data(), f.vendorId(), f.mandatoryBit(), false);
    }
  }

  /** Adds Vendor-Specific-Application-Id {Vendor-Id, Auth-Application-Id} (RFC 6733 6.11, TS 29.229 6.1). */
  public static AvpSet addVendorSpecificApplicationId(AvpSet set, Application application) {
    AvpSet vsai = addGrouped(set, Avp.VENDOR_SPECIFIC_APPLICATION_ID);
    addUnsigned32(vsai, Avp.VENDOR_ID, application.vendorId());
    addUnsigned32(vsai, Avp.AUTH_APPLICATION_ID, application.id());
    return vsai;
  }

  // ---- internals --------------------------------------------------------------------------------------------

  private static org.jdiameter.api.Avp put(AvpSet set, Avp avp, byte[] data) {
    return set.addAvp(avp.code(), data, avp.vendorId(), avp.sendMandatoryBit(), false);
  }

  static byte[] raw(org.jdiameter.api.Avp a) {
    try {
      byte[] b = a.getRaw();
      return b == null ? new byte[0] : b;
    } catch (AvpDataException e) {
      throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_VALUE, a.getCode(), a.getVendorId(),
          a.isMandatory(), null, "unreadable AVP " + a.getCode(), e);
    }
  }

  private static int int32(org.jdiameter.api.Avp a) {
    byte[] b = fixed(a, 4);
    return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
  }

  private static long int64(org.jdiameter.api.Avp a) {
    byte[] b = fixed(a, 8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  private static byte[] fixed(org.jdiameter.api.Avp a, int length) {
    byte[] b = raw(a);
    if (b.length != length) {
      throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_LENGTH, a.getCode(), a.getVendorId(),
          a.isMandatory(), b, "AVP " + a.getCode() + " has " + b.length + " octets, expected " + length, null);
    }
    return b;
  }

  private static String decodeUtf8(org.jdiameter.api.Avp a) {
    byte[] b = raw(a);
    if (!Utf8.isValid(b)) {
      throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_VALUE, a.getCode(), a.getVendorId(),
          a.isMandatory(), b, "AVP " + a.getCode() + " is not valid UTF-8", null);
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  private static InetAddress decodeAddress(org.jdiameter.api.Avp a) {
    byte[] b = raw(a);
    int family = b.length >= 2 ? (b[0] & 0xFF) << 8 | (b[1] & 0xFF) : -1;
    int expected = family == 1 ? 6 : family == 2 ? 18 : -1;
    if (expected < 0 || b.length != expected) {
      throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_LENGTH, a.getCode(), a.getVendorId(),
          a.isMandatory(), b, "AVP " + a.getCode() + " is not an IPv4/IPv6 Address", null);
    }
    byte[] addr = new byte[b.length - 2];
    System.arraycopy(b, 2, addr, 0, addr.length);
    try {
      return InetAddress.getByAddress(addr);
    } catch (UnknownHostException e) {
      throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_VALUE, a.getCode(), a.getVendorId(),
          a.isMandatory(), b, "AVP " + a.getCode() + " is not an Address", e);
    }
  }

  static AvpSet group(org.jdiameter.api.Avp a) {
    byte[] before = null;
    try {
      before = a.getRaw();
      return a.getGrouped();
    } catch (AvpDataException | RuntimeException e) {
      throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_LENGTH, a.getCode(), a.getVendorId(),
          a.isMandatory(), before, "grouped AVP " + a.getCode() + " cannot be decoded", e);
    }
  }

  private static byte[] be32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static byte[] be64(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  private static void requireType(Avp avp, AvpType type) {
    if (avp.type() != type) {
      throw wrongType(avp, type.name());
    }
  }

  private static void requireText(Avp avp) {
    switch (avp.type()) {
      case UTF8_STRING, OCTET_STRING, DIAMETER_IDENTITY, DIAMETER_URI -> {
      }
      default -> throw wrongType(avp, "a string type");
    }
  }

  private static void requireNotGrouped(Avp avp) {
    if (avp.type() == AvpType.GROUPED) {
      throw wrongType(avp, "a non-grouped type");
    }
  }

  private static IllegalArgumentException wrongType(Avp avp, String expected) {
    return new IllegalArgumentException(avp.specName() + " is " + avp.type() + ", not " + expected);
  }
}
