package org.imshss.diameter;

/** AVP data formats (RFC 6733 4.2 basic, 4.3 derived). */
public enum AvpType {
  OCTET_STRING(-1),
  UTF8_STRING(-1),
  UNSIGNED32(4),
  UNSIGNED64(8),
  INTEGER32(4),
  INTEGER64(8),
  FLOAT32(4),
  FLOAT64(8),
  /** Derived from Integer32 (RFC 6733 4.3.1). */
  ENUMERATED(4),
  GROUPED(-1),
  DIAMETER_IDENTITY(-1),
  DIAMETER_URI(-1),
  /** NTP seconds, first four octets of the NTP timestamp (RFC 6733 4.3.1). */
  TIME(4),
  /** AddressType (2 octets) followed by the address (RFC 6733 4.3.1). */
  ADDRESS(-1);

  private final int fixedLength;

  AvpType(int fixedLength) {
    this.fixedLength = fixedLength;
  }

  /** Whether the data length is fixed; a mismatch is answered with 5014 (RFC 6733 7.1.5). */
  public boolean hasFixedLength() {
    return fixedLength > 0;
  }

  /** Fixed data length in octets, or -1 if variable. */
  public int fixedLength() {
    return fixedLength;
  }
}
