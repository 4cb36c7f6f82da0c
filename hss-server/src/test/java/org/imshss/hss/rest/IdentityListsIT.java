package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.RestClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The private identities and the USIMs listed by prefix over real HTTP against an HSS with the demo data and three
 * subscribers of a test PLMN: in key order, a page at a time, never a key or a password in the answer.
 */
class IdentityListsIT {

    private static final String PROVISIONER = "lists-provision-token-01";
    private static final String READER = "lists-read-only-token-01";
    private static final String K = "000102030405060708090a0b0c0d0e0f";
    private static final String OP = "cdc202d5123e20f62b6d676ac72cb318";
    private static final String PASSWORD = "l1st-Passw0rd";
    /** A PLMN of its own (MCC 001, MNC 99), so the demo's USIM is not among them. */
    private static final String PLMN = "00199";

    private static TestHss hss;
    private static RestClient api;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startDemoWithRest(List.of(new ApiToken("oss-script", Role.PROVISION, PROVISIONER),
                new ApiToken("viewer", Role.READ, READER)));
        api = new RestClient(hss.node().restUri(), READER);
        RestClient provisioner = api.withToken(PROVISIONER);
        // Created out of order: the lists order them.
        for (String user : List.of("list-c", "list-a", "list-b")) {
            RestClient.Reply created = provisioner.post("/subscribers", subscriber(user));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (hss != null) {
            hss.close();
        }
    }

    /** list-a, list-b, list-c: 1, 2, 3. */
    private static int number(String user) {
        return user.charAt(user.length() - 1) - 'a' + 1;
    }

    private static String imsi(String user) {
        return PLMN + "000000000" + number(user);
    }

    /**
     * A subscriber with a USIM and two private identities: one with a password and keys of its own, and the one
     * derived from the IMSI, whose IMS-AKA uses the USIM's keys.
     */
    private static String subscriber(String user) {
        return """
                {"id": "%1$s", "allowedVisitedNetworks": ["ims.example.org"], "chargingInformation": "default",
                 "usims": [{"imsi": "%2$s", "k": "%3$s", "op": "%4$s", "amf": "8000",
                   "eps": {"msisdn": "1555020%5$s", "ueAmbr": {"uplink": 1000000, "downlink": 2000000},
                     "defaultApn": "internet", "apns": [{"apnProfile": "internet"}]}}],
                 "privateIdentities": [
                   {"impi": "%1$s@ims.example.org", "password": "%6$s", "k": "%3$s", "op": "%4$s",
                    "publicIdentities": ["sip:%1$s@ims.example.org"]},
                   {"impi": "%2$s@ims.mnc099.mcc001.3gppnetwork.org", "usim": "%2$s",
                    "authSchemes": ["Digest-AKAv1-MD5"], "publicIdentities": ["sip:%1$s@ims.example.org"]}],
                 "implicitRegistrationSets": [["sip:%1$s@ims.example.org"]],
                 "publicIdentities": [{"identity": "sip:%1$s@ims.example.org", "serviceProfile": "default"}]}
                """.formatted(user, imsi(user), K, OP, number(user), PASSWORD);
    }

    private static List<String> items(JsonNode page, String field) {
        List<String> values = new ArrayList<>();
        page.get("items").forEach(item -> values.add(item.path(field).asText(null)));
        return values;
    }

    private static void assertNoSecret(RestClient.Reply reply) {
        assertThat(reply.body().toLowerCase()).doesNotContain(K, OP, PASSWORD.toLowerCase(), "\"k\"", "\"op\"",
                "\"opc\"", "\"ha1\"", "\"password\"", "\"aka\"");
    }

    @Test
    void privateIdentitiesArePagedInImpiOrderByPrefix() throws Exception {
        RestClient.Reply first = api.get("/private-identities?prefix=list-&limit=2");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(items(first.json(), "impi")).containsExactly("list-a@ims.example.org", "list-b@ims.example.org");
        assertThat(items(first.json(), "subscriptionId")).containsExactly("list-a", "list-b");
        assertThat(first.json().at("/items/0/sipDigestCredentials").asBoolean()).isTrue();
        assertThat(first.json().at("/items/0/akaCredentials").asBoolean()).isTrue();
        assertThat(first.json().at("/items/0").has("usim")).as("keys of its own").isFalse();
        assertNoSecret(first);
        String next = first.json().get("next").asText();
        assertThat(next).isEqualTo("list-b@ims.example.org");

        RestClient.Reply second = api.get("/private-identities?prefix=list-&limit=2&cursor=" + segment(next));
        assertThat(items(second.json(), "impi")).containsExactly("list-c@ims.example.org");
        assertThat(second.json().has("next")).isFalse();
        RestClient.Reply exact = api.get("/private-identities?prefix=list-&limit=3");
        assertThat(exact.json().get("items").size()).isEqualTo(3);
        assertThat(exact.json().has("next")).as("nothing after a full last page").isFalse();
    }

    @Test
    void anImpiDerivedFromAnImsiIsFoundByItsImsiPrefixAndNamesItsUsim() throws Exception {
        RestClient.Reply page = api.get("/private-identities?prefix=" + PLMN);
        assertThat(items(page.json(), "impi")).containsExactly(imsi("list-a") + "@ims.mnc099.mcc001.3gppnetwork.org",
                imsi("list-b") + "@ims.mnc099.mcc001.3gppnetwork.org",
                imsi("list-c") + "@ims.mnc099.mcc001.3gppnetwork.org");
        assertThat(items(page.json(), "usim")).containsExactly(imsi("list-a"), imsi("list-b"), imsi("list-c"));
        assertNoSecret(page);

        RestClient.Reply alice = api.get("/private-identities?prefix=alice");
        assertThat(items(alice.json(), "impi")).containsExactly("alice@ims.example.org");
        assertThat(items(alice.json(), "usim")).containsExactly("001010000000001");
        assertNoSecret(alice);
        assertThat(api.get("/private-identities/" + segment("alice@ims.example.org")).json().get("usim").asText())
                .isEqualTo("001010000000001");
    }

    @Test
    void usimsArePagedInImsiOrderByPrefixWithSubscriberAndMsisdn() throws Exception {
        RestClient.Reply first = api.get("/imsis?prefix=" + PLMN + "&limit=2");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(items(first.json(), "imsi")).containsExactly(imsi("list-a"), imsi("list-b"));
        assertThat(items(first.json(), "subscriptionId")).containsExactly("list-a", "list-b");
        assertThat(items(first.json(), "msisdn")).containsExactly("15550201", "15550202");
        assertNoSecret(first);
        RestClient.Reply second = api.get("/imsis?prefix=" + PLMN + "&limit=2&cursor="
                + first.json().get("next").asText());
        assertThat(items(second.json(), "imsi")).containsExactly(imsi("list-c"));
        assertThat(second.json().has("next")).isFalse();

        JsonNode all = api.get("/imsis").json();
        assertThat(items(all, "imsi")).startsWith("001010000000001").contains(imsi("list-c"));
        assertThat(items(api.get("/imsis?prefix=001010000000001").json(), "subscriptionId")).containsExactly("alice");
        assertThat(api.get("/imsis?prefix=999").json().get("items")).isEmpty();
    }

    @Test
    void aBadParameterIsA400NamingIt() throws Exception {
        for (String list : List.of("/private-identities", "/imsis")) {
            for (String limit : List.of("0", "1001")) {
                RestClient.Reply refused = api.get(list + "?limit=" + limit);
                assertThat(refused.status()).as(list + " limit " + limit).isEqualTo(400);
                assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("limit");
            }
            assertThat(api.get(list + "?limit=1000").status()).isEqualTo(200);
            assertThat(api.get(list + "?limit=1").json().get("items").size()).isEqualTo(1);
            assertThat(api.withToken(null).get(list).status()).isEqualTo(401);
        }
        RestClient.Reply letters = api.get("/imsis?prefix=abc");
        assertThat(letters.status()).isEqualTo(400);
        assertThat(letters.json().at("/errors/0/field").asText()).isEqualTo("prefix");
        assertThat(api.get("/imsis?prefix=" + "1".repeat(16)).json().at("/errors/0/field").asText())
                .isEqualTo("prefix");
        RestClient.Reply cursor = api.get("/imsis?cursor=" + segment("alice@ims.example.org"));
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().at("/errors/0/field").asText()).isEqualTo("cursor");
    }
}
