package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.AS1;
import static org.imshss.hss.sh.Sh.AS2;
import static org.imshss.hss.sh.Sh.DAVE;
import static org.imshss.hss.sh.Sh.DAVE_WORK;
import static org.imshss.hss.sh.Sh.PSI;
import static org.imshss.hss.sh.Sh.assertResult;
import static org.imshss.hss.sh.Sh.shData;
import static org.imshss.hss.sh.Sh.xpath;
import static org.imshss.hss.sh.Sh.xpathAll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.HssNode;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.config.HssSettings.ShSettings;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.WarmUpSettings;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What one identity may keep in the HSS over Sh, and a PUR with several RepositoryData elements seen whole or not
 * at all, over real TCP against a node whose caps are small: 4 subscriptions and 4 Service-Indications.
 */
class ShStateLimitsIT {

    private static final int CAP = 4;

    private static HssNode node;
    private static DiameterTestPeer as1;
    private static DiameterTestPeer as2;

    @BeforeAll
    static void start() throws Exception {
        int port = TestHss.freePort();
        ShSettings sh = new ShSettings(65_536, CAP, CAP, Duration.ofDays(1), 4, Duration.ofMillis(500),
                Duration.ofSeconds(60));
        HssSettings settings = new HssSettings(
                new DiameterSettings("127.0.0.1", port, TestHss.HOST, TestHss.REALM,
                        "imshss-test", true, Duration.ofSeconds(2), Duration.ofSeconds(30), 10_000, 4),
                new HssSettings.GridConfig("sh-limits-" + port, "127.0.0.1", TestHss.freePort(), 0,
                        TestHss.freePort(), List.of(), false, Files.createTempDirectory("sh-limits"), 0, 10_000),
                new HssSettings.CxSettings(List.of(TestHss.REALM), Duration.ofSeconds(60), true, 5, false),
                new HssSettings.AuthSettings(null),
                sh).withWarmUp(WarmUpSettings.DISABLED);
        node = HssNode.start(settings, TestHss.seed());
        Sh.seed(node);
        as1 = DiameterTestPeer.connect(Application.SH, AS1, TestHss.REALM, TestHss.freePort(), TestHss.HOST, port);
        as2 = DiameterTestPeer.connect(Application.SH, AS2, TestHss.REALM, TestHss.freePort(), TestHss.HOST, port);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {as2, as1, node}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void subscriptionsPastTheCapAreRefusedButRefreshesAreNot() throws Exception {
        assertResult(Sh.pur(as1, DAVE_WORK, "RepositoryData", repositories(0, "s1", "s2", "s3")),
                ResultCode.DIAMETER_SUCCESS);
        for (String si : List.of("s1", "s2", "s3")) {
            assertResult(snrRepository(si), ResultCode.DIAMETER_SUCCESS);
        }
        assertResult(Sh.snr(as1, DAVE_WORK, true, List.of(), null, false, false, "IMSUserState"),
                ResultCode.DIAMETER_SUCCESS);
        // The fifth distinct subscription: TS 29.328 6.1.3.1, a request the HSS cannot fulfil.
        assertResult(Sh.snr(as1, DAVE_WORK, true, List.of(), null, false, false, "S-CSCFName"),
                ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        // Same AS, same data: a refresh, not a new subscription.
        assertResult(snrRepository("s1"), ResultCode.DIAMETER_SUCCESS);
        assertResult(Sh.snr(as1, DAVE_WORK, true, List.of(), null, false, false, "IMSUserState"),
                ResultCode.DIAMETER_SUCCESS);
        // An SNR refreshing one and adding one is refused whole.
        assertResult(Sh.snr(as1, DAVE_WORK, true, List.of(), null, false, false, "IMSUserState", "S-CSCFName"),
                ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        assertThat(node.shStore().subscriptions(DAVE_WORK).subscriptions()).hasSize(CAP);
        // Room again once one is gone.
        assertResult(Sh.snr(as1, DAVE_WORK, false, List.of(), null, false, false, "IMSUserState"),
                ResultCode.DIAMETER_SUCCESS);
        assertResult(Sh.snr(as1, DAVE_WORK, true, List.of(), null, false, false, "S-CSCFName"),
                ResultCode.DIAMETER_SUCCESS);
    }

    private static Answer snrRepository(String serviceIndication) throws Exception {
        return Sh.snr(as1, DAVE_WORK, true, List.of(serviceIndication), null, false, false, "RepositoryData");
    }

    @Test
    void repositoryDataPastTheCapIsTooMuchDataAndNothingOfItIsStored() throws Exception {
        assertResult(Sh.pur(as1, DAVE, "RepositoryData", repositories(0, "r1", "r2", "r3")),
                ResultCode.DIAMETER_SUCCESS);
        // TS 29.328 6.1.2.1: more than the HSS can store.
        assertResult(Sh.pur(as1, DAVE, "RepositoryData", repositories(0, "r4", "r5")),
                ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA);
        assertThat(stored(DAVE, "r1", "r2", "r3", "r4", "r5")).containsExactly("r1", "r2", "r3");
        // An update of stored data with one new Service-Indication too many: refused whole, r1 unchanged.
        assertResult(Sh.pur(as1, DAVE, "RepositoryData", repositories(0, "r4")), ResultCode.DIAMETER_SUCCESS);
        String updateAndAdd = Sh.repositoryXml("r1", 1, "<v>changed</v>").replace("</Sh-Data>", "")
                + repositories(0, "r5").substring(repositories(0, "r5").indexOf("<RepositoryData>"));
        assertResult(Sh.pur(as1, DAVE, "RepositoryData", updateAndAdd), ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA);
        Document read = shData(Sh.udr(as1, DAVE, null, List.of("r1", "r5"), List.of(), "RepositoryData").getAvps());
        assertThat(xpathAll(read, "/Sh-Data/RepositoryData/ServiceIndication")).containsExactly("r1");
        assertThat(xpath(read, "//RepositoryData/SequenceNumber")).isEqualTo("0");
        // At the cap, stored data can still be updated and deleted, and a deletion makes room.
        assertResult(Sh.purRepository(as1, DAVE, "r1", 1, "<v>r1</v>"), ResultCode.DIAMETER_SUCCESS);
        assertResult(Sh.purRepository(as1, DAVE, "r2", 1, null), ResultCode.DIAMETER_SUCCESS);
        assertResult(Sh.purRepository(as1, DAVE, "r5", 0, "<v>r5</v>"), ResultCode.DIAMETER_SUCCESS);
    }

    /** One AS rewrites two Service-Indications round after round; another reads both meanwhile. */
    @Test
    void aReaderNeverSeesPartOfAPur() throws Exception {
        String x = "seen-x";
        String y = "seen-y";
        assertResult(Sh.pur(as1, PSI, "RepositoryData", pair(x, y, 0, "0")), ResultCode.DIAMETER_SUCCESS);
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<List<String>> torn = CompletableFuture.supplyAsync(() -> readWhile(writing, x, y));
        try {
            for (int round = 1; round <= 300; round++) {
                assertResult(Sh.pur(as1, PSI, "RepositoryData", pair(x, y, round, String.valueOf(round))),
                        ResultCode.DIAMETER_SUCCESS);
            }
        } finally {
            writing.set(false);
        }
        assertThat(torn.get(30, TimeUnit.SECONDS)).as("UDAs showing part of a PUR").isEmpty();
    }

    /**
     * Two ASs write the same two Service-Indications in opposite order, round after round: one PUR wins and the
     * other leaves nothing, and a reader never sees one AS's data beside the other's.
     */
    @Test
    void severalElementsAreWrittenWholeWhateverRacesThem() throws Exception {
        String x = "x";
        String y = "y";
        assertResult(Sh.pur(as1, PSI, "RepositoryData", pair(x, y, 0, "start")), ResultCode.DIAMETER_SUCCESS);
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<List<String>> torn = CompletableFuture.supplyAsync(() -> readWhile(writing, x, y));
        try {
            for (int round = 1; round <= 100; round++) {
                int n = round;
                CompletableFuture<Answer> one =
                        as1.sendAsync(Command.PUR, avps -> body(avps, pair(x, y, n, "as1-" + n)));
                CompletableFuture<Answer> two =
                        as2.sendAsync(Command.PUR, avps -> body(avps, pair(y, x, n, "as2-" + n)));
                ResultCode first = Sh.result(one.get(10, TimeUnit.SECONDS));
                ResultCode second = Sh.result(two.get(10, TimeUnit.SECONDS));
                assertThat(List.of(first, second)).as("round " + round).containsExactlyInAnyOrder(
                        ResultCode.DIAMETER_SUCCESS, ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
                Document read = shData(Sh.udr(as1, PSI, null, List.of(x, y), List.of(), "RepositoryData").getAvps());
                String winner = first == ResultCode.DIAMETER_SUCCESS ? "as1-" + round : "as2-" + round;
                assertThat(xpathAll(read, "//RepositoryData/ServiceData/v")).containsExactly(winner, winner);
            }
        } finally {
            writing.set(false);
        }
        assertThat(torn.get(30, TimeUnit.SECONDS)).as("UDAs showing part of a PUR").isEmpty();
    }

    /** UDRs for both Service-Indications while {@code writing}: the answers whose two values differ. */
    private static List<String> readWhile(AtomicBoolean writing, String x, String y) {
        List<String> torn = new ArrayList<>();
        try {
            while (writing.get()) {
                Document read = shData(Sh.udr(as2, PSI, null, List.of(x, y), List.of(), "RepositoryData").getAvps());
                List<String> values = xpathAll(read, "//RepositoryData/ServiceData/v");
                if (values.size() != 2 || !values.get(0).equals(values.get(1))) {
                    torn.add(String.join(" ", values));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return torn;
    }

    private static void body(AvpSet avps, String shData) {
        Sh.userIdentity(avps, PSI);
        Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Sh.ref("RepositoryData"));
        Avps.addOctets(avps, Avp.USER_DATA_SH, shData.getBytes(StandardCharsets.UTF_8));
    }

    /** Two RepositoryData elements, {@code first} then {@code second}, with one number and one value. */
    private static String pair(String first, String second, int sequence, String value) {
        return "<Sh-Data>" + element(first, sequence, value) + element(second, sequence, value) + "</Sh-Data>";
    }

    private static String element(String serviceIndication, int sequence, String value) {
        return "<RepositoryData><ServiceIndication>" + serviceIndication + "</ServiceIndication><SequenceNumber>"
                + sequence + "</SequenceNumber><ServiceData><v>" + value + "</v></ServiceData></RepositoryData>";
    }

    /** Sh-Data with one RepositoryData element per Service-Indication, each with this number. */
    private static String repositories(int sequence, String... serviceIndications) {
        StringBuilder sb = new StringBuilder("<Sh-Data>");
        for (String si : serviceIndications) {
            sb.append(element(si, sequence, si));
        }
        return sb.append("</Sh-Data>").toString();
    }

    /** Which of these Service-Indications the identity holds data for, read over Sh. */
    private static List<String> stored(String identity, String... serviceIndications) throws Exception {
        Document read = shData(Sh.udr(as1, identity, null, List.of(serviceIndications), List.of(), "RepositoryData")
                .getAvps());
        return xpathAll(read, "/Sh-Data/RepositoryData/ServiceIndication");
    }
}
