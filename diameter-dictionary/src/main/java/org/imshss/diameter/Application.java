package org.imshss.diameter;

import java.util.Optional;

/** Diameter application identifiers used by the HSS/SLF. */
public enum Application {
  /** Common messages (CER/CEA, DWR/DWA, DPR/DPA), application 0 (RFC 6733 2.4). */
  COMMON(0L, Vendors.BASE),
  /** Cx/Dx (TS 29.229 6.2). */
  CX(16777216L, Vendors.TGPP),
  /** Sh/Dh (TS 29.329 6.2). */
  SH(16777217L, Vendors.TGPP),
  /** S6a/S6d (TS 29.272 7.1.8): one id for both; ULR-Flags, CLR-Flags and NOR-Flags tell S6a from S6d. */
  S6A(16777251L, Vendors.TGPP),
  /** SWx (TS 29.273 8.1.1): Cx's command codes under another Application-Id. */
  SWX(16777265L, Vendors.TGPP);

  private final long id;
  private final long vendorId;

  Application(long id, long vendorId) {
    this.id = id;
    this.vendorId = vendorId;
  }

  public long id() {
    return id;
  }

  public long vendorId() {
    return vendorId;
  }

  public static Optional<Application> lookup(long id) {
    for (Application a : values()) {
      if (a.id == id) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
