package org.imshss.diameter;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An AVP to put into Failed-AVP (RFC 6733 7.5): the offending AVP, or for a missing AVP one of that code with a
 * minimal value.
 *
 * @param code AVP code
 * @param vendorId vendor, 0 for base AVPs
 * @param mandatoryBit M bit as received (or as the table says for missing AVPs)
 * @param data AVP data without header
 */
public record FailedAvp(int code, long vendorId, boolean mandatoryBit, byte[] data) {

  public FailedAvp {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FailedAvp f && f.code == code && f.vendorId == vendorId && f.mandatoryBit == mandatoryBit
        && Arrays.equals(f.data, data);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(vendorId) * 31 + code) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FailedAvp[code=" + code + ", vendorId=" + vendorId + ", M=" + mandatoryBit + ", data="
        + HexFormat.of().formatHex(data) + "]";
  }
}
