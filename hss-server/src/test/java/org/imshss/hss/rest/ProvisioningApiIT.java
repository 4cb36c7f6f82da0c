package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.HOME;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;
import static org.imshss.hss.testing.RestClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.UserDataXml;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provisioning API over real HTTP/1.1 against a real HSS (embedded Ignite, jDiameter), with a real
 * S-CSCF peer that receives the PPRs and RTRs the changes cause.
 */
class ProvisioningApiIT {

    private static final String ADMIN = "admin-secret-token-0001";
    private static final String PROVISIONER = "provision-secret-token-01";
    private static final String READER = "read-only-secret-token-01";
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final String K = "000102030405060708090a0b0c0d0e0f";

    private static TestHss hss;
    private static DiameterTestPeer scscf;
    private static RestClient api;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithRest(List.of(new ApiToken("ops-admin", Role.ADMIN, ADMIN),
                new ApiToken("oss-script", Role.PROVISION, PROVISIONER), new ApiToken("viewer", Role.READ, READER)));
        scscf = hss.peer("scscf1.ims.example.org");
        api = new RestClient(hss.node().restUri(), PROVISIONER);
    }

    @AfterAll
    static void stop() throws Exception {
        scscf.close();
        hss.close();
    }

    @BeforeEach
    void drain() throws Exception {
        scscf.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
        while (scscf.nextReceived(0, TimeUnit.MILLISECONDS) != null) {
            // drop what earlier tests left
        }
    }

    private static String subscriber(String user) {
        return """
                {"id": "%1$s", "allowedVisitedNetworks": ["ims.example.org"], "chargingInformation": "default",
                 "privateIdentities": [{"impi": "%1$s@ims.example.org", "password": "%2$s",
                   "k": "%3$s", "op": "cdc202d5123e20f62b6d676ac72cb318",
                   "publicIdentities": ["sip:%1$s@ims.example.org", "sip:%1$s.alt@ims.example.org"]}],
                 "implicitRegistrationSets": [["sip:%1$s@ims.example.org", "sip:%1$s.alt@ims.example.org"]],
                 "publicIdentities": [
                   {"identity": "sip:%1$s@ims.example.org", "serviceProfile": "default", "displayName": "%1$s"},
                   {"identity": "sip:%1$s.alt@ims.example.org", "serviceProfile": "default"}]}
                """.formatted(user, PASSWORD, K);
    }

    private static RestClient.Reply create(String user) throws Exception {
        RestClient.Reply created = api.post("/subscribers", subscriber(user));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    private static void register(String user) throws Exception {
        assertThat(result(Cx.sar(scscf, user + "@ims.example.org", "sip:" + user + "@ims.example.org", SCSCF1,
                "REGISTRATION"))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
    }

    private static List<String> errorFields(RestClient.Reply reply) {
        List<String> fields = new ArrayList<>();
        reply.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    void everyRequestNeedsAKnownTokenAndTheRightRole() throws Exception {
        RestClient.Reply anonymous = api.withToken(null).get("/subscribers/alice");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.json().get("status").asInt()).isEqualTo(401);
        assertThat(api.withToken("not-a-configured-token-xyz").get("/subscribers/alice").status()).isEqualTo(401);

        RestClient reader = api.withToken(READER);
        assertThat(reader.get("/subscribers/alice").status()).isEqualTo(200);
        assertThat(reader.post("/subscribers", subscriber("rest-mallory")).status()).isEqualTo(403);
        assertThat(api.get("/subscribers/rest-mallory").status()).isEqualTo(404);
        // De-registration and the audit trail are for administrators only.
        assertThat(api.delete("/registrations/" + segment("sip:alice@ims.example.org")).status()).isEqualTo(403);
        assertThat(api.get("/audit").status()).isEqualTo(403);
    }

    @Test
    void aCreatedSubscriberAuthenticatesOverCxAndItsSecretsNeverComeBack() throws Exception {
        RestClient.Reply created = create("rest-dave");
        assertThat(created.header("Location")).endsWith("/api/v1/subscribers/rest-dave");
        assertThat(created.header("ETag")).as("a version, never a hash of the stored credentials").matches("\"[0-9a-f]{16}-v1\"");

        RestClient.Reply read = api.get("/subscribers/rest-dave");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
        JsonNode doc = read.json();
        assertThat(doc.at("/privateIdentities/0/impi").asText()).isEqualTo("rest-dave@ims.example.org");
        assertThat(doc.at("/privateIdentities/0/authSchemes").toString())
                .contains("SIP Digest", "Digest-AKAv1-MD5");
        assertThat(doc.at("/implicitRegistrationSets/0/publicIdentities").size()).isEqualTo(2);
        assertThat(read.body()).doesNotContain(PASSWORD, K, "\"password\"", "\"k\"", "\"ha1\"", "\"opc\"");

        // The Cx procedures see the new subscriber at once: a MAR gets the H(A1) of the provisioned password.
        Answer maa = Cx.mar(scscf, "rest-dave@ims.example.org", "sip:rest-dave@ims.example.org", "SIP Digest", 1, SCSCF1, null);
        assertThat(result(maa)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        AvpSet item = Avps.grouped(maa.getAvps(), Avp.SIP_AUTH_DATA_ITEM).orElseThrow();
        AvpSet digest = Avps.grouped(item, Avp.SIP_DIGEST_AUTHENTICATE).orElseThrow();
        assertThat(Avps.utf8(digest, Avp.DIGEST_HA1)).contains(md5Hex("rest-dave@ims.example.org:ims.example.org:" + PASSWORD));

        RestClient.Reply privateView = api.get("/private-identities/" + segment("rest-dave@ims.example.org"));
        assertThat(privateView.json().get("sipDigestCredentials").asBoolean()).isTrue();
        assertThat(privateView.json().get("akaCredentials").asBoolean()).isTrue();
        assertThat(privateView.body()).doesNotContain(PASSWORD, K);
    }

    @Test
    void badDocumentsGet400NamingEveryBadField() throws Exception {
        String bad = subscriber("rest-erin").replace(K, "abc").replace("\"serviceProfile\": \"default\", \"displayName\"",
                "\"serviceProfile\": \"no-such-profile\", \"displayName\"").replace("\"sip:rest-erin.alt@ims.example.org\", \"serviceProfile\"",
                "\"mailto:rest-erin@ims.example.org\", \"serviceProfile\"");
        RestClient.Reply reply = api.post("/subscribers", bad);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(errorFields(reply)).contains("privateIdentities[0].k", "publicIdentities[0].serviceProfile",
                "publicIdentities[1].identity");
        assertThat(reply.body()).doesNotContain("abc\"").doesNotContain("Exception");

        RestClient.Reply spaced = api.post("/subscribers", subscriber("rest-erin").replace(
                "\"identity\": \"sip:rest-erin.alt@ims.example.org\"", "\"identity\": \"sip:erin alt@ims.example.org\""));
        assertThat(spaced.status()).isEqualTo(400);
        assertThat(spaced.body()).contains("not a SIP URI");

        RestClient.Reply unknownField = api.post("/subscribers", "{\"id\": \"rest-erin\", \"colour\": \"blue\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(errorFields(unknownField)).containsExactly("colour");

        RestClient.Reply wrongType = api.post("/subscribers", "{\"id\": \"rest-erin\", \"privateIdentities\": 7}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(errorFields(wrongType)).containsExactly("privateIdentities");

        RestClient.Reply malformed = api.post("/subscribers", "{\"id\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("title").asText()).isEqualTo("malformed JSON");

        RestClient.Reply deep = api.post("/subscribers", "[".repeat(5000) + "]".repeat(5000));
        assertThat(deep.status()).isEqualTo(400);

        assertThat(api.post("/subscribers", "text/plain", "hello").status()).isEqualTo(415);
        assertThat(api.get("/subscribers?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/subscribers/rest-erin").status()).isEqualTo(404);
    }

    @Test
    void duplicatesAreConflicts() throws Exception {
        create("rest-frank");
        RestClient.Reply again = api.post("/subscribers", subscriber("rest-frank"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(errorFields(again)).containsExactly("id");

        // Another subscriber may not take alice's identity.
        String thief = subscriber("rest-grace").replace("sip:rest-grace.alt@ims.example.org", "sip:alice@ims.example.org");
        RestClient.Reply taken = api.post("/subscribers", thief);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(errorFields(taken)).contains("publicIdentities[1].identity");
        assertThat(hss.node().store().publicIdentity("sip:alice@ims.example.org").orElseThrow().subscriptionId())
                .isEqualTo("alice");
        assertThat(api.get("/subscribers/rest-grace").status()).isEqualTo(404);
    }

    @Test
    void ifMatchGuardsAgainstLostUpdates() throws Exception {
        String etag = create("rest-heidi").header("ETag");
        String renamed = subscriber("rest-heidi").replace("\"displayName\": \"rest-heidi\"", "\"displayName\": \"Heidi H.\"");
        RestClient.Reply first = api.put("/subscribers/rest-heidi", renamed, etag);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isNotEqualTo(etag);
        assertThat(api.put("/subscribers/rest-heidi", subscriber("rest-heidi"), etag).status()).isEqualTo(412);
        assertThat(api.delete("/subscribers/rest-heidi", etag).status()).isEqualTo(412);
        assertThat(api.get("/subscribers/rest-heidi").json().at("/publicIdentities/0/displayName").asText())
                .isEqualTo("Heidi H.");
        // A document read back (without credentials) can be written again and keeps the credentials.
        RestClient.Reply current = api.get("/subscribers/rest-heidi");
        RestClient.Reply rewritten = api.put("/subscribers/rest-heidi", current.body(), current.header("ETag"));
        assertThat(rewritten.status()).as(rewritten.body()).isEqualTo(200);
        assertThat(rewritten.header("ETag")).isEqualTo(current.header("ETag"));
        assertThat(api.delete("/subscribers/rest-heidi", current.header("ETag")).status()).isEqualTo(204);
    }

    @Test
    void concurrentWritesWithTheSameVersionHaveExactlyOneWinner() throws Exception {
        String etag = create("rest-race").header("ETag");
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = subscriber("rest-race").replace("\"displayName\": \"rest-race\"",
                        "\"displayName\": \"writer " + i + "\"");
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.put("/subscribers/rest-race", body, etag).status();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> status : statuses) {
                results.add(status.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).containsOnly(200, 412);
            assertThat(results.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        JsonNode audit = api.withToken(ADMIN).get("/audit?object=rest-race").json();
        assertThat(audit.get("items").size()).isEqualTo(2);
    }

    @Test
    void aChangedProfileIsPushedToTheServingScscf() throws Exception {
        create("rest-ivan");
        register("rest-ivan");
        String changed = subscriber("rest-ivan").replace("\"displayName\": \"rest-ivan\"", "\"displayName\": \"Ivan the Great\"");
        assertThat(api.put("/subscribers/rest-ivan", changed).status()).isEqualTo(200);

        Request ppr = scscf.nextReceived(1, TimeUnit.SECONDS);
        assertThat(ppr).as("PPR within 1 s").isNotNull();
        assertThat(ppr.getCommandCode()).isEqualTo(Command.PPR.code());
        assertThat(Avps.utf8(ppr.getAvps(), Avp.USER_NAME)).contains("rest-ivan@ims.example.org");
        UserDataXml xml = UserDataXml.parseValid(new String(Avps.octets(ppr.getAvps(), Avp.USER_DATA_CX).orElseThrow(),
                StandardCharsets.UTF_8));
        assertThat(xml.texts("//PublicIdentity/Identity"))
                .containsExactly("sip:rest-ivan@ims.example.org", "sip:rest-ivan.alt@ims.example.org");
        assertThat(xml.texts("//PublicIdentity/Extension/Extension/DisplayName")).contains("Ivan the Great");
    }

    @Test
    void aChangedIfcReachesEveryRegisteredUserOfItsProfile() throws Exception {
        create("rest-judy");
        register("rest-judy");
        String ifc = """
                {"priority": 5, "triggerPoint": {"conditionTypeCnf": true, "spts": [{"groups": [0], "method": "MESSAGE"}]},
                 "applicationServer": {"serverName": "sip:im-as.ims.example.org", "defaultHandling": 0}}""";
        assertThat(api.put("/ifcs/rest-judy-im", ifc).status()).isEqualTo(201);
        assertThat(api.put("/service-profiles/rest-judy-profile", "{\"ifcs\": [\"rest-judy-im\"]}").status()).isEqualTo(201);
        String moved = subscriber("rest-judy").replace("\"serviceProfile\": \"default\"", "\"serviceProfile\": \"rest-judy-profile\"");
        assertThat(api.put("/subscribers/rest-judy", moved).status()).isEqualTo(200);
        assertThat(scscf.nextReceived(2, TimeUnit.SECONDS).getCommandCode()).isEqualTo(Command.PPR.code());

        String retargeted = ifc.replace("sip:im-as.ims.example.org", "sip:im-as2.ims.example.org");
        assertThat(api.put("/ifcs/rest-judy-im", retargeted).status()).isEqualTo(200);
        Request ppr = scscf.nextReceived(2, TimeUnit.SECONDS);
        assertThat(ppr.getCommandCode()).isEqualTo(Command.PPR.code());
        UserDataXml xml = UserDataXml.parseValid(new String(Avps.octets(ppr.getAvps(), Avp.USER_DATA_CX).orElseThrow(),
                StandardCharsets.UTF_8));
        assertThat(xml.texts("//ApplicationServer/ServerName")).contains("sip:im-as2.ims.example.org");

        // Still in use: the profile cannot go, nor the iFC.
        assertThat(api.delete("/service-profiles/rest-judy-profile").status()).isEqualTo(409);
        assertThat(api.delete("/ifcs/rest-judy-im").status()).isEqualTo(409);
        RestClient.Reply badIfc = api.put("/ifcs/broken", "{\"priority\": -1, \"applicationServer\": {}}");
        assertThat(badIfc.status()).isEqualTo(400);
        assertThat(errorFields(badIfc)).contains("applicationServer.serverName");
    }

    @Test
    void deletingARegisteredSubscriberSendsRtrPermanentTermination() throws Exception {
        create("rest-ken");
        register("rest-ken");
        assertThat(api.delete("/subscribers/rest-ken").status()).isEqualTo(204);

        Request rtr = scscf.nextReceived(2, TimeUnit.SECONDS);
        assertThat(rtr.getCommandCode()).isEqualTo(Command.RTR.code());
        assertThat(Avps.utf8All(rtr.getAvps(), Avp.PUBLIC_IDENTITY))
                .containsExactly("sip:rest-ken@ims.example.org", "sip:rest-ken.alt@ims.example.org");
        AvpSet reason = Avps.grouped(rtr.getAvps(), Avp.DEREGISTRATION_REASON).orElseThrow();
        assertThat(Avps.enumerated(reason, Avp.REASON_CODE).getAsInt())
                .isEqualTo(Avp.REASON_CODE.enumValue("PERMANENT_TERMINATION"));
        assertThat(result(Cx.uar(scscf, "rest-ken@ims.example.org", "sip:rest-ken@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(api.get("/subscribers/rest-ken").status()).isEqualTo(404);
        assertThat(hss.node().store().privateIdentity("rest-ken@ims.example.org")).isEmpty();
    }

    @Test
    void administrativeDeregistrationSendsRtrAndReportsTheAnswer() throws Exception {
        create("rest-leo");
        register("rest-leo");
        RestClient admin = api.withToken(ADMIN);
        String path = "/registrations/" + segment("sip:rest-leo.alt@ims.example.org");
        assertThat(admin.get(path).json().get("state").asText()).isEqualTo("REGISTERED");

        RestClient.Reply reply = admin.delete(path + "?reason=SERVER_CHANGE");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("ANSWERED");
        assertThat(reply.json().get("resultCode").asInt()).isEqualTo(2001);
        Request rtr = scscf.nextReceived(2, TimeUnit.SECONDS);
        AvpSet reason = Avps.grouped(rtr.getAvps(), Avp.DEREGISTRATION_REASON).orElseThrow();
        assertThat(Avps.enumerated(reason, Avp.REASON_CODE).getAsInt())
                .isEqualTo(Avp.REASON_CODE.enumValue("SERVER_CHANGE"));
        assertThat(admin.get(path).json().get("state").asText()).isEqualTo("NOT_REGISTERED");
        assertThat(admin.delete(path + "?reason=LUNCH").status()).isEqualTo(400);
        assertThat(admin.get("/registrations/" + segment("sip:nobody@ims.example.org")).status()).isEqualTo(404);
    }

    @Test
    void bulkImportReportsEachLineAndExportReadsBack() throws Exception {
        String ndjson = subscriber("bulk-a").replace("\n", " ") + "\n"
                + "{\"id\": \"bulk-b\", \"privateIdentities\": [{\"impi\": \"bulk-b@ims.example.org\", \"k\": \"zz\"}]}\n"
                + "not json\n"
                + "\n"
                + subscriber("bulk-c").replace("\n", " ") + "\n"
                + subscriber("bulk-a").replace("\n", " ") + "\n"
                + subscriber("bulk-d").replace("sip:bulk-d.alt@", "sip:alice@").replace("\n", " ") + "\n"
                + subscriber("bulk-e").replace("sip:bulk-e.alt@", "sip:bulk-c.alt@").replace("\n", " ") + "\n";
        RestClient.Reply reply = api.post("/subscribers/import", "application/x-ndjson", ndjson);
        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> results = new ArrayList<>();
        for (String line : reply.body().split("\n")) {
            results.add(new RestClient.Reply(200, line, null).json());
        }
        assertThat(results).hasSize(7);
        assertThat(results.get(0).get("result").asText()).isEqualTo("created");
        assertThat(results.get(1).get("result").asText()).isEqualTo("failed");
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).toString()).contains("privateIdentities[0].k");
        assertThat(results.get(2).get("line").asInt()).isEqualTo(3);
        assertThat(results.get(2).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(3).get("line").asInt()).isEqualTo(5);
        assertThat(results.get(3).get("result").asText()).isEqualTo("created");
        assertThat(results.get(4).get("result").asText()).isEqualTo("unchanged");
        // Identities of another subscriber, stored or earlier in the same import, are conflicts.
        assertThat(results.get(5).get("status").asInt()).isEqualTo(409);
        assertThat(results.get(5).toString()).contains("sip:alice@ims.example.org");
        assertThat(results.get(6).get("status").asInt()).isEqualTo(409);
        assertThat(results.get(6).toString()).contains("bulk-c");
        assertThat(api.get("/subscribers/bulk-d").status()).isEqualTo(404);
        assertThat(hss.node().store().publicIdentity("sip:alice@ims.example.org").orElseThrow().subscriptionId())
                .isEqualTo("alice");

        RestClient.Reply export = api.get("/subscribers/export?prefix=bulk-");
        List<String> exported = new ArrayList<>();
        for (String line : export.body().split("\n")) {
            exported.add(new RestClient.Reply(200, line, null).json().get("id").asText());
        }
        assertThat(exported).containsExactlyInAnyOrder("bulk-a", "bulk-c");
        assertThat(export.body()).doesNotContain(PASSWORD, K);
    }

    /**
     * Java's HttpClient, like many clients, reads no answer before it has sent the whole request. An import
     * answering while it reads would, on a long import, fill the connection with results nobody reads and then stop
     * reading itself: both sides would wait. So no result goes out before the request has been read to its end:
     * here half of a request (5,000 lines, five batches) gets no answer byte within two seconds, the whole gets
     * every line's result.
     */
    @Test
    void anImportAnswersOnlyOnceItsWholeRequestIsRead() throws Exception {
        importHalfThenRest("unread-", "", false);
    }

    /** With progress=true, for clients that read as they send, the stored batches are answered at once. */
    @Test
    void anImportWithProgressAnswersWhileTheRequestIsStillComing() throws Exception {
        importHalfThenRest("progress-", "?progress=true", true);
    }

    /** Sends 5,000 new subscribers, looks for an answer, then sends 5,000 more and reads every result. */
    private static void importHalfThenRest(String prefix, String query, boolean earlyAnswer) throws Exception {
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            (i < 5_000 ? first : second).append(subscriber(prefix + i).replace("\n", " ")).append('\n');
        }
        byte[] head = first.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = second.toString().getBytes(StandardCharsets.UTF_8);
        java.net.URI uri = hss.node().restUri();
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + "/subscribers/import" + query + " HTTP/1.1\r\nHost: "
                    + uri.getHost() + "\r\nAuthorization: Bearer " + PROVISIONER
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + (head.length + tail.length)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            if (earlyAnswer) {
                socket.setSoTimeout(20_000);
                answer.write(in.read());
            } else {
                socket.setSoTimeout(2_000);
                assertThat(org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class,
                        in::read)).as("nothing answered before the request's end").isNotNull();
            }

            socket.setSoTimeout(30_000);
            out.write(tail);
            out.flush();
            answer.write(in.readAllBytes());
            String text = answer.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200");
            assertThat(text.split("\"result\":\"created\"", -1)).hasSize(10_001);
            assertThat(text).contains("\"line\":10000,");
        }
    }

    /** An initial load turns the grid's write-ahead log off: only an administrator, only into an empty HSS. */
    @Test
    void anInitialLoadNeedsTheAdminRoleAndAnHssWithoutSubscribers() throws Exception {
        String line = subscriber("initial-a").replace("\n", " ") + "\n";

        RestClient.Reply provisioner = api.post("/subscribers/import?initialLoad=true", "application/x-ndjson", line);
        assertThat(provisioner.status()).isEqualTo(403);
        RestClient.Reply admin = api.withToken(ADMIN).post("/subscribers/import?initialLoad=true",
                "application/x-ndjson", line);
        assertThat(admin.status()).isEqualTo(409);
        assertThat(admin.json().toString()).contains("initialLoad", "subscribers are stored");
        assertThat(api.get("/subscribers/initial-a").status()).isEqualTo(404);
        assertThat(hss.node().store().hasSubscriptions()).isTrue();
    }

    @Test
    void listingPagesThroughSubscribersInIdOrder() throws Exception {
        for (String user : List.of("page-c", "page-a", "page-b")) {
            create(user);
        }
        JsonNode first = api.get("/subscribers?prefix=page-&limit=2").json();
        assertThat(ids(first)).containsExactly("page-a", "page-b");
        String cursor = first.get("next").asText();
        JsonNode second = api.get("/subscribers?prefix=page-&limit=2&cursor=" + segment(cursor)).json();
        assertThat(ids(second)).containsExactly("page-c");
        assertThat(second.has("next")).isFalse();
    }

    @Test
    void credentialsAreWriteOnlyAndChangesAreAuditedWithoutSecrets() throws Exception {
        create("rest-mia");
        String newPassword = "an0ther-Passw0rd";
        RestClient.Reply reset = api.put("/private-identities/" + segment("rest-mia@ims.example.org") + "/credentials",
                "{\"password\": \"" + newPassword + "\"}");
        assertThat(reset.status()).as(reset.body()).isEqualTo(204);
        Answer maa = Cx.mar(scscf, "rest-mia@ims.example.org", "sip:rest-mia@ims.example.org", "SIP Digest", 1, SCSCF1, null);
        AvpSet item = Avps.grouped(maa.getAvps(), Avp.SIP_AUTH_DATA_ITEM).orElseThrow();
        assertThat(Avps.utf8(Avps.grouped(item, Avp.SIP_DIGEST_AUTHENTICATE).orElseThrow(), Avp.DIGEST_HA1))
                .contains(md5Hex("rest-mia@ims.example.org:ims.example.org:" + newPassword));

        RestClient.Reply audit = api.withToken(ADMIN).get("/audit?object=rest-mia");
        assertThat(audit.status()).isEqualTo(200);
        JsonNode entries = audit.json().get("items");
        assertThat(entries.size()).isEqualTo(2);
        assertThat(entries.get(0).get("action").asText()).isEqualTo("UPDATE");
        assertThat(entries.get(0).get("actor").asText()).isEqualTo("oss-script");
        assertThat(entries.get(0).get("changes").toString()).contains("privateIdentities[rest-mia@ims.example.org].credentials");
        assertThat(entries.get(1).get("action").asText()).isEqualTo("CREATE");
        assertThat(audit.body()).doesNotContain(PASSWORD, newPassword, K, PROVISIONER);
    }

    @Test
    void changingOrRemovingAnScscfMovesTheUsersItCanNoLongerServe() throws Exception {
        // scscf1 gets a capability the subscriber needs, serves it, then loses the capability.
        assertThat(api.post("/scscfs", "{\"name\": \"" + SCSCF1 + "\", \"capabilities\": [7]}").status())
                .isIn(200, 201);
        String needy = subscriber("rest-nina").replace("\"chargingInformation\": \"default\",",
                "\"chargingInformation\": \"default\", \"mandatoryCapabilities\": [7],");
        assertThat(api.post("/subscribers", needy).status()).isEqualTo(201);
        register("rest-nina");
        create("rest-omar");
        register("rest-omar");

        assertThat(api.post("/scscfs", "{\"name\": \"" + SCSCF1 + "\", \"capabilities\": []}").status())
                .isEqualTo(200);
        Request rtr = scscf.nextReceived(2, TimeUnit.SECONDS);
        assertThat(rtr.getCommandCode()).isEqualTo(Command.RTR.code());
        assertThat(Avps.utf8All(rtr.getAvps(), Avp.PUBLIC_IDENTITY)).contains("sip:rest-nina@ims.example.org");
        AvpSet reason = Avps.grouped(rtr.getAvps(), Avp.DEREGISTRATION_REASON).orElseThrow();
        assertThat(Avps.enumerated(reason, Avp.REASON_CODE).getAsInt())
                .isEqualTo(Avp.REASON_CODE.enumValue("SERVER_CHANGE"));
        // rest-omar needs nothing scscf1 lacks: it stays.
        assertThat(scscf.nextReceived(500, TimeUnit.MILLISECONDS)).isNull();
        RestClient admin = api.withToken(ADMIN);
        assertThat(admin.get("/registrations/" + segment("sip:rest-omar@ims.example.org")).json().get("state")
                .asText()).isEqualTo("REGISTERED");

        // Removing the S-CSCF moves everyone it serves.
        assertThat(api.delete("/scscfs/" + segment(SCSCF1)).status()).isEqualTo(204);
        List<String> moved = new ArrayList<>();
        for (Request next = scscf.nextReceived(2, TimeUnit.SECONDS); next != null;
                next = scscf.nextReceived(500, TimeUnit.MILLISECONDS)) {
            moved.addAll(Avps.utf8All(next.getAvps(), Avp.PUBLIC_IDENTITY));
        }
        assertThat(moved).contains("sip:rest-omar@ims.example.org");
        assertThat(admin.get("/registrations/" + segment("sip:rest-omar@ims.example.org")).json().get("state")
                .asText()).isEqualTo("NOT_REGISTERED");
        assertThat(api.post("/scscfs", "{\"name\": \"" + SCSCF1 + "\", \"capabilities\": []}").status())
                .isEqualTo(201);
    }

    @Test
    void publicIdentitiesAreListedByPrefix() throws Exception {
        create("rest-pia");
        JsonNode page = api.get("/public-identities?prefix=" + segment("sip:rest-pia") + "&limit=1").json();
        assertThat(page.at("/items/0/identity").asText()).isEqualTo("sip:rest-pia.alt@ims.example.org");
        JsonNode next = api.get("/public-identities?prefix=" + segment("sip:rest-pia") + "&limit=1&cursor="
                + segment(page.get("next").asText())).json();
        assertThat(next.at("/items/0/identity").asText()).isEqualTo("sip:rest-pia@ims.example.org");
        assertThat(next.has("next")).isFalse();
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheServedOperations() throws Exception {
        RestClient.Reply reply = api.withToken(READER).get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode document = reply.json();
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/api/v1");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");

        java.util.Set<String> documented = new java.util.TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " "
                        + path.getKey())));
        java.util.Set<String> served = new java.util.TreeSet<>();
        for (Class<?> resource : hss.node().rest().resourceClasses()) {
            jakarta.ws.rs.Path root = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (resource.isAnnotationPresent(io.swagger.v3.oas.annotations.Hidden.class)) {
                continue;
            }
            for (java.lang.reflect.Method method : resource.getMethods()) {
                String verb = null;
                for (java.lang.annotation.Annotation a : method.getAnnotations()) {
                    jakarta.ws.rs.HttpMethod http = a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
                    if (http != null) {
                        verb = http.value();
                    }
                }
                if (verb == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = ("/" + root.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                served.add(verb + " " + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1)
                        : path));
            }
        }
        assertThat(served).hasSizeGreaterThan(25);
        assertThat(documented).isEqualTo(served);
        // Every documented operation says who may call it: all need the bearer token.
        assertThat(document.get("security").toString()).contains("bearer");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static String md5Hex(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }
}
