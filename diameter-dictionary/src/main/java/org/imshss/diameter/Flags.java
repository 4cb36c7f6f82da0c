package org.imshss.diameter;

/** Marker constants that keep the AVP table readable. */
final class Flags {

  /** A MAY rule whose reference sheet says "send with M set". */
  static final boolean SEND_M = true;

  private Flags() {
  }
}
