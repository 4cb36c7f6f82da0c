package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.assertResult;
import static org.imshss.hss.sh.Sh.shData;
import static org.imshss.hss.sh.Sh.xpath;

import java.util.List;
import org.imshss.diameter.Application;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application server of the demo data works at once: an HSS loaded with the demo alone answers its Sh
 * requests, sent over TCP with the Origin-Host the demo grants, without any provisioning first.
 */
class ShDemoApplicationServerIT {

    private static final String DEMO_AS = "as.ims.example.org";
    private static final String DEMO_AS_NAME = "sip:as.ims.example.org:5070";
    private static final String ALICE = "sip:alice@ims.example.org";

    private static TestHss hss;
    private static DiameterTestPeer as;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.startDemo();
        as = DiameterTestPeer.connect(Application.SH, DEMO_AS, TestHss.REALM, TestHss.freePort(), TestHss.HOST,
                hss.port());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {as, hss}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void readsAliceUserState() throws Exception {
        Answer answer = Sh.udr(as, ALICE, DEMO_AS_NAME, List.of(), List.of(), "IMSUserState");
        assertResult(answer, ResultCode.DIAMETER_SUCCESS);
        assertThat(xpath(shData(answer.getAvps()), "/Sh-Data/Sh-IMS-Data/IMSUserState")).isEqualTo("0");
    }

    @Test
    void readsTheIfcsNamingIt() throws Exception {
        Answer answer = Sh.udr(as, ALICE, DEMO_AS_NAME, List.of(), List.of(), "InitialFilterCriteria",
                "ChargingInformation", "IMSPublicIdentity");
        assertResult(answer, ResultCode.DIAMETER_SUCCESS);
        assertThat(xpath(shData(answer.getAvps()), "//IFCs/InitialFilterCriteria/ApplicationServer/ServerName"))
                .isEqualTo(DEMO_AS_NAME);
    }

    @Test
    void writesAndSubscribesToRepositoryData() throws Exception {
        assertResult(Sh.purRepository(as, ALICE, "demo-service", 0, "<x>1</x>"), ResultCode.DIAMETER_SUCCESS);
        assertResult(Sh.snr(as, ALICE, DEMO_AS_NAME, List.of(), List.of(), true, List.of("demo-service"), null,
                false, false, "RepositoryData"), ResultCode.DIAMETER_SUCCESS);
        assertResult(Sh.snr(as, ALICE, DEMO_AS_NAME, List.of(), List.of(), true, List.of(), null, false, false,
                "IMSUserState"), ResultCode.DIAMETER_SUCCESS);
    }
}
