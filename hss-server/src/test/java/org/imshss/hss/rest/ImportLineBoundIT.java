package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.junit.jupiter.api.Test;

/**
 * An import line far longer than the heap (here 640 MB, sent chunked as it is generated, in a JVM of 1 GB that also
 * runs the HSS) fails alone, naming the line bound, and the HSS keeps serving: the lines around it are imported, the
 * API and Cx answer. Read whole before its length was looked at, such a line ended the process (out of memory).
 */
class ImportLineBoundIT {

    private static final String PROVISIONER = "provisioner-secret-token-0001";
    private static final long HUGE = 640L << 20;

    @Test
    void aLineLongerThanTheHeapFailsAloneAndTheHssKeepsServing() throws Exception {
        try (TestHss hss = TestHss.startWithRest(List.of(new ApiToken("ops", Role.PROVISION, PROVISIONER)));
                DiameterTestPeer icscf = hss.peer("icscf.ims.example.org")) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(hss.node().restUri().resolve(
                            hss.node().restUri().getPath() + "/subscribers/import"))
                    .header("Authorization", "Bearer " + PROVISIONER)
                    .header("Content-Type", "application/x-ndjson")
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(ImportLineBoundIT::body))
                    .build();

            HttpResponse<String> reply = client.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            List<JsonNode> results = new ArrayList<>();
            for (String line : reply.body().split("\n")) {
                results.add(new RestClient.Reply(200, line, null).json());
            }
            assertThat(results).extracting(r -> r.get("line").asInt()).containsExactly(1, 2, 3);
            assertThat(results).extracting(r -> r.get("result").asText())
                    .containsExactly("created", "failed", "created");
            assertThat(results.get(1).get("status").asInt()).isEqualTo(413);
            assertThat(results.get(1).toString()).contains("1048576 bytes", "rest.max-import-line-bytes");
            RestClient api = new RestClient(hss.node().restUri(), PROVISIONER);
            assertThat(api.get("/subscribers/bound-before").status()).isEqualTo(200);
            assertThat(api.get("/subscribers/bound-after").status()).isEqualTo(200);
            assertThat(api.get("/subscribers/bound-huge").status()).isEqualTo(404);
            assertThat(result(Cx.uar(icscf, "bound-after@ims.example.org", "sip:bound-after@ims.example.org",
                    TestHss.REALM))).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        }
    }

    private static String subscriber(String user) {
        return ("{\"id\": \"%1$s\", \"allowedVisitedNetworks\": [\"ims.example.org\"], "
                + "\"privateIdentities\": [{\"impi\": \"%1$s@ims.example.org\", \"password\": \"pw-%1$s\", "
                + "\"publicIdentities\": [\"sip:%1$s@ims.example.org\"]}], "
                + "\"publicIdentities\": [{\"identity\": \"sip:%1$s@ims.example.org\", \"serviceProfile\": \"default\"}]}"
                + "\n").formatted(user);
    }

    /** A valid line, one of {@link #HUGE} bytes (a subscriber with a long display name), a valid line. */
    private static InputStream body() {
        byte[] head = (subscriber("bound-before") + "{\"id\": \"bound-huge\", \"displayName\": \"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\"}\n" + subscriber("bound-after")).getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private long offset;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int start, int length) {
                long total = head.length + HUGE + tail.length;
                if (offset >= total) {
                    return -1;
                }
                int n = (int) Math.min(length, total - offset);
                for (int i = 0; i < n; i++) {
                    long at = offset + i;
                    if (at < head.length) {
                        buffer[start + i] = head[(int) at];
                    } else if (at < head.length + HUGE) {
                        int run = (int) Math.min(n - i, head.length + HUGE - at);
                        Arrays.fill(buffer, start + i, start + i + run, (byte) 'x');
                        i += run - 1;
                    } else {
                        buffer[start + i] = tail[(int) (at - head.length - HUGE)];
                    }
                }
                offset += n;
                return n;
            }
        };
    }
}
