package org.imshss.diameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parser for the AVP part of command and grouped-AVP ABNF (RFC 6733 3.2, 4.4).
 *
 * <pre>
 *   &lt; X &gt;      fixed position, exactly one
 *   { X }      required, exactly one
 *   [ X ]      optional, 0..1
 *   *[ X ]     0..n            1*{ X }  1..n            N*M[ X ]  N..M
 *   *[ AVP ]   any other AVP may appear (sets {@link Grammar#extensible()}, not a rule)
 * </pre>
 */
public final class Abnf {

  /** Keyword standing for "any AVP" (RFC 6733 3.2 avp-name). */
  public static final String ANY_AVP = "AVP";

  /** Parsed rule list. */
  public record Grammar(List<AvpRule> rules, boolean extensible) {
    public Grammar {
      rules = List.copyOf(rules);
    }
  }

  private Abnf() {
  }

  /** Parses with the dictionary's own name lookup. */
  public static Grammar parse(String abnf) {
    return parse(abnf, Avp::bySpecName);
  }

  /**
   * Parses {@code abnf}; {@code resolver} maps an AVP name to the dictionary entry.
   *
   * @throws IllegalArgumentException on a syntax error, an unknown name or a repeated name
   */
  public static Grammar parse(String abnf, Function<String, Optional<Avp>> resolver) {
    List<AvpRule> rules = new ArrayList<>();
    boolean extensible = false;
    Cursor cursor = new Cursor(abnf);
    while (cursor.more()) {
      int start = cursor.i;
      Qualifier qualifier = cursor.qualifier(start);
      char open = cursor.open();
      String name = cursor.name(open, start);
      if (name.equals(ANY_AVP)) {
        extensible = true;
        continue;
      }
      Bounds bounds = bounds(abnf, start, open, qualifier);
      Avp avp = resolver.apply(name).orElseThrow(() -> error(abnf, start, "unknown AVP '" + name + "'"));
      for (AvpRule r : rules) {
        if (r.avp() == avp) {
          throw error(abnf, start, "AVP '" + name + "' listed twice");
        }
      }
      try {
        rules.add(new AvpRule(avp, bounds.lo(), bounds.hi(), open == '<'));
      } catch (IllegalArgumentException e) {
        throw error(abnf, start, e.getMessage());
      }
    }
    return new Grammar(rules, extensible);
  }

  /** The repetition before a rule: {@code min*max}, either bound left out as -1; none when not qualified. */
  private record Qualifier(boolean qualified, int min, int max) {
  }

  private record Bounds(int lo, int hi) {
  }

  /** How often the AVP of a rule in brackets {@code open} with this qualifier may appear. */
  private static Bounds bounds(String abnf, int start, char open, Qualifier q) {
    boolean optional = open == '[';
    int lo;
    int hi;
    if (!q.qualified()) {
      lo = optional ? 0 : 1;
      hi = 1;
    } else {
      lo = q.min() >= 0 ? q.min() : (optional ? 0 : 1);
      hi = q.max() >= 0 ? q.max() : AvpRule.UNBOUNDED;
    }
    if (!optional && lo < 1) {
      throw error(abnf, start, "required rule with min 0");
    }
    return new Bounds(lo, hi);
  }

  /** A position in the text being parsed, moved past each part of a rule as it is read. */
  private static final class Cursor {

    private final String abnf;
    private final int n;
    private int i;

    Cursor(String abnf) {
      this.abnf = abnf;
      this.n = abnf.length();
    }

    /** Skips white space; false at the end of the text. */
    boolean more() {
      i = skipSpace(abnf, i);
      return i < n;
    }

    Qualifier qualifier(int start) {
      int min = -1;
      int max = -1;
      boolean qualified = false;
      int digitsEnd = digits(abnf, i);
      if (digitsEnd > i) {
        min = Integer.parseInt(abnf.substring(i, digitsEnd));
        i = digitsEnd;
      }
      i = skipSpace(abnf, i);
      if (i < n && abnf.charAt(i) == '*') {
        qualified = true;
        i = skipSpace(abnf, i + 1);
        digitsEnd = digits(abnf, i);
        if (digitsEnd > i) {
          max = Integer.parseInt(abnf.substring(i, digitsEnd));
          i = skipSpace(abnf, digitsEnd);
        }
      } else if (min >= 0) {
        throw error(abnf, start, "qualifier needs '*'");
      }
      if (i >= n) {
        throw error(abnf, start, "rule expected");
      }
      return new Qualifier(qualified, min, max);
    }

    /** The bracket that opens the rule, left under the cursor. */
    char open() {
      char open = abnf.charAt(i);
      closing(open);
      return open;
    }

    /** The AVP name between {@code open} and its closing bracket; the cursor moves past that bracket. */
    String name(char open, int start) {
      char close = closing(open);
      int end = abnf.indexOf(close, i + 1);
      if (end < 0) {
        throw error(abnf, i, "missing '" + close + "'");
      }
      String name = abnf.substring(i + 1, end).trim();
      i = end + 1;
      if (name.isEmpty()) {
        throw error(abnf, start, "empty AVP name");
      }
      return name;
    }

    private char closing(char open) {
      return switch (open) {
        case '<' -> '>';
        case '{' -> '}';
        case '[' -> ']';
        default -> throw error(abnf, i, "'<', '{' or '[' expected");
      };
    }
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int digits(String s, int i) {
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static IllegalArgumentException error(String abnf, int pos, String what) {
    return new IllegalArgumentException(what + " at offset " + pos + " in: " + abnf);
  }
}
