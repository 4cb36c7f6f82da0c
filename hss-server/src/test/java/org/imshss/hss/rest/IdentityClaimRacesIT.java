package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.rest.ApiToken;
import org.imshss.provisioning.rest.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two new subscribers claiming one identity, POSTed over real HTTP to one HSS at the same instant, round after
 * round: one is created, the other gets 409 naming the identity and leaves nothing behind.
 */
class IdentityClaimRacesIT {

    private static final String TOKEN = "provision-secret-token-01";
    private static final int ROUNDS = 20;

    private static TestHss hss;
    private static RestClient api;
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithRest(List.of(new ApiToken("oss-script", Role.PROVISION, TOKEN)));
        api = new RestClient(hss.node().restUri(), TOKEN);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.shutdownNow();
        hss.close();
    }

    /** A subscriber with its own identities, and the shared public identity, private identity or MSISDN. */
    private static String subscriber(String id, String impi, String sharedImpu, String msisdn) {
        String impus = "\"sip:" + id + "@ims.example.org\"" + (sharedImpu == null ? "" : ", \"" + sharedImpu + "\"");
        String shared = sharedImpu == null ? ""
                : ", {\"identity\": \"" + sharedImpu + "\", \"serviceProfile\": \"default\"}";
        String number = msisdn == null ? "" : ", \"msisdn\": \"" + msisdn + "\"";
        return """
                {"id": "%1$s", "allowedVisitedNetworks": ["ims.example.org"],
                 "privateIdentities": [{"impi": "%2$s", "password": "pw-%1$s", "publicIdentities": [%3$s]}],
                 "implicitRegistrationSets": [[%3$s]],
                 "publicIdentities": [{"identity": "sip:%1$s@ims.example.org", "serviceProfile": "default"%4$s}%5$s]}
                """.formatted(id, impi, impus, number, shared);
    }

    @Test
    void twoPostsClaimingOneIdentityAtOnceCreateExactlyOneSubscriber() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String a = "race-a" + round;
            String b = "race-b" + round;
            int kind = round % 3;
            String impu = kind == 0 ? "sip:race-shared" + round + "@ims.example.org" : null;
            String impiA = kind == 1 ? "race-impi" + round + "@ims.example.org" : a + "@ims.example.org";
            String impiB = kind == 1 ? impiA : b + "@ims.example.org";
            String msisdn = kind == 2 ? "46709" + (100_000 + round) : null;
            String named = kind == 0 ? impu : kind == 1 ? impiA : msisdn;
            List<RestClient.Reply> replies = atOnce(subscriber(a, impiA, impu, msisdn),
                    subscriber(b, impiB, impu, msisdn));

            assertThat(replies).extracting(RestClient.Reply::status).as("round %d", round)
                    .containsExactlyInAnyOrder(201, 409);
            boolean aWon = replies.get(0).status() == 201;
            String winner = aWon ? a : b;
            String loser = aWon ? b : a;
            RestClient.Reply refused = replies.get(aWon ? 1 : 0);
            assertThat(refused.body()).as("round %d", round).contains(named);
            assertThat(api.get("/subscribers/" + loser).status()).isEqualTo(404);
            assertThat(api.get("/subscribers/" + winner).status()).isEqualTo(200);
            assertThat(hss.node().store().publicIdentity("sip:" + loser + "@ims.example.org")).isEmpty();
            if (kind == 0) {
                assertThat(hss.node().store().publicIdentity(impu).orElseThrow().subscriptionId()).isEqualTo(winner);
            } else if (kind == 1) {
                assertThat(hss.node().store().privateIdentity(impiA).orElseThrow().subscriptionId()).isEqualTo(winner);
            } else {
                assertThat(hss.node().store().publicIdentityByMsisdn(msisdn).orElseThrow().subscriptionId())
                        .isEqualTo(winner);
            }
        }
    }

    private static List<RestClient.Reply> atOnce(String first, String second) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<RestClient.Reply>> posts = new ArrayList<>();
        for (String body : List.of(first, second)) {
            posts.add(pool.submit(() -> {
                barrier.await(30, TimeUnit.SECONDS);
                return api.post("/subscribers", body);
            }));
        }
        List<RestClient.Reply> replies = new ArrayList<>();
        for (Future<RestClient.Reply> post : posts) {
            replies.add(post.get(60, TimeUnit.SECONDS));
        }
        return replies;
    }
}
