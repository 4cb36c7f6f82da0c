package org.imshss.diameter;

/** Vendor-Id values (IANA SMI Network Management Private Enterprise Codes, RFC 6733 5.3.3). */
public final class Vendors {

  /** IETF base protocol AVPs: V bit clear, no Vendor-Id field. */
  public static final long BASE = 0L;
  /** 3GPP (TS 29.229, TS 29.329). */
  public static final long TGPP = 10415L;
  /** ETSI (TISPAN, e.g. Line-Identifier, ES 283 035). */
  public static final long ETSI = 13019L;

  private Vendors() {
  }
}
