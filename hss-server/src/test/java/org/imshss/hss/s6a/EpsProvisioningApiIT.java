package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.s6a.LocationRequests.MME_ATTACH;
import static org.imshss.hss.s6a.LocationRequests.ulr;
import static org.imshss.hss.s6a.S6aLocationIT.assertClr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EPS provisioning through the REST API reaching a real MME peer over TCP: a changed APN profile or subscriber is an
 * IDR (after a DSR for an APN withdrawn), a detach or a deleted subscriber a CLR SUBSCRIPTION_WITHDRAWAL
 * (TS 29.272 5.2.2.1, 5.2.2.2, 5.2.1.2).
 */
class EpsProvisioningApiIT {

    private static final String ADMIN = "eps-api-admin-token-0001";
    private static final String IMSI = "001010000000091";
    private static final String K = "000102030405060708090a0b0c0d0e0f";

    private static TestHss hss;
    private static DiameterTestPeer mme;
    private static RestClient api;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startDemoWithRest(List.of(new ApiToken("ops-admin", Role.ADMIN, ADMIN)));
        api = new RestClient(hss.node().restUri(), ADMIN);
        mme = DiameterTestPeer.connect(Application.S6A, "mme1.ims.example.org", TestHss.REALM, TestHss.freePort(),
                TestHss.HOST, hss.port());
    }

    @AfterAll
    static void stop() throws Exception {
        mme.close();
        hss.close();
    }

    private static String eve() {
        return """
                {"id": "eps-eve", "allowedVisitedNetworks": ["ims.example.org"],
                 "usims": [{"imsi": "%s", "k": "%s", "op": "cdc202d5123e20f62b6d676ac72cb318",
                   "eps": {"msisdn": "15550191", "ueAmbr": {"uplink": 50000000, "downlink": 100000000},
                           "defaultApn": "internet", "apns": [{"apnProfile": "internet"}, {"apnProfile": "ims"}],
                           "allowedVisitedPlmns": ["00101"]}}],
                 "privateIdentities": [{"impi": "eve@ims.example.org", "usim": "%1$s",
                   "publicIdentities": ["sip:eve@ims.example.org"]}],
                 "publicIdentities": [{"identity": "sip:eve@ims.example.org", "serviceProfile": "default"}]}
                """.formatted(IMSI, K);
    }

    private static final String IMS_PROFILE = """
            {"serviceSelection": "ims", "pdnType": "IPv4v6", "qci": %d, "arp": {"priorityLevel": 1}}""";

    @BeforeEach
    void attach() throws Exception {
        assertThat(api.put("/apn-profiles/ims", IMS_PROFILE.formatted(5)).status()).isIn(200, 201);
        RestClient.Reply written = api.put("/subscribers/eps-eve", eve());
        assertThat(written.status()).as(written.body()).isIn(200, 201);
        mme.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.result(ulr(mme, IMSI, MME_ATTACH).getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
        while (mme.nextReceived(300, TimeUnit.MILLISECONDS) != null) {
            // drop what the set-up caused
        }
    }

    private static Request next(Command command) throws InterruptedException {
        Request request = mme.nextReceived(10, TimeUnit.SECONDS);
        assertThat(request).as(command + " received").isNotNull();
        assertThat(request.getCommandCode()).isEqualTo(command.code());
        assertThat(Avps.utf8(request.getAvps(), Avp.USER_NAME)).contains(IMSI);
        return request;
    }

    private static List<AvpSet> apnConfigurations(Request idr) {
        AvpSet data = Avps.grouped(idr.getAvps(), Avp.SUBSCRIPTION_DATA).orElseThrow();
        AvpSet profile = Avps.grouped(data, Avp.APN_CONFIGURATION_PROFILE).orElseThrow();
        return Avps.groupedAll(profile, Avp.APN_CONFIGURATION);
    }

    @Test
    void theEpsRegistrationShowsTheMmeOfTheLastUpdateLocation() throws Exception {
        JsonNode registration = api.get("/eps-registrations/" + IMSI).json();
        assertThat(registration.get("subscriptionId").asText()).isEqualTo("eps-eve");
        assertThat(registration.get("mme").get("host").asText()).isEqualTo(mme.originHost());
        assertThat(registration.get("mme").get("visitedPlmn").asText()).isEqualTo("00101");
        assertThat(registration.get("mme").get("ratType").asText()).isEqualTo("EUTRAN");
        assertThat(registration.get("mmePurged").asBoolean()).isFalse();
    }

    @Test
    void aChangedApnProfileReachesTheServingMmeByIdr() throws Exception {
        assertThat(api.put("/apn-profiles/ims", IMS_PROFILE.formatted(6)).status()).isEqualTo(200);

        List<AvpSet> apns = apnConfigurations(next(Command.IDR));
        assertThat(apns).hasSize(2);
        AvpSet ims = apns.get(1);
        assertThat(Avps.unsigned32(ims, Avp.CONTEXT_IDENTIFIER).getAsLong()).isEqualTo(2);
        AvpSet qos = Avps.grouped(ims, Avp.EPS_SUBSCRIBED_QOS_PROFILE).orElseThrow();
        assertThat(Avps.enumerated(qos, Avp.QOS_CLASS_IDENTIFIER).getAsInt()).isEqualTo(6);
    }

    @Test
    void anApnWithdrawnFromTheSubscriberIsDeletedByDsrBeforeTheIdr() throws Exception {
        ObjectNode document = (ObjectNode) api.get("/subscribers/eps-eve").json();
        ArrayNode apns = (ArrayNode) document.get("usims").get(0).get("eps").get("apns");
        apns.remove(1);
        RestClient.Reply written = api.put("/subscribers/eps-eve", document.toString());
        assertThat(written.status()).as(written.body()).isEqualTo(200);

        Request dsr = next(Command.DSR);
        assertThat(Avps.unsigned32(dsr.getAvps(), Avp.DSR_FLAGS).getAsLong() & 1L << 3).isNotZero();
        assertThat(Avps.unsigned32All(dsr.getAvps(), Avp.CONTEXT_IDENTIFIER)).containsExactly(2L);
        List<AvpSet> left = apnConfigurations(next(Command.IDR));
        assertThat(left).hasSize(1);
        assertThat(Avps.unsigned32(left.get(0), Avp.CONTEXT_IDENTIFIER).getAsLong()).isEqualTo(1);
    }

    @Test
    void anAdministrativeDetachIsACancelLocationAnsweredByTheMme() throws Exception {
        JsonNode outcome = api.delete("/eps-registrations/" + IMSI).json();
        assertClr(next(Command.CLR), mme.originHost(), IMSI, "SUBSCRIPTION_WITHDRAWAL", 1);
        assertThat(outcome.get("status").asText()).isEqualTo("ANSWERED");
        assertThat(outcome.get("resultCode").asInt()).isEqualTo(2001);
        JsonNode registration = api.get("/eps-registrations/" + IMSI).json();
        assertThat(registration.path("mme").isMissingNode() || registration.get("mme").isNull()).isTrue();
    }

    @Test
    void aDeletedSubscriberIsWithdrawnFromItsMme() throws Exception {
        assertThat(api.delete("/subscribers/eps-eve").status()).isEqualTo(204);
        assertClr(next(Command.CLR), mme.originHost(), IMSI, "SUBSCRIPTION_WITHDRAWAL", 1);
        assertThat(api.get("/imsis/" + IMSI).status()).isEqualTo(404);
    }
}
