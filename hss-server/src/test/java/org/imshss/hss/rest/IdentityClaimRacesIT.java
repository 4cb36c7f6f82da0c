package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes racing over real HTTP, round after round, to one HSS and to two HSS nodes of one cluster in this JVM: of two
 * new subscribers claiming one identity one is created and the other gets 409 naming it and leaves nothing behind;
 * of two writes with one If-Match one succeeds and the other gets 412.
 */
class IdentityClaimRacesIT {

    private static final String TOKEN = "provision-secret-token-01";
    private static final int ROUNDS = 20;

    private static List<TestHss> nodes;
    private static List<RestClient> apis;
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        nodes = TestHss.startPairWithRest(List.of(new ApiToken("oss-script", Role.PROVISION, TOKEN)));
        apis = nodes.stream().map(node -> new RestClient(node.node().restUri(), TOKEN)).toList();
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.shutdownNow();
        nodes.get(1).close();
        nodes.get(0).close();
    }

    @Test
    void theNodesFormOneCluster() throws Exception {
        assertThat(nodes.get(0).node().store().storedSubscription("alice")).isPresent();
        assertThat(apis.get(1).get("/subscribers/alice")).extracting(RestClient.Reply::status).isEqualTo(200);
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
    void twoPostsClaimingOneIdentityAtOnceThroughOneNodeCreateExactlyOneSubscriber() throws Exception {
        claimRaces("one", 0, 0);
    }

    @Test
    void twoPostsClaimingOneIdentityAtOnceThroughTwoNodesCreateExactlyOneSubscriber() throws Exception {
        claimRaces("two", 0, 1);
    }

    /** Rounds in turn over a shared public identity, a shared private identity and a shared MSISDN. */
    private static void claimRaces(String name, int first, int second) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String a = name + "-a" + round;
            String b = name + "-b" + round;
            int kind = round % 3;
            String impu = kind == 0 ? "sip:" + name + "-shared" + round + "@ims.example.org" : null;
            String impiA = kind == 1 ? name + "-impi" + round + "@ims.example.org" : a + "@ims.example.org";
            String impiB = kind == 1 ? impiA : b + "@ims.example.org";
            String msisdn = kind == 2 ? "4670" + first + second + (100_000 + round) : null;
            String named = kind == 0 ? impu : kind == 1 ? impiA : msisdn;
            List<RestClient.Reply> replies = atOnce(
                    () -> apis.get(first).post("/subscribers", subscriber(a, impiA, impu, msisdn)),
                    () -> apis.get(second).post("/subscribers", subscriber(b, impiB, impu, msisdn)));

            assertThat(replies).extracting(RestClient.Reply::status).as("round %d", round)
                    .containsExactlyInAnyOrder(201, 409);
            boolean aWon = replies.get(0).status() == 201;
            String winner = aWon ? a : b;
            String loser = aWon ? b : a;
            RestClient.Reply refused = replies.get(aWon ? 1 : 0);
            assertThat(refused.body()).as("round %d", round).contains(named);
            // Each node's decoded copies are dropped at once where the write ran, so each is asked about its own.
            IgniteSubscriberStore won = nodes.get(aWon ? first : second).node().store();
            IgniteSubscriberStore lost = nodes.get(aWon ? second : first).node().store();
            assertThat(lost.storedSubscription(loser)).as("round %d", round).isEmpty();
            assertThat(won.storedSubscription(winner)).isPresent();
            assertThat(lost.publicIdentity("sip:" + loser + "@ims.example.org")).isEmpty();
            if (kind == 0) {
                assertThat(won.publicIdentity(impu).orElseThrow().subscriptionId()).isEqualTo(winner);
            } else if (kind == 1) {
                assertThat(won.privateIdentity(impiA).orElseThrow().subscriptionId()).isEqualTo(winner);
            } else {
                assertThat(won.publicIdentityByMsisdn(msisdn).orElseThrow().subscriptionId()).isEqualTo(winner);
            }
        }
    }

    @Test
    void twoWritesWithOneIfMatchThroughTwoNodesHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = "match-" + round;
            String impi = id + "@ims.example.org";
            RestClient.Reply created = apis.get(0).post("/subscribers", subscriber(id, impi, null, null));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String etag = created.header("ETag");
            String viaA = "sip:" + id + "-via-a@ims.example.org";
            String viaB = "sip:" + id + "-via-b@ims.example.org";
            List<RestClient.Reply> replies = atOnce(
                    () -> apis.get(0).put("/subscribers/" + id, subscriber(id, impi, viaA, null), etag),
                    () -> apis.get(1).put("/subscribers/" + id, subscriber(id, impi, viaB, null), etag));

            assertThat(replies).extracting(RestClient.Reply::status).as("round %d", round)
                    .containsExactlyInAnyOrder(200, 412);
            boolean aWon = replies.get(0).status() == 200;
            String body = apis.get(aWon ? 0 : 1).get("/subscribers/" + id).body();
            assertThat(body).contains(aWon ? viaA : viaB).doesNotContain(aWon ? viaB : viaA);
            assertThat(nodes.get(aWon ? 1 : 0).node().store().publicIdentity(aWon ? viaB : viaA)).isEmpty();
        }
    }

    private static List<RestClient.Reply> atOnce(Callable<RestClient.Reply> first, Callable<RestClient.Reply> second)
            throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<RestClient.Reply>> posts = new ArrayList<>();
        for (Callable<RestClient.Reply> request : List.of(first, second)) {
            posts.add(pool.submit(() -> {
                barrier.await(30, TimeUnit.SECONDS);
                return request.call();
            }));
        }
        List<RestClient.Reply> replies = new ArrayList<>();
        for (Future<RestClient.Reply> post : posts) {
            replies.add(post.get(60, TimeUnit.SECONDS));
        }
        return replies;
    }
}
