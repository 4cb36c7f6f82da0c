package org.imshss.bench;

import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;

/**
 * Hot-path companions of the project's dictionary ({@link Avp}, {@code Avps}): codes, vendor and flags always come
 * from the table, but values are pre-encoded once and added without the copy or re-encoding that {@code Avps}'s
 * typed writers do for every message.
 */
final class Cx {

  static final ApplicationId APPLICATION =
      ApplicationId.createByAuthAppId(Application.CX.vendorId(), Application.CX.id());

  private Cx() {
  }

  /**
   * Adds {@code avp} with already encoded data octets, not copied: the arrays passed here are never written after
   * construction, so every message can share them.
   */
  static void add(AvpSet set, Avp avp, byte[] data) {
    set.addAvp(avp.code(), data, avp.vendorId(), avp.sendMandatoryBit(), false);
  }

  /** Unsigned32 / Enumerated / Integer32 data octets, network order. */
  static byte[] int32(long value) {
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
  }

  /** Data octets of the first {@code avp} in {@code set} as jDiameter holds them (not copied), or null. */
  static byte[] raw(AvpSet set, Avp avp) {
    org.jdiameter.api.Avp a = set.getAvp(avp.code(), avp.vendorId());
    if (a == null) {
      return null;
    }
    try {
      return a.getRaw();
    } catch (AvpDataException e) {
      return null;
    }
  }
}
