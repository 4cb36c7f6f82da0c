package org.imshss.diameter;

import java.util.Optional;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Message;

/**
 * Checks a received message against its command ABNF and the AVP table (RFC 6733 6.2, 7.1.5). Checks, by
 * precedence of the reported error:
 * <ol>
 *   <li>unknown (code, vendor) with the M bit, at any depth: 5001 DIAMETER_AVP_UNSUPPORTED (unknown AVPs without
 *       the M bit are ignored, RFC 6733 4.1);</li>
 *   <li>known AVP not in the ABNF of a command/grouped AVP without {@code *[AVP]}: 5008 DIAMETER_AVP_NOT_ALLOWED;</li>
 *   <li>wrong data length for a fixed-size type or Address: 5014 DIAMETER_INVALID_AVP_LENGTH;</li>
 *   <li>UTF8String that is not UTF-8: 5004 DIAMETER_INVALID_AVP_VALUE;</li>
 *   <li>fewer occurrences than the rule's minimum: 5005 DIAMETER_MISSING_AVP with a zero-filled example AVP;</li>
 *   <li>more occurrences than the rule's maximum: 5009 DIAMETER_AVP_OCCURS_TOO_MANY_TIMES with the first excess.</li>
 * </ol>
 * AVP order is not checked (TS 29.229 and RFC 6733 receivers accept any order). Enumerated values outside the
 * table are accepted. The contents of Failed-AVP are not inspected. The validator holds no state and is thread-safe.
 */
public final class MessageValidator {

  /** Deepest grouped nesting accepted; deeper content is answered with 5004. */
  public static final int MAX_DEPTH = 16;

  private static final int UNSUPPORTED = 0;
  private static final int NOT_ALLOWED = 1;
  private static final int LENGTH = 2;
  private static final int VALUE = 3;
  private static final int MISSING = 4;
  private static final int TOO_MANY = 5;
  private static final ResultCode[] CODES = {
      ResultCode.DIAMETER_AVP_UNSUPPORTED, ResultCode.DIAMETER_AVP_NOT_ALLOWED,
      ResultCode.DIAMETER_INVALID_AVP_LENGTH, ResultCode.DIAMETER_INVALID_AVP_VALUE,
      ResultCode.DIAMETER_MISSING_AVP, ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES};
  private static final int[] NO_COUNTS = new int[0];

  /** Validates the AVPs of {@code message} as an instance of {@code command}. */
  public Optional<Violation> validate(Command command, Message message) {
    return validate(command, message.getAvps());
  }

  /** Validates a command's top-level AVP set. */
  public Optional<Violation> validate(Command command, AvpSet avps) {
    Findings f = new Findings();
    walk(avps, command.ruleSet(), 0, f);
    return Optional.ofNullable(f.first());
  }

  private static void walk(AvpSet set, RuleSet rules, int depth, Findings f) {
    AvpRule[] r = rules.rules;
    int[] counts = r.length == 0 ? NO_COUNTS : new int[r.length];
    int size = set.size();
    for (int i = 0; i < size; i++) {
      org.jdiameter.api.Avp a = set.getAvpByIndex(i);
      int code = a.getCode();
      long vendor = a.getVendorId();
      int idx = rules.indexOf(code, vendor);
      Avp def = idx >= 0 ? r[idx].avp() : Avp.find(code, vendor);
      if (def == null) {
        if (a.isMandatory()) {
          f.report(UNSUPPORTED, failed(a, false), "AVP " + code + " (vendor " + vendor + ") is not supported");
          return;
        }
        continue;
      }
      if (idx >= 0) {
        if (++counts[idx] > r[idx].max()) {
          f.report(TOO_MANY, failed(a, def.type() == AvpType.GROUPED),
              def.specName() + " occurs more than " + r[idx].max() + " time(s)");
        }
      } else if (!rules.extensible) {
        f.report(NOT_ALLOWED, failed(a, def.type() == AvpType.GROUPED), def.specName() + " is not allowed here");
      }
      checkData(def, a, depth, f);
      if (f.stop) {
        return;
      }
    }
    for (int i = 0; i < r.length; i++) {
      if (counts[i] < r[i].min()) {
        Avp m = r[i].avp();
        f.report(MISSING, new FailedAvp(m.code(), m.vendorId(), m.sendMandatoryBit(), example(m.type())),
            "missing AVP " + m.specName());
      }
    }
  }

  private static void checkData(Avp def, org.jdiameter.api.Avp a, int depth, Findings f) {
    AvpType type = def.type();
    if (type == AvpType.GROUPED) {
      RuleSet members = def.ruleSet();
      if (members.opaque) {
        return;
      }
      if (depth + 1 >= MAX_DEPTH) {
        f.report(VALUE, failed(a, false), def.specName() + " nested too deeply");
        return;
      }
      AvpSet g;
      try {
        g = a.getGrouped();
      } catch (AvpDataException | RuntimeException e) {
        f.report(LENGTH, failed(a, false), def.specName() + " has inconsistent member lengths");
        return;
      }
      walk(g, members, depth + 1, f);
      return;
    }
    byte[] data = raw(a);
    int fixed = type.fixedLength();
    if (fixed > 0) {
      if (data.length != fixed) {
        f.report(LENGTH, failed(a, false), def.specName() + " must have " + fixed + " octets, has " + data.length);
      }
    } else if (type == AvpType.ADDRESS) {
      int family = data.length >= 2 ? (data[0] & 0xFF) << 8 | (data[1] & 0xFF) : -1;
      if (family < 0 || (family == 1 && data.length != 6) || (family == 2 && data.length != 18)) {
        f.report(LENGTH, failed(a, false), def.specName() + " has a bad address length");
      }
    } else if (type == AvpType.UTF8_STRING && !Utf8.isValid(data)) {
      f.report(VALUE, failed(a, false), def.specName() + " is not valid UTF-8");
    }
  }

  private static byte[] raw(org.jdiameter.api.Avp a) {
    try {
      byte[] b = a.getRaw();
      return b == null ? NO_DATA : b;
    } catch (AvpDataException e) {
      return NO_DATA;
    }
  }

  private static final byte[] NO_DATA = new byte[0];

  /** Copy of a received AVP for Failed-AVP; grouped AVPs already decoded by jDiameter are re-encoded. */
  private static FailedAvp failed(org.jdiameter.api.Avp a, boolean grouped) {
    byte[] data = raw(a);
    if (data.length == 0 && grouped) {
      try {
        a.getGrouped();
        data = a.getRawData();
      } catch (AvpDataException | RuntimeException e) {
        data = NO_DATA;
      }
    }
    return new FailedAvp(a.getCode(), a.getVendorId(), a.isMandatory(), data);
  }

  /** Minimal zero-filled value of a type (RFC 6733 7.5: Failed-AVP for a missing AVP). */
  static byte[] example(AvpType type) {
    if (type.hasFixedLength()) {
      return new byte[type.fixedLength()];
    }
    if (type == AvpType.ADDRESS) {
      return new byte[] {0, 1, 0, 0, 0, 0};
    }
    return NO_DATA;
  }

  /** First finding per category; only allocated-on-failure state beyond this object. */
  private static final class Findings {
    private FailedAvp[] avps;
    private String[] messages;
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
