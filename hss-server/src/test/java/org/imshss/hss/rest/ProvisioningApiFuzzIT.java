package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.RestSettings;
import org.imshss.http.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document driven with invalid bodies, path and query parameters: the API
 * answers each with a client error and a JSON problem, never a 5xx, never a stack trace; then a token that
 * exceeds its request rate gets 429.
 */
class ProvisioningApiFuzzIT {

    private static final String ADMIN = "fuzz-admin-secret-token";
    private static final String LIMITED = "limited-secret-token-0001";

    private static TestHss hss;
    private static URI base;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithRest(RestSettings.local(0, List.of(new ApiToken("fuzzer", Role.ADMIN, ADMIN),
                new ApiToken("limited", Role.READ, LIMITED))).withRequestsPerSecond(0));
        base = hss.node().restUri();
    }

    @AfterAll
    static void stop() throws Exception {
        hss.close();
    }

    private static final List<String> PATH_VALUES = List.of("", "%00", "..%2F..%2Fetc%2Fpasswd", "x".repeat(4000),
            "sip%3A!*(!%40x", "%F0%9F%98%80", "tel%3A%2B", "-1", "99999999999999999999", "%25", "alice");

    private static final List<String> QUERIES = List.of("", "?limit=abc&reason=LUNCH", "?limit=99999999999&prefix=%00",
            "?limit=0&cursor=%FF&object=", "?cursor=" + "z".repeat(3000));

    private static final List<String> BODIES = List.of("", "null", "[]", "{}", "\"text\"", "{\"id\": {}}",
            "{\"id\": 1e999}", "{\"id\": \"x\", \"id\": \"y\"}", "[".repeat(3000) + "]".repeat(3000),
            "{\"privateIdentities\": [{\"impi\": 7, \"k\": []}]}", "{\"priority\": \"high\"}",
            "{\"capabilities\": [\"a\"]}", "{\"name\": null, \"capabilities\": null}",
            "{\"read\": [\"NoSuchReference\"]}", "{\"password\": 5}", "\u0000\u0001\u0002",
            "{\"id\": \"" + "y".repeat(2_000_000) + "\"}", "{\"id\": \"ok\"} trailing");

    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain",
            "application/x-ndjson");

    @Test
    void noInvalidRequestGetsAServerError() throws Exception {
        JsonNode document = new RestClient(base, ADMIN).get("/openapi.json").json();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                boolean hasBody = method.equals("POST") || method.equals("PUT");
                for (String value : path.getKey().contains("{") ? PATH_VALUES : List.of("")) {
                    String concrete = path.getKey().replaceAll("\\{[^}]+}", value);
                    for (String query : QUERIES) {
                        List<String> bodies = hasBody ? BODIES : List.of("");
                        for (String body : bodies) {
                            for (String type : hasBody ? CONTENT_TYPES : List.of("application/json")) {
                                int status = send(method, concrete + query, type, body);
                                sent++;
                                statuses.merge(status / 100 + "xx", 1, Integer::sum);
                                if (status >= 500) {
                                    serverErrors.add(status + " " + method + " " + concrete + query + " "
                                            + body.substring(0, Math.min(40, body.length())));
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println("invalid REST requests sent: " + sent + ", answers by class: " + statuses);
        assertThat(sent).isGreaterThan(3_000);
        assertThat(serverErrors).isEmpty();
    }

    /** Stands for "the server closed the connection without answering" among the statuses. */
    private static final int NO_ANSWER = 599;

    private static int send(String method, String path, String type, String body) throws Exception {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException unrepresentable) {
            return 400;
        }
        HttpRequest.BodyPublisher publisher = body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", type)
                .method(method, publisher).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException noAnswer) {
            // Once more on a fresh attempt (a kept-alive connection may close just as it is reused); a request
            // that is still not answered is as bad as a 5xx: counted and reported with the request.
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException again) {
                return NO_ANSWER;
            }
        }
        if (response.statusCode() >= 400) {
            assertThat(response.body()).as(method + " " + path).doesNotContain("Exception").doesNotContain("\tat ");
        }
        return response.statusCode();
    }

    @Test
    void aTokenOverItsRateGets429() throws Exception {
        try (TestHss limited = TestHss.startWithRest(RestSettings.local(0,
                List.of(new ApiToken("limited", Role.READ, LIMITED))).withRequestsPerSecond(20))) {
            RestClient client = new RestClient(limited.node().restUri(), LIMITED);
            int tooMany = 0;
            String retryAfter = null;
            for (int i = 0; i < 60; i++) {
                RestClient.Reply reply = client.get("/subscribers/alice");
                if (reply.status() == 429) {
                    tooMany++;
                    retryAfter = reply.header("Retry-After");
                } else {
                    assertThat(reply.status()).isEqualTo(200);
                }
            }
            assertThat(tooMany).isGreaterThan(20);
            assertThat(retryAfter).isEqualTo("1");
            Thread.sleep(1100);
            assertThat(client.get("/subscribers/alice").status()).isEqualTo(200);
        }
    }
}
