package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.imshss.provisioning.store.CacheNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An initial load over HTTP into a persistent node that holds no subscriber: each line answered as by an ordinary
 * import, the write-ahead log back on when the response has ended, the subscribers served over Cx, and a second
 * initial load refused now that there are subscribers.
 */
class InitialLoadIT {

    private static final String ADMIN = "admin-secret-token-0002";

    private static TestHss hss;
    private static DiameterTestPeer icscf;
    private static RestClient api;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startEmptyPersistentWithRest(List.of(new ApiToken("ops-admin", Role.ADMIN, ADMIN)));
        icscf = hss.peer("icscf.ims.example.org");
        api = new RestClient(hss.node().restUri(), ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        icscf.close();
        hss.close();
    }

    private static String subscriber(String user) {
        return ("{\"id\": \"%1$s\", \"allowedVisitedNetworks\": [\"ims.example.org\"], "
                + "\"privateIdentities\": [{\"impi\": \"%1$s@ims.example.org\", \"password\": \"pw-%1$s\", "
                + "\"publicIdentities\": [\"sip:%1$s@ims.example.org\"]}], "
                + "\"publicIdentities\": [{\"identity\": \"sip:%1$s@ims.example.org\", \"serviceProfile\": \"default\"}]}"
                + "\n").formatted(user);
    }

    @Test
    void loadsAnEmptyHssWithTheLogOffAndRefusesASecondLoad() throws Exception {
        assertThat(hss.node().store().hasSubscriptions()).isFalse();
        String ndjson = subscriber("load-a") + subscriber("load-b")
                + subscriber("load-c").replace("sip:load-c@", "sip:load-a@")
                + "{\"id\": \"load-d\", \"privateIdentities\": [{\"impi\": \"load-d@ims.example.org\", \"k\": \"zz\"}]}\n";

        RestClient.Reply reply = api.post("/subscribers/import?initialLoad=true", "application/x-ndjson", ndjson);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> results = new ArrayList<>();
        for (String line : reply.body().split("\n")) {
            results.add(new RestClient.Reply(200, line, null).json());
        }
        assertThat(results).extracting(r -> r.get("result").asText())
                .containsExactly("created", "created", "failed", "failed");
        assertThat(results.get(2).get("status").asInt()).isEqualTo(409);
        assertThat(results.get(3).get("status").asInt()).isEqualTo(400);
        // The state Ignite reports may trail the change by a moment.
        Ignite grid = Ignition.ignite("hss-test-" + hss.port());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String cache : CacheNames.INITIAL_LOAD) {
            while (!grid.cluster().isWalEnabled(cache) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(grid.cluster().isWalEnabled(cache)).as(cache).isTrue();
        }
        assertThat(api.get("/subscribers/load-b").status()).isEqualTo(200);
        assertThat(api.get("/subscribers/load-c").status()).isEqualTo(404);
        assertThat(result(Cx.uar(icscf, "load-b@ims.example.org", "sip:load-b@ims.example.org", "ims.example.org")))
                .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);

        RestClient.Reply again = api.post("/subscribers/import?initialLoad=true", "application/x-ndjson",
                subscriber("load-e"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(api.get("/subscribers/load-e").status()).isEqualTo(404);
        RestClient.Reply ordinary = api.post("/subscribers/import", "application/x-ndjson", subscriber("load-e"));
        assertThat(ordinary.body()).contains("\"created\"");
    }
}
