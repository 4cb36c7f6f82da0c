package org.imshss.provisioning.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imshss.http.ApiToken;
import org.imshss.http.RestServer;
import org.imshss.http.RestSettings;
import org.imshss.http.Role;
import org.imshss.provisioning.model.AaaRegistration;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.service.ApnProfileProvisioning;
import org.imshss.provisioning.service.BulkImport;
import org.imshss.provisioning.service.EpsAdministration;
import org.imshss.provisioning.service.NetworkUpdates;
import org.imshss.provisioning.service.RegistrationAdministration;
import org.imshss.provisioning.service.SecretRotation;
import org.imshss.provisioning.service.ServiceDataProvisioning;
import org.imshss.provisioning.service.SubscriberProvisioning;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.IgniteAuditLog;
import org.imshss.provisioning.store.IgniteShDataStore;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.provisioning.store.RecordUpdate;
import org.imshss.provisioning.store.SubscriberData;
import org.imshss.provisioning.store.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EPS part of the provisioning API over real HTTP against a real grid node: APN profiles, subscribers with
 * USIMs, IMSI lookups and EPS registrations. What the network is told is recorded by a {@link NetworkUpdates} of
 * the test: the S6a requests themselves are not what is under test here.
 */
class EpsProvisioningIT {

    private static final String ADMIN = "admin-secret-token-0001";
    private static final String PROVISIONER = "provision-secret-token-01";
    private static final String K = "000102030405060708090a0b0c0d0e0f";
    private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    private static final String ALICE_IMSI = "001010000000001";

    @TempDir
    static Path work;

    private static GridNode node;
    private static IgniteSubscriberStore store;
    private static RestServer server;
    private static final Recorded network = new Recorded();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper json = new ObjectMapper();

    /** What the services told the network. */
    private static final class Recorded implements NetworkUpdates {
        final List<List<String>> changed = new CopyOnWriteArrayList<>();
        final List<List<String>> removed = new CopyOnWriteArrayList<>();
        final List<String> detached = new CopyOnWriteArrayList<>();
        final List<EpsSubscription> befores = new CopyOnWriteArrayList<>();
        final List<List<String>> non3gppChanged = new CopyOnWriteArrayList<>();
        final List<List<String>> non3gppRemoved = new CopyOnWriteArrayList<>();
        final List<String> aaaDeregistered = new CopyOnWriteArrayList<>();

        @Override
        public void profileChanged(Collection<String> publicIdentities) {
        }

        @Override
        public void chargingChanged(Collection<String> subscriptionIds) {
        }

        @Override
        public CompletableFuture<Outcome> terminate(Collection<String> publicIdentities, Reason reason) {
            return CompletableFuture.completedFuture(new Outcome("NOT_SERVED", null, null));
        }

        @Override
        public void epsSubscriptionChanged(Collection<String> imsis) {
            changed.add(List.copyOf(imsis));
        }

        @Override
        public void epsSubscriptionChanged(String imsi, EpsSubscription before) {
            befores.add(before);
            epsSubscriptionChanged(List.of(imsi));
        }

        @Override
        public void epsSubscribersRemoved(Collection<String> imsis) {
            // Called before the USIMs go, so that their serving nodes can still be read.
            imsis.forEach(imsi -> assertThat(store.eps().usim(imsi)).as("USIM %s still stored", imsi).isPresent());
            removed.add(List.copyOf(imsis));
        }

        @Override
        public CompletableFuture<Outcome> detach(String imsi) {
            detached.add(imsi);
            return CompletableFuture.completedFuture(new Outcome("ANSWERED", 2001, null));
        }

        @Override
        public void non3gppSubscriptionChanged(Collection<String> imsis) {
            non3gppChanged.add(List.copyOf(imsis));
        }

        @Override
        public void non3gppSubscribersRemoved(Collection<String> imsis) {
            imsis.forEach(imsi -> assertThat(store.eps().usim(imsi)).as("USIM %s still stored", imsi).isPresent());
            non3gppRemoved.add(List.copyOf(imsis));
        }

        @Override
        public CompletableFuture<Outcome> deregisterNon3gpp(String imsi) {
            aaaDeregistered.add(imsi);
            return CompletableFuture.completedFuture(new Outcome("ANSWERED", 2001, null));
        }

        void clear() {
            changed.clear();
            removed.clear();
            detached.clear();
            befores.clear();
            non3gppChanged.clear();
            non3gppRemoved.clear();
            aaaDeregistered.clear();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        node = GridNode.start(TestGrid.settings("eps-provisioning-it", TestGrid.freePort(), TestGrid.freePort(), work));
        store = new IgniteSubscriberStore(node.ignite());
        byte[] key = new byte[32];
        key[0] = 1;
        Keyring keyring = new Keyring(Map.of("k1", key), "k1");
        store.load(new SeedLoader(keyring).demo());
        IgniteAuditLog audit = new IgniteAuditLog(node.ignite(), RecordCodec.shared());
        IgniteShDataStore shStore = new IgniteShDataStore(node.ignite(), store.changes());
        Clock clock = Clock.systemUTC();
        SubscriberProvisioning subscribers = new SubscriberProvisioning(store, new SeedLoader(keyring),
                "ims.example.org", network, audit, clock);
        ServiceDataProvisioning serviceData = new ServiceDataProvisioning(store, shStore, new SeedLoader(keyring),
                subscribers, network, audit, clock);
        ProvisioningApi.Services services = new ProvisioningApi.Services(store, shStore, subscribers,
                new BulkImport(subscribers, store, audit, clock), serviceData,
                new RegistrationAdministration(store, network, audit, clock, Duration.ofSeconds(2)), audit, clock,
                node, new SecretRotation(store, keyring, audit, clock, SecretRotation.DEFAULT_BATCH),
                new ApnProfileProvisioning(store.eps(), new SeedLoader(keyring), network, audit, clock),
                new EpsAdministration(store.eps(), network, audit, clock, Duration.ofSeconds(2)));
        server = ProvisioningApi.start(RestSettings.local(0, List.of(new ApiToken("ops-admin", Role.ADMIN, ADMIN),
                new ApiToken("oss-script", Role.PROVISION, PROVISIONER))), services, RestServer.Observability.NONE);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void clear() {
        network.clear();
    }

    private record Reply(int status, String body, String etag) {
        JsonNode json() throws Exception {
            return EpsProvisioningIT.json.readTree(body);
        }

        List<String> errorFields() throws Exception {
            List<String> fields = new ArrayList<>();
            json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
            return fields;
        }
    }

    private static Reply call(String method, String path, String body, String token, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null));
    }

    private static Reply get(String path) throws Exception {
        return call("GET", path, null, PROVISIONER, null);
    }

    private static String profile(String serviceSelection, int qci) {
        return """
                {"serviceSelection": "%s", "pdnType": "IPv4v6", "qci": %d,
                 "arp": {"priorityLevel": 3, "preemptionCapability": true},
                 "ambr": {"uplink": 2000000, "downlink": 4000000}}
                """.formatted(serviceSelection, qci);
    }

    private static String subscriber(String id, String imsi, String apnProfile, String msisdn) {
        return """
                {"id": "%1$s", "allowedVisitedNetworks": ["ims.example.org"],
                 "usims": [{"imsi": "%2$s", "k": "%3$s", "opc": "%4$s", "amf": "8000",
                   "eps": {"msisdn": "%6$s", "ueAmbr": {"uplink": 1000000, "downlink": 2000000},
                           "apns": [{"apnProfile": "internet"}, {"apnProfile": "%5$s",
                                     "staticAddresses": ["192.0.2.44"]}],
                           "defaultApn": "%5$s", "allowedVisitedPlmns": ["00101"]}}],
                 "privateIdentities": [{"impi": "%1$s@ims.example.org", "usim": "%2$s",
                   "publicIdentities": ["sip:%1$s@ims.example.org"]}],
                 "publicIdentities": [{"identity": "sip:%1$s@ims.example.org", "serviceProfile": "default"}]}
                """.formatted(id, imsi, K, OPC, apnProfile, msisdn);
    }

    @Test
    void apnProfilesAreWrittenReadAuditedAndKeptWhileAUsimRefersToThem() throws Exception {
        Reply created = call("PUT", "/apn-profiles/eps-it-web", profile("web.example", 8), PROVISIONER, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("id").asText()).isEqualTo("eps-it-web");
        assertThat(created.json().get("pdnType").asText()).isEqualTo("IPv4v6");
        assertThat(created.json().get("arp").get("priorityLevel").asInt()).isEqualTo(3);
        assertThat(created.json().get("arp").get("preemptionCapability").asBoolean()).isTrue();
        assertThat(created.json().get("arp").get("preemptionVulnerability").asBoolean()).isTrue();
        assertThat(created.json().get("ambr").get("downlink").asLong()).isEqualTo(4_000_000);
        assertThat(get("/apn-profiles/eps-it-web").json().get("qci").asInt()).isEqualTo(8);
        List<String> ids = new ArrayList<>();
        get("/apn-profiles").json().forEach(p -> ids.add(p.get("id").asText()));
        assertThat(ids).contains("internet", "ims", "eps-it-web").isSorted();

        Reply invalid = call("PUT", "/apn-profiles/eps-it-bad",
                profile("web.example", 0).replace("\"priorityLevel\": 3", "\"priorityLevel\": 16"), PROVISIONER, null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorFields()).containsExactlyInAnyOrder("qci", "arp.priorityLevel");
        assertThat(get("/apn-profiles/eps-it-bad").status()).isEqualTo(404);

        Reply sub = call("POST", "/subscribers", subscriber("eps-it-web-user", "001010000000071", "eps-it-web",
                "15550171"), PROVISIONER, null);
        assertThat(sub.status()).as(sub.body()).isEqualTo(201);
        network.clear();
        // A changed profile reaches the USIMs that use it (IDR); an unchanged one reaches nobody.
        Reply replaced = call("PUT", "/apn-profiles/eps-it-web", profile("web.example", 6), PROVISIONER, null);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(network.changed).containsExactly(List.of("001010000000071"));
        assertThat(call("PUT", "/apn-profiles/eps-it-web", profile("web.example", 6), PROVISIONER, null).status())
                .isEqualTo(200);
        assertThat(network.changed).hasSize(1);

        Reply refused = call("DELETE", "/apn-profiles/eps-it-web", null, PROVISIONER, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("001010000000071");
        assertThat(call("DELETE", "/subscribers/eps-it-web-user", null, PROVISIONER, null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/apn-profiles/eps-it-web", null, PROVISIONER, null).status()).isEqualTo(204);
        assertThat(get("/apn-profiles/eps-it-web").status()).isEqualTo(404);
        assertThat(call("DELETE", "/apn-profiles/eps-it-web", null, PROVISIONER, null).status()).isEqualTo(404);

        List<String> actions = new ArrayList<>();
        call("GET", "/audit?object=eps-it-web", null, ADMIN, null).json().get("items").forEach(e -> {
            assertThat(e.get("objectType").asText()).isEqualTo("apn-profile");
            assertThat(e.get("actor").asText()).isEqualTo("oss-script");
            actions.add(e.get("action").asText());
        });
        // Newest first; the unchanged PUT is not recorded.
        assertThat(actions).containsExactly("DELETE", "UPDATE", "CREATE");
    }

    @Test
    void aSubscriberWithAUsimReadsBackWithoutKeysAndAPutOfWhatWasReadKeepsThem() throws Exception {
        Reply created = call("POST", "/subscribers", subscriber("eps-it-keys", "001010000000072", "ims", "15550172"),
                PROVISIONER, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        AkaCredentials sealed = store.eps().usim("001010000000072").orElseThrow().aka();
        assertThat(sealed.k().keyId()).isEqualTo("k1");

        Reply read = get("/subscribers/eps-it-keys");
        assertThat(read.body()).doesNotContain(K).doesNotContain(OPC);
        JsonNode usim = read.json().get("usims").get(0);
        assertThat(usim.get("imsi").asText()).isEqualTo("001010000000072");
        assertThat(usim.has("k") || usim.has("op") || usim.has("opc") || usim.has("amf")).isFalse();
        JsonNode eps = usim.get("eps");
        assertThat(eps.get("msisdn").asText()).isEqualTo("15550172");
        assertThat(eps.get("defaultApn").asText()).isEqualTo("ims");
        assertThat(eps.get("apns").get(0).get("contextIdentifier").asInt()).isEqualTo(1);
        assertThat(eps.get("apns").get(1).get("contextIdentifier").asInt()).isEqualTo(2);
        assertThat(eps.get("apns").get(1).get("staticAddresses").get(0).asText()).isEqualTo("192.0.2.44");
        assertThat(read.json().get("privateIdentities").get(0).get("usim").asText()).isEqualTo("001010000000072");

        // The document as read, written back: nothing changes, the keys stay.
        Reply same = call("PUT", "/subscribers/eps-it-keys", read.body(), PROVISIONER, read.etag());
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.etag()).isEqualTo(read.etag());
        assertThat(store.eps().usim("001010000000072").orElseThrow().aka()).isEqualTo(sealed);

        // A changed EPS subscription (APNs reordered, another MSISDN): a new version, keys and identifiers kept, IDR.
        ObjectNode changed = (ObjectNode) read.json();
        ObjectNode epsNode = (ObjectNode) changed.get("usims").get(0).get("eps");
        epsNode.put("msisdn", "15550173");
        JsonNode first = epsNode.get("apns").get(0).deepCopy();
        JsonNode second = epsNode.get("apns").get(1).deepCopy();
        ((ObjectNode) first).remove("contextIdentifier");
        ((ObjectNode) second).remove("contextIdentifier");
        epsNode.putArray("apns").add(second).add(first);
        Reply written = call("PUT", "/subscribers/eps-it-keys", changed.toString(), PROVISIONER, read.etag());
        assertThat(written.status()).as(written.body()).isEqualTo(200);
        assertThat(written.etag()).isNotEqualTo(read.etag());
        Usim stored = store.eps().usim("001010000000072").orElseThrow();
        assertThat(stored.aka()).isEqualTo(sealed);
        assertThat(stored.eps().msisdn()).isEqualTo("15550173");
        assertThat(stored.eps().apn(2).apnProfile()).isEqualTo("ims");
        assertThat(stored.eps().apn(1).apnProfile()).isEqualTo("internet");
        assertThat(network.changed).containsExactly(List.of("001010000000072"));
        // With the subscription it replaced, so that what an IDR cannot take back can be deleted first.
        assertThat(network.befores).extracting(EpsSubscription::msisdn).containsExactly("15550172");
        List<String> changes = new ArrayList<>();
        call("GET", "/audit?object=eps-it-keys", null, ADMIN, null).json().get("items")
                .forEach(e -> e.get("changes").forEach(c -> changes.add(c.asText())));
        assertThat(changes).contains("usims[0].eps.msisdn").noneMatch(c -> c.contains(K));

        // New keys given: sealed anew, audited by name only.
        Reply rekeyed = call("PUT", "/subscribers/eps-it-keys", changed.toString().replace(
                "\"imsi\":\"001010000000072\"", "\"imsi\":\"001010000000072\",\"k\":\"" + OPC + "\",\"op\":\"" + K + "\""),
                PROVISIONER, null);
        assertThat(rekeyed.status()).as(rekeyed.body()).isEqualTo(200);
        assertThat(store.eps().usim("001010000000072").orElseThrow().aka()).isNotEqualTo(sealed);
    }

    @Test
    void anImsiHeldByAnotherSubscriberIsAConflictNamingTheField() throws Exception {
        Reply refused = call("POST", "/subscribers", subscriber("eps-it-thief", ALICE_IMSI, "ims", "15550174"),
                PROVISIONER, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorFields()).containsExactly("usims[0].imsi");
        assertThat(refused.body()).contains("belongs to subscriber alice");
        assertThat(get("/subscribers/eps-it-thief").status()).isEqualTo(404);
        assertThat(store.eps().usim(ALICE_IMSI).orElseThrow().subscriptionId()).isEqualTo("alice");
    }

    @Test
    void anImsiIsLookedUpAndItsEpsRegistrationShownAndDetached() throws Exception {
        Reply found = get("/imsis/" + ALICE_IMSI);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("imsi").asText()).isEqualTo(ALICE_IMSI);
        assertThat(found.json().get("subscriptionId").asText()).isEqualTo("alice");
        assertThat(get("/imsis/001019999999999").status()).isEqualTo(404);

        Reply none = get("/eps-registrations/" + ALICE_IMSI);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("subscriptionId").asText()).isEqualTo("alice");
        assertThat(none.json().path("mme").isMissingNode() || none.json().get("mme").isNull()).isTrue();
        assertThat(none.json().get("mmePurged").asBoolean()).isFalse();
        assertThat(get("/eps-registrations/001019999999999").status()).isEqualTo(404);

        assertThat(call("DELETE", "/eps-registrations/" + ALICE_IMSI, null, PROVISIONER, null).status())
                .isEqualTo(403);
        assertThat(network.detached).isEmpty();
        Reply detached = call("DELETE", "/eps-registrations/" + ALICE_IMSI, null, ADMIN, null);
        assertThat(detached.status()).isEqualTo(200);
        assertThat(detached.json().get("status").asText()).isEqualTo("ANSWERED");
        assertThat(network.detached).containsExactly(ALICE_IMSI);
        List<String> actions = new ArrayList<>();
        call("GET", "/audit?object=" + ALICE_IMSI, null, ADMIN, null).json().get("items")
                .forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("DETACH");
    }

    private static SubscriberData bulkSubscriber(String id, String imsi) {
        return new SeedLoader().readString("""
                {"realm": "ims.example.org", "serviceProfiles": [{"id": "default"}],
                 "subscriptions": [{"id": "%1$s",
                   "usims": [{"imsi": "%2$s", "k": "%3$s", "opc": "%4$s"}],
                   "privateIdentities": [{"impi": "%1$s@ims.example.org", "usim": "%2$s",
                     "publicIdentities": ["sip:%1$s@ims.example.org"]}],
                   "publicIdentities": [{"identity": "sip:%1$s@ims.example.org", "serviceProfile": "default"}]}]}
                """.formatted(id, imsi, K, OPC));
    }

    @Test
    void aBulkImportClaimsImsisAsASingleWriteDoes() {
        Map<String, String> refused = store.insertNew(List.of(bulkSubscriber("eps-it-bulk-a", ALICE_IMSI),
                bulkSubscriber("eps-it-bulk-b", "001010000000081"), bulkSubscriber("eps-it-bulk-c", "001010000000081")));

        assertThat(refused).containsOnlyKeys("eps-it-bulk-a", "eps-it-bulk-c");
        assertThat(refused.get("eps-it-bulk-a")).contains(ALICE_IMSI).contains("alice");
        assertThat(refused.get("eps-it-bulk-c")).contains("001010000000081").contains("eps-it-bulk-b");
        assertThat(store.eps().usim("001010000000081").orElseThrow().subscriptionId()).isEqualTo("eps-it-bulk-b");
        assertThat(store.subscription("eps-it-bulk-b").orElseThrow().imsis()).containsExactly("001010000000081");
        assertThat(store.eps().usim(ALICE_IMSI).orElseThrow().subscriptionId()).isEqualTo("alice");
        assertThat(store.subscription("eps-it-bulk-a")).isEmpty();
        assertThat(store.privateIdentity("eps-it-bulk-a@ims.example.org")).isEmpty();
    }

    @Test
    void aKeyRotationResealsTheKeysOfUsims() throws Exception {
        assertThat(call("POST", "/subscribers", subscriber("eps-it-rotate", "001010000000076", "ims", "15550176"),
                PROVISIONER, null).status()).isEqualTo(201);
        byte[] old = new byte[32];
        old[0] = 1;
        byte[] next = new byte[32];
        next[0] = 2;
        Keyring rotated = new Keyring(Map.of("k1", old, "k2", next), "k2");
        SecretRotation.Result result = new SecretRotation(store, rotated,
                new IgniteAuditLog(node.ignite(), RecordCodec.shared()), Clock.systemUTC(), 2).rotate("test");
        assertThat(result.failed()).isZero();
        for (String imsi : List.of("001010000000076", ALICE_IMSI)) {
            AkaCredentials aka = store.eps().usim(imsi).orElseThrow().aka();
            assertThat(aka.k().keyId()).isEqualTo("k2");
            assertThat(aka.opc().keyId()).isEqualTo("k2");
            // Still sealed for the IMSI: it opens under that label only.
            assertThat(rotated.open(imsi, Keyring.Field.K, aka.k())).isNotNull();
        }
        assertThat(java.util.HexFormat.of().formatHex(rotated.open("001010000000076", Keyring.Field.K,
                store.eps().usim("001010000000076").orElseThrow().aka().k()))).isEqualTo(K);
        assertThat(rotated.current(store.eps().usim(ALICE_IMSI).orElseThrow().aka().k())).isTrue();
        assertThat(call("DELETE", "/subscribers/eps-it-rotate", null, PROVISIONER, null).status()).isEqualTo(204);
    }

    @Test
    void aUsimGivenUpOrDeletedWithItsSubscriberIsWithdrawnAndLeavesNothing() throws Exception {
        String imsi = "001010000000075";
        assertThat(call("POST", "/subscribers", subscriber("eps-it-gone", imsi, "ims", "15550175"), PROVISIONER,
                null).status()).isEqualTo(201);
        EpsRegistration.ServingNode mme = new EpsRegistration.ServingNode("mme1.epc.example", "epc.example",
                "00101", "EUTRAN", null, null, null, 1L, 1L);
        store.eps().updateRegistration(imsi, (RecordUpdate<EpsRegistration, Boolean>) current ->
                new RecordUpdate.Outcome<>(true, new EpsRegistration(mme, null, false, false), true));
        Reply registered = get("/eps-registrations/" + imsi);
        assertThat(registered.json().get("mme").get("host").asText()).isEqualTo("mme1.epc.example");
        assertThat(registered.json().get("mme").get("visitedPlmn").asText()).isEqualTo("00101");
        assertThat(registered.json().get("mme").get("ratType").asText()).isEqualTo("EUTRAN");

        // The USIM left out of the document: withdrawn (CLR), gone with its registration.
        JsonNode read = get("/subscribers/eps-it-gone").json();
        ObjectNode withoutUsim = (ObjectNode) read;
        withoutUsim.remove("usims");
        ((ObjectNode) withoutUsim.get("privateIdentities").get(0)).remove("usim");
        ((ObjectNode) withoutUsim.get("privateIdentities").get(0)).put("password", "pw-instead");
        ((ObjectNode) withoutUsim.get("privateIdentities").get(0)).remove("authSchemes");
        ((ObjectNode) withoutUsim.get("privateIdentities").get(0)).remove("defaultScheme");
        Reply written = call("PUT", "/subscribers/eps-it-gone", withoutUsim.toString(), PROVISIONER, null);
        assertThat(written.status()).as(written.body()).isEqualTo(200);
        assertThat(network.removed).containsExactly(List.of(imsi));
        assertThat(store.eps().usim(imsi)).isEmpty();
        assertThat(store.eps().registration(imsi)).isEqualTo(EpsRegistration.NONE);
        assertThat(get("/imsis/" + imsi).status()).isEqualTo(404);

        // Given back and the subscriber deleted: withdrawn again, nothing left.
        assertThat(call("PUT", "/subscribers/eps-it-gone", subscriber("eps-it-gone", imsi, "ims", "15550175"),
                PROVISIONER, null).status()).isEqualTo(200);
        network.clear();
        assertThat(call("DELETE", "/subscribers/eps-it-gone", null, PROVISIONER, null).status()).isEqualTo(204);
        assertThat(network.removed).containsExactly(List.of(imsi));
        assertThat(store.eps().usim(imsi)).isEmpty();
        assertThat(get("/imsis/" + imsi).status()).isEqualTo(404);
    }

    @Test
    void aNon3gppSubscriptionReadsBackItsAaaServerIsShownAndItsChangesReachSwx() throws Exception {
        String imsi = "001010000000076";
        assertThat(call("PUT", "/apn-profiles/eps-it-wifi", profile("wifi", 8), PROVISIONER, null).status())
                .isEqualTo(201);
        ObjectNode document = (ObjectNode) json.readTree(subscriber("eps-it-wifi", imsi, "eps-it-wifi", "15550176"));
        ObjectNode non3gpp = ((ObjectNode) document.get("usims").get(0)).putObject("non3gpp");
        non3gpp.putArray("apns").add("eps-it-wifi").add("internet");
        non3gpp.put("untrustedAccessAllowed", false);
        non3gpp.putArray("ratTypesNotAllowed").add("HRPD");
        Reply created = call("POST", "/subscribers", document.toString(), PROVISIONER, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(store.eps().usim(imsi).orElseThrow().non3gpp()).isEqualTo(
                new Non3gppSubscription(true, true, List.of(2, 1), 2, true, false, List.of("HRPD")));

        // Read back as written, complete.
        Reply read = get("/subscribers/eps-it-wifi");
        JsonNode back = read.json().get("usims").get(0).get("non3gpp");
        assertThat(back).isEqualTo(json.readTree("""
                {"ipAccessAllowed": true, "apnsEnabled": true, "apns": ["eps-it-wifi", "internet"],
                 "defaultApn": "eps-it-wifi", "trustedAccessAllowed": true, "untrustedAccessAllowed": false,
                 "ratTypesNotAllowed": ["HRPD"]}"""));
        Reply same = call("PUT", "/subscribers/eps-it-wifi", read.body(), PROVISIONER, read.etag());
        assertThat(same.etag()).isEqualTo(read.etag());
        assertThat(network.non3gppChanged).isEmpty();

        // An APN outside the EPS subscription, an unknown RAT type: 400 naming each.
        non3gpp.putArray("apns").add("ims");
        non3gpp.putArray("ratTypesNotAllowed").add("WiFi");
        Reply invalid = call("PUT", "/subscribers/eps-it-wifi", document.toString(), PROVISIONER, null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorFields()).contains("usims[0].non3gpp.apns[0]",
                "usims[0].non3gpp.ratTypesNotAllowed[0]");

        // The AAA server shown next to the EPS registration.
        JsonNode none = get("/eps-registrations/" + imsi).json();
        assertThat(none.path("aaaServer").isMissingNode() || none.get("aaaServer").isNull()).isTrue();
        store.eps().updateAaaRegistration(imsi, (RecordUpdate<AaaRegistration, Boolean>) current ->
                new RecordUpdate.Outcome<>(true, new AaaRegistration("aaa1.ims.example.org", "ims.example.org",
                        true, 1_000L), true));
        JsonNode server = get("/eps-registrations/" + imsi).json().get("aaaServer");
        assertThat(server.get("host").asText()).isEqualTo("aaa1.ims.example.org");
        assertThat(server.get("realm").asText()).isEqualTo("ims.example.org");
        assertThat(server.get("registered").asBoolean()).isTrue();
        assertThat(server.get("updated").asText()).isEqualTo("1970-01-01T00:00:01Z");

        // A change of the non-3GPP access, and of an APN profile it reaches: SWx hears of both.
        non3gpp.putArray("apns").add("eps-it-wifi");
        non3gpp.putArray("ratTypesNotAllowed");
        assertThat(call("PUT", "/subscribers/eps-it-wifi", document.toString(), PROVISIONER, null).status())
                .isEqualTo(200);
        assertThat(network.non3gppChanged).containsExactly(List.of(imsi));
        network.clear();
        assertThat(call("PUT", "/apn-profiles/eps-it-wifi", profile("wifi", 7), PROVISIONER, null).status())
                .isEqualTo(200);
        assertThat(network.changed).containsExactly(List.of(imsi));
        assertThat(network.non3gppChanged).containsExactly(List.of(imsi));

        // The administrative de-registration from the AAA server: admin only, audited.
        assertThat(call("DELETE", "/eps-registrations/" + imsi + "/aaa-server", null, PROVISIONER, null).status())
                .isEqualTo(403);
        assertThat(network.aaaDeregistered).isEmpty();
        Reply deregistered = call("DELETE", "/eps-registrations/" + imsi + "/aaa-server", null, ADMIN, null);
        assertThat(deregistered.status()).isEqualTo(200);
        assertThat(deregistered.json().get("status").asText()).isEqualTo("ANSWERED");
        assertThat(network.aaaDeregistered).containsExactly(imsi);
        assertThat(network.detached).isEmpty();
        List<String> actions = new ArrayList<>();
        call("GET", "/audit?object=" + imsi, null, ADMIN, null).json().get("items")
                .forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("DEREGISTER");
        assertThat(call("DELETE", "/eps-registrations/001019999999999/aaa-server", null, ADMIN, null).status())
                .isEqualTo(404);

        // The subscriber deleted: its AAA server is told, before the USIM goes.
        network.clear();
        assertThat(call("DELETE", "/subscribers/eps-it-wifi", null, PROVISIONER, null).status()).isEqualTo(204);
        assertThat(network.non3gppRemoved).containsExactly(List.of(imsi));
        assertThat(network.removed).containsExactly(List.of(imsi));
    }
}
