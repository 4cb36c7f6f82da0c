package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.imshss.hss.testing.Cx.HOME;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.client.ApiClient;
import org.imshss.hss.client.ApiException;
import org.imshss.hss.client.ApiResponse;
import org.imshss.hss.client.api.AuditApi;
import org.imshss.hss.client.api.EpsApi;
import org.imshss.hss.client.api.RegistrationsApi;
import org.imshss.hss.client.api.ServiceDataApi;
import org.imshss.hss.client.api.SubscribersApi;
import org.imshss.hss.client.model.Ambr;
import org.imshss.hss.client.model.ApnProfile;
import org.imshss.hss.client.model.Arp;
import org.imshss.hss.client.model.AuditEntry;
import org.imshss.hss.client.model.DataReference;
import org.imshss.hss.client.model.FieldError;
import org.imshss.hss.client.model.ImplicitSet;
import org.imshss.hss.client.model.ImsiOwner;
import org.imshss.hss.client.model.NetworkUpdateOutcome;
import org.imshss.hss.client.model.PrivateId;
import org.imshss.hss.client.model.Problem;
import org.imshss.hss.client.model.PublicId;
import org.imshss.hss.client.model.Registration;
import org.imshss.hss.client.model.Subscription;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's provisioning scenarios through a client generated at build time from the OpenAPI document
 * (openapi-generator, Java native HttpClient), against a running HSS: if the document misdescribes the API, the
 * client does not compile or these calls fail.
 */
class GeneratedClientIT {

    private static final String TOKEN = "generated-client-token-01";
    /** Where the build wrote the document the client was generated from (see the POM). */
    private static final Path GENERATED_FROM = Path.of("target", "openapi", "hss-openapi.json");
    private static final String ALICE_SIP = "sip:alice@ims.example.org";

    private static TestHss hss;
    private static DiameterTestPeer scscf;
    private static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startDemoWithRest(List.of(new ApiToken("provisioner", Role.ADMIN, TOKEN)));
        scscf = hss.peer("scscf1.ims.example.org");
        scscf.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
        URI base = hss.node().restUri();
        // Grizzly answers an h2c upgrade badly: HTTP/1.1 only.
        client = new ApiClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1), new ObjectMapper()
                .findAndRegisterModules(), base.toString());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        if (scscf != null) {
            scscf.close();
        }
        if (hss != null) {
            hss.close();
        }
    }

    @Test
    void theClientWasGeneratedFromTheDocumentTheHssServes() throws Exception {
        HttpResponse<String> served = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(hss.node().restUri() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(served.body())).isEqualTo(json.readTree(Files.readString(GENERATED_FROM)));
    }

    @Test
    void createReadAndDeleteDaveAsTheReadmeDoes() throws Exception {
        SubscribersApi subscribers = new SubscribersApi(client);
        Subscription created = subscribers.createSubscriber(dave("000102030405060708090a0b0c0d0e0f"));
        assertThat(created.getId()).isEqualTo("dave");
        assertThat(created.getPrivateIdentities().get(0).getK()).as("credentials are write-only").isNull();
        assertThat(created.getPrivateIdentities().get(0).getPassword()).isNull();

        ApiResponse<Subscription> read = subscribers.getSubscriberWithHttpInfo("dave");
        assertThat(read.getHeaders()).hasEntrySatisfying("etag", tag -> assertThat(tag).hasSize(1));
        assertThat(read.getData().getPublicIdentities()).extracting(PublicId::getIdentity)
                .containsExactly("sip:dave@ims.example.org", "tel:+15550104");
        assertThat(read.getData().getPublicIdentities().get(0).getDisplayName()).isEqualTo("Dave");
        assertThat(result(Cx.uar(scscf, "dave@ims.example.org", "sip:dave@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);

        subscribers.deleteSubscriber("dave", null);
        assertThat(catchThrowableOfType(ApiException.class, () -> subscribers.getSubscriber("dave")).getCode())
                .isEqualTo(404);
        assertThat(new AuditApi(client).listAuditEntries(null, "dave", 10).getItems())
                .extracting(AuditEntry::getAction).containsExactly("DELETE", "CREATE");
    }

    @Test
    void anApnProfileIsWrittenReadAndDeletedAndAliceFoundByHerImsi() throws Exception {
        EpsApi eps = new EpsApi(client);
        ApnProfile written = eps.putApnProfile("client-web", new ApnProfile().serviceSelection("web.example")
                .pdnType(ApnProfile.PdnTypeEnum.IPV4V6).qci(8).arp(new Arp().priorityLevel(4))
                .ambr(new Ambr().uplink(1_000_000L).downlink(2_000_000L)));
        assertThat(written.getId()).isEqualTo("client-web");
        assertThat(written.getArp().getPreemptionVulnerability()).isTrue();
        assertThat(eps.getApnProfile("client-web").getQci()).isEqualTo(8);
        assertThat(eps.listApnProfiles()).extracting(ApnProfile::getId).contains("internet", "ims", "client-web");
        eps.deleteApnProfile("client-web");
        assertThat(catchThrowableOfType(ApiException.class, () -> eps.getApnProfile("client-web")).getCode())
                .isEqualTo(404);
        // Alice's demo USIM refers to "ims": it stays.
        assertThat(catchThrowableOfType(ApiException.class, () -> eps.deleteApnProfile("ims")).getCode())
                .isEqualTo(409);
        ImsiOwner alice = eps.getSubscriberByImsi("001010000000001");
        assertThat(alice.getSubscriptionId()).isEqualTo("alice");
    }

    /**
     * The NDJSON bulk transfer through the generated methods: bob exported, his line imported back unchanged, and
     * a copy of it under other names, with a password and keys, imported as a new subscriber the HSS then serves.
     */
    @Test
    void bobIsExportedImportedBackAndCopiedAsANewSubscriber() throws Exception {
        SubscribersApi subscribers = new SubscribersApi(client);
        ObjectMapper json = client.getObjectMapper();
        File exported = subscribers.exportSubscribers("bob");
        List<String> lines;
        try {
            lines = Files.readAllLines(exported.toPath()).stream().filter(line -> !line.isBlank()).toList();
        } finally {
            Files.delete(exported.toPath());
        }
        assertThat(lines).hasSize(1);
        // Read as the documented Subscription: an undocumented field would fail here.
        Subscription bob = json.readValue(lines.get(0), Subscription.class);
        assertThat(bob.getId()).isEqualTo("bob");
        assertThat(bob.getPrivateIdentities().get(0).getPassword()).as("exported without credentials").isNull();
        assertThat(lines.get(0)).doesNotContain("465b5ce8b199b49faa5f0a2ee238a6bc");

        Subscription copy = json.readValue(lines.get(0).replace("bob", "bobby"), Subscription.class);
        copy.getPrivateIdentities().get(0).password("bobby-secret").k("000102030405060708090a0b0c0d0e0f")
                .op("cdc202d5123e20f62b6d676ac72cb318");
        List<JsonNode> results = importLines(subscribers, lines.get(0), json.writeValueAsString(copy));
        assertThat(results.get(0).get("id").asText()).isEqualTo("bob");
        assertThat(results.get(0).get("result").asText()).as(results.get(0).toString()).isEqualTo("unchanged");
        assertThat(results.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(results.get(1).get("result").asText()).as(results.get(1).toString()).isEqualTo("created");
        assertThat(results.get(1).get("status").asInt()).isEqualTo(201);

        Subscription bobby = subscribers.getSubscriber("bobby");
        assertThat(bobby.getPublicIdentities()).extracting(PublicId::getIdentity)
                .containsExactly("sip:bobby@ims.example.org");
        assertThat(bobby.getPublicIdentities().get(0).getDisplayName()).isEqualTo("Bob");
        assertThat(result(Cx.uar(scscf, "bobby@ims.example.org", "sip:bobby@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        assertThat(result(Cx.uar(scscf, "bob@ims.example.org", "sip:bob@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    private static List<JsonNode> importLines(SubscribersApi subscribers, String... lines) throws Exception {
        File answer = subscribers.importSubscribers(String.join("\n", lines) + "\n", null, null);
        try {
            List<JsonNode> results = new ArrayList<>();
            for (String line : Files.readAllLines(answer.toPath())) {
                if (!line.isBlank()) {
                    results.add(client.getObjectMapper().readTree(line));
                }
            }
            assertThat(results).hasSize(lines.length);
            return results;
        } finally {
            Files.delete(answer.toPath());
        }
    }

    @Test
    void registrationStateAndAdministrativeDeregistration() throws Exception {
        assertThat(result(Cx.sar(scscf, "alice@ims.example.org", ALICE_SIP, SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        RegistrationsApi registrations = new RegistrationsApi(client);
        Registration registered = registrations.getRegistration(ALICE_SIP);
        assertThat(registered.getState()).isEqualTo(Registration.StateEnum.REGISTERED);
        assertThat(registered.getScscfName()).isEqualTo(SCSCF1);

        NetworkUpdateOutcome outcome = registrations.deregisterPublicIdentity(ALICE_SIP, null);
        assertThat(outcome.getStatus()).isEqualTo(NetworkUpdateOutcome.StatusEnum.ANSWERED);
        assertThat(outcome.getResultCode()).isEqualTo(2001);
        Request rtr = scscf.nextReceived(10, TimeUnit.SECONDS);
        assertThat(rtr.getCommandCode()).isEqualTo(Command.RTR.code());
        assertThat(registrations.getRegistration(ALICE_SIP).getState())
                .isEqualTo(Registration.StateEnum.NOT_REGISTERED);
    }

    @Test
    void aBadFieldComesBackAsAProblemNamingIt() throws Exception {
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> new SubscribersApi(client).createSubscriber(dave("not-hex")));
        assertThat(refused.getCode()).isEqualTo(400);
        Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getErrors()).extracting(FieldError::getField).contains("privateIdentities[0].k");
    }

    @Test
    void theDemoApplicationServerMayUseSh() throws Exception {
        var as = new ServiceDataApi(client).getApplicationServer("as.ims.example.org");
        assertThat(as.getRead()).contains(DataReference.REPOSITORY_DATA, DataReference.IMS_USER_STATE,
                DataReference.S_CSCF_NAME);
        assertThat(as.getUpdate()).containsExactly(DataReference.REPOSITORY_DATA);
        assertThat(as.getSubscribe()).contains(DataReference.REPOSITORY_DATA, DataReference.IMS_USER_STATE);
    }

    /** The README's dave: SIP Digest and AKA credentials, two public identities in one implicit set. */
    private static Subscription dave(String k) {
        return new Subscription().id("dave").allowedVisitedNetworks(List.of(HOME)).chargingInformation("default")
                .privateIdentities(List.of(new PrivateId().impi("dave@ims.example.org").password("dave-secret").k(k)
                        .op("cdc202d5123e20f62b6d676ac72cb318")
                        .publicIdentities(List.of("sip:dave@ims.example.org", "tel:+15550104"))))
                .implicitRegistrationSets(List.of(new ImplicitSet()
                        .publicIdentities(List.of("sip:dave@ims.example.org", "tel:+15550104"))))
                .publicIdentities(List.of(
                        new PublicId().identity("sip:dave@ims.example.org").serviceProfile("default").displayName("Dave"),
                        new PublicId().identity("tel:+15550104").serviceProfile("default")));
    }
}
