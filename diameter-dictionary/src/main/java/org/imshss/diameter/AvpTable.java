package org.imshss.diameter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Avp} computes from its table: lookup indexes, enumerated values, grouped grammars. The indexes live in
 * holder classes, built on first use, because {@link Avp}'s constructor calls {@link #parseValues} while the table
 * is still being built.
 */
final class AvpTable {

  private AvpTable() {
  }

  static Avp find(int code, long vendorId) {
    int i = Index.CODES.get(LongIntMap.key(code, vendorId));
    return i < 0 ? null : Index.ALL[i];
  }

  /** The entry named {@code name} whose scope is {@code application}, else the first so named, else null. */
  static Avp byName(String name, Application application) {
    List<Avp> l = byName(name);
    if (l == null) {
      return null;
    }
    for (Avp a : l) {
      if (a.scope() == application) {
        return a;
      }
    }
    return l.get(0);
  }

  /** Checks one table line: no M bit sent where it must not be, values and members only on their types. */
  static void check(String avp, FlagRule mandatory, AvpType type, boolean sendM, String[] values, String members) {
    if (mandatory == FlagRule.MUST_NOT && sendM) {
      throw new IllegalArgumentException(avp + ": M bit must not be sent");
    }
    if ((values != null && type != AvpType.ENUMERATED) || (members != null) != (type == AvpType.GROUPED)) {
      throw new IllegalArgumentException(avp + ": values/members do not fit type " + type);
    }
  }

  /** The entries with this spec name, in table order; null when none. */
  static List<Avp> byName(String name) {
    return Index.BY_NAME.get(name);
  }

  /** "0 NAME" strings to a value map, in table order. */
  static Map<Integer, String> parseValues(String avp, String[] numberedNames) {
    Map<Integer, String> m = new LinkedHashMap<>();
    for (String s : numberedNames) {
      int sp = s.indexOf(' ');
      if (sp <= 0 || m.put(Integer.parseInt(s.substring(0, sp)), s.substring(sp + 1)) != null) {
        throw new IllegalArgumentException(avp + ": bad enumerated value '" + s + "'");
      }
    }
    return Collections.unmodifiableMap(m);
  }

  static int enumValue(Avp avp, String name) {
    for (Map.Entry<Integer, String> e : avp.enumValues().entrySet()) {
      if (e.getValue().equals(name)) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException(avp.specName() + " has no value " + name);
  }

  static <E extends Enum<E>> E enumConstant(Avp avp, Class<E> type, int value) {
    String name = avp.enumValues().get(value);
    if (name == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (specValueName(avp, constant.name()).equals(name)) {
        return constant;
      }
    }
    return null;
  }

  /** The spec name of a value whose Java name writes each '-' as '_'. */
  static String specValueName(Avp avp, String javaName) {
    Map<Integer, String> values = avp.enumValues();
    if (values.containsValue(javaName)) {
      return javaName;
    }
    for (String name : values.values()) {
      if (name.replace('-', '_').equals(javaName)) {
        return name;
      }
    }
    return javaName;
  }

  static RuleSet ruleSet(Avp avp) {
    RuleSet rs = Grammars.BY_AVP.get(avp);
    return rs == null ? RuleSet.EMPTY : rs;
  }

  /** (code, vendor) and name indexes. */
  private static final class Index {
    static final Avp[] ALL = Avp.values();
    static final LongIntMap CODES;
    static final Map<String, List<Avp>> BY_NAME;

    static {
      long[] keys = new long[ALL.length];
      Map<String, List<Avp>> names = new HashMap<>();
      for (int i = 0; i < ALL.length; i++) {
        keys[i] = LongIntMap.key(ALL[i].code(), ALL[i].vendorId());
        names.computeIfAbsent(ALL[i].specName(), k -> new ArrayList<>()).add(ALL[i]);
      }
      CODES = new LongIntMap(keys);
      names.replaceAll((k, v) -> List.copyOf(v));
      BY_NAME = Map.copyOf(names);
    }
  }

  /** Grouped member rules, parsed once on first use (after all constants exist). */
  private static final class Grammars {
    static final Map<Avp, RuleSet> BY_AVP;

    static {
      Map<Avp, RuleSet> m = new EnumMap<>(Avp.class);
      for (Avp a : Avp.values()) {
        if (a.membersAbnf() != null) {
          m.put(a, new RuleSet(Abnf.parse(a.membersAbnf())));
        }
      }
      BY_AVP = Collections.unmodifiableMap(m);
    }
  }
}
