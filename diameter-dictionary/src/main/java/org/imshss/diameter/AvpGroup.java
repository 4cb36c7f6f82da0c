package org.imshss.diameter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The AVPs of one level of a received message (the top level, or a grouped AVP's members), in the order received.
 * Lookups compare dictionary entries, so an AVP is always matched on its code and vendor together.
 */
public final class AvpGroup {

  static final AvpGroup EMPTY = new AvpGroup(new ReceivedAvp[0], 0);

  private final ReceivedAvp[] avps;
  private final int size;

  AvpGroup(ReceivedAvp[] avps, int size) {
    this.avps = avps;
    this.size = size;
  }

  public int size() {
    return size;
  }

  public ReceivedAvp get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return avps[index];
  }

  /** Every AVP of this level, in order. */
  public List<ReceivedAvp> all() {
    return List.of(Arrays.copyOf(avps, size));
  }

  /** The first occurrence of {@code avp}, or null. */
  public ReceivedAvp first(Avp avp) {
    for (int i = 0; i < size; i++) {
      if (avps[i].is(avp)) {
        return avps[i];
      }
    }
    return null;
  }

  public List<ReceivedAvp> all(Avp avp) {
    return every(avp, Function.identity());
  }

  public boolean has(Avp avp) {
    return first(avp) != null;
  }

  /** The first occurrence as text (UTF8String, DiameterIdentity, DiameterURI, or an OctetString holding UTF-8). */
  public String utf8(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? null : found.utf8();
  }

  public List<String> utf8All(Avp avp) {
    return every(avp, ReceivedAvp::utf8);
  }

  /** The first occurrence's data octets (a copy), or null. */
  public byte[] octets(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? null : found.data();
  }

  public OptionalLong unsigned32(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? OptionalLong.empty() : OptionalLong.of(found.unsigned32());
  }

  /** Enumerated and Integer32. */
  public OptionalInt int32(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? OptionalInt.empty() : OptionalInt.of(found.int32());
  }

  public List<Integer> int32All(Avp avp) {
    return every(avp, ReceivedAvp::int32);
  }

  /** The first occurrence of a Time AVP, or null. */
  public Instant time(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? null : found.time();
  }

  /** The members of the first occurrence of a grouped AVP, or null when absent. */
  public AvpGroup group(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? null : found.members();
  }

  public List<AvpGroup> groups(Avp avp) {
    return every(avp, ReceivedAvp::members);
  }

  /** {@code value} of every occurrence of {@code avp}, in order. */
  private <T> List<T> every(Avp avp, Function<ReceivedAvp, T> value) {
    List<T> values = new ArrayList<>(2);
    for (int i = 0; i < size; i++) {
      if (avps[i].is(avp)) {
        values.add(value.apply(avps[i]));
      }
    }
    return values;
  }

  /**
   * The outcome an answer carries: Result-Code, or Experimental-Result's code with its vendor (RFC 6733 7.6);
   * null when neither is present or the value is not in the table.
   */
  public ResultCode result() {
    ReceivedAvp code = first(Avp.RESULT_CODE);
    if (code != null) {
      return ResultCode.lookup(code.unsigned32(), Vendors.BASE).orElse(null);
    }
    AvpGroup experimental = group(Avp.EXPERIMENTAL_RESULT);
    if (experimental == null) {
      return null;
    }
    OptionalLong vendor = experimental.unsigned32(Avp.VENDOR_ID);
    OptionalLong value = experimental.unsigned32(Avp.EXPERIMENTAL_RESULT_CODE);
    return vendor.isEmpty() || value.isEmpty() ? null
        : ResultCode.lookup(value.getAsLong(), vendor.getAsLong()).orElse(null);
  }

  /** The numeric outcome (Result-Code or Experimental-Result-Code), or -1 without one. */
  public long resultValue() {
    ReceivedAvp code = first(Avp.RESULT_CODE);
    if (code != null) {
      return code.unsigned32();
    }
    AvpGroup experimental = group(Avp.EXPERIMENTAL_RESULT);
    return experimental == null ? -1 : experimental.unsigned32(Avp.EXPERIMENTAL_RESULT_CODE).orElse(-1);
  }
}
