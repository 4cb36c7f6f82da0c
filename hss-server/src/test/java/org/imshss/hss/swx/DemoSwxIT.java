package org.imshss.hss.swx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.Swx;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo's Wi-Fi access: an AAA server of realm ims.example.org authenticates alice's USIM with EAP-AKA' (SWx MAR,
 * TS 29.273 8.1.2.1), registers (SAR, 8.1.2.2) and gets her Non-3GPP-User-Data (8.2.3.1); a subscriber PUT that
 * changes her non-3GPP access reaches it as a PPR (8.1.2.3), the REST de-registration as an RTR (8.1.2.2.3). The HSS
 * holds the demo data as {@code hss --demo} loads it; her K and OP are read here from the demo file itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoSwxIT {

    private static final String ADMIN = "demo-swx-admin-token-0001";
    private static final String AAA = "aaa.ims.example.org";
    private static final String IMSI = "001010000000001";
    private static final byte[] AMF = HexFormat.of().parseHex("8000");
    private static final int REGISTRATION = 1;
    private static final int ALLOWED = 0;

    private static TestHss hss;
    private static DiameterTestPeer aaa;
    private static RestClient api;
    private static ReferenceMilenage alice;

    @BeforeAll
    static void start() throws Exception {
        JsonNode usim = aliceUsim();
        alice = ReferenceMilenage.withOp(HexFormat.of().parseHex(usim.get("k").asText()),
                HexFormat.of().parseHex(usim.get("op").asText()));
        hss = TestHss.startDemoWithRest(List.of(new ApiToken("ops-admin", Role.ADMIN, ADMIN)));
        api = new RestClient(hss.node().restUri(), ADMIN);
        aaa = DiameterTestPeer.connect(Application.SWX, AAA, "ims.example.org", TestHss.freePort(), TestHss.HOST,
                hss.port());
        aaa.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (aaa != null) {
            aaa.close();
        }
        hss.close();
    }

    /** Alice's USIM as the demo file writes it. */
    private static JsonNode aliceUsim() throws Exception {
        try (InputStream in = DemoSwxIT.class.getResourceAsStream("/org/imshss/provisioning/seed/demo.json")) {
            for (JsonNode subscription : new ObjectMapper().readTree(in).get("subscriptions")) {
                if (subscription.get("id").asText().equals("alice")) {
                    return subscription.get("usims").get(0);
                }
            }
        }
        throw new AssertionError("alice is not in the demo file");
    }

    @Test
    @Order(1)
    void theSubscriberReadsBackHerNon3gppAccessAsWrittenAndWithoutKeys() throws Exception {
        RestClient.Reply read = api.get("/subscribers/alice");
        assertThat(read.status()).isEqualTo(200);
        JsonNode usim = read.json().get("usims").get(0);
        assertThat(usim.has("k")).isFalse();
        assertThat(usim.has("op")).isFalse();
        assertThat(usim.has("opc")).isFalse();
        JsonNode non3gpp = usim.get("non3gpp");
        assertThat(non3gpp.get("ipAccessAllowed").asBoolean()).isTrue();
        assertThat(non3gpp.get("apnsEnabled").asBoolean()).isTrue();
        assertThat(texts(non3gpp.get("apns"))).containsExactly("ims", "internet");
        assertThat(non3gpp.get("defaultApn").asText()).isEqualTo("internet");
        assertThat(non3gpp.get("trustedAccessAllowed").asBoolean()).isTrue();
        assertThat(non3gpp.get("untrustedAccessAllowed").asBoolean()).isTrue();
        assertThat(texts(non3gpp.get("ratTypesNotAllowed"))).isEmpty();
    }

    @Test
    @Order(2)
    void aBadNon3gppSectionIsA400NamingTheField() throws Exception {
        ObjectNode document = (ObjectNode) api.get("/subscribers/alice").json();
        ObjectNode non3gpp = (ObjectNode) document.get("usims").get(0).get("non3gpp");
        non3gpp.putArray("apns").add("ims").add("voip");
        non3gpp.putArray("ratTypesNotAllowed").add("WIFI");

        RestClient.Reply refused = api.put("/subscribers/alice", document.toString());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        refused.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("usims[0].non3gpp.apns[1]", "usims[0].non3gpp.ratTypesNotAllowed[0]");
        assertThat(texts(api.get("/subscribers/alice").json().get("usims").get(0).get("non3gpp").get("apns")))
                .containsExactly("ims", "internet");
    }

    @Test
    @Order(3)
    void anAaaServerAuthenticatesRegistersAndHearsOfChanges() throws Exception {
        // Nothing registered yet: no aaaServer, and a de-registration reaches nobody.
        assertThat(api.get("/eps-registrations/" + IMSI).json().path("aaaServer").isNull()
                || api.get("/eps-registrations/" + IMSI).json().path("aaaServer").isMissingNode()).isTrue();

        Answer maa = Swx.mar(aaa, IMSI, Swx.EAP_AKA_PRIME, 1, "WLAN");
        assertThat(Avps.result(maa.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
        List<AvpSet> items = Avps.groupedAll(maa.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
        assertThat(items).hasSize(1);
        Swx.verifyEapAkaPrime(alice, items.get(0), AMF, "WLAN");

        Answer saa = Swx.sar(aaa, IMSI, REGISTRATION);
        assertThat(Avps.result(saa.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
        AvpSet data = Avps.grouped(saa.getAvps(), Avp.NON_3GPP_USER_DATA).orElseThrow();
        AvpSet subscriptionId = Avps.grouped(data, Avp.SUBSCRIPTION_ID).orElseThrow();
        assertThat(Avps.utf8(subscriptionId, Avp.SUBSCRIPTION_ID_DATA)).contains("15550101");
        assertThat(Avps.enumerated(data, Avp.NON_3GPP_IP_ACCESS)).hasValue(ALLOWED);
        // The demo's APN configurations: internet 1 (the default), ims 2; sent in the allowed order.
        assertThat(Avps.unsigned32(data, Avp.CONTEXT_IDENTIFIER)).hasValue(1);
        List<String> apns = new ArrayList<>();
        List<Long> contexts = new ArrayList<>();
        for (AvpSet apn : Avps.groupedAll(data, Avp.APN_CONFIGURATION)) {
            apns.add(Avps.utf8(apn, Avp.SERVICE_SELECTION).orElseThrow());
            contexts.add(Avps.unsigned32(apn, Avp.CONTEXT_IDENTIFIER).getAsLong());
        }
        assertThat(apns).containsExactly("ims", "internet");
        assertThat(contexts).containsExactly(2L, 1L);

        JsonNode server = api.get("/eps-registrations/" + IMSI).json().get("aaaServer");
        assertThat(server.get("host").asText()).isEqualTo(AAA);
        assertThat(server.get("realm").asText()).isEqualTo("ims.example.org");
        assertThat(server.get("registered").asBoolean()).isTrue();

        // Her Wi-Fi access narrowed to ims: a PPR with the new data.
        ObjectNode document = (ObjectNode) api.get("/subscribers/alice").json();
        ObjectNode non3gpp = (ObjectNode) document.get("usims").get(0).get("non3gpp");
        non3gpp.putArray("apns").add("ims");
        non3gpp.remove("defaultApn");
        non3gpp.putArray("ratTypesNotAllowed").add("HRPD");
        RestClient.Reply written = api.put("/subscribers/alice", document.toString());
        assertThat(written.status()).as(written.body()).isEqualTo(200);

        Request ppr = next(Command.SWX_PPR);
        AvpSet pushed = Avps.grouped(ppr.getAvps(), Avp.NON_3GPP_USER_DATA).orElseThrow();
        assertThat(Avps.unsigned32(pushed, Avp.CONTEXT_IDENTIFIER)).hasValue(2);
        assertThat(Avps.groupedAll(pushed, Avp.APN_CONFIGURATION)).hasSize(1)
                .allSatisfy(apn -> assertThat(Avps.utf8(apn, Avp.SERVICE_SELECTION)).contains("ims"));
        assertThat(Avps.enumeratedAll(pushed, Avp.RAT_TYPE)).containsExactly(Avp.RAT_TYPE.enumValue("HRPD"));

        // The operator de-registers her from the AAA server: an RTR, and the server is gone.
        assertThat(api.delete("/eps-registrations/" + IMSI + "/aaa-server").json()
                .get("status").asText()).isEqualTo("ANSWERED");
        Request rtr = next(Command.SWX_RTR);
        AvpSet reason = Avps.grouped(rtr.getAvps(), Avp.DEREGISTRATION_REASON).orElseThrow();
        assertThat(Avps.enumerated(reason, Avp.REASON_CODE)).hasValue(0);
        assertThat(hss.node().epsStore().aaaRegistration(IMSI)).isEmpty();
        JsonNode after = api.get("/eps-registrations/" + IMSI).json();
        assertThat(after.path("aaaServer").isNull() || after.path("aaaServer").isMissingNode()).isTrue();

        // Nothing registered: a further change and de-registration send nothing.
        non3gpp.putArray("ratTypesNotAllowed");
        assertThat(api.put("/subscribers/alice", document.toString()).status()).isEqualTo(200);
        assertThat(api.delete("/eps-registrations/" + IMSI + "/aaa-server").json().get("status").asText())
                .isEqualTo("NOT_SERVED");
        assertThat(aaa.nextReceived(500, TimeUnit.MILLISECONDS)).isNull();
    }

    private static Request next(Command command) throws InterruptedException {
        Request request = aaa.nextReceived(10, TimeUnit.SECONDS);
        assertThat(request).as(command + " received").isNotNull();
        assertThat(request.getCommandCode()).isEqualTo(command.code());
        assertThat(request.getApplicationId()).isEqualTo(Application.SWX.id());
        assertThat(Avps.utf8(request.getAvps(), Avp.USER_NAME)).contains(IMSI);
        return request;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            ((ArrayNode) array).forEach(e -> out.add(e.asText()));
        }
        return out;
    }
}
