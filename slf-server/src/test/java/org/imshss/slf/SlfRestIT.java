package org.imshss.slf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.http.ApiToken;
import org.imshss.http.RestSettings;
import org.imshss.http.Role;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.testing.RawClient;
import org.imshss.slf.testing.TestClient;
import org.imshss.slf.testing.TestSlf;
import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mapping API over real HTTP, and its effect on the SLF's Diameter answers. */
class SlfRestIT {

    static final String PROVISIONER = "provisioner-secret-0001";
    static final String READER = "reader-secret-0000000001";
    static final ObjectMapper JSON = new ObjectMapper();

    static TestSlf slf;
    static RawClient icscf;
    static URI base;
    // Grizzly answers an h2c upgrade badly: HTTP/1.1 only.
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        /** The field named by the first error of a problem answer. */
        String field() {
            return json.path("errors").path(0).path("field").asText();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        RestSettings rest = RestSettings.local(0, List.of(new ApiToken("ops", Role.PROVISION, PROVISIONER),
                new ApiToken("viewer", Role.READ, READER)));
        slf = TestSlf.start(new SlfSettings.RoutingSettings(SlfSettings.Mode.REDIRECT, List.of(), 0, Duration.ZERO,
                Duration.ofSeconds(1)), new MappingFile.Content(List.of(), List.of()), rest);
        base = slf.node().restUri();
        icscf = RawClient.connect(slf.port(), "icscf.ims.example.org", "ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        if (icscf != null) {
            icscf.close();
        }
        if (slf != null) {
            slf.close();
        }
    }

    static Reply call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json, response);
    }

    static Reply call(String method, String path, String body) throws Exception {
        return call(method, path, body, PROVISIONER);
    }

    static String encoded(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%2B");
    }

    static Answer lir(String impu) throws Exception {
        return icscf.send(Command.LIR, "ims.example.org", null, avps -> Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu))
                .answer();
    }

    static void corpTarget() throws Exception {
        call("PUT", "/slf/targets/corp", """
                { "realm": "corp.example.com", "hosts": [ { "identity": "hss1.corp.example.com" },
                                                          { "identity": "hss2.corp.example.com", "port": 3870 } ] }
                """);
    }

    @Test
    void targetsAreCreatedReadReplacedAndDeletedWhenUnused() throws Exception {
        Reply created = call("PUT", "/slf/targets/spare", """
                { "realm": "ims.example.org", "hosts": [ { "identity": "hss9.ims.example.org" } ] }""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/slf/targets/spare"));
        Reply read = call("GET", "/slf/targets/spare", null, READER);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("hosts").path(0).path("identity").asText()).isEqualTo("hss9.ims.example.org");
        assertThat(read.json().path("hosts").path(0).path("port").asInt()).isEqualTo(3868);
        assertThat(call("PUT", "/slf/targets/spare", """
                { "realm": "ims.example.org", "hosts": [ { "identity": "hss8.ims.example.org" } ] }""").status())
                .isEqualTo(200);

        assertThat(call("POST", "/slf/mappings", """
                { "type": "identity", "key": "sip:spare@ims.example.org", "target": "spare" }""").status())
                .isEqualTo(201);
        Reply inUse = call("DELETE", "/slf/targets/spare", null);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(call("DELETE", "/slf/mappings/identity/" + encoded("sip:spare@ims.example.org"), null).status())
                .isEqualTo(204);
        assertThat(call("DELETE", "/slf/targets/spare", null).status()).isEqualTo(204);
        assertThat(call("GET", "/slf/targets/spare", null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/slf/targets/spare", null).status()).isEqualTo(404);
    }

    @Test
    void aMappingMadeThroughTheApiDecidesTheNextRedirect() throws Exception {
        corpTarget();
        assertThat(Avps.result(lir("sip:erin@corp.example.com").getAvps()))
                .contains(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);

        Reply created = call("POST", "/slf/mappings", """
                { "type": "domain", "key": "Corp.Example.COM", "target": "corp" }""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("key").asText()).isEqualTo("corp.example.com");
        assertThat(call("GET", "/slf/mappings/domain/corp.example.com", null, READER).json().path("target").asText())
                .isEqualTo("corp");

        Answer redirect = lir("sip:erin@corp.example.com");
        assertThat(Avps.result(redirect.getAvps())).contains(ResultCode.DIAMETER_REDIRECT_INDICATION);
        assertThat(TestClient.redirectHosts(redirect)).containsExactly("aaa://hss1.corp.example.com:3868;transport=tcp",
                "aaa://hss2.corp.example.com:3870;transport=tcp");

        assertThat(call("DELETE", "/slf/mappings/domain/corp.example.com", null).status()).isEqualTo(204);
        assertThat(Avps.result(lir("sip:erin@corp.example.com").getAvps()))
                .contains(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    }

    @Test
    void metricsCountTheAnswersAndReadinessNeedsNoToken() throws Exception {
        Answer unknown = lir("sip:nobody@nowhere.example.net");
        assertThat(Avps.result(unknown.getAvps())).contains(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        URI root = base.resolve("/");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(root.resolve("metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern(
                "(?m)^diameter_answers_total\\{application=\"cx\",command=\"LIR\",result=\"5001\"} [1-9]")
                .contains("grid_cache_entries{cache=\"slf-targets\"}", "diameter_peers{state=\"OKAY\"}");
        for (String phase : List.of("jvm", "grid", "store", "diameter", "rest")) {
            assertThat(metrics.body()).as(phase)
                    .containsPattern("(?m)^imshss_start_seconds\\{phase=\"" + phase + "\"} [0-9.]*[1-9]");
        }
        assertThat(metrics.body()).containsPattern("(?m)^imshss_start_to_ready_seconds [0-9.]*[1-9]");
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(root.resolve("ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    @Test
    void rangesAreAddressedByTheirFirstNumberAndMayNotOverlap() throws Exception {
        corpTarget();
        Reply created = call("POST", "/slf/mappings", """
                { "type": "range", "from": "+4930555000", "to": "+4930555999", "target": "corp" }""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/slf/mappings/range/+4930555000"));
        assertThat(call("GET", "/slf/mappings/range/" + encoded("+4930555000"), null).json().path("to").asText())
                .isEqualTo("+4930555999");

        Reply overlap = call("PUT", "/slf/mappings/range/" + encoded("+4930555900"), """
                { "to": "+4930556100", "target": "corp" }""");
        assertThat(overlap.status()).isEqualTo(409);
        assertThat(overlap.json().path("title").asText()).contains("overlaps");
        Reply again = call("POST", "/slf/mappings", """
                { "type": "range", "from": "+4930555000", "to": "+4930555500", "target": "corp" }""");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field()).isEqualTo("from");

        assertThat(Avps.result(lir("tel:+4930555123").getAvps())).contains(ResultCode.DIAMETER_REDIRECT_INDICATION);
        assertThat(call("GET", "/slf/mappings?type=range", null, READER).json().size()).isEqualTo(1);
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        corpTarget();
        assertThat(call("POST", "/slf/mappings", """
                { "type": "prefix", "key": "+49x", "target": "corp" }""").field()).isEqualTo("key");
        assertThat(call("POST", "/slf/mappings", """
                { "type": "prefix", "key": "+49", "target": "nowhere" }""").field()).isEqualTo("target");
        Reply badType = call("POST", "/slf/mappings", """
                { "type": "suffix", "key": "9", "target": "corp" }""");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.field()).isEqualTo("type");
        Reply unknownField = call("POST", "/slf/mappings", """
                { "type": "prefix", "key": "+49", "target": "corp", "hss": "x" }""");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.field()).contains("hss");
        Reply noHosts = call("PUT", "/slf/targets/empty", "{ \"realm\": \"ims.example.org\", \"hosts\": [] }");
        assertThat(noHosts.status()).isEqualTo(400);
        assertThat(noHosts.field()).isEqualTo("hosts");
        Reply badHost = call("PUT", "/slf/targets/bad", """
                { "realm": "ims.example.org", "hosts": [ { "identity": "hss1.ims.example.org", "port": 0 } ] }""");
        assertThat(badHost.field()).isEqualTo("hosts[0].port");
        assertThat(call("GET", "/slf/mappings/identity/" + encoded("sip:nobody@ims.example.org"), null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/slf/mappings?limit=0", null).field()).isEqualTo("limit");
    }

    @Test
    void writingNeedsTheProvisionRole() throws Exception {
        String body = "{ \"type\": \"prefix\", \"key\": \"+33\", \"target\": \"corp\" }";
        assertThat(call("POST", "/slf/mappings", body, null).status()).isEqualTo(401);
        assertThat(call("POST", "/slf/mappings", body, READER).status()).isEqualTo(403);
        assertThat(call("GET", "/slf/targets", null, READER).status()).isEqualTo(200);
    }

    /** A client generator names its methods after the operationIds: each is given, and none twice. */
    @Test
    void everyOperationOfTheDocumentHasItsOwnOperationId() throws Exception {
        Reply document = call("GET", "/openapi.json", null, null);
        assertThat(document.status()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        document.json().path("paths").forEach(item -> item.forEach(operation -> {
            if (operation.has("responses")) {
                ids.add(operation.path("operationId").asText());
            }
        }));
        assertThat(ids).containsExactlyInAnyOrder("listTargets", "getTarget", "replaceTarget", "deleteTarget",
                "listMappings", "createMapping", "getMapping", "replaceMapping", "deleteMapping");
    }

    /** The operators' console works on the HSS's subscriber API, which the SLF does not have. */
    @Test
    void theSlfServesNoConsole() throws Exception {
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(base.resolve("/console")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(404);
    }
}
