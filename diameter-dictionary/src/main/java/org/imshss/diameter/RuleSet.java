package org.imshss.diameter;

import java.util.List;

/** A parsed ABNF compiled for the validator: rules indexed by (code, vendor). */
final class RuleSet {

  static final RuleSet EMPTY = new RuleSet(new Abnf.Grammar(List.of(), false));

  final AvpRule[] rules;
  final List<AvpRule> list;
  final boolean extensible;
  /** Only {@code *[AVP]}-style content, e.g. Failed-AVP (RFC 6733 7.5): contents are not checked. */
  final boolean opaque;
  private final LongIntMap index;

  RuleSet(Abnf.Grammar grammar) {
    list = grammar.rules();
    rules = list.toArray(new AvpRule[0]);
    extensible = grammar.extensible();
    opaque = rules.length == 0 && extensible;
    long[] keys = new long[rules.length];
    for (int i = 0; i < rules.length; i++) {
      keys[i] = LongIntMap.key(rules[i].avp().code(), rules[i].avp().vendorId());
    }
    index = new LongIntMap(keys);
  }

  /** Index of the rule for (code, vendor), or -1. */
  int indexOf(int code, long vendorId) {
    return index.get(LongIntMap.key(code, vendorId));
  }
}
