package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.AS1;
import static org.imshss.hss.sh.Sh.DAVE;
import static org.imshss.hss.sh.Sh.DAVE_TEL;
import static org.imshss.hss.sh.Sh.assertResult;
import static org.imshss.hss.sh.Sh.dsaiXml;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.UserDataXml;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.store.RecordUpdate;
import org.imshss.provisioning.store.RegistrationUpdate;
import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DSAI seen from the S-CSCF (TS 29.328 7.6.11, 6.1.2): an iFC whose DSAI tags are all INACTIVE for an identity is
 * left out of that identity's service profile in Cx User-Data, and a PUR that masks or unmasks an iFC pushes the
 * new profile to the serving S-CSCF (PPR, TS 29.228 6.2.2). Dave's first implicit set holds sip:dave and
 * tel:+15550200 with one service profile; the iFC "sh-as1-invite" (priority 5) is governed by the tag "video",
 * "sh-as1-message" (priority 3) by "chat" and "chat-too".
 */
class ShDsaiCxIT {

    private static final String DAVE_IMPI = "dave@ims.example.org";

    private static TestHss hss;
    private static DiameterTestPeer as1;
    private static DiameterTestPeer scscf;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        Sh.seed(hss);
        hss.node().shStore().putDsai(new Dsai("video", List.of("sh-as1-invite")));
        hss.node().shStore().putDsai(new Dsai("chat", List.of("sh-as1-message")));
        hss.node().shStore().putDsai(new Dsai("chat-too", List.of("sh-as1-message")));
        as1 = DiameterTestPeer.connect(Application.SH, AS1, TestHss.REALM, TestHss.freePort(), TestHss.HOST,
                hss.port());
        scscf = hss.peer("scscf1.ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {scscf, as1, hss}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @BeforeEach
    void allActiveAndNotRegistered() throws Exception {
        hss.node().store().updateRegistration("sh-dave",
                current -> new RegistrationUpdate.Outcome<>(RegistrationState.empty("sh-dave"), Boolean.TRUE));
        hss.node().shStore().updateDsaiValues(DAVE, current -> RecordUpdate.Outcome.remove(Boolean.TRUE));
        scscf.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
        drain();
    }

    @Test
    void saaLeavesOutTheIfcWhoseTagIsInactiveForThatIdentityOnly() throws Exception {
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("video", 1)), ResultCode.DIAMETER_SUCCESS);

        UserDataXml profile = register();
        // sip:dave has the iFC masked, tel:+15550200 (same profile, no DSAI-Values of its own) keeps it.
        assertThat(profile.count("//ServiceProfile")).isEqualTo(2);
        assertThat(profile.texts("//ServiceProfile[PublicIdentity/Identity='" + DAVE + "']"
                + "/InitialFilterCriteria/Priority")).containsExactly("3", "7");
        assertThat(profile.texts("//ServiceProfile[PublicIdentity/Identity='" + DAVE_TEL + "']"
                + "/InitialFilterCriteria/Priority")).containsExactly("3", "5", "7");
    }

    @Test
    void anIfcWithSeveralTagsStaysWhileOneOfThemIsActive() throws Exception {
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("chat", 1)), ResultCode.DIAMETER_SUCCESS);
        assertThat(ifcsOf(register(), DAVE)).containsExactly("3", "5", "7");

        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("chat-too", 1)), ResultCode.DIAMETER_SUCCESS);
        assertThat(ifcsOf(register(), DAVE)).containsExactly("5", "7");
    }

    @Test
    void purOfADsaiValuePushesTheProfileToTheServingScscf() throws Exception {
        assertThat(ifcsOf(register(), DAVE)).containsExactly("3", "5", "7");

        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("video", 1)), ResultCode.DIAMETER_SUCCESS);
        UserDataXml masked = nextPpr();
        assertThat(ifcsOf(masked, DAVE)).containsExactly("3", "7");
        assertThat(ifcsOf(masked, DAVE_TEL)).containsExactly("3", "5", "7");

        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("video", 0)), ResultCode.DIAMETER_SUCCESS);
        UserDataXml back = nextPpr();
        assertThat(back.count("//ServiceProfile")).isEqualTo(1);
        assertThat(ifcsOf(back, DAVE)).containsExactly("3", "5", "7");

        // Setting a value it already has changes nothing the S-CSCF holds: no PPR.
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("video", 0)), ResultCode.DIAMETER_SUCCESS);
        assertThat(scscf.nextReceived(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aValueThatMasksNothingPushesNothing() throws Exception {
        register();
        // "chat-too" alone cannot mask sh-as1-message while "chat" is ACTIVE.
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("chat-too", 1)), ResultCode.DIAMETER_SUCCESS);
        assertThat(scscf.nextReceived(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void nothingIsPushedWhileNoScscfServesTheUser() throws Exception {
        assertResult(Sh.pur(as1, DAVE, "DSAI", dsaiXml("video", 1)), ResultCode.DIAMETER_SUCCESS);
        assertThat(scscf.nextReceived(500, TimeUnit.MILLISECONDS)).isNull();
    }

    private static UserDataXml register() throws Exception {
        Answer saa = Cx.sar(scscf, DAVE_IMPI, DAVE, Cx.SCSCF1, "REGISTRATION");
        assertThat(Cx.result(saa)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        return UserDataXml.parseValid(new String(Avps.octets(saa.getAvps(), Avp.USER_DATA_CX).orElseThrow(),
                StandardCharsets.UTF_8));
    }

    private static UserDataXml nextPpr() throws Exception {
        Request ppr = scscf.nextReceived(3, TimeUnit.SECONDS);
        assertThat(ppr).as("PPR").isNotNull();
        assertThat(ppr.getCommandCode()).isEqualTo(Command.PPR.code());
        assertThat(Avps.utf8(ppr.getAvps(), Avp.USER_NAME)).contains(DAVE_IMPI);
        return UserDataXml.parseValid(new String(Avps.octets(ppr.getAvps(), Avp.USER_DATA_CX).orElseThrow(),
                StandardCharsets.UTF_8));
    }

    private static List<String> ifcsOf(UserDataXml profile, String identity) {
        return profile.texts("//ServiceProfile[PublicIdentity/Identity='" + identity
                + "']/InitialFilterCriteria/Priority");
    }

    /** Waits until nothing has arrived for 300 ms: a PPR of an earlier step may still be on its way. */
    private static void drain() throws InterruptedException {
        while (scscf.nextReceived(300, TimeUnit.MILLISECONDS) != null) {
            // left by an earlier test
        }
    }
}
