package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.AS1;
import static org.imshss.hss.sh.Sh.AS1_NAME;
import static org.imshss.hss.sh.Sh.AS2;
import static org.imshss.hss.sh.Sh.DAVE;
import static org.imshss.hss.sh.Sh.DAVE_TEL;
import static org.imshss.hss.sh.Sh.DAVE_WORK;
import static org.imshss.hss.sh.Sh.PSI;
import static org.imshss.hss.sh.Sh.ROOM_WILDCARD;
import static org.imshss.hss.sh.Sh.assertResult;
import static org.imshss.hss.sh.Sh.shData;
import static org.imshss.hss.sh.Sh.xpath;
import static org.imshss.hss.sh.Sh.xpathAll;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.RepositoryDataSet;
import org.imshss.provisioning.store.RecordUpdate;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The Sh interface over real TCP: an AS peer sends UDR/PUR/SNR and receives PNR. */
class ShInterfaceIT {

    private static TestHss hss;
    private static DiameterTestPeer as1;
    private static DiameterTestPeer as2;
    private static DiameterTestPeer scscf;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        Sh.seed(hss);
        as1 = DiameterTestPeer.connect(Application.SH, AS1, TestHss.REALM, TestHss.freePort(), TestHss.HOST, hss.port());
        as2 = DiameterTestPeer.connect(Application.SH, AS2, TestHss.REALM, TestHss.freePort(), TestHss.HOST, hss.port());
        scscf = hss.peer("scscf1.ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {scscf, as2, as1, hss}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    // ---- UDR ------------------------------------------------------------------------------------------

    @Test
    void publicIdentitiesOfEachIdentitySet() throws Exception {
        Document all = shData(Sh.udr(as1, DAVE, "IMSPublicIdentity").getAvps());
        assertThat(xpathAll(all, "/Sh-Data/PublicIdentifiers/IMSPublicIdentity"))
                .containsExactly(DAVE, DAVE_TEL, DAVE_WORK);

        Answer implicit = Sh.udr(as1, DAVE, null, List.of(), List.of("IMPLICIT_IDENTITIES"), "IMSPublicIdentity");
        assertThat(xpathAll(shData(implicit.getAvps()), "/Sh-Data/PublicIdentifiers/IMSPublicIdentity"))
                .containsExactly(DAVE, DAVE_TEL);

        Answer alias = Sh.udr(as1, DAVE_TEL, null, List.of(), List.of("ALIAS_IDENTITIES"), "IMSPublicIdentity");
        assertThat(xpathAll(shData(alias.getAvps()), "/Sh-Data/PublicIdentifiers/IMSPublicIdentity"))
                .containsExactly(DAVE, DAVE_TEL);

        Answer registered = Sh.udr(as1, DAVE_WORK, null, List.of(), List.of("REGISTERED_IDENTITIES"),
                "IMSPublicIdentity");
        assertResult(registered, ResultCode.DIAMETER_SUCCESS);
        shData(registered.getAvps());

        Answer several = Sh.udr(as1, DAVE, null, List.of(), List.of("IMPLICIT_IDENTITIES", "ALL_IDENTITIES"),
                "IMSPublicIdentity");
        Document both = shData(several.getAvps());
        assertThat(xpathAll(both, "/Sh-Data/Extension/ImplicitIdentities/IMSPublicIdentity"))
                .containsExactly(DAVE, DAVE_TEL);
        assertThat(xpathAll(both, "/Sh-Data/Extension/AllIdentities/IMSPublicIdentity")).hasSize(3);
    }

    @Test
    void imsDataReferences() throws Exception {
        Answer answer = Sh.udr(as1, DAVE, AS1_NAME, List.of(), List.of(), "IMSUserState", "S-CSCFName",
                "InitialFilterCriteria", "ChargingInformation", "MSISDN", "IMSPrivateUserIdentity");
        assertResult(answer, ResultCode.DIAMETER_SUCCESS);
        Document doc = shData(answer.getAvps());
        assertThat(xpath(doc, "/Sh-Data/Sh-IMS-Data/IMSUserState")).isEqualTo("0");
        // Only the iFCs naming the requesting AS, in priority order.
        assertThat(xpathAll(doc, "//IFCs/InitialFilterCriteria/Priority")).containsExactly("3", "5");
        assertThat(xpathAll(doc, "//IFCs/InitialFilterCriteria/ApplicationServer/ServerName"))
                .containsOnly(AS1_NAME);
        assertThat(xpath(doc, "//InitialFilterCriteria[Priority='5']/ApplicationServer/ServiceInfo"))
                .isEqualTo("as1 & co");
        assertThat(xpath(doc, "/Sh-Data/Sh-IMS-Data/ChargingInformation/PrimaryEventChargingFunctionName"))
                .isEqualTo("aaa://ecf.sh.ims.example.org:3868");
        assertThat(xpath(doc, "/Sh-Data/PublicIdentifiers/MSISDN")).isEqualTo("15550200");
        assertThat(xpath(doc, "/Sh-Data/Extension/Extension/Extension/Extension/Extension/IMSPrivateUserIdentity"))
                .isEqualTo("dave@ims.example.org");
    }

    @Test
    void psiActivationAndWildcardedPsi() throws Exception {
        Answer psi = Sh.udr(as1, PSI, "PSIActivation");
        assertThat(xpath(shData(psi.getAvps()), "/Sh-Data/Sh-IMS-Data/Extension/PSIActivation")).isEqualTo("0");

        Answer room = Sh.udr(as1, "sip:room-42@sh.ims.example.org", "PSIActivation");
        assertResult(room, ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.utf8(room.getAvps(), Avp.WILDCARDED_PUBLIC_IDENTITY)).contains(ROOM_WILDCARD);
        assertThat(xpath(shData(room.getAvps()), "//PSIActivation")).isEqualTo("1");

        // IMSUserState has a public user identity as its only access key (TS 29.328 Table 7.6.1).
        assertResult(Sh.udr(as1, PSI, "IMSUserState"), ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
        assertResult(Sh.udr(as1, DAVE, "PSIActivation"), ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
    }

    @Test
    void msisdnLookup() throws Exception {
        Answer answer = as1.send(Command.UDR, avps -> {
            Sh.msisdnIdentity(avps, "15550200");
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Sh.ref("MSISDN"));
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Sh.ref("IMSPublicIdentity"));
            Avps.addEnumerated(avps, Avp.IDENTITY_SET, Avp.IDENTITY_SET.enumValue("IMPLICIT_IDENTITIES"));
        });
        assertResult(answer, ResultCode.DIAMETER_SUCCESS);
        Document doc = shData(answer.getAvps());
        assertThat(xpath(doc, "/Sh-Data/PublicIdentifiers/MSISDN")).isEqualTo("15550200");
        assertThat(xpathAll(doc, "/Sh-Data/PublicIdentifiers/IMSPublicIdentity")).containsExactly(DAVE, DAVE_TEL);

        Answer unknown = as1.send(Command.UDR, avps -> {
            Sh.msisdnIdentity(avps, "4915550999");
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Sh.ref("MSISDN"));
        });
        assertResult(unknown, ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        // RepositoryData is keyed by IMPU or PSI only.
        Answer repository = as1.send(Command.UDR, avps -> {
            Sh.msisdnIdentity(avps, "15550200");
            Avps.addOctets(avps, Avp.SERVICE_INDICATION, "x".getBytes());
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Sh.ref("RepositoryData"));
        });
        assertResult(repository, ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
    }

    /**
     * CS/PS/EPS data (location, user state, ...) is not held by this HSS: a UDR for it is answered
     * DIAMETER_USER_DATA_NOT_AVAILABLE (TS 29.329 6.2.3.1, Experimental-Result 4100) without User-Data, also when
     * it comes with Data-References the HSS does hold. No AS is given PUR or SNR permissions for such data
     * (5103, 5104); with them, 5101 (see {@link #oneTimeNotificationOnlyForUeReachabilityForIp}).
     */
    @Test
    void dataTheHssDoesNotHold() throws Exception {
        assertResult(Sh.udr(as1, DAVE, "LocationInformation"), ResultCode.DIAMETER_USER_DATA_NOT_AVAILABLE);
        assertResult(Sh.udr(as1, DAVE, "UserState"), ResultCode.DIAMETER_USER_DATA_NOT_AVAILABLE);
        Answer mixed = Sh.udr(as1, DAVE, "IMSUserState", "LocationInformation");
        assertResult(mixed, ResultCode.DIAMETER_USER_DATA_NOT_AVAILABLE);
        AvpSet experimental = Avps.grouped(mixed.getAvps(), Avp.EXPERIMENTAL_RESULT).orElseThrow();
        assertThat(Avps.unsigned32(experimental, Avp.VENDOR_ID).getAsLong()).isEqualTo(10415);
        assertThat(Avps.unsigned32(experimental, Avp.EXPERIMENTAL_RESULT_CODE).getAsLong()).isEqualTo(4100);
        assertThat(Avps.has(mixed.getAvps(), Avp.RESULT_CODE)).isFalse();
        assertThat(Avps.has(mixed.getAvps(), Avp.USER_DATA_SH)).isFalse();
        assertResult(Sh.pur(as1, DAVE, "LocationInformation", "<Sh-Data/>"),
                ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_MODIFIED);
        assertResult(Sh.snr(as1, DAVE, true, List.of(), null, false, false, "UserState"),
                ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_NOTIFIED);
    }

    @Test
    void conditionalAvpsAndUnknownUser() throws Exception {
        Answer noServiceIndication = Sh.udr(as1, DAVE, "RepositoryData");
        assertResult(noServiceIndication, ResultCode.DIAMETER_MISSING_AVP);
        Answer noServerName = Sh.udr(as1, DAVE, null, List.of(), List.of(), "InitialFilterCriteria");
        assertResult(noServerName, ResultCode.DIAMETER_MISSING_AVP);
        assertResult(Sh.udr(as1, "sip:nobody@ims.example.org", "IMSUserState"),
                ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    }

    // ---- permissions --------------------------------------------------------------------------------------

    @Test
    void permissionsPerOperation() throws Exception {
        assertResult(Sh.udr(as2, DAVE, "IMSUserState"), ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_READ);
        assertResult(Sh.pur(as2, PSI, "PSIActivation", psiXml(1)), ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_MODIFIED);
        assertResult(Sh.snr(as2, DAVE, true, List.of(), null, false, false, "IMSUserState"),
                ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_NOTIFIED);
        // Permitted, but not a Data-Reference Sh-Update applies to.
        assertResult(Sh.pur(as1, DAVE, "IMSUserState", psiXml(1)), ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
    }

    @Test
    void unknownApplicationServerIsRefused() throws Exception {
        try (DiameterTestPeer stranger = DiameterTestPeer.connect(Application.SH, "stranger.ims.example.org", TestHss.REALM,
                TestHss.freePort(), TestHss.HOST, hss.port())) {
            assertResult(Sh.udr(stranger, DAVE, "IMSUserState"), ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_READ);
            assertResult(Sh.purRepository(stranger, DAVE, "stranger", 0, "<a/>"),
                    ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_MODIFIED);
            assertResult(Sh.snr(stranger, DAVE, true, List.of(), null, false, false, "IMSUserState"),
                    ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_NOTIFIED);
        }
    }

    // ---- PUR ------------------------------------------------------------------------------------------

    @Test
    void repositoryDataSequenceNumbers() throws Exception {
        String si = "seq-" + System.nanoTime();
        assertResult(Sh.purRepository(as1, DAVE, si, 1, "<v>a</v>"),
                ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
        Answer created = Sh.purRepository(as1, DAVE, si, 0, "<v>a</v>");
        assertResult(created, ResultCode.DIAMETER_SUCCESS);
        // TS 29.328 6.1.2.1: Repository-Data-ID only names a failed instance of a multi-instance update.
        assertThat(Avps.has(created.getAvps(), Avp.REPOSITORY_DATA_ID)).isFalse();
        assertResult(Sh.purRepository(as1, DAVE, si, 0, "<v>b</v>"),
                ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
        assertResult(Sh.purRepository(as1, DAVE, si, 2, "<v>b</v>"),
                ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
        assertResult(Sh.purRepository(as1, DAVE, si, 1, "<v>b</v>"), ResultCode.DIAMETER_SUCCESS);

        Document read = shData(Sh.udr(as1, DAVE, null, List.of(si), List.of(), "RepositoryData").getAvps());
        assertThat(xpath(read, "/Sh-Data/RepositoryData/ServiceIndication")).isEqualTo(si);
        assertThat(xpath(read, "/Sh-Data/RepositoryData/SequenceNumber")).isEqualTo("1");
        assertThat(xpath(read, "/Sh-Data/RepositoryData/ServiceData/v")).isEqualTo("b");

        // Deletion: the next number without ServiceData.
        assertResult(Sh.purRepository(as1, DAVE, si, 2, null), ResultCode.DIAMETER_SUCCESS);
        Document gone = shData(Sh.udr(as1, DAVE, null, List.of(si), List.of(), "RepositoryData").getAvps());
        assertThat(xpathAll(gone, "/Sh-Data/RepositoryData")).isEmpty();
    }

    @Test
    void severalRepositoryDataElementsAreWrittenAllOrNothing() throws Exception {
        String a = "multi-a-" + System.nanoTime();
        String b = "multi-b-" + System.nanoTime();
        assertResult(Sh.pur(as1, DAVE, "RepositoryData", repositories(a, 0, "<v>a0</v>", b, 0, "<v>b0</v>")),
                ResultCode.DIAMETER_SUCCESS);
        Document both = shData(Sh.udr(as1, DAVE, null, List.of(a, b), List.of(), "RepositoryData").getAvps());
        assertThat(xpathAll(both, "/Sh-Data/RepositoryData/ServiceIndication")).containsExactly(a, b);

        // The second element is out of sync: the first is not written either.
        Answer outOfSync = Sh.pur(as1, DAVE, "RepositoryData", repositories(a, 1, "<v>a1</v>", b, 5, "<v>b1</v>"));
        assertResult(outOfSync, ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
        // Without Update-Eff announced the PUA names no instance (TS 29.328 6.1.2.1) ...
        assertThat(Avps.has(outOfSync.getAvps(), Avp.REPOSITORY_DATA_ID)).isFalse();
        assertThat(Avps.has(outOfSync.getAvps(), Avp.SUPPORTED_FEATURES)).isFalse();
        // ... with it, Repository-Data-ID names the failed one, and the answer confirms the feature.
        Answer named = purWithUpdateEff(repositories(a, 1, "<v>a1</v>", b, 5, "<v>b1</v>"));
        assertResult(named, ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
        AvpSet failed = Avps.grouped(named.getAvps(), Avp.REPOSITORY_DATA_ID).orElseThrow();
        assertThat(Avps.utf8(failed, Avp.SERVICE_INDICATION)).contains(b);
        assertThat(Avps.unsigned32(failed, Avp.SEQUENCE_NUMBER).getAsLong()).isEqualTo(5);
        AvpSet features = Avps.grouped(named.getAvps(), Avp.SUPPORTED_FEATURES).orElseThrow();
        assertThat(Avps.unsigned32(features, Avp.VENDOR_ID).getAsLong()).isEqualTo(10415);
        assertThat(Avps.unsigned32(features, Avp.FEATURE_LIST_ID).getAsLong()).isEqualTo(1);
        assertThat(Avps.unsigned32(features, Avp.FEATURE_LIST).getAsLong()).isEqualTo(2);
        // The same Service-Indication twice says nothing clear.
        assertResult(Sh.pur(as1, DAVE, "RepositoryData", repositories(a, 1, "<v/>", a, 2, "<v/>")),
                ResultCode.DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED);
        Document unchanged = shData(Sh.udr(as1, DAVE, null, List.of(a, b), List.of(), "RepositoryData").getAvps());
        assertThat(xpath(unchanged, "//RepositoryData[ServiceIndication='" + a + "']/ServiceData/v")).isEqualTo("a0");
        assertThat(xpath(unchanged, "//RepositoryData[ServiceIndication='" + a + "']/SequenceNumber")).isEqualTo("0");

        // Both in sync: a updated, b deleted; a success names no instance.
        Answer written = purWithUpdateEff(repositories(a, 1, "<v>a1</v>", b, 1, null));
        assertResult(written, ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.has(written.getAvps(), Avp.REPOSITORY_DATA_ID)).isFalse();
        Document after = shData(Sh.udr(as1, DAVE, null, List.of(a, b), List.of(), "RepositoryData").getAvps());
        assertThat(xpathAll(after, "/Sh-Data/RepositoryData/ServiceIndication")).containsExactly(a);
        assertThat(xpath(after, "//RepositoryData/ServiceData/v")).isEqualTo("a1");
    }

    /** A RepositoryData PUR announcing Update-Eff (Supported-Features: 3GPP, Feature-List-ID 1, bit 1). */
    private static Answer purWithUpdateEff(String shData) throws Exception {
        return as1.send(Command.PUR, avps -> {
            AvpSet features = Avps.addGrouped(avps, Avp.SUPPORTED_FEATURES);
            Avps.addUnsigned32(features, Avp.VENDOR_ID, 10415);
            Avps.addUnsigned32(features, Avp.FEATURE_LIST_ID, 1);
            Avps.addUnsigned32(features, Avp.FEATURE_LIST, 0b11);
            Sh.userIdentity(avps, DAVE);
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Sh.ref("RepositoryData"));
            Avps.addOctets(avps, Avp.USER_DATA_SH, shData.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** Sh-Data with two RepositoryData elements; a null ServiceData deletes. */
    private static String repositories(String si1, int seq1, String data1, String si2, int seq2, String data2) {
        String one = Sh.repositoryXml(si1, seq1, data1);
        String two = Sh.repositoryXml(si2, seq2, data2);
        return one.substring(0, one.indexOf("</Sh-Data>"))
                + two.substring(two.indexOf("<RepositoryData>"));
    }

    @Test
    void sequenceNumberWrapsFrom65535ToOne() throws Exception {
        String si = "wrap-" + System.nanoTime();
        String key = DAVE;
        RepositoryData stored = new RepositoryData(key, si, 65_535, "<v/>", AS1);
        hss.node().shStore().updateRepositoryData(key, current -> RecordUpdate.Outcome.put(
                (current == null ? RepositoryDataSet.empty(key) : current).with(stored), Boolean.TRUE));
        assertResult(Sh.purRepository(as1, DAVE, si, 0, "<v>x</v>"),
                ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
        assertResult(Sh.purRepository(as1, DAVE, si, 1, "<v>x</v>"), ResultCode.DIAMETER_SUCCESS);
    }

    @Test
    void tooMuchDataAndUnrecognisedData() throws Exception {
        String big = "<v>" + "x".repeat(70_000) + "</v>";
        assertResult(Sh.purRepository(as1, DAVE, "big", 0, big), ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA);
        assertResult(Sh.pur(as1, DAVE, "RepositoryData", "<Sh-Data><RepositoryData>"),
                ResultCode.DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED);
        assertResult(Sh.purRepository(as1, DAVE, "text", 0, "plain text"),
                ResultCode.DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED);
    }

    /**
     * Sh-Data with a DOCTYPE is refused before anything in it is resolved: an external entity (XXE), an entity
     * expanding a billion times, and a DOCTYPE declaring nothing, which a parser reading DTDs would accept.
     */
    @Test
    void shDataWithADoctypeIsNotRecognised() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Sh-Data [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Sh-Data><RepositoryData><ServiceIndication>xxe</ServiceIndication><SequenceNumber>0"
                + "</SequenceNumber><ServiceData><v>&e;</v></ServiceData></RepositoryData></Sh-Data>";
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Sh-Data [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        laughs.append("]><Sh-Data><RepositoryData><ServiceIndication>laughs</ServiceIndication><SequenceNumber>0"
                + "</SequenceNumber><ServiceData><v>&l9;</v></ServiceData></RepositoryData></Sh-Data>");
        String plain = "<?xml version=\"1.0\"?><!DOCTYPE Sh-Data>" + Sh.repositoryXml("doctype", 0, "<v/>")
                .substring(Sh.repositoryXml("doctype", 0, "<v/>").indexOf("<Sh-Data>"));
        for (String shData : List.of(xxe, laughs.toString(), plain)) {
            Answer refused = Sh.pur(as1, DAVE_TEL, "RepositoryData", shData);
            assertResult(refused, ResultCode.DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED);
            for (org.jdiameter.api.Avp avp : refused.getAvps()) {
                assertThat(new String(avp.getRawData(), StandardCharsets.ISO_8859_1)).doesNotContain("root:", "lol");
            }
        }
        Answer read = Sh.udr(as1, DAVE_TEL, null, List.of("xxe", "laughs", "doctype"), List.of(), "RepositoryData");
        assertResult(read, ResultCode.DIAMETER_SUCCESS);
        assertThat(xpathAll(shData(read.getAvps()), "/Sh-Data/RepositoryData")).isEmpty();
    }

    @Test
    void concurrentCreatesHaveOneWinner() throws Exception {
        String si = "race-" + System.nanoTime();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            answers.add((n % 2 == 0 ? as1 : as2).sendAsync(Command.PUR, avps -> {
                Sh.userIdentity(avps, DAVE);
                Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Sh.ref("RepositoryData"));
                Avps.addOctets(avps, Avp.USER_DATA_SH, Sh.repositoryXml(si, 0, "<v>" + n + "</v>").getBytes());
            }));
        }
        int winners = 0;
        for (CompletableFuture<Answer> answer : answers) {
            ResultCode result = Sh.result(answer.get(10, TimeUnit.SECONDS));
            if (result == ResultCode.DIAMETER_SUCCESS) {
                winners++;
            } else {
                assertThat(result).isEqualTo(ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
            }
        }
        assertThat(winners).isEqualTo(1);
    }

    // ---- SNR / PNR ---------------------------------------------------------------------------------------

    @Test
    void registrationOverCxIsNotified() throws Exception {
        hss.resetRegistrations();
        drain(as1);
        Answer sna = Sh.snr(as1, DAVE, true, List.of(), null, false, true, "IMSUserState", "S-CSCFName");
        assertResult(sna, ResultCode.DIAMETER_SUCCESS);
        assertThat(xpath(shData(sna.getAvps()), "//IMSUserState")).isEqualTo("0");

        long start = System.nanoTime();
        assertThat(Cx.result(Cx.sar(scscf, "dave@ims.example.org", DAVE, Cx.SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        List<Request> pnrs = List.of(nextPnr(as1), nextPnr(as1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        List<String> contents = new ArrayList<>();
        for (Request pnr : pnrs) {
            Document doc = shData(pnr.getAvps());
            assertThat(Avps.grouped(pnr.getAvps(), Avp.USER_IDENTITY).flatMap(u -> Avps.utf8(u, Avp.PUBLIC_IDENTITY)))
                    .contains(DAVE);
            contents.add(xpath(doc, "//IMSUserState") + "|" + xpath(doc, "//SCSCFName"));
        }
        assertThat(contents).containsExactlyInAnyOrder("1|", "|" + Cx.SCSCF1);
        Sh.snr(as1, DAVE, false, List.of(), null, false, false, "IMSUserState", "S-CSCFName");
        hss.resetRegistrations();
    }

    @Test
    void repositoryChangeByAnotherAsIsNotified() throws Exception {
        String si = "shared-" + System.nanoTime();
        assertResult(Sh.purRepository(as1, DAVE, si, 0, "<v>1</v>"), ResultCode.DIAMETER_SUCCESS);
        drain(as1);
        assertResult(Sh.snr(as1, DAVE, true, List.of("absent-" + si), null, false, false, "RepositoryData"),
                ResultCode.DIAMETER_ERROR_SUBS_DATA_ABSENT);
        Answer sna = Sh.snr(as1, DAVE, true, List.of(si), null, false, true, "RepositoryData");
        assertResult(sna, ResultCode.DIAMETER_SUCCESS);
        assertThat(xpath(shData(sna.getAvps()), "//RepositoryData/ServiceData/v")).isEqualTo("1");

        assertResult(Sh.purRepository(as2, DAVE, si, 1, "<v>2</v>"), ResultCode.DIAMETER_SUCCESS);
        Document pnr = shData(nextPnr(as1).getAvps());
        assertThat(xpath(pnr, "//RepositoryData/SequenceNumber")).isEqualTo("1");
        assertThat(xpath(pnr, "//RepositoryData/ServiceData/v")).isEqualTo("2");

        // The writer's own change is not notified back to it.
        assertResult(Sh.purRepository(as1, DAVE, si, 2, "<v>3</v>"), ResultCode.DIAMETER_SUCCESS);
        assertThat(as1.nextReceived(300, TimeUnit.MILLISECONDS)).isNull();

        // Deletion by the other AS: RepositoryData without ServiceData.
        assertResult(Sh.purRepository(as2, DAVE, si, 3, null), ResultCode.DIAMETER_SUCCESS);
        Document deleted = shData(nextPnr(as1).getAvps());
        assertThat(xpath(deleted, "//RepositoryData/SequenceNumber")).isEqualTo("3");
        assertThat(xpathAll(deleted, "//RepositoryData/ServiceData")).isEmpty();
    }

    @Test
    void expiryIsCappedAndTheSubscriptionLastsUntilUnsubscribed() throws Exception {
        drain(as1);
        Instant farFuture = Instant.now().plus(Duration.ofDays(365));
        Answer sna = Sh.snr(as1, PSI, true, List.of(), farFuture, false, false, "PSIActivation");
        assertResult(sna, ResultCode.DIAMETER_SUCCESS);
        Instant granted = Avps.time(sna.getAvps(), Avp.EXPIRY_TIME).orElseThrow();
        assertThat(granted).isBefore(Instant.now().plus(Duration.ofDays(1)).plusSeconds(5));
        assertThat(granted).isAfter(Instant.now().plus(Duration.ofDays(1)).minusSeconds(60));

        assertResult(Sh.pur(as1, PSI, "PSIActivation", psiXml(1)), ResultCode.DIAMETER_SUCCESS);
        assertThat(xpath(shData(nextPnr(as1).getAvps()), "//PSIActivation")).isEqualTo("1");
        assertResult(Sh.pur(as1, PSI, "PSIActivation", psiXml(0)), ResultCode.DIAMETER_SUCCESS);
        assertThat(xpath(shData(nextPnr(as1).getAvps()), "//PSIActivation")).isEqualTo("0");

        assertResult(Sh.snr(as1, PSI, false, List.of(), null, false, false, "PSIActivation"),
                ResultCode.DIAMETER_SUCCESS);
        waitUntil(() -> hss.node().shStore().subscriptions(PSI).isEmpty());
        assertResult(Sh.pur(as1, PSI, "PSIActivation", psiXml(1)), ResultCode.DIAMETER_SUCCESS);
        assertThat(as1.nextReceived(300, TimeUnit.MILLISECONDS)).isNull();
        assertResult(Sh.pur(as1, PSI, "PSIActivation", psiXml(0)), ResultCode.DIAMETER_SUCCESS);
    }

    /**
     * TS 29.329 6.3.22: One-Time-Notification applies to UE reachability for IP only, which this HSS does not
     * hold; anywhere else it is refused (DIAMETER_AVP_NOT_ALLOWED with the AVP in Failed-AVP), with or without
     * Send-Data-Indication, and nothing is stored.
     */
    @Test
    void oneTimeNotificationOnlyForUeReachabilityForIp() throws Exception {
        for (boolean sendData : new boolean[] {false, true}) {
            Answer refused = Sh.snr(as1, PSI, true, List.of(), null, true, sendData, "PSIActivation");
            assertResult(refused, ResultCode.DIAMETER_AVP_NOT_ALLOWED);
            AvpSet failedAvp = Avps.grouped(refused.getAvps(), Avp.FAILED_AVP).orElseThrow();
            assertThat(failedAvp.getAvp(Avp.ONE_TIME_NOTIFICATION.code(), Avp.ONE_TIME_NOTIFICATION.vendorId()))
                    .isNotNull();
            assertThat(Avps.has(refused.getAvps(), Avp.USER_DATA_SH)).isFalse();
            assertThat(hss.node().shStore().subscriptions(PSI).isEmpty()).isTrue();

            // UE reachability for IP is data of the EPS/5GS domain this HSS does not hold (Table 7.6.1).
            assertResult(Sh.snr(as1, DAVE, true, List.of(), null, true, sendData, "UEReachabilityForIP"),
                    ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
        }
        // Unsubscribing ignores it.
        assertResult(Sh.snr(as1, PSI, false, List.of(), null, true, false, "PSIActivation"),
                ResultCode.DIAMETER_SUCCESS);
    }

    /** TS 29.328 6.1.3.1, in its order: 5104, 5001, 5101, 5108, 5106; unsubscribing from nothing is a success. */
    @Test
    void subsNotifResultCodes() throws Exception {
        assertResult(Sh.snr(as2, "sip:nobody@ims.example.org", true, List.of(), null, false, false, "IMSUserState"),
                ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_NOTIFIED);
        assertResult(Sh.snr(as1, "sip:nobody@ims.example.org", true, List.of(), null, false, false, "IMSUserState"),
                ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        // PSIActivation is a PSI's data, IMSUserState a user's (Table 7.6.1).
        assertResult(Sh.snr(as1, DAVE, true, List.of(), null, false, false, "PSIActivation"),
                ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
        assertResult(Sh.snr(as1, PSI, true, List.of(), null, false, false, "IMSUserState"),
                ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
        assertResult(Sh.snr(as1, DAVE, AS1_NAME, List.of("no-such-tag"), List.of(), true, List.of(), null, false,
                false, "DSAI"), ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE);
        assertResult(Sh.snr(as1, DAVE, true, List.of("never-written"), null, false, false, "RepositoryData"),
                ResultCode.DIAMETER_ERROR_SUBS_DATA_ABSENT);
        // Several Data-References: one failing stores none of them (step 7).
        assertResult(Sh.snr(as1, DAVE, true, List.of("never-written"), null, false, true, "IMSUserState",
                "RepositoryData"), ResultCode.DIAMETER_ERROR_SUBS_DATA_ABSENT);
        assertThat(hss.node().shStore().subscriptions(DAVE).subscriptions())
                .noneMatch(sub -> sub.dataReference() == Sh.ref("IMSUserState"));
        assertResult(Sh.snr(as1, DAVE, false, List.of(), null, false, false, "S-CSCFName"),
                ResultCode.DIAMETER_SUCCESS);
    }

    private static String psiXml(int value) {
        return "<Sh-Data><Sh-IMS-Data><Extension><PSIActivation>" + value
                + "</PSIActivation></Extension></Sh-IMS-Data></Sh-Data>";
    }

    private static Request nextPnr(DiameterTestPeer peer) throws InterruptedException {
        Request request = peer.nextReceived(2, TimeUnit.SECONDS);
        assertThat(request).as("PNR").isNotNull();
        assertThat(request.getCommandCode()).isEqualTo(Command.PNR.code());
        return request;
    }

    private static void drain(DiameterTestPeer peer) throws InterruptedException {
        while (peer.nextReceived(50, TimeUnit.MILLISECONDS) != null) {
            // leftovers of an earlier test
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 2 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
