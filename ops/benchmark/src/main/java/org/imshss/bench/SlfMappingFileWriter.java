package org.imshss.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Writes an SLF mapping file (the format of {@code slf --mappings}) with one identity mapping per user
 * ({@code sip:user<i>@ims.example.org}, as the load generators address them) spread over four HSS targets, plus
 * one number range and one prefix per thousand users, so the file holds about as many mappings as users.
 */
public final class SlfMappingFileWriter {

  static final Set<String> OPTIONS = Set.of("users", "out", "hss-port");

  private SlfMappingFileWriter() {
  }

  public static void main(String[] args) throws IOException {
    if (Options.wantsHelp(args)) {
      System.out.println("usage: SlfMappingFileWriter --users 1000000 --out FILE [--hss-port 1]");
      System.exit(0);
    }
    Options o = Options.parse(args, OPTIONS);
    int users = o.integer("users", 1_000_000);
    Path out = Path.of(o.string("out", "slf-mappings.json"));
    int hssPort = o.integer("hss-port", 1);
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("{\n  \"targets\": [\n");
      for (int t = 0; t < 4; t++) {
        // Two nodes per HSS, on a port nothing listens on: redirects name them, nobody connects to them.
        w.write(String.format(Locale.ROOT, "    { \"name\": \"hss-%d\", \"realm\": \"ims.example.org\", \"hosts\": ["
            + " { \"identity\": \"hss%d-a.ims.example.org\", \"port\": %d, \"address\": \"127.0.0.1\" },"
            + " { \"identity\": \"hss%d-b.ims.example.org\", \"port\": %d, \"address\": \"127.0.0.1\" } ] }%s%n",
            t, t, hssPort, t, hssPort, t < 3 ? "," : ""));
      }
      w.write("  ],\n  \"mappings\": [\n");
      for (int i = 0; i < users; i++) {
        w.write(String.format(Locale.ROOT, "    { \"type\": \"identity\", \"key\": \"sip:user%d@ims.example.org\","
            + " \"target\": \"hss-%d\" },%n", i, i & 3));
        if (i % 1000 == 0) {
          int block = i / 1000;
          w.write(String.format(Locale.ROOT, "    { \"type\": \"range\", \"from\": \"%s\", \"to\": \"%s\","
              + " \"target\": \"hss-%d\" },%n", SlfLookupBench.rangeStart(block), SlfLookupBench.rangeEnd(block),
              block & 3));
          w.write(String.format(Locale.ROOT, "    { \"type\": \"prefix\", \"key\": \"%s\", \"target\": \"hss-%d\" },%n",
              SlfLookupBench.prefix(block), block & 3));
        }
      }
      w.write("    { \"type\": \"domain\", \"key\": \"ims.example.org\", \"target\": \"hss-0\" }\n  ]\n}\n");
    }
    System.err.println("wrote " + users + " users' mappings to " + out);
  }
}
