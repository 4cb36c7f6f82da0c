package org.imshss.diameter;

/**
 * Decodes a framed Diameter message in one walk over its octets, driven by the dictionary: the AVPs are laid out
 * as {@link AvpGroup}s for the handlers, and the message is checked against its command's ABNF on the way
 * (RFC 6733 3, 4.1, 7.1.5). What the walk finds, by the precedence of the answer it calls for:
 * <ol>
 *   <li>a top-level AVP that cannot be read ({@link LayoutError}): a header cut short, a length below its header or
 *       past the message (5014), reserved flag bits set (3009); the walk stops there;</li>
 *   <li>then, against the ABNF of the command the header names, at any depth ({@link Violation}): unknown
 *       (code, vendor) with the M bit, 5001 (unknown AVPs without it are kept and ignored, RFC 6733 4.1); a known
 *       AVP the ABNF does not allow, 5008; a wrong length for a fixed-size type or Address, or grouped members that
 *       do not fit their group, 5014; UTF8String that is not UTF-8, a DiameterIdentity that is not printable
 *       US-ASCII, or nesting deeper than {@link #MAX_DEPTH}, 5004;
 *       fewer occurrences than the rule's minimum, 5005 with a zero-filled example AVP; more than its maximum, 5009
 *       with the first excess.</li>
 * </ol>
 * AVP order is not checked (TS 29.229 and RFC 6733 receivers accept any order); enumerated values outside the
 * table are left to the handlers; the contents of Failed-AVP are not inspected. Stateless and thread-safe.
 */
public final class MessageDecoder {

  /** Deepest grouped nesting accepted; deeper content is answered with 5004. */
  public static final int MAX_DEPTH = 16;

  static final int AVP_HEADER = 8;
  static final int AVP_HEADER_VENDOR = 12;
  /** The 'r' bits of the AVP flags (RFC 6733 4.1). */
  static final int AVP_FLAGS_RESERVED = 0x1F;

  private MessageDecoder() {
  }

  /** A top-level AVP that cannot be read, and the answer it calls for (RFC 6733 7.1.3, 7.1.5, 7.5). */
  public record LayoutError(ResultCode resultCode, byte[] failedAvp, String text) {
  }

  /**
   * What one walk found: the message (its AVPs up to a layout error), the layout error if any, the first ABNF
   * violation if any (null when the header names no command of the dictionary).
   */
  public record Decoded(DiameterMessage message, LayoutError layoutError, Violation violation) {
  }

  /**
   * Decodes {@code m}, whose header the reader has framed (version 1, length field equal to {@code m.length}, a
   * multiple of 4 and at least 20). The message keeps {@code m}: the caller must not change it afterwards.
   */
  public static Decoded decode(byte[] m) {
    return decode(m, null);
  }

  /** {@link #decode(byte[])} of a message delivered by the peer that named itself {@code receivedFrom} at its CER/CEA. */
  public static Decoded decode(byte[] m, String receivedFrom) {
    Command command = Command.lookup(DiameterMessage.commandCode(m), DiameterMessage.applicationId(m),
        DiameterMessage.isRequest(m)).orElse(null);
    Walk walk = new Walk(m);
    AvpGroup avps = walk.topLevel(command == null ? null : command.ruleSet());
    return new Decoded(new DiameterMessage(m, avps, receivedFrom), walk.layout, walk.findings.first());
  }

  /** One decoding: the octets, what was found, and the group being built at each level. */
  private static final class Walk {
    private final byte[] m;
    private final Findings findings = new Findings();
    private LayoutError layout;

    Walk(byte[] m) {
      this.m = m;
    }

    AvpGroup topLevel(RuleSet rules) {
      Level level = new Level(rules);
      int end = m.length;
      int pos = DiameterMessage.HEADER_BYTES;
      while (pos < end) {
        if (end - pos < AVP_HEADER) {
          // RFC 6733 7.1.5: an AVP header that cannot be decoded is sent back padded with zeros.
          byte[] header = new byte[AVP_HEADER];
          System.arraycopy(m, pos, header, 0, end - pos);
          layout = new LayoutError(ResultCode.DIAMETER_INVALID_AVP_LENGTH, header, "AVP header truncated");
          break;
        }
        int code = DiameterMessage.int32(m, pos);
        int flagsLength = DiameterMessage.int32(m, pos + 4);
        int flags = flagsLength >>> 24;
        int length = flagsLength & 0xFFFFFF;
        boolean vendor = (flags & ReceivedAvp.FLAG_VENDOR) != 0;
        int header = vendor ? AVP_HEADER_VENDOR : AVP_HEADER;
        if (length < header || length > end - pos) {
          long vendorId = vendor && end - pos >= AVP_HEADER_VENDOR ? DiameterMessage.int32(m, pos + 8) & 0xFFFFFFFFL
              : 0;
          layout = new LayoutError(ResultCode.DIAMETER_INVALID_AVP_LENGTH, minimalAvp(code, flags, vendorId),
              "AVP " + code + " has length " + length);
          break;
        }
        if ((flags & AVP_FLAGS_RESERVED) != 0) {
          layout = new LayoutError(ResultCode.DIAMETER_INVALID_AVP_BITS, padded(pos, length),
              "AVP " + code + " has reserved flag bits set");
          break;
        }
        level.add(avp(pos, header, length, code, flags, vendor), 0, this);
        pos += (length + 3) & ~3;
      }
      if (layout == null) {
        level.checkMinimums(findings);
      }
      return level.group();
    }

    /**
     * The members of a grouped AVP the dictionary describes, checked against its member ABNF while nothing has
     * ended the checks; laid out in any case, so that the node's own checks can read them.
     */
    void members(ReceivedAvp parent, Avp definition, int from, int to, int depth) {
      RuleSet rules = definition.ruleSet();
      if (rules.opaque) {
        return;
      }
      if (depth >= MAX_DEPTH) {
        findings.report(Findings.VALUE, parent.failed(), definition.specName() + " nested too deeply");
        return;
      }
      Level level = new Level(rules);
      int pos = from;
      while (pos < to) {
        int flagsLength = to - pos >= AVP_HEADER ? DiameterMessage.int32(m, pos + 4) : 0;
        int flags = flagsLength >>> 24;
        int length = flagsLength & 0xFFFFFF;
        boolean vendor = (flags & ReceivedAvp.FLAG_VENDOR) != 0;
        int header = vendor ? AVP_HEADER_VENDOR : AVP_HEADER;
        if (to - pos < AVP_HEADER || length < header || length > to - pos) {
          findings.report(Findings.LENGTH, parent.failed(),
              definition.specName() + " has inconsistent member lengths");
          parent.members(level.group());
          return;
        }
        level.add(avp(pos, header, length, DiameterMessage.int32(m, pos), flags, vendor), depth, this);
        pos += (length + 3) & ~3;
      }
      level.checkMinimums(findings);
      parent.members(level.group());
    }

    private ReceivedAvp avp(int pos, int header, int length, int code, int flags, boolean vendor) {
      long vendorId = vendor ? DiameterMessage.int32(m, pos + 8) & 0xFFFFFFFFL : 0;
      return new ReceivedAvp(m, pos, pos + header, pos + length, code, flags, vendorId, AvpTable.find(code, vendorId));
    }

    /** Fixed lengths, Address lengths and UTF-8 of a non-grouped AVP's data. */
    void checkData(ReceivedAvp a, Avp definition, int depth) {
      AvpType type = definition.type();
      if (type == AvpType.GROUPED) {
        members(a, definition, a.dataStart(), a.end(), depth + 1);
        return;
      }
      int length = a.dataLength();
      int fixed = type.fixedLength();
      if (fixed > 0) {
        if (length != fixed) {
          findings.report(Findings.LENGTH, a.failed(),
              definition.specName() + " must have " + fixed + " octets, has " + length);
        }
      } else if (type == AvpType.ADDRESS) {
        int family = length >= 2 ? (m[a.dataStart()] & 0xFF) << 8 | (m[a.dataStart() + 1] & 0xFF) : -1;
        if (family < 0 || (family == 1 && length != 6) || (family == 2 && length != 18)) {
          findings.report(Findings.LENGTH, a.failed(), definition.specName() + " has a bad address length");
        }
      } else if (type == AvpType.UTF8_STRING && !Utf8.isValid(m, a.dataStart(), a.end())) {
        findings.report(Findings.VALUE, a.failed(), definition.specName() + " is not valid UTF-8");
      } else if (type == AvpType.DIAMETER_IDENTITY && !isIdentity(a.dataStart(), a.end())) {
        findings.report(Findings.VALUE, a.failed(), definition.specName() + " is not a DiameterIdentity");
      }
    }

    /** DiameterIdentity (RFC 6733 4.3.1): an FQDN or realm, printable US-ASCII, not empty. */
    private boolean isIdentity(int from, int to) {
      if (from == to) {
        return false;
      }
      for (int i = from; i < to; i++) {
        if (m[i] < 0x21 || m[i] > 0x7E) {
          return false;
        }
      }
      return true;
    }

    private byte[] padded(int pos, int length) {
      byte[] avp = new byte[(length + 3) & ~3];
      System.arraycopy(m, pos, avp, 0, length);
      return avp;
    }
  }

  /**
   * RFC 6733 7.1.5: for a length past the message or below the header, the AVP header with a zero-filled payload
   * of the minimal length of its type (empty for Grouped and unknown AVPs).
   */
  public static byte[] minimalAvp(int code, int flags, long vendorId) {
    boolean vendor = (flags & ReceivedAvp.FLAG_VENDOR) != 0;
    Avp known = AvpTable.find(code, vendorId);
    int dataLength = known == null ? 0 : Math.max(0, known.type().fixedLength());
    int header = vendor ? AVP_HEADER_VENDOR : AVP_HEADER;
    byte[] out = new byte[header + dataLength];
    DiameterMessage.putInt(out, 0, code);
    DiameterMessage.putInt(out, 4, flags << 24 | header + dataLength);
    if (vendor) {
      DiameterMessage.putInt(out, 8, (int) vendorId);
    }
    return out;
  }

  /** Minimal zero-filled value of a type (RFC 6733 7.5: Failed-AVP for a missing AVP). */
  static byte[] example(AvpType type) {
    if (type.hasFixedLength()) {
      return new byte[type.fixedLength()];
    }
    if (type == AvpType.ADDRESS) {
      return new byte[] {0, 1, 0, 0, 0, 0};
    }
    return new byte[0];
  }

  /** The AVPs of one level being decoded, with their occurrence counts per ABNF rule. */
  private static final class Level {
    private final RuleSet rules;
    private final int[] counts;
    private ReceivedAvp[] avps = new ReceivedAvp[12];
    private int size;

    /** @param rules null when the command is unknown: the AVPs are laid out, nothing is checked */
    Level(RuleSet rules) {
      this.rules = rules;
      this.counts = rules == null ? null : new int[rules.rules.length];
    }

    void add(ReceivedAvp a, int depth, Walk walk) {
      if (size == avps.length) {
        avps = java.util.Arrays.copyOf(avps, size * 2);
      }
      avps[size++] = a;
      Findings f = walk.findings;
      Avp definition = a.definition();
      if (rules == null || f.stop) {
        // Laid out, not checked: the command is not in the dictionary, or an unsupported AVP ended the checks.
        if (definition != null && definition.type() == AvpType.GROUPED) {
          walk.members(a, definition, a.dataStart(), a.end(), depth + 1);
        }
        return;
      }
      if (definition == null) {
        if (a.mandatoryBit()) {
          f.report(Findings.UNSUPPORTED, a.failed(),
              "AVP " + a.code() + " (vendor " + a.vendorId() + ") is not supported");
        }
        return;
      }
      int index = rules.indexOf(a.code(), a.vendorId());
      if (index >= 0) {
        AvpRule rule = rules.rules[index];
        if (++counts[index] > rule.max()) {
          f.report(Findings.TOO_MANY, a.failed(), definition.specName() + " occurs more than " + rule.max()
              + " time(s)");
        }
      } else if (!rules.extensible) {
        f.report(Findings.NOT_ALLOWED, a.failed(), definition.specName() + " is not allowed here");
      }
      walk.checkData(a, definition, depth);
    }

    void checkMinimums(Findings f) {
      if (rules == null || f.stop) {
        return;
      }
      for (int i = 0; i < counts.length; i++) {
        AvpRule rule = rules.rules[i];
        if (counts[i] < rule.min()) {
          Avp missing = rule.avp();
          f.report(Findings.MISSING, new FailedAvp(missing.code(), missing.vendorId(), missing.sendMandatoryBit(),
              example(missing.type())), "missing AVP " + missing.specName());
        }
      }
    }

    AvpGroup group() {
      return new AvpGroup(avps, size);
    }
  }

  /** The first finding per category; reported as the most urgent category found. */
  private static final class Findings {
    static final int UNSUPPORTED = 0;
    static final int NOT_ALLOWED = 1;
    static final int LENGTH = 2;
    static final int VALUE = 3;
    static final int MISSING = 4;
    static final int TOO_MANY = 5;
    private static final ResultCode[] CODES = {
        ResultCode.DIAMETER_AVP_UNSUPPORTED, ResultCode.DIAMETER_AVP_NOT_ALLOWED,
        ResultCode.DIAMETER_INVALID_AVP_LENGTH, ResultCode.DIAMETER_INVALID_AVP_VALUE,
        ResultCode.DIAMETER_MISSING_AVP, ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES};

    private FailedAvp[] avps;
    private String[] messages;
    /** An unsupported mandatory AVP ends the checks (nothing after it can be understood). */
    boolean stop;

    void report(int category, FailedAvp avp, String message) {
      if (avps == null) {
        avps = new FailedAvp[CODES.length];
        messages = new String[CODES.length];
      }
      if (avps[category] == null) {
        avps[category] = avp;
        messages[category] = message;
      }
      if (category == UNSUPPORTED) {
        stop = true;
      }
    }

    Violation first() {
      if (avps == null) {
        return null;
      }
      for (int i = 0; i < CODES.length; i++) {
        if (avps[i] != null) {
          return Violation.of(CODES[i], avps[i], messages[i]);
        }
      }
      return null;
    }
  }
}
