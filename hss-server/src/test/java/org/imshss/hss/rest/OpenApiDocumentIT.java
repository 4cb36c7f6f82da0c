package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document as a client generator reads it, fetched over HTTP without a token from a real HSS, and
 * Swagger UI served beside it from the same server.
 */
class OpenApiDocumentIT {

    private static final String READER = "read-only-secret-token-01";
    private static final Pattern GENERIC = Pattern.compile("^(get|put|post|delete|list|head|patch)(_\\d+)?$");
    private static final String PROBLEM = "#/components/schemas/Problem";

    private static TestHss hss;
    private static RestClient anonymous;
    private static JsonNode document;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithRest(List.of(new ApiToken("viewer", Role.READ, READER)));
        anonymous = new RestClient(hss.node().restUri(), null);
        RestClient.Reply reply = anonymous.get("/openapi.json");
        assertThat(reply.status()).as("the document without a token: %s", reply.body()).isEqualTo(200);
        document = reply.json();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hss != null) {
            hss.close();
        }
    }

    @Test
    void theDocumentNeedsNoTokenWhileTheDataStillDoes() throws Exception {
        assertThat(document.get("openapi").asText()).startsWith("3.");
        for (String path : List.of("/subscribers", "/subscribers/alice", "/service-profiles", "/audit", "/cluster",
                "/registrations/sip%3Aalice%40ims.example.org")) {
            assertThat(anonymous.get(path).status()).as("GET %s without a token", path).isEqualTo(401);
        }
        assertThat(anonymous.get("/openapi.json/../subscribers").status()).isNotEqualTo(200);
        assertThat(anonymous.withToken("not-a-token").get("/subscribers").status()).isEqualTo(401);
        assertThat(anonymous.withToken(READER).get("/subscribers").status()).isEqualTo(200);
    }

    @Test
    void everyOperationHasItsOwnMeaningfulId() {
        Map<String, JsonNode> operations = operations();
        assertThat(operations).hasSizeGreaterThan(40);
        Set<String> ids = new HashSet<>();
        operations.forEach((name, operation) -> {
            String id = operation.path("operationId").asText("");
            assertThat(id).as("operationId of %s", name).isNotBlank().doesNotMatch(GENERIC).doesNotMatch(".*_\\d+$");
            assertThat(ids.add(id)).as("operationId %s of %s is unique", id, name).isTrue();
        });
        assertThat(ids).contains("listSubscribers", "getSubscriber", "createSubscriber", "replaceSubscriber",
                "deleteSubscriber", "importSubscribers", "exportSubscribers", "getRegistration",
                "deregisterPublicIdentity", "listServiceProfiles", "replaceApplicationServer", "listPublicIdentities",
                "listPrivateIdentities", "listImsis");
    }

    @Test
    void everyOperationSaysItsStatusesAndErrorsAreProblems() {
        operations().forEach((name, operation) -> {
            JsonNode responses = operation.get("responses");
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            assertThat(codes).as("responses of %s", name).doesNotContain("default").contains("401", "403")
                    .anyMatch(code -> code.startsWith("2"));
            for (String code : codes) {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertThat(responses.at("/" + code + "/content/application~1json/schema/$ref").asText())
                            .as("%s answer of %s", code, name).isEqualTo(PROBLEM);
                }
            }
        });
        assertThat(operation("/subscribers/{id}", "put").get("responses").has("412")).isTrue();
        assertThat(operation("/subscribers/{id}", "get").at("/responses/200/content/application~1json/schema/$ref")
                .asText()).endsWith("/Subscription");
        assertThat(operation("/subscribers/{id}", "get").at("/responses/200/headers").has("ETag")).isTrue();
        assertThat(operation("/subscribers", "post").get("responses").has("409")).isTrue();
        assertThat(operation("/subscribers", "get").get("responses").has("404")).isFalse();
        JsonNode problem = document.at("/components/schemas/Problem");
        assertThat(texts(problem.get("required"))).contains("status", "title");
        assertThat(problem.at("/properties/errors/type").asText()).isEqualTo("array");
    }

    @Test
    void requestAndResponseSchemasSayWhatIsRequiredAndAllowed() {
        JsonNode schemas = document.at("/components/schemas");
        assertThat(texts(schemas.at("/ShApplicationServer/required"))).contains("diameterHost");
        assertThat(texts(schemas.at("/DataReference/enum"))).contains("RepositoryData", "IMSUserState", "DSAI");
        assertThat(texts(schemas.at("/PublicId/properties/type/enum"))).contains("DISTINCT_PSI");
        assertThat(texts(schemas.at("/PublicId/required"))).contains("identity");
        assertThat(schemas.at("/PrivateId/properties/k/writeOnly").asBoolean()).isTrue();
        assertThat(schemas.at("/Ifc/properties/priority/example").asInt()).isEqualTo(10);
        List<String> names = new ArrayList<>();
        schemas.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("schema names a generated client can tell apart")
                .doesNotContain("Result", "Status", "Outcome", "Member");
    }

    @Test
    void theBearerSchemeIsDeclaredAndAppliesToEverything() {
        assertThat(document.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("bearer")).isTrue();
    }

    @Test
    void swaggerUiIsServedFromThisServer() throws Exception {
        RestClient root = anonymous.root();
        RestClient.Reply page = root.get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"/api/docs/swagger-ui-bundle.js\"></script>")
                .contains("\"/api/v1/openapi.json\"").doesNotContain("https://", "http://");
        RestClient.Reply bundle = root.get("/api/docs/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("Content-Type")).startsWith("text/javascript");
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(root.get("/api/docs/swagger-ui.css").status()).isEqualTo(200);
        assertThat(root.get("/api/docs/").status()).isEqualTo(200);
        assertThat(root.get("/api/docs/no-such-file.js").status()).isEqualTo(404);
        assertThat(root.get("/api/docs/pom.properties").status()).isEqualTo(404);
    }

    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(method -> operations.put(method.getKey().toUpperCase(java.util.Locale.ROOT) + " "
                        + path.getKey(), method.getValue())));
        return operations;
    }

    private static JsonNode operation(String path, String method) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as("%s %s", method, path).isFalse();
        return operation;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
