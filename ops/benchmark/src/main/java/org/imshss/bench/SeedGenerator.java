package org.imshss.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Writes an HSS seed file (the JSON format of provisioning-api's SeedDocument) with N benchmark subscribers:
 * subscription {@code user<i>}, private identity {@code user<i>@<realm>} with password {@code pw-<i>} (SIP Digest)
 * and IMS-AKA credentials (per-user K, the operator's OP, AMF 8000; default scheme SIP Digest), one public identity
 * {@code sip:user<i>@<realm>}, all sharing one service profile with one iFC, one S-CSCF and one charging
 * information, and allowed to register from the home network. The identities match
 * {@link LoadGenerator}'s default {@code --impi-template}/{@code --impu-template}, so a load run with
 * {@code --users M} (M &lt;= N) only addresses provisioned users.
 *
 * <p>The file is streamed, so 1,000,000 users need no more heap than 10.
 */
public final class SeedGenerator {

  static final Set<String> OPTIONS = Set.of("users", "out", "realm", "server-name");

  /**
   * K of TS 35.208 test set 1 with the user number in its last 4 octets: every user gets their own K, as in a real
   * deployment, so the HSS cannot share Milenage work between users. OP is operator-wide (test set 1's).
   */
  private static final String K_PREFIX = "465b5ce8b199b49faa5f0a2e";
  private static final String OP = "cdc202d5123e20f62b6d676ac72cb318";
  private static final String AKA_AND_DIGEST = "\"k\": \"%s%08x\", \"op\": \"" + OP + "\", \"amf\": \"8000\","
      + " \"authSchemes\": [\"SIP Digest\", \"Digest-AKAv1-MD5\"], \"defaultScheme\": \"SIP Digest\"";

  private SeedGenerator() {
  }

  /** Writes the seed document for {@code users} subscribers to {@code out}. */
  static void write(Writer out, int users, String realm, String serverName) throws IOException {
    String r = json(realm);
    out.write("{\n");
    out.write("  \"realm\": " + r + ",\n");
    out.write("  \"scscfs\": [ { \"name\": " + json(serverName) + ", \"capabilities\": [] } ],\n");
    out.write("  \"chargingInformation\": [\n"
        + "    { \"id\": \"default\", \"primaryEventChargingFunctionName\": \"aaa://ecf." + realm + ":3868\",\n"
        + "      \"primaryChargingCollectionFunctionName\": \"aaa://ccf." + realm + ":3868\" }\n"
        + "  ],\n");
    out.write("  \"ifcs\": [\n"
        + "    { \"id\": \"orig-invite-as\", \"priority\": 10,\n"
        + "      \"triggerPoint\": { \"conditionTypeCnf\": true, \"spts\": [\n"
        + "        { \"groups\": [0], \"method\": \"INVITE\" },\n"
        + "        { \"groups\": [1], \"sessionCase\": 0 } ] },\n"
        + "      \"applicationServer\": { \"serverName\": \"sip:as." + realm + ":5070\", \"defaultHandling\": 0 } }\n"
        + "  ],\n");
    out.write("  \"sharedIfcSets\": [],\n");
    out.write("  \"serviceProfiles\": [\n"
        + "    { \"id\": \"default\", \"ifcs\": [\"orig-invite-as\"], \"sharedIfcSets\": [],"
        + " \"subscribedMediaProfileId\": 0 }\n"
        + "  ],\n");
    out.write("  \"subscriptions\": [\n");
    StringBuilder sb = new StringBuilder(512);
    for (int i = 0; i < users; i++) {
      sb.setLength(0);
      String impi = "user" + i + "@" + realm;
      String impu = "sip:" + impi;
      sb.append("    { \"id\": \"user").append(i).append("\", \"allowedVisitedNetworks\": [").append(r)
          .append("], \"chargingInformation\": \"default\",\n")
          .append("      \"privateIdentities\": [ { \"impi\": ").append(json(impi))
          .append(", \"password\": \"pw-").append(i).append("\",\n        ")
          .append(String.format(Locale.ROOT, AKA_AND_DIGEST, K_PREFIX, i))
          .append(", \"publicIdentities\": [").append(json(impu)).append("] } ],\n")
          .append("      \"publicIdentities\": [ { \"identity\": ").append(json(impu))
          .append(", \"serviceProfile\": \"default\" } ] }")
          .append(i + 1 < users ? ",\n" : "\n");
      out.write(sb.toString());
    }
    out.write("  ]\n}\n");
  }

  /** A JSON string literal; the values written here are host names and identities, but escape anyway. */
  private static String json(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  public static void main(String[] args) {
    if (Options.wantsHelp(args)) {
      System.out.println("usage: SeedGenerator --out FILE [--users 100000] [--realm ims.example.org]"
          + " [--server-name sip:scscf.ims.example.org:6060]");
      System.exit(0);
    }
    try {
      Options o = Options.parse(args, OPTIONS);
      int users = o.integer("users", 100_000);
      String out = o.string("out", "");
      if (users < 1 || out.isEmpty()) {
        throw new IllegalArgumentException("--out FILE is required and --users must be positive");
      }
      Path path = Path.of(out);
      try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
        write(w, users, o.string("realm", "ims.example.org"), o.string("server-name",
            "sip:scscf.ims.example.org:6060"));
      }
      System.err.println("seed: wrote " + users + " subscribers to " + path + " (" + Files.size(path) + " bytes)");
    } catch (IllegalArgumentException e) {
      System.err.println("seed: " + e.getMessage());
      System.exit(2);
    } catch (IOException e) {
      System.err.println("seed: failed: " + e);
      System.exit(1);
    }
  }
}
