package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.AS1;
import static org.imshss.hss.sh.Sh.DAVE;
import static org.imshss.hss.sh.Sh.assertResult;
import static org.imshss.hss.sh.Sh.dsaiXml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
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
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DSAI tags provisioned over the REST API (GET/PUT/DELETE /dsai/{tag}), validated like the rest of the service
 * data; changing or removing a tag that is INACTIVE for a registered user pushes that user's new profile to the
 * S-CSCF (TS 29.328 7.6.11, TS 29.228 6.2.2).
 */
class ShDsaiProvisioningIT {

    private static final String PROVISIONER = "provision-secret-token-01";
    private static final String READER = "read-only-secret-token-01";

    private static TestHss hss;
    private static DiameterTestPeer as1;
    private static DiameterTestPeer scscf;
    private static RestClient api;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithRest(List.of(new ApiToken("oss-script", Role.PROVISION, PROVISIONER),
                new ApiToken("viewer", Role.READ, READER)));
        Sh.seed(hss);
        as1 = DiameterTestPeer.connect(Application.SH, AS1, TestHss.REALM, TestHss.freePort(), TestHss.HOST,
                hss.port());
        scscf = hss.peer("scscf1.ims.example.org");
        scscf.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
        api = new RestClient(hss.node().restUri(), PROVISIONER);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {scscf, as1, hss}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void tagsAreValidatedLikeTheRestOfTheServiceData() throws Exception {
        RestClient.Reply created = api.put("/dsai/conference", "{\"ifcs\": [\"sh-as1-invite\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("tag").asText()).isEqualTo("conference");
        assertThat(api.put("/dsai/conference", "{\"tag\": \"conference\", \"ifcs\": [\"sh-as1-invite\", "
                + "\"sh-as1-message\"]}").status()).isEqualTo(200);
        RestClient.Reply read = api.withToken(READER).get("/dsai/conference");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("ifcs").toString()).isEqualTo("[\"sh-as1-invite\",\"sh-as1-message\"]");
        assertThat(api.get("/dsai").body()).contains("\"conference\"");

        RestClient.Reply unknown = api.put("/dsai/broken", "{\"ifcs\": [\"sh-as1-invite\", \"no-such-ifc\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(errorFields(unknown)).containsExactly("ifcs[1]");
        RestClient.Reply empty = api.put("/dsai/broken", "{\"ifcs\": []}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(errorFields(empty)).containsExactly("ifcs");
        RestClient.Reply renamed = api.put("/dsai/broken", "{\"tag\": \"other\", \"ifcs\": [\"sh-as1-invite\"]}");
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(errorFields(renamed)).containsExactly("tag");
        assertThat(api.get("/dsai/broken").status()).isEqualTo(404);
        assertThat(api.withToken(READER).put("/dsai/broken", "{\"ifcs\": [\"sh-as1-invite\"]}").status())
                .isEqualTo(403);

        assertThat(api.delete("/dsai/conference").status()).isEqualTo(204);
        assertThat(api.get("/dsai/conference").status()).isEqualTo(404);
        assertThat(api.delete("/dsai/conference").status()).isEqualTo(404);
    }

    @Test
    void changingOrRemovingAnInactiveTagPushesTheProfile() throws Exception {
        assertThat(api.put("/dsai/video", "{\"ifcs\": [\"sh-as1-invite\"]}").status()).isEqualTo(201);
        assertThat(Cx.result(Cx.sar(scscf, "dave@ims.example.org", DAVE, Cx.SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("video", 1)), ResultCode.DIAMETER_SUCCESS);
        assertThat(ifcsOfDave(nextPpr())).containsExactly("3", "7");

        // The tag now governs the MESSAGE iFC instead: INVITE comes back, MESSAGE goes.
        assertThat(api.put("/dsai/video", "{\"ifcs\": [\"sh-as1-message\"]}").status()).isEqualTo(200);
        assertThat(ifcsOfDave(nextPpr())).containsExactly("5", "7");

        // Without the tag nothing is masked.
        assertThat(api.delete("/dsai/video").status()).isEqualTo(204);
        assertThat(ifcsOfDave(nextPpr())).containsExactly("3", "5", "7");
    }

    private static UserDataXml nextPpr() throws Exception {
        Request ppr = scscf.nextReceived(3, TimeUnit.SECONDS);
        assertThat(ppr).as("PPR").isNotNull();
        assertThat(ppr.getCommandCode()).isEqualTo(Command.PPR.code());
        return UserDataXml.parseValid(new String(Avps.octets(ppr.getAvps(), Avp.USER_DATA_CX).orElseThrow(),
                StandardCharsets.UTF_8));
    }

    private static List<String> ifcsOfDave(UserDataXml profile) {
        return profile.texts("//ServiceProfile[PublicIdentity/Identity='" + DAVE + "']/InitialFilterCriteria/Priority");
    }

    private static List<String> errorFields(RestClient.Reply reply) {
        List<String> fields = new ArrayList<>();
        reply.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
