package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.AS1;
import static org.imshss.hss.sh.Sh.DAVE;
import static org.imshss.hss.sh.Sh.DAVE_WORK;
import static org.imshss.hss.sh.Sh.assertResult;
import static org.imshss.hss.sh.Sh.shData;
import static org.imshss.hss.sh.Sh.xpathAll;

import java.util.List;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.imshss.diameter.Application;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.store.CacheNames;
import org.imshss.provisioning.store.IgniteShDataStore;
import org.imshss.provisioning.store.RecordCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Repository data over the REST API (read and delete one Service-Indication of an identity whose data is one grid
 * entry), and data stored per (identity, Service-Indication) by earlier versions moved into that entry.
 */
class ShRepositoryDataRestIT {

    private static final String PROVISIONER = "provision-secret-token-01";

    private static TestHss hss;
    private static DiameterTestPeer as1;
    private static RestClient api;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startWithRest(List.of(new ApiToken("oss-script", Role.PROVISION, PROVISIONER)));
        Sh.seed(hss);
        as1 = DiameterTestPeer.connect(Application.SH, AS1, TestHss.REALM, TestHss.freePort(), TestHss.HOST,
                hss.port());
        api = new RestClient(hss.node().restUri(), PROVISIONER);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {as1, hss}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void oneServiceIndicationIsReadAndDeletedTheOthersStay() throws Exception {
        assertResult(Sh.pur(as1, DAVE, "RepositoryData", "<Sh-Data>" + element("rest-a") + element("rest-b")
                + "</Sh-Data>"), ResultCode.DIAMETER_SUCCESS);
        String path = "/repository-data/" + RestClient.segment(DAVE) + "/";
        RestClient.Reply read = api.get(path + "rest-a");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("serviceData").asText()).isEqualTo("<v>rest-a</v>");
        assertThat(read.json().get("updatedBy").asText()).isEqualTo(AS1);

        assertThat(api.delete(path + "rest-a").status()).isEqualTo(204);
        assertThat(api.get(path + "rest-a").status()).isEqualTo(404);
        assertThat(api.delete(path + "rest-a").status()).isEqualTo(404);
        assertThat(api.get(path + "rest-b").status()).isEqualTo(200);
        assertThat(stored(DAVE, "rest-a", "rest-b")).containsExactly("rest-b");
    }

    @Test
    void dataStoredPerServiceIndicationByEarlierVersionsIsMoved() throws Exception {
        assertResult(Sh.pur(as1, DAVE_WORK, "RepositoryData", "<Sh-Data>" + element("kept") + "</Sh-Data>"),
                ResultCode.DIAMETER_SUCCESS);
        IgniteCache<String, byte[]> cache = Ignition.ignite("hss-test-" + hss.port()).cache(CacheNames.SH_REPOSITORY);
        RecordCodec codec = RecordCodec.shared();
        cache.put(DAVE_WORK + "\nold", codec.encode(new RepositoryData(DAVE_WORK, "old", 7, "<v>old</v>", AS1)));
        cache.put(DAVE_WORK + "\nkept", codec.encode(new RepositoryData(DAVE_WORK, "kept", 9, "<v>stale</v>", AS1)));

        try (IgniteShDataStore starting = new IgniteShDataStore(Ignition.ignite("hss-test-" + hss.port()))) {
            assertThat(starting.repositoryData(DAVE_WORK, "old")).contains(
                    new RepositoryData(DAVE_WORK, "old", 7, "<v>old</v>", AS1));
            assertThat(starting.repositoryData(DAVE_WORK, "kept").orElseThrow().serviceData()).isEqualTo("<v>kept</v>");
        }
        assertThat(cache.containsKey(DAVE_WORK + "\nold")).isFalse();
        assertThat(cache.containsKey(DAVE_WORK + "\nkept")).isFalse();
        assertThat(stored(DAVE_WORK, "kept", "old")).containsExactly("kept", "old");
        assertResult(Sh.purRepository(as1, DAVE_WORK, "old", 8, null), ResultCode.DIAMETER_SUCCESS);
    }

    private static String element(String serviceIndication) {
        return "<RepositoryData><ServiceIndication>" + serviceIndication + "</ServiceIndication><SequenceNumber>0"
                + "</SequenceNumber><ServiceData><v>" + serviceIndication + "</v></ServiceData></RepositoryData>";
    }

    private static List<String> stored(String identity, String... serviceIndications) throws Exception {
        return xpathAll(shData(Sh.udr(as1, identity, null, List.of(serviceIndications), List.of(), "RepositoryData")
                .getAvps()), "/Sh-Data/RepositoryData/ServiceIndication");
    }
}
