package org.imshss.diameter;

import java.util.Objects;

/**
 * One element of a command or grouped-AVP ABNF (RFC 6733 3.2): an AVP with its cardinality.
 *
 * @param avp the AVP, never null
 * @param min minimum occurrences
 * @param max maximum occurrences, {@link Integer#MAX_VALUE} for unbounded
 * @param fixedPosition whether written as {@code < X >}
 */
public record AvpRule(Avp avp, int min, int max, boolean fixedPosition) {

  public static final int UNBOUNDED = Integer.MAX_VALUE;

  public AvpRule {
    Objects.requireNonNull(avp, "avp");
    if (min < 0 || max < 1 || min > max) {
      throw new IllegalArgumentException("bad cardinality " + min + "*" + max + " for " + avp.specName());
    }
  }

  public boolean required() {
    return min > 0;
  }

  public boolean repeatable() {
    return max > 1;
  }
}
