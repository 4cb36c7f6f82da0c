package org.imshss.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.imshss.hss.HssNode;
import org.imshss.hss.config.HssConfiguration;
import org.imshss.hss.config.HssSettings;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.CacheNames;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.provisioning.store.SubscriberData;

/**
 * Bulk provisioning throughput: NDJSON subscribers imported over the REST API into an embedded HSS node, and
 * two references measured in the same run, each with as many other subscribers: the grid alone (the very
 * records an import writes, five per subscriber plus its audit entry, converted and encoded before the clock
 * starts and written into their caches the way the import writes them, one putAll per cache and part of a batch,
 * with nothing else to do) and the baseline (the seed loader converting a document and streaming it into the grid,
 * what a start-up seed load does, with no HTTP, JSON per line or checks). Then the same file again (every line an
 * unchanged upsert, one by one) and an export. Warm-ups first, each of half as many other subscribers: the grid's
 * (its first writer pays for creating partitions and pages) and the REST import's (new, then unchanged), so that
 * the JIT compiler has done its work before any measured phase, as in a running HSS. With persistence (the
 * default; {@code BENCH_PERSISTENCE=false} turns it off) an initial load last: a second node started on an empty
 * grid in the same JVM, and as many other subscribers imported into it with {@code ?initialLoad=true}.
 *
 * <pre>ops/bin/benchmark import [--subscribers 200000]</pre>
 */
public final class ImportBenchmark {

    private static final String INSTANCE = "import-bench";
    /** Parts of a batch written side by side, as the import's store does (one per core, up to four). */
    private static final int PARTS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** Audit keys of the reference runs: above any id the audit counter hands out in a run. */
    private static final long AUDIT_IDS = 9_000_000_000_000_000_000L;

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        if (arguments == null) {
            return;
        }
        int subscribers = arguments.subscribers();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        boolean persistent = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_PERSISTENCE", "true"));
        Path work = Files.createTempDirectory("import-bench");
        HssSettings settings = settings(INSTANCE, work.resolve("a"), token, persistent, arguments.dataRegionMb());
        try (HssNode node = HssNode.start(settings, new SeedLoader().demo())) {
            measure(node, token, subscribers);
        }
        try {
            if (persistent) {
                initialLoad(settings(INSTANCE + "-load", work.resolve("b"), token, true, arguments.dataRegionMb()),
                        token, subscribers);
            }
        } finally {
            deleteTree(work);
        }
    }

    private record Arguments(int subscribers, int dataRegionMb) {

        /** Null when help was asked for (and printed). */
        static Arguments parse(String[] args) {
            int subscribers = 200_000;
            int dataRegionMb = 4096;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--subscribers" -> subscribers = Integer.parseInt(args[++i]);
                    case "--data-region-mb" -> dataRegionMb = Integer.parseInt(args[++i]);
                    case "--help", "-h" -> {
                        System.out.println("usage: ImportBenchmark [--subscribers N] [--data-region-mb 4096]");
                        return null;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Arguments(subscribers, dataRegionMb);
        }
    }

    /** Every phase but the initial load, on the started node. */
    private static void measure(HssNode node, String token, int subscribers) throws Exception {
        byte[] baselineFile = ndjson("base-", subscribers);
        byte[] importFile = ndjson("bulk-", subscribers);

        // A fresh grid makes its first writer pay for creating partitions and pages: a warm-up takes that.
        int warmUp = Math.max(1000, subscribers / 2 / 1000 * 1000);
        gridAlone(INSTANCE, "warm-", warmUp, AUDIT_IDS, "warm-up");
        double gridAlone = gridAlone(INSTANCE, "ceil-", subscribers, AUDIT_IDS + warmUp,
                "grid alone: the same records, pre-encoded, putAll");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = node.restUri();
        restWarmUp(http, base, token, warmUp);
        double baseline = baseline(node, baselineFile, subscribers);
        double imported = restImport(http, base, token, importFile, subscribers);
        export(http, base, token);
        auditPage(http, URI.create(base + "/audit?limit=100"), token, "newest 100");
        auditPage(http, URI.create(base + "/audit?limit=10&object=bulk-0000000"), token,
                "entries of the first imported subscriber");
        System.out.printf("RESULT import/baseline = %.1f%%%n", 100.0 * imported / baseline);
        System.out.printf("RESULT import/grid alone = %.1f%%, baseline/grid alone = %.1f%%%n",
                100.0 * imported / gridAlone, 100.0 * baseline / gridAlone);
    }

    /**
     * The import's own code is compiled while it runs: a first REST import of as many other subscribers, new and
     * then unchanged, leaves the JIT done before the clock starts (a running HSS is warm).
     */
    private static void restWarmUp(HttpClient http, URI base, String token, int warmUp) throws Exception {
        byte[] warmFile = ndjson("warm-rest-", warmUp);
        cpuMark = processCpuNanos();
        long started = System.nanoTime();
        Map<String, Integer> results = importFile(http, base, token, warmFile, "");
        report("warm-up: REST import " + results, warmUp, rate(warmUp, started), started);
        cpuMark = processCpuNanos();
        started = System.nanoTime();
        results = importFile(http, base, token, warmFile, "");
        report("warm-up: REST import again " + results, warmUp, rate(warmUp, started), started);
    }

    /** The seed loader converting a document and streaming it into the grid, as a start-up seed load does. */
    private static double baseline(HssNode node, byte[] baselineFile, int subscribers) {
        cpuMark = processCpuNanos();
        long started = System.nanoTime();
        String document = "{\"realm\": \"ims.example.org\", \"serviceProfiles\": [{\"id\": \"default\"}], "
                + "\"subscriptions\": ["
                + new String(baselineFile, StandardCharsets.UTF_8).strip().replace("\n", ",") + "]}";
        node.store().load(new SeedLoader().readString(document));
        double baseline = rate(subscribers, started);
        report("baseline: seed loader + grid streamer", subscribers, baseline, started);
        return baseline;
    }

    /** The measured REST import of new subscribers, then of the same file again (every line unchanged). */
    private static double restImport(HttpClient http, URI base, String token, byte[] importFile, int subscribers)
            throws Exception {
        cpuMark = processCpuNanos();
        long started = System.nanoTime();
        Map<String, Integer> results = importFile(http, base, token, importFile, "");
        double imported = rate(subscribers, started);
        report("REST import, new subscribers " + results, subscribers, imported, started);
        require(results.getOrDefault("created", 0) == subscribers, "not every line was created: " + results);

        started = System.nanoTime();
        results = importFile(http, base, token, importFile, "");
        report("REST import, same file again " + results, subscribers, rate(subscribers, started), started);
        require(results.getOrDefault("unchanged", 0) == subscribers, "not every line unchanged: " + results);
        return imported;
    }

    private static void export(HttpClient http, URI base, String token) throws Exception {
        long started = System.nanoTime();
        HttpResponse<java.io.InputStream> export = http.send(HttpRequest.newBuilder(
                URI.create(base + "/subscribers/export?prefix=bulk-"))
                .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(export.body(),
                StandardCharsets.UTF_8))) {
            lines = reader.lines().count();
        }
        report("REST export", lines, rate(lines, started), started);
    }

    /**
     * An initial load as an operator runs one: into a node just started on an empty grid (holding only the service
     * profile the lines name), which is what {@code ?initialLoad=true} is for, rather than into caches of the first
     * node emptied for it. The JVM has run the import code in the phases before, so it is compiled. Its time includes
     * the checkpoint that ends it.
     */
    private static void initialLoad(HssSettings settings, String token, int subscribers) throws Exception {
        String empty = "{\"realm\": \"ims.example.org\", \"serviceProfiles\": [{\"id\": \"default\"}], "
                + "\"subscriptions\": []}";
        try (HssNode node = HssNode.start(settings, new SeedLoader().readString(empty))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[] initialFile = ndjson("init-", subscribers);
            cpuMark = processCpuNanos();
            long started = System.nanoTime();
            Map<String, Integer> results = importFile(http, node.restUri(), token, initialFile, "?initialLoad=true");
            report("REST initial load into a new node, write-ahead log off " + results, subscribers,
                    rate(subscribers, started), started);
            require(results.getOrDefault("created", 0) == subscribers, "not every line was created: " + results);
        }
    }

    private static HssSettings settings(String instance, Path work, String token, boolean persistent,
            int dataRegionMb) {
        Map<String, String> env = new HashMap<>();
        env.put("HSS_DIAMETER_PORT", Integer.toString(freePort()));
        env.put("HSS_GRID_DISCOVERY_PORT", Integer.toString(freePort()));
        env.put("HSS_GRID_DISCOVERY_PORT_RANGE", "0");
        env.put("HSS_GRID_COMMUNICATION_PORT", Integer.toString(freePort()));
        env.put("HSS_GRID_DISCOVERY_ADDRESSES", "");
        env.put("HSS_GRID_INSTANCE_NAME", instance);
        env.put("HSS_GRID_WORK_DIRECTORY", work.toString());
        env.put("HSS_REST_PORT", Integer.toString(freePort()));
        env.put("HSS_REST_TOKENS", "bench:admin:" + token);
        env.put("HSS_GRID_PERSISTENCE", Boolean.toString(persistent));
        // Room for every subscriber of both runs in memory: a persistent region that overflows replaces pages
        // from disk, which measures the disk rather than provisioning.
        env.put("HSS_GRID_DATA_REGION_MAX_MB", Integer.toString(dataRegionMb));
        return HssConfiguration.load(null, env);
    }

    /**
     * Writes the records of {@code count} subscribers, encoded beforehand, into their caches in batches of the
     * import's size, each batch in as many parts side by side as the import writes on this machine, one putAll per
     * cache and part, with one audit-sized entry each.
     */
    private static double gridAlone(String instance, String prefix, int count, long firstAuditId, String what) {
        String document = "{\"realm\": \"ims.example.org\", \"serviceProfiles\": [{\"id\": \"default\"}], "
                + "\"subscriptions\": [" + new String(ndjson(prefix, count), StandardCharsets.UTF_8).strip()
                .replace("\n", ",") + "]}";
        SubscriberData data = new SeedLoader().readString(document);
        RecordCodec codec = RecordCodec.shared();
        Map<String, List<Map.Entry<String, byte[]>>> byCache = new LinkedHashMap<>();
        data.publicIdentities().forEach(p -> add(byCache, CacheNames.PUBLIC_IDS, Identities.normalise(p.identity()),
                codec.encode(p)));
        data.implicitRegistrationSets().forEach(r -> add(byCache, CacheNames.IMPLICIT_SETS, r.id(), codec.encode(r)));
        data.privateIdentities().forEach(p -> add(byCache, CacheNames.PRIVATE_IDS, Identities.normalise(p.impi()),
                codec.encode(p)));
        data.subscriptions().forEach(s -> add(byCache, CacheNames.SUBSCRIPTIONS, s.id(), codec.encode(s)));
        String now = java.time.Instant.now().toString();
        for (int i = 0; i < count; i++) {
            add(byCache, CacheNames.AUDIT, Long.toString(firstAuditId + i), codec.encode(new AuditEntry(firstAuditId + i, now,
                    "bench", "CREATE", "subscriber", prefix + i, List.of("*"))));
        }
        Ignite ignite = Ignition.ignite(instance);
        cpuMark = processCpuNanos();
        long started = System.nanoTime();
        int perBatch = 1000;
        for (int from = 0; from < count; from += perBatch) {
            int batchStart = from;
            int batchEnd = Math.min(count, from + perBatch);
            IntStream.range(0, PARTS).parallel().forEach(part -> {
                int low = batchStart + (batchEnd - batchStart) * part / PARTS;
                int high = batchStart + (batchEnd - batchStart) * (part + 1) / PARTS;
                for (Map.Entry<String, List<Map.Entry<String, byte[]>>> cache : byCache.entrySet()) {
                    List<Map.Entry<String, byte[]>> records = cache.getValue();
                    int per = records.size() / count;
                    Map<String, byte[]> values = new TreeMap<>();
                    records.subList(low * per, high * per).forEach(r -> values.put(r.getKey(), r.getValue()));
                    ignite.<String, byte[]>cache(cache.getKey()).putAll(values);
                }
            });
        }
        double rate = rate(count, started);
        report(what, count, rate, started);
        return rate;
    }

    private static void add(Map<String, List<Map.Entry<String, byte[]>>> byCache, String cache, String key,
            byte[] value) {
        byCache.computeIfAbsent(cache, c -> new ArrayList<>()).add(Map.entry(key, value));
    }

    /** How long one audit page takes to read once the trail holds every imported subscriber's entry. */
    private static void auditPage(HttpClient http, URI uri, String token, String what)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        require(page.statusCode() == 200 && page.body().contains("\"objectId\""), "audit answered " + page.statusCode());
        System.out.printf("RESULT REST audit, %-40s %8.1f ms%n", what, (System.nanoTime() - started) / 1e6);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static Map<String, Integer> importFile(HttpClient http, URI base, String token, byte[] file, String query)
            throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/subscribers/import" + query))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-ndjson")
                        .timeout(Duration.ofMinutes(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        require(response.statusCode() == 200, "import answered " + response.statusCode());
        Map<String, Integer> counts = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> {
                int at = line.indexOf("\"result\":\"");
                String result = at < 0 ? "?" : line.substring(at + 10, line.indexOf('"', at + 10));
                counts.merge(result, 1, Integer::sum);
            });
        }
        return counts;
    }

    /** One subscriber per line: an IMPI with SIP Digest and AKA credentials, a SIP and a tel URI in one set. */
    static byte[] ndjson(String prefix, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 700);
        for (int i = 0; i < count; i++) {
            String user = prefix + String.format("%07d", i);
            String line = "{\"id\": \"" + user + "\", \"allowedVisitedNetworks\": [\"ims.example.org\"], "
                    + "\"privateIdentities\": [{\"impi\": \"" + user + "@ims.example.org\", \"password\": \"pw-" + i
                    + "\", \"k\": \"" + String.format("%032x", i) + "\", \"opc\": \"" + String.format("%032x", i + 1)
                    + "\", \"publicIdentities\": [\"sip:" + user + "@ims.example.org\", \"tel:+" + (prefix.hashCode()
                    & 0xff) + String.format("%09d", i) + "\"]}], "
                    + "\"implicitRegistrationSets\": [[\"sip:" + user + "@ims.example.org\", \"tel:+"
                    + (prefix.hashCode() & 0xff) + String.format("%09d", i) + "\"]], "
                    + "\"publicIdentities\": [{\"identity\": \"sip:" + user
                    + "@ims.example.org\", \"serviceProfile\": \"default\"}, {\"identity\": \"tel:+"
                    + (prefix.hashCode() & 0xff) + String.format("%09d", i) + "\", \"serviceProfile\": \"default\"}]}\n";
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static double rate(long count, long startedNanos) {
        return count / ((System.nanoTime() - startedNanos) / 1e9);
    }

    /**
     * Also the CPU time the whole process spent since the previous report, per subscriber: on a shared machine
     * the elapsed time depends on the other processes, the CPU time much less.
     */
    private static void report(String what, long count, double rate, long startedNanos) {
        long cpu = processCpuNanos();
        System.out.printf("RESULT %-60s %,10d subscribers %8.1f s %,10.0f /s %6.0f us CPU each (load %.1f)%n", what,
                count, (System.nanoTime() - startedNanos) / 1e9, rate, (cpu - cpuMark) / 1e3 / count,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        cpuMark = cpu;
    }

    private static long cpuMark;

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
