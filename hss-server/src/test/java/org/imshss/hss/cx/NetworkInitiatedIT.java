package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.HOME;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;

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
import org.imshss.provisioning.model.RegistrationStatus;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HSS-initiated RTR and PPR (TS 29.228 6.1.3, 6.2.2) to a real S-CSCF peer over TCP. */
class NetworkInitiatedIT {

    private static final String ALICE = "alice@ims.example.org";
    private static final String ALICE_SIP = "sip:alice@ims.example.org";

    private static TestHss hss;
    private static DiameterTestPeer scscf;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        scscf = hss.peer("scscf1.ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        scscf.close();
        hss.close();
    }

    @BeforeEach
    void reset() throws Exception {
        hss.resetRegistrations();
        scscf.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
        while (scscf.nextReceived(0, TimeUnit.MILLISECONDS) != null) {
            // drop what earlier tests left
        }
    }

    private static void registerAlice() throws Exception {
        assertThat(result(Cx.sar(scscf, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
    }

    private static void assertCxRequestHeader(Request request, Command command) {
        assertThat(request.getCommandCode()).isEqualTo(command.code());
        assertThat(request.isRequest()).isTrue();
        assertThat(request.isProxiable()).isTrue();
        AvpSet avps = request.getAvps();
        assertThat(avps.getAvpByIndex(0).getCode()).isEqualTo(Avp.SESSION_ID.code());
        assertThat(Avps.utf8(avps, Avp.ORIGIN_HOST)).contains(TestHss.HOST);
        assertThat(Avps.utf8(avps, Avp.DESTINATION_HOST)).contains("scscf1.ims.example.org");
        assertThat(Avps.utf8(avps, Avp.DESTINATION_REALM)).contains(TestHss.REALM);
        assertThat(Avps.enumerated(avps, Avp.AUTH_SESSION_STATE).getAsInt())
                .isEqualTo(Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED"));
        AvpSet vsai = Avps.grouped(avps, Avp.VENDOR_SPECIFIC_APPLICATION_ID).orElseThrow();
        assertThat(Avps.unsigned32(vsai, Avp.AUTH_APPLICATION_ID).getAsLong()).isEqualTo(Application.CX.id());
    }

    /** An RTR for Alice's implicit set (User-Name, both identities) with this reason; returns Deregistration-Reason. */
    private static AvpSet assertRtrForAlice(Request rtr, String reasonCode) {
        assertThat(rtr).as("RTR received").isNotNull();
        assertCxRequestHeader(rtr, Command.RTR);
        AvpSet avps = rtr.getAvps();
        assertThat(Avps.utf8(avps, Avp.USER_NAME)).contains(ALICE);
        assertThat(Avps.utf8All(avps, Avp.PUBLIC_IDENTITY)).containsExactly(ALICE_SIP, "tel:+15550101");
        AvpSet reason = Avps.grouped(avps, Avp.DEREGISTRATION_REASON).orElseThrow();
        assertThat(Avps.enumerated(reason, Avp.REASON_CODE).getAsInt())
                .isEqualTo(Avp.REASON_CODE.enumValue(reasonCode));
        return reason;
    }

    @Test
    void registrationTerminationListsEveryPublicIdentityOfTheSet() throws Exception {
        registerAlice();
        NetworkOutcome outcome = hss.node().registrationTermination()
                .deregisterPublicIdentities(List.of("tel:+15550101"), DeregistrationReason.PERMANENT_TERMINATION,
                        "subscription removed")
                .get(10, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo(NetworkOutcome.Status.ANSWERED);
        assertThat(outcome.result()).isEqualTo(ResultCode.DIAMETER_SUCCESS);

        AvpSet reason = assertRtrForAlice(scscf.nextReceived(5, TimeUnit.SECONDS), "PERMANENT_TERMINATION");
        assertThat(Avps.utf8(reason, Avp.REASON_INFO)).contains("subscription removed");

        assertThat(hss.node().store().registration("alice").status("alice/0"))
                .isEqualTo(RegistrationStatus.NOT_REGISTERED);
        assertThat(result(Cx.uar(scscf, ALICE, ALICE_SIP, HOME))).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    /**
     * TS 29.228 8.1, 8.1.1: the user registered at S-CSCF 1 authenticates at S-CSCF 2 (the I-CSCF chose another after
     * a timeout): S-CSCF 2 becomes the user's and S-CSCF 1 gets an RTR NEW_SERVER_ASSIGNED for what it held.
     */
    @Test
    void authenticationAtANewServerDeregistersTheUserAtTheOldOne() throws Exception {
        registerAlice();
        try (DiameterTestPeer scscf2 = hss.peer("scscf2.ims.example.org")) {
            assertThat(result(Cx.mar(scscf2, ALICE, ALICE_SIP, "SIP Digest", 1, Cx.SCSCF2, null)))
                    .isEqualTo(ResultCode.DIAMETER_SUCCESS);

            assertRtrForAlice(scscf.nextReceived(5, TimeUnit.SECONDS), "NEW_SERVER_ASSIGNED");
            assertThat(scscf2.nextReceived(300, TimeUnit.MILLISECONDS)).as("nothing to the new one").isNull();
            assertThat(hss.node().store().registration("alice").scscfName()).isEqualTo(Cx.SCSCF2);
            assertThat(hss.node().store().registration("alice").scscfDiameterHost())
                    .isEqualTo("scscf2.ims.example.org");

            // The new S-CSCF re-authenticating, or the old one doing so under another name: nobody to cancel.
            assertThat(result(Cx.mar(scscf2, ALICE, ALICE_SIP, "SIP Digest", 1, Cx.SCSCF2, null)))
                    .isEqualTo(ResultCode.DIAMETER_SUCCESS);
            assertThat(scscf.nextReceived(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    /**
     * TS 29.228 8.1.1 with two implicit sets registered at S-CSCF 1: the set the MAR at S-CSCF 2 is for is ended there
     * with NEW_SERVER_ASSIGNED, the other with SERVER_CHANGE (the user registers it again, at S-CSCF 2).
     */
    @Test
    void theOtherImplicitSetsOfAMovedUserAreEndedWithServerChange() throws Exception {
        String judy = "judy@ims.example.org";
        for (String impu : List.of("sip:judy@ims.example.org", "sip:judy-work@ims.example.org")) {
            assertThat(result(Cx.sar(scscf, judy, impu, SCSCF1, "REGISTRATION"))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        }
        try (DiameterTestPeer scscf2 = hss.peer("scscf2.ims.example.org")) {
            assertThat(result(Cx.mar(scscf2, judy, "sip:judy-work@ims.example.org", "SIP Digest", 1, Cx.SCSCF2,
                    null))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            java.util.Map<Integer, List<String>> identitiesByReason = new java.util.TreeMap<>();
            for (int i = 0; i < 2; i++) {
                Request rtr = scscf.nextReceived(5, TimeUnit.SECONDS);
                assertThat(rtr).as("RTR %d of 2", i + 1).isNotNull();
                assertCxRequestHeader(rtr, Command.RTR);
                assertThat(Avps.utf8(rtr.getAvps(), Avp.USER_NAME)).contains(judy);
                AvpSet reason = Avps.grouped(rtr.getAvps(), Avp.DEREGISTRATION_REASON).orElseThrow();
                identitiesByReason.put(Avps.enumerated(reason, Avp.REASON_CODE).getAsInt(),
                        Avps.utf8All(rtr.getAvps(), Avp.PUBLIC_IDENTITY));
            }
            assertThat(identitiesByReason).containsExactly(
                    java.util.Map.entry(Avp.REASON_CODE.enumValue("NEW_SERVER_ASSIGNED"),
                            List.of("sip:judy-work@ims.example.org")),
                    java.util.Map.entry(Avp.REASON_CODE.enumValue("SERVER_CHANGE"),
                            List.of("sip:judy@ims.example.org")));
        }
    }

    @Test
    void aServerThatRenamesItselfIsNotDeregistered() throws Exception {
        registerAlice();
        assertThat(result(Cx.mar(scscf, ALICE, ALICE_SIP, "SIP Digest", 1, Cx.SCSCF2, null)))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        // TS 29.228 8.1.1: the Diameter identities of the stored and the requesting S-CSCF match.
        assertThat(scscf.nextReceived(500, TimeUnit.MILLISECONDS)).isNull();
        assertThat(hss.node().store().registration("alice").scscfName()).isEqualTo(Cx.SCSCF2);
    }

    @Test
    void nothingIsSentForAnIdentityNoServerHolds() throws Exception {
        NetworkOutcome outcome = hss.node().registrationTermination()
                .deregisterPrivateIdentity(ALICE, DeregistrationReason.SERVER_CHANGE, null)
                .get(10, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo(NetworkOutcome.Status.NOT_SERVED);
        assertThat(scscf.nextReceived(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void pushProfileCarriesTheCompleteProfileOfTheSet() throws Exception {
        registerAlice();
        NetworkOutcome outcome = hss.node().pushProfile().push("tel:+15550101").get(10, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo(NetworkOutcome.Status.ANSWERED);
        assertThat(outcome.result()).isEqualTo(ResultCode.DIAMETER_SUCCESS);

        Request ppr = scscf.nextReceived(5, TimeUnit.SECONDS);
        assertCxRequestHeader(ppr, Command.PPR);
        AvpSet avps = ppr.getAvps();
        assertThat(Avps.utf8(avps, Avp.USER_NAME)).contains(ALICE);
        UserDataXml doc = UserDataXml.parseValid(new String(Avps.octets(avps, Avp.USER_DATA_CX).orElseThrow(),
                StandardCharsets.UTF_8));
        assertThat(doc.texts("//PublicIdentity/Identity")).containsExactly(ALICE_SIP, "tel:+15550101");
        assertThat(Avps.has(avps, Avp.CHARGING_INFORMATION)).isTrue();
    }

    @Test
    void anUnansweredPushTimesOutAndHarmsNothing() throws Exception {
        registerAlice();
        scscf.answerWith(request -> null);
        long started = System.nanoTime();
        NetworkOutcome outcome = hss.node().pushProfile().push(ALICE_SIP).get(20, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo(NetworkOutcome.Status.FAILED);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(15);
        assertThat(scscf.nextReceived(1, TimeUnit.SECONDS).getCommandCode()).isEqualTo(Command.PPR.code());
        // The connection still carries requests both ways.
        assertThat(result(Cx.uar(scscf, ALICE, ALICE_SIP, HOME)))
                .isEqualTo(ResultCode.DIAMETER_SUBSEQUENT_REGISTRATION);
        scscf.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
        assertThat(hss.node().pushProfile().push(ALICE_SIP).get(10, TimeUnit.SECONDS).result())
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
    }

    @Test
    void tooMuchDataMakesTheHssMoveTheUserToAnotherServer() throws Exception {
        registerAlice();
        scscf.answerWith(request -> request.getCommandCode() == Command.PPR.code()
                ? ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA : ResultCode.DIAMETER_SUCCESS);
        NetworkOutcome outcome = hss.node().pushProfile().push(ALICE_SIP).get(10, TimeUnit.SECONDS);
        assertThat(outcome.result()).isEqualTo(ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA);
        assertThat(scscf.nextReceived(5, TimeUnit.SECONDS).getCommandCode()).isEqualTo(Command.PPR.code());
        Request rtr = scscf.nextReceived(5, TimeUnit.SECONDS);
        assertThat(rtr.getCommandCode()).isEqualTo(Command.RTR.code());
        AvpSet reason = Avps.grouped(rtr.getAvps(), Avp.DEREGISTRATION_REASON).orElseThrow();
        assertThat(Avps.enumerated(reason, Avp.REASON_CODE).getAsInt())
                .isEqualTo(Avp.REASON_CODE.enumValue("SERVER_CHANGE"));
        assertThat(hss.node().store().registration("alice").status("alice/0"))
                .isEqualTo(RegistrationStatus.NOT_REGISTERED);
    }
}
