package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.AS1;
import static org.imshss.hss.sh.Sh.AS1_NAME;
import static org.imshss.hss.sh.Sh.DAVE;
import static org.imshss.hss.sh.Sh.OTHER_AS;
import static org.imshss.hss.sh.Sh.OTHER_AS_NAME;
import static org.imshss.hss.sh.Sh.assertResult;
import static org.imshss.hss.sh.Sh.dsaiXml;
import static org.imshss.hss.sh.Sh.shData;
import static org.imshss.hss.sh.Sh.xpath;
import static org.imshss.hss.sh.Sh.xpathAll;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.DsaiValues;
import org.imshss.provisioning.store.RecordUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * DSAI over Sh (TS 29.328 6.1.1-6.1.4, 7.6.11): tags govern iFCs; an AS sees, sets and watches only the tags of
 * iFCs that point at it. The test profile has two iFCs for as1 (tags "chat" and "video") and one for another AS
 * (tag "other").
 */
class ShDsaiIT {

    private static TestHss hss;
    private static DiameterTestPeer as1;
    private static DiameterTestPeer otherAs;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        Sh.seed(hss);
        hss.node().shStore().putDsai(new Dsai("video", List.of("sh-as1-invite")));
        hss.node().shStore().putDsai(new Dsai("chat", List.of("sh-as1-message")));
        hss.node().shStore().putDsai(new Dsai("other", List.of("sh-other")));
        hss.node().shStore().putDsai(new Dsai("elsewhere", List.of("no-such-ifc")));
        as1 = DiameterTestPeer.connect(Application.SH, AS1, TestHss.REALM, TestHss.freePort(), TestHss.HOST,
                hss.port());
        otherAs = DiameterTestPeer.connect(Application.SH, OTHER_AS, TestHss.REALM, TestHss.freePort(),
                TestHss.HOST, hss.port());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {otherAs, as1, hss}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @BeforeEach
    void allActive() throws Exception {
        hss.node().shStore().updateDsaiValues(DAVE, current -> RecordUpdate.Outcome.remove(Boolean.TRUE));
        Sh.snr(as1, DAVE, AS1_NAME, List.of(), List.of(), false, List.of(), null, false, false, "DSAI");
        Sh.snr(otherAs, DAVE, OTHER_AS_NAME, List.of("other"), List.of(), false, List.of(), null, false, false,
                "DSAI");
        Sh.drain(as1);
        Sh.drain(otherAs);
    }

    @Test
    void udrReturnsTheTagsOfTheIfcsOfTheRequestingAs() throws Exception {
        Document all = shData(Sh.udrDsai(as1, DAVE, AS1_NAME).getAvps());
        assertThat(xpathAll(all, "/Sh-Data/Sh-IMS-Data/Extension/Extension/DSAI/DSAI-Tag"))
                .containsExactly("chat", "video");
        assertThat(xpathAll(all, "//DSAI/DSAI-Value")).containsExactly("0", "0");

        Document one = shData(Sh.udrDsai(as1, DAVE, AS1_NAME, "video").getAvps());
        assertThat(xpathAll(one, "//DSAI/DSAI-Tag")).containsExactly("video");

        Document other = shData(Sh.udrDsai(otherAs, DAVE, OTHER_AS_NAME).getAvps());
        assertThat(xpathAll(other, "//DSAI/DSAI-Tag")).containsExactly("other");
    }

    @Test
    void tagsOfOtherApplicationServersAreNotAvailable() throws Exception {
        assertResult(Sh.udrDsai(as1, DAVE, AS1_NAME, "other"), ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE);
        assertResult(Sh.udrDsai(as1, DAVE, AS1_NAME, "video", "nonexistent"),
                ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE);
        // A tag whose iFC is not in the user's profile.
        assertResult(Sh.udrDsai(as1, DAVE, AS1_NAME, "elsewhere"), ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE);
        // An AS with no iFC of the user: none of its tags is available.
        assertResult(Sh.udrDsai(as1, DAVE, "sip:nobody.ims.example.org"),
                ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE);
        // Server-Name is needed to know which iFCs are the AS's (TS 29.328 Table 7.6.1).
        assertResult(Sh.udrDsai(as1, DAVE, null), ResultCode.DIAMETER_MISSING_AVP);
        assertResult(Sh.snr(as1, DAVE, AS1_NAME, List.of("other"), List.of(), true, List.of(), null, false, false,
                "DSAI"), ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE);
    }

    @Test
    void purSetsValuesOfItsOwnTagsOnlyAndAllOrNothing() throws Exception {
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("video", 1)), ResultCode.DIAMETER_SUCCESS);
        Document read = shData(Sh.udrDsai(as1, DAVE, AS1_NAME).getAvps());
        assertThat(xpath(read, "//DSAI[DSAI-Tag='video']/DSAI-Value")).isEqualTo("1");
        assertThat(xpath(read, "//DSAI[DSAI-Tag='chat']/DSAI-Value")).isEqualTo("0");

        // One tag of another AS spoils the whole request: "chat" stays ACTIVE.
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("chat", 1, "other", 1)),
                ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE);
        assertThat(hss.node().shStore().dsaiValues(DAVE).isActive("chat")).isTrue();
        assertThat(hss.node().shStore().dsaiValues(DAVE).isActive("other")).isTrue();

        // Both of its own tags in one PUR.
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("chat", 1, "video", 0)), ResultCode.DIAMETER_SUCCESS);
        DsaiValues values = hss.node().shStore().dsaiValues(DAVE);
        assertThat(values.isActive("chat")).isFalse();
        assertThat(values.isActive("video")).isTrue();

        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("video", 7)), ResultCode.DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED);
        assertResult(Sh.pur(as1, DAVE, "DSAI", "<Sh-Data><Sh-IMS-Data/></Sh-Data>"),
                ResultCode.DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED);
    }

    @Test
    void changesAreNotifiedToTheOtherSubscribersOfTheTag() throws Exception {
        Document sna = shData(Sh.snr(as1, DAVE, AS1_NAME, List.of(), List.of(), true, List.of(), null, false, true,
                "DSAI").getAvps());
        assertThat(xpathAll(sna, "//DSAI/DSAI-Tag")).containsExactly("chat", "video");
        assertResult(Sh.snr(otherAs, DAVE, OTHER_AS_NAME, List.of("other"), List.of(), true, List.of(), null, false,
                false, "DSAI"), ResultCode.DIAMETER_SUCCESS);

        // The writer is not told about its own change.
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("video", 1)), ResultCode.DIAMETER_SUCCESS);
        assertThat(as1.nextReceived(300, TimeUnit.MILLISECONDS)).isNull();
        // Nor is an AS about tags that are not its own.
        assertThat(otherAs.nextReceived(100, TimeUnit.MILLISECONDS)).isNull();

        // A change made by the operator reaches both, each with its own tags.
        hss.node().shStore().updateDsaiValues(DAVE,
                new ProfileUpdate.SetDsaiValues(DAVE, Map.of("chat", false, "other", false), null));
        Document toAs1 = shData(Sh.nextPnr(as1).getAvps());
        assertThat(xpathAll(toAs1, "/Sh-Data/Sh-IMS-Data/Extension/Extension/DSAI/DSAI-Tag")).containsExactly("chat");
        assertThat(xpath(toAs1, "//DSAI/DSAI-Value")).isEqualTo("1");
        Document toOther = shData(Sh.nextPnr(otherAs).getAvps());
        assertThat(xpathAll(toOther, "//DSAI/DSAI-Tag")).containsExactly("other");
        assertThat(xpath(toOther, "//DSAI/DSAI-Value")).isEqualTo("1");
    }
}
