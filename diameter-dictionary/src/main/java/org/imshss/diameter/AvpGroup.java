package org.imshss.diameter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

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
    return Collections.unmodifiableList(java.util.Arrays.asList(avps).subList(0, size));
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
    List<ReceivedAvp> found = null;
    for (int i = 0; i < size; i++) {
      if (avps[i].is(avp)) {
        if (found == null) {
          found = new ArrayList<>(2);
        }
        found.add(avps[i]);
      }
    }
    return found == null ? List.of() : found;
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
    List<String> values = new ArrayList<>(2);
    for (int i = 0; i < size; i++) {
      if (avps[i].is(avp)) {
        values.add(avps[i].utf8());
      }
    }
    return values;
  }

  /** The first occurrence's data octets (a copy), or null. */
  public byte[] octets(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? null : found.data();
  }

  public List<byte[]> octetsAll(Avp avp) {
    List<byte[]> values = new ArrayList<>(2);
    for (int i = 0; i < size; i++) {
      if (avps[i].is(avp)) {
        values.add(avps[i].data());
      }
    }
    return values;
  }

  public OptionalLong unsigned32(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? OptionalLong.empty() : OptionalLong.of(found.unsigned32());
  }

  public List<Long> unsigned32All(Avp avp) {
    List<Long> values = new ArrayList<>(2);
    for (int i = 0; i < size; i++) {
      if (avps[i].is(avp)) {
        values.add(avps[i].unsigned32());
      }
    }
    return values;
  }

  /** Enumerated and Integer32. */
  public OptionalInt int32(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? OptionalInt.empty() : OptionalInt.of(found.int32());
  }

  public List<Integer> int32All(Avp avp) {
    List<Integer> values = new ArrayList<>(2);
    for (int i = 0; i < size; i++) {
      if (avps[i].is(avp)) {
        values.add(avps[i].int32());
      }
    }
    return values;
  }

  /** The first occurrence of a Time AVP, or null. */
  public java.time.Instant time(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? null : found.time();
  }

  /** The members of the first occurrence of a grouped AVP, or null when absent. */
  public AvpGroup group(Avp avp) {
    ReceivedAvp found = first(avp);
    return found == null ? null : found.members();
  }

  public List<AvpGroup> groups(Avp avp) {
    List<AvpGroup> values = new ArrayList<>(2);
    for (int i = 0; i < size; i++) {
      if (avps[i].is(avp)) {
        values.add(avps[i].members());
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
