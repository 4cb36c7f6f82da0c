package org.imshss.hss.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** An HTTP/1.1 client of the provisioning API (Grizzly answers h2c upgrades badly, so never HTTP/2). */
public final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI base;
    private final String token;
    private final SSLContext tls;

    public RestClient(URI base, String token) {
        this(base, token, null);
    }

    /** @param tls the client's TLS context for an https base (its trust and, for mutual TLS, its key) */
    public RestClient(URI base, String token, SSLContext tls) {
        this.base = base;
        this.token = token;
        this.tls = tls;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    public RestClient withToken(String other) {
        return new RestClient(base, other, tls);
    }

    /** Requests outside the API's path (/metrics, /health, /ready) on the same server. */
    public RestClient root() {
        return new RestClient(URI.create(base.getScheme() + "://" + base.getRawAuthority()), token, tls);
    }

    /** A response with its body parsed when it is JSON. */
    public record Reply(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Reply get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    public Reply delete(String path) throws Exception {
        return send(request(path).DELETE().build());
    }

    public Reply delete(String path, String ifMatch) throws Exception {
        return send(request(path).header("If-Match", ifMatch).DELETE().build());
    }

    public Reply post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply post(String path, String contentType, String body) throws Exception {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Reply put(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply put(String path, String json, String ifMatch) throws Exception {
        return send(request(path).header("Content-Type", "application/json").header("If-Match", ifMatch)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }
}
