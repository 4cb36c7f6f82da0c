package org.imshss.diameter;

/** AVP flag rule for the M bit (RFC 6733 4.5 table columns). */
public enum FlagRule {
  MUST,
  MUST_NOT,
  MAY
}
