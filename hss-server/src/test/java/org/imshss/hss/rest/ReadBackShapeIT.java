package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every resource reads back in the shape it is written in: a document read over HTTP is written back unchanged
 * (accepted) and then reads back the same, for each kind of resource the API writes.
 */
class ReadBackShapeIT {

    private static final String ADMIN = "admin-secret-token-0001";

    private static final String SCSCF = "sip:scscf-a.ims.example.org";

    private static TestHss hss;
    private static RestClient api;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithRest(List.of(new ApiToken("ops-admin", Role.ADMIN, ADMIN)));
        api = new RestClient(hss.node().restUri(), ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hss != null) {
            hss.close();
        }
    }

    @Test
    void applicationServerPermissionsReadBackAsDataReferenceNames() throws Exception {
        assertThat(api.put("/application-servers/as9.ims.example.org", """
                {"diameterHost": "as9.ims.example.org", "serverName": "sip:as9.ims.example.org",
                 "read": ["IMSUserState", "RepositoryData", "17"], "update": ["RepositoryData"],
                 "subscribe": ["IMSUserState"]}""").status()).isEqualTo(201);
        JsonNode read = roundTrip("/application-servers/as9.ims.example.org");
        assertThat(read.get("read").toString()).isEqualTo("[\"RepositoryData\",\"IMSUserState\",\"MSISDN\"]");
        assertThat(read.get("subscribe").toString()).isEqualTo("[\"IMSUserState\"]");
    }

    @Test
    void ifcWithEveryKindOfServicePointTrigger() throws Exception {
        assertThat(api.put("/ifcs/every-spt", """
                {"priority": 77, "profilePartIndicator": 1,
                 "triggerPoint": {"conditionTypeCnf": false, "spts": [
                   {"groups": [0], "requestUri": "sip:x@ims.example.org"},
                   {"groups": [0], "conditionNegated": true, "method": "REGISTER", "registrationTypes": [0, 2]},
                   {"groups": [1], "sipHeader": {"header": "Subject", "content": "urgent"}},
                   {"groups": [1], "sessionCase": 2},
                   {"groups": [2], "sessionDescription": {"line": "m", "content": "audio"}}]},
                 "applicationServer": {"serverName": "sip:as9.ims.example.org", "defaultHandling": 1,
                   "serviceInfo": "info", "includeRegisterRequest": true}}""").status()).isEqualTo(201);
        JsonNode read = roundTrip("/ifcs/every-spt");
        assertThat(read.at("/triggerPoint/spts/0/requestUri").asText()).isEqualTo("sip:x@ims.example.org");
        assertThat(read.at("/triggerPoint/spts/3/sessionCase").asInt()).isEqualTo(2);
        assertThat(read.toString()).doesNotContain("\"kind\"", "\"condition\"");
    }

    @Test
    void serviceDataOfTheSeed() throws Exception {
        assertThat(roundTrip("/service-profiles/default").has("ifcs")).isTrue();
        roundTrip("/ifcs/orig-invite-as");
        roundTrip("/charging-information/default");
        assertThat(api.put("/shared-ifc-sets/7", "{\"name\": \"seven\", \"ifcs\": [\"orig-invite-as\"]}").status())
                .isEqualTo(201);
        assertThat(roundTrip("/shared-ifc-sets/7").get("ifcs").toString()).isEqualTo("[\"orig-invite-as\"]");
        assertThat(api.put("/dsai/round-trip", "{\"ifcs\": [\"orig-invite-as\"]}").status()).isEqualTo(201);
        assertThat(roundTrip("/dsai/round-trip").get("ifcs").toString()).isEqualTo("[\"orig-invite-as\"]");
    }

    @Test
    void subscriber() throws Exception {
        roundTrip("/subscribers/alice");
    }

    @Test
    void scscfIsPostedBackAsListed() throws Exception {
        JsonNode listed = scscf(api.get("/scscfs").json());
        assertThat(api.post("/scscfs", listed.toString()).status()).isEqualTo(200);
        assertThat(scscf(api.get("/scscfs").json())).isEqualTo(listed);
        assertThat(listed.fieldNames()).toIterable().containsExactlyInAnyOrder("name", "capabilities");
    }

    private static JsonNode scscf(JsonNode list) {
        for (JsonNode s : list) {
            if (s.get("name").asText().equals(SCSCF)) {
                return s;
            }
        }
        throw new AssertionError("no " + SCSCF + " in " + list);
    }

    /** GETs a document, PUTs it back unchanged (200), and GETs it again: the same document. */
    private static JsonNode roundTrip(String path) throws Exception {
        RestClient.Reply read = api.get(path);
        assertThat(read.status()).as("GET %s", path).isEqualTo(200);
        RestClient.Reply written = api.put(path, read.body());
        assertThat(written.status()).as("PUT %s back: %s", path, written.body()).isEqualTo(200);
        assertThat(api.get(path).json()).as("%s after writing it back", path).isEqualTo(read.json());
        return read.json();
    }
}
