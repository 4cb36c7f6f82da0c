package org.imshss.hss.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imshss.hss.testing.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One persistent HSS JVM killed with SIGKILL while a bulk import streams its results and single POSTs are answered:
 * after a restart every line the import acknowledged (created, updated, unchanged) and every subscriber a POST
 * answered 201 for is there. Write-ahead logging in LOG_ONLY mode makes a write durable against a process crash
 * before the grid operation returns.
 */
class KillDuringProvisioningIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMPORT_LINES = Integer.getInteger("cluster.import-lines", 8_000);
    /** Killed once the import has acknowledged this many lines and the POSTs this many subscribers. */
    private static final int KILL_AFTER_LINES = 2_000;
    private static final int KILL_AFTER_POSTS = 50;

    private HssProcess node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyAcknowledgedSubscriberIsThereAfterTheNodeWasKilled() throws Exception {
        Path work = HssProcess.ROOT.resolve("hss-server/target/cluster-it/kill-provisioning");
        ClusterFailoverIT.deleteTree(work);
        Files.createDirectories(work);
        HssProcess.Ports ports = HssProcess.Ports.free();
        node = new HssProcess("hss-single", HssProcess.ROOT.resolve("ops/conf/cluster/node-a.properties"), ports,
                Map.of("grid.discovery-addresses", "127.0.0.1:" + ports.discovery(),
                        "grid.initial-baseline", "",
                        "grid.work-directory", work.resolve("data").toString(),
                        "grid.data-region-max-mb", "128",
                        "grid.wal-segment-size-mb", "8"),
                work.resolve("hss-single.log"));
        node.start("--seed", HssProcess.ROOT.resolve("ops/conf/cluster/service-data.json").toString());
        node.awaitReady(Duration.ofMinutes(3));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> posted = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        CompletableFuture<Integer> importRun = CompletableFuture.supplyAsync(() -> importUntilCut(acknowledged));
        CompletableFuture<Integer> postRun = CompletableFuture.supplyAsync(() -> postUntilCut(node.rest(), posted,
                killed));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while ((acknowledged.size() < KILL_AFTER_LINES || posted.size() < KILL_AFTER_POSTS)
                && !importRun.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        int linesAtKill = acknowledged.size();
        int postsAtKill = posted.size();
        killed.set(true);
        node.kill();
        int importLines = importRun.get(1, TimeUnit.MINUTES);
        int postsSent = postRun.get(1, TimeUnit.MINUTES);
        System.out.printf("[cluster] killed the node (SIGKILL) with %d import lines and %d POSTs acknowledged; "
                        + "in all %d of %d lines and %d of %d POSTs acknowledged before the connection broke%n",
                linesAtKill, postsAtKill, acknowledged.size(), importLines, posted.size(), postsSent);
        assertThat(importRun.isDone()).isTrue();
        assertThat(acknowledged.size()).as("the import was cut, not finished").isLessThan(IMPORT_LINES);

        node.start();
        node.awaitReady(Duration.ofMinutes(3));
        Set<String> stored = exportedIds(node.rest());
        Set<String> missing = new HashSet<>(acknowledged);
        missing.addAll(posted);
        missing.removeAll(stored);
        System.out.printf("[cluster] after the restart: %d subscribers stored, %d acknowledged ones missing%n",
                stored.size(), missing.size());
        assertThat(missing).as("acknowledged subscribers missing after the restart").isEmpty();
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER_LINES);
        assertThat(posted.size()).isGreaterThanOrEqualTo(KILL_AFTER_POSTS);
    }

    /** Streams the NDJSON import and collects the ids of the acknowledged lines until the connection breaks. */
    private int importUntilCut(Set<String> acknowledged) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + node.ports().rest() + "/api/v1/subscribers/import?progress=true");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + HssProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Subscribers.ndjsonBytes("imp", 0, IMPORT_LINES)))
                .build();
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    JsonNode result = JSON.readTree(line);
                    String outcome = result.path("result").asText();
                    if (outcome.equals("created") || outcome.equals("updated") || outcome.equals("unchanged")) {
                        acknowledged.add(result.path("id").asText());
                    }
                }
            }
        } catch (IOException | InterruptedException cut) {
            // the node was killed while the result was streaming
        }
        return IMPORT_LINES;
    }

    /** Single POSTs, one after the other, until the node is gone; returns how many were sent. */
    private static int postUntilCut(RestClient rest, Set<String> posted, AtomicBoolean killed) {
        int sent = 0;
        for (int i = 0; !killed.get() || sent == 0; i++) {
            String id = Subscribers.id("post", i);
            sent++;
            try {
                RestClient.Reply reply = rest.post("/subscribers", Subscribers.line("post", i));
                if (reply.status() == 201) {
                    posted.add(id);
                } else if (reply.status() == 429) {
                    // the API's per-token request rate: this subscriber was not written, try it again
                    i--;
                    Thread.sleep(20);
                } else {
                    throw new AssertionError("POST " + id + " answered " + reply.status() + ": " + reply.body());
                }
            } catch (IOException | InterruptedException cut) {
                return sent;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return sent;
    }

    private static Set<String> exportedIds(RestClient rest) throws Exception {
        RestClient.Reply export = rest.get("/subscribers/export");
        assertThat(export.status()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (String line : export.body().split("\n")) {
            if (!line.isBlank()) {
                ids.add(JSON.readTree(line).path("id").asText());
            }
        }
        return ids;
    }
}
