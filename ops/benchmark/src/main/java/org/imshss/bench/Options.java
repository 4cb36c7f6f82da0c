package org.imshss.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Plain {@code --key value} command-line options with typed getters and a check against unknown keys. */
final class Options {

  private final Map<String, String> values = new LinkedHashMap<>();

  private Options() {
  }

  static Options parse(String[] args, Set<String> allowed) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || a.length() < 3) {
        throw new IllegalArgumentException("expected --key value, got '" + a + "'");
      }
      String key = a.substring(2);
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException("unknown option --" + key + " (known: --" + String.join(" --", allowed) + ")");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option --" + key + " needs a value");
      }
      o.values.put(key, args[++i]);
    }
    return o;
  }

  String string(String key, String def) {
    return values.getOrDefault(key, def);
  }

  int integer(String key, int def) {
    String v = values.get(key);
    try {
      return v == null ? def : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " needs an integer, got '" + v + "'", e);
    }
  }

  double decimal(String key, double def) {
    String v = values.get(key);
    try {
      return v == null ? def : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " needs a number, got '" + v + "'", e);
    }
  }

  static boolean wantsHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }
}
