package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.HOME;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.SCSCF2;
import static org.imshss.hss.testing.Cx.result;
import static org.imshss.hss.testing.Cx.text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.UserDataXml;
import org.imshss.provisioning.model.RegistrationStatus;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SAR over TCP against the real stack and grid: TS 29.228 6.1.2, every Server-Assignment-Type. */
class ServerAssignmentIT {

    private static final String ALICE = "alice@ims.example.org";
    private static final String ALICE_SIP = "sip:alice@ims.example.org";

    private static TestHss hss;
    private static DiameterTestPeer scscf1;
    private static DiameterTestPeer scscf2;
    private static DiameterTestPeer icscf;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        scscf1 = hss.peer("scscf1.ims.example.org");
        scscf2 = hss.peer("scscf2.ims.example.org");
        icscf = hss.peer("icscf.ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        scscf1.close();
        scscf2.close();
        icscf.close();
        hss.close();
    }

    @BeforeEach
    void reset() throws Exception {
        hss.resetRegistrations();
    }

    private static RegistrationStatus status(String subscription, String setId) {
        return hss.node().store().registration(subscription).status(setId);
    }

    @Test
    void unknownAndMismatchedIdentities() throws Exception {
        assertThat(result(Cx.sar(scscf1, "nobody@ims.example.org", ALICE_SIP, SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(Cx.sar(scscf1, ALICE, "sip:nobody@ims.example.org", SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(Cx.sar(scscf1, ALICE, "sip:bob@ims.example.org", SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITIES_DONT_MATCH);
    }

    @Test
    void onlyDeregistrationsMayNameSeveralIdentities() throws Exception {
        Answer answer = Cx.sar(scscf1, ALICE, List.of(ALICE_SIP, "tel:+15550101"), SCSCF1, "REGISTRATION", false);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES);
        AvpSet failed = Cx.group(answer, Avp.FAILED_AVP).orElseThrow();
        assertThat(Avps.utf8(failed, Avp.PUBLIC_IDENTITY)).contains("tel:+15550101");
        assertThat(status("alice", "alice/0")).isEqualTo(RegistrationStatus.NOT_REGISTERED);
    }

    @Test
    void registrationNeedsAPrivateIdentity() throws Exception {
        Answer answer = Cx.sar(scscf1, null, ALICE_SIP, SCSCF1, "REGISTRATION");
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
        AvpSet failed = Cx.group(answer, Avp.FAILED_AVP).orElseThrow();
        assertThat(Avps.has(failed, Avp.USER_NAME)).isTrue();
    }

    @Test
    void inactivePsiIsUnknownAndPsiCannotRegister() throws Exception {
        assertThat(result(Cx.sar(scscf1, null, "sip:inactive-psi@ims.example.org", SCSCF1, "UNREGISTERED_USER")))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(Cx.sar(scscf1, null, List.of("sip:voicemail@ims.example.org"), SCSCF1, "RE_REGISTRATION",
                false))).isEqualTo(ResultCode.DIAMETER_ERROR_IN_ASSIGNMENT_TYPE);
    }

    @Test
    void swxOnlyTypesAreRefused() throws Exception {
        assertThat(result(Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "AAA_USER_DATA_REQUEST")))
                .isEqualTo(ResultCode.DIAMETER_ERROR_IN_ASSIGNMENT_TYPE);
    }

    @Test
    void registrationStoresTheServerAndReturnsTheProfile() throws Exception {
        Answer answer = Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION");
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.USER_NAME)).contains(ALICE);
        String xml = new String(Avps.octets(answer.getAvps(), Avp.USER_DATA_CX).orElseThrow(), StandardCharsets.UTF_8);
        UserDataXml doc = UserDataXml.parseValid(xml);
        assertThat(doc.text("/IMSSubscription/PrivateID")).isEqualTo(ALICE);
        // The whole implicit registration set, in order.
        assertThat(doc.texts("//PublicIdentity/Identity")).containsExactly(ALICE_SIP, "tel:+15550101");
        assertThat(doc.text("//InitialFilterCriteria/ApplicationServer/ServerName"))
                .isEqualTo("sip:as.ims.example.org:5070");
        AvpSet charging = Cx.group(answer, Avp.CHARGING_INFORMATION).orElseThrow();
        assertThat(Avps.utf8(charging, Avp.PRIMARY_EVENT_CHARGING_FUNCTION_NAME))
                .contains("aaa://ecf.ims.example.org:3868");
        assertThat(Avps.utf8(charging, Avp.PRIMARY_CHARGING_COLLECTION_FUNCTION_NAME))
                .contains("aaa://ccf.ims.example.org:3868");
        assertThat(status("alice", "alice/0")).isEqualTo(RegistrationStatus.REGISTERED);
        var state = hss.node().store().registration("alice");
        assertThat(state.scscfName()).isEqualTo(SCSCF1);
        assertThat(state.scscfDiameterHost()).isEqualTo("scscf1.ims.example.org");
    }

    @Test
    void userDataAlreadyAvailableMeansNoProfile() throws Exception {
        Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION");
        Answer answer = Cx.sar(scscf1, ALICE, List.of(ALICE_SIP), SCSCF1, "RE_REGISTRATION", true);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.has(answer.getAvps(), Avp.USER_DATA_CX)).isFalse();
        assertThat(Avps.has(answer.getAvps(), Avp.CHARGING_INFORMATION)).isFalse();
    }

    @Test
    void anotherServerCannotTakeARegisteredUser() throws Exception {
        Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION");
        Answer answer = Cx.sar(scscf2, ALICE, ALICE_SIP, SCSCF2, "REGISTRATION");
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED);
        assertThat(text(answer, Avp.SERVER_NAME)).contains(SCSCF1);
        assertThat(hss.node().store().registration("alice").scscfName()).isEqualTo(SCSCF1);
    }

    @Test
    void noAssignmentDownloadsTheProfileOnlyForTheAssignedServer() throws Exception {
        assertThat(result(Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "NO_ASSIGNMENT")))
                .isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION");
        Answer answer = Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "NO_ASSIGNMENT");
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        UserDataXml.assertValid(new String(Avps.octets(answer.getAvps(), Avp.USER_DATA_CX).orElseThrow(),
                StandardCharsets.UTF_8));
        assertThat(result(Cx.sar(scscf2, ALICE, ALICE_SIP, SCSCF2, "NO_ASSIGNMENT")))
                .isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
    }

    @Test
    void unregisteredUserGetsAPrivateIdentityPickedByTheHss() throws Exception {
        Answer answer = Cx.sar(scscf1, null, "sip:bob@ims.example.org", SCSCF1, "UNREGISTERED_USER");
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.USER_NAME)).contains("bob@ims.example.org");
        UserDataXml doc = UserDataXml.parseValid(new String(
                Avps.octets(answer.getAvps(), Avp.USER_DATA_CX).orElseThrow(), StandardCharsets.UTF_8));
        assertThat(doc.text("/IMSSubscription/PrivateID")).isEqualTo("bob@ims.example.org");
        assertThat(status("bob", "bob/0")).isEqualTo(RegistrationStatus.UNREGISTERED);
        Answer lia = Cx.lir(icscf, "sip:bob@ims.example.org", false);
        assertThat(result(lia)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(lia, Avp.SERVER_NAME)).contains(SCSCF1);
    }

    @Test
    void wildcardedPsiIsServedThroughItsWildcard() throws Exception {
        Answer answer = Cx.sar(scscf1, null, "sip:room-42@ims.example.org", SCSCF1, "UNREGISTERED_USER");
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.WILDCARDED_PUBLIC_IDENTITY)).contains("sip:room-!.*!@ims.example.org");
        UserDataXml doc = UserDataXml.parseValid(new String(
                Avps.octets(answer.getAvps(), Avp.USER_DATA_CX).orElseThrow(), StandardCharsets.UTF_8));
        assertThat(doc.text("//PublicIdentity/Extension/IdentityType")).isEqualTo("2");
        assertThat(doc.text("//PublicIdentity/Extension/WildcardedPSI")).isEqualTo("sip:room-!.*!@ims.example.org");
    }

    @Test
    void userDeregistrationForgetsTheServer() throws Exception {
        Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION");
        assertThat(result(Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "USER_DEREGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(status("alice", "alice/0")).isEqualTo(RegistrationStatus.NOT_REGISTERED);
        assertThat(hss.node().store().registration("alice").scscfName()).isNull();
        assertThat(result(Cx.uar(icscf, ALICE, ALICE_SIP, HOME))).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    @Test
    void everyPlainDeregistrationTypeEndsNotRegistered() throws Exception {
        for (String type : List.of("TIMEOUT_DEREGISTRATION", "USER_DEREGISTRATION", "ADMINISTRATIVE_DEREGISTRATION",
                "DEREGISTRATION_TOO_MUCH_DATA")) {
            Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION");
            assertThat(result(Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, type))).as(type)
                    .isEqualTo(ResultCode.DIAMETER_SUCCESS);
            assertThat(status("alice", "alice/0")).as(type).isEqualTo(RegistrationStatus.NOT_REGISTERED);
        }
    }

    @Test
    void deregistrationKeepingTheServerNameLeavesTheUserUnregistered() throws Exception {
        Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION");
        assertThat(result(Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(status("alice", "alice/0")).isEqualTo(RegistrationStatus.UNREGISTERED);
        Answer lia = Cx.lir(icscf, ALICE_SIP, false);
        assertThat(text(lia, Avp.SERVER_NAME)).contains(SCSCF1);
    }

    @Test
    void anHssThatDoesNotKeepServerNamesSaysSo() throws Exception {
        try (TestHss forgetful = TestHss.start(cx -> new HssSettings.CxSettings(cx.homeNetworks(),
                cx.authPendingTimeout(), false, cx.maxAuthItems(), cx.sharedIfcSetsSupported()));
                DiameterTestPeer peer = forgetful.peer("scscf1.ims.example.org")) {
            Cx.sar(peer, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION");
            assertThat(result(Cx.sar(peer, ALICE, ALICE_SIP, SCSCF1, "USER_DEREGISTRATION_STORE_SERVER_NAME")))
                    .isEqualTo(ResultCode.DIAMETER_SUCCESS_SERVER_NAME_NOT_STORED);
            var state = forgetful.node().store().registration("alice");
            assertThat(state.status("alice/0")).isEqualTo(RegistrationStatus.NOT_REGISTERED);
            assertThat(state.scscfName()).isNull();
        }
    }

    @Test
    void deregistrationByPrivateIdentityAloneCoversAllItsSets() throws Exception {
        Cx.sar(scscf1, "judy@ims.example.org", "sip:judy@ims.example.org", SCSCF1, "REGISTRATION");
        Cx.sar(scscf1, "judy@ims.example.org", "sip:judy-work@ims.example.org", SCSCF1, "REGISTRATION");
        assertThat(status("judy", "judy/1")).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(result(Cx.sar(scscf1, "judy@ims.example.org", List.of(), SCSCF1, "USER_DEREGISTRATION", false)))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(status("judy", "judy/0")).isEqualTo(RegistrationStatus.NOT_REGISTERED);
        assertThat(status("judy", "judy/1")).isEqualTo(RegistrationStatus.NOT_REGISTERED);
    }

    @Test
    void anIdentitySharedByTwoPrivateIdentitiesStaysRegisteredUntilBothLeave() throws Exception {
        Answer first = Cx.sar(scscf1, "ivan-phone@ims.example.org", "sip:ivan@ims.example.org", SCSCF1,
                "REGISTRATION");
        AvpSet associated = Cx.group(first, Avp.ASSOCIATED_IDENTITIES).orElseThrow();
        assertThat(Avps.utf8All(associated, Avp.USER_NAME))
                .containsExactlyInAnyOrder("ivan-phone@ims.example.org", "ivan-tablet@ims.example.org");
        Answer second = Cx.sar(scscf1, "ivan-tablet@ims.example.org", "sip:ivan@ims.example.org", SCSCF1,
                "REGISTRATION");
        AvpSet registered = Cx.group(second, Avp.ASSOCIATED_REGISTERED_IDENTITIES).orElseThrow();
        assertThat(Avps.utf8All(registered, Avp.USER_NAME))
                .containsExactly("ivan-phone@ims.example.org", "ivan-tablet@ims.example.org");

        Cx.sar(scscf1, "ivan-phone@ims.example.org", "sip:ivan@ims.example.org", SCSCF1, "USER_DEREGISTRATION");
        assertThat(status("ivan", "ivan/0")).isEqualTo(RegistrationStatus.REGISTERED);
        Cx.sar(scscf1, "ivan-tablet@ims.example.org", "sip:ivan@ims.example.org", SCSCF1, "USER_DEREGISTRATION");
        assertThat(status("ivan", "ivan/0")).isEqualTo(RegistrationStatus.NOT_REGISTERED);
    }

    @Test
    void anotherServerCannotDeregisterTheUser() throws Exception {
        Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "REGISTRATION");
        Answer answer = Cx.sar(scscf2, ALICE, ALICE_SIP, SCSCF2, "USER_DEREGISTRATION");
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED);
        assertThat(status("alice", "alice/0")).isEqualTo(RegistrationStatus.REGISTERED);
    }

    @Test
    void authenticationFailureClearsThePendingServer() throws Exception {
        Cx.mar(scscf1, "bob@ims.example.org", "sip:bob@ims.example.org", "SIP Digest", 1, SCSCF1, null);
        assertThat(hss.node().store().registration("bob").authPending()).containsKey("bob@ims.example.org");
        for (String type : List.of("AUTHENTICATION_FAILURE", "AUTHENTICATION_TIMEOUT")) {
            assertThat(result(Cx.sar(scscf1, "bob@ims.example.org", "sip:bob@ims.example.org", SCSCF1, type)))
                    .isEqualTo(ResultCode.DIAMETER_SUCCESS);
            var state = hss.node().store().registration("bob");
            assertThat(state.authPending()).isEmpty();
            assertThat(state.scscfName()).isNull();
        }
        assertThat(result(Cx.uar(icscf, "bob@ims.example.org", "sip:bob@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    @Test
    void restorationInformationIsStoredAndReturned() throws Exception {
        Answer registered = scscf1.send(Command.SAR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, ALICE);
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, ALICE_SIP);
            Avps.addUtf8(avps, Avp.SERVER_NAME, SCSCF1);
            Avps.addEnumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE, 1);
            Avps.addEnumerated(avps, Avp.USER_DATA_ALREADY_AVAILABLE, 0);
            AvpSet restoration = Avps.addGrouped(avps, Avp.SCSCF_RESTORATION_INFO);
            Avps.addUtf8(restoration, Avp.USER_NAME, ALICE);
            AvpSet info = Avps.addGrouped(restoration, Avp.RESTORATION_INFO);
            Avps.addOctets(info, Avp.PATH, "<sip:pcscf.ims.example.org;lr>".getBytes(StandardCharsets.UTF_8));
            Avps.addOctets(info, Avp.CONTACT, "<sip:alice@192.0.2.10:5060>".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(result(registered)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        Answer download = Cx.sar(scscf1, ALICE, ALICE_SIP, SCSCF1, "NO_ASSIGNMENT");
        AvpSet restoration = Cx.group(download, Avp.SCSCF_RESTORATION_INFO).orElseThrow();
        assertThat(Avps.utf8(restoration, Avp.USER_NAME)).contains(ALICE);
        AvpSet info = Avps.grouped(restoration, Avp.RESTORATION_INFO).orElseThrow();
        assertThat(new String(Avps.octets(info, Avp.CONTACT).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("<sip:alice@192.0.2.10:5060>");
    }
}
