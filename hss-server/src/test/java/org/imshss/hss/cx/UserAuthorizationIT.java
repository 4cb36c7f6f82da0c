package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.HOME;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;
import static org.imshss.hss.testing.Cx.text;

import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UAR over TCP against the real stack and grid: every row of TS 29.228 6.1.1 as the reference sheet lays it out. */
class UserAuthorizationIT {

    private static TestHss hss;
    private static DiameterTestPeer icscf;
    private static DiameterTestPeer scscf;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        icscf = hss.peer("icscf.ims.example.org");
        scscf = hss.peer("scscf1.ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        icscf.close();
        scscf.close();
        hss.close();
    }

    @BeforeEach
    void reset() throws Exception {
        hss.resetRegistrations();
    }

    @Test
    void unknownIdentitiesAreUserUnknown() throws Exception {
        assertThat(result(Cx.uar(icscf, "nobody@ims.example.org", "sip:alice@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(Cx.uar(icscf, "alice@ims.example.org", "sip:nobody@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        // Matches only a wildcarded PSI: UAR needs a distinct identity.
        assertThat(result(Cx.uar(icscf, "alice@ims.example.org", "sip:chat-lobby@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    }

    @Test
    void identitiesOfDifferentUsersDoNotMatch() throws Exception {
        Answer answer = Cx.uar(icscf, "alice@ims.example.org", "sip:bob@ims.example.org", HOME);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITIES_DONT_MATCH);
        assertThat(Avps.result(answer.getAvps()).orElseThrow().isExperimental()).isTrue();
    }

    @Test
    void barredIdentityIsRejectedOnlyWithoutAnUnbarredOneInItsSet() throws Exception {
        Answer erin = Cx.uar(icscf, "erin@ims.example.org", "sip:erin@ims.example.org", HOME);
        assertThat(result(erin)).isEqualTo(ResultCode.DIAMETER_AUTHORIZATION_REJECTED);
        assertThat(Avps.unsigned32(erin.getAvps(), Avp.RESULT_CODE).getAsLong()).isEqualTo(5003);
        assertThat(result(Cx.uar(icscf, "dave@ims.example.org", "sip:dave-barred@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    @Test
    void emergencyRegistrationSkipsBarringAndRoaming() throws Exception {
        assertThat(result(Cx.uar(icscf, "erin@ims.example.org", "sip:erin@ims.example.org", HOME,
                "REGISTRATION", true))).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        assertThat(result(Cx.uar(icscf, "frank@ims.example.org", "sip:frank@ims.example.org", "other.example.net",
                "REGISTRATION", true))).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    @Test
    void roamingIsAllowedOnlyFromListedNetworksAndHome() throws Exception {
        assertThat(result(Cx.uar(icscf, "frank@ims.example.org", "sip:frank@ims.example.org", "other.example.net")))
                .isEqualTo(ResultCode.DIAMETER_ERROR_ROAMING_NOT_ALLOWED);
        assertThat(result(Cx.uar(icscf, "frank@ims.example.org", "sip:frank@ims.example.org",
                "visited.example.net"))).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        // Kamailio passes the P-Visited-Network-ID header value as it is, quotes included.
        assertThat(result(Cx.uar(icscf, "frank@ims.example.org", "sip:frank@ims.example.org",
                "\"visited.example.net\""))).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        assertThat(result(Cx.uar(icscf, "frank@ims.example.org", "sip:frank@ims.example.org", HOME)))
                .isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    @Test
    void firstRegistrationOffersCapabilitiesAndSuitableServers() throws Exception {
        Answer answer = Cx.uar(icscf, "grace@ims.example.org", "sip:grace@ims.example.org", HOME);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        assertThat(text(answer, Avp.SERVER_NAME)).isEmpty();
        AvpSet capabilities = Cx.group(answer, Avp.SERVER_CAPABILITIES).orElseThrow();
        assertThat(Avps.unsigned32All(capabilities, Avp.MANDATORY_CAPABILITY)).containsExactly(1L);
        assertThat(Avps.unsigned32All(capabilities, Avp.OPTIONAL_CAPABILITY)).containsExactly(2L);
        // Preferred first, then those with every mandatory capability, most optional ones first.
        assertThat(Avps.utf8All(capabilities, Avp.SERVER_NAME)).containsExactly("sip:preferred.ims.example.org",
                "sip:scscf-a.ims.example.org", "sip:scscf-b.ims.example.org");
    }

    @Test
    void registeredUserGetsItsServerName() throws Exception {
        assertThat(result(Cx.sar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", SCSCF1,
                "REGISTRATION"))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        for (String impu : List.of("sip:alice@ims.example.org", "tel:+15550101")) {
            Answer answer = Cx.uar(icscf, "alice@ims.example.org", impu, HOME);
            assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUBSEQUENT_REGISTRATION);
            assertThat(text(answer, Avp.SERVER_NAME)).contains(SCSCF1);
            assertThat(Cx.group(answer, Avp.SERVER_CAPABILITIES)).isEmpty();
        }
    }

    @Test
    void unregisteredStateCountsAsServed() throws Exception {
        assertThat(result(Cx.sar(scscf, null, "sip:grace@ims.example.org", SCSCF1, "UNREGISTERED_USER")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        Answer answer = Cx.uar(icscf, "grace@ims.example.org", "sip:grace@ims.example.org", HOME);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUBSEQUENT_REGISTRATION);
        assertThat(text(answer, Avp.SERVER_NAME)).contains(SCSCF1);
    }

    @Test
    void anotherSetOfTheSubscriptionServedMeansSubsequentRegistration() throws Exception {
        Cx.sar(scscf, "judy@ims.example.org", "sip:judy@ims.example.org", SCSCF1, "REGISTRATION");
        Answer answer = Cx.uar(icscf, "judy@ims.example.org", "sip:judy-work@ims.example.org", HOME);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUBSEQUENT_REGISTRATION);
        assertThat(text(answer, Avp.SERVER_NAME)).contains(SCSCF1);
    }

    @Test
    void pendingAuthenticationMeansSubsequentRegistration() throws Exception {
        assertThat(result(Cx.mar(scscf, "bob@ims.example.org", "sip:bob@ims.example.org", "SIP Digest", 1, SCSCF1,
                null))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        Answer answer = Cx.uar(icscf, "bob@ims.example.org", "sip:bob@ims.example.org", HOME);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUBSEQUENT_REGISTRATION);
        assertThat(text(answer, Avp.SERVER_NAME)).contains(SCSCF1);
    }

    @Test
    void registrationAndCapabilitiesReturnsCapabilitiesOnly() throws Exception {
        Cx.sar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", SCSCF1, "REGISTRATION");
        Answer answer = Cx.uar(icscf, "alice@ims.example.org", "sip:alice@ims.example.org", HOME,
                "REGISTRATION_AND_CAPABILITIES", false);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.SERVER_NAME)).isEmpty();
        assertThat(Cx.group(answer, Avp.SERVER_CAPABILITIES)).isPresent();
    }

    @Test
    void deRegistration() throws Exception {
        Answer notRegistered = Cx.uar(icscf, "alice@ims.example.org", "sip:alice@ims.example.org", HOME,
                "DE_REGISTRATION", false);
        assertThat(result(notRegistered)).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_NOT_REGISTERED);

        Cx.sar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", SCSCF1, "REGISTRATION");
        // No roaming check on de-registration.
        Answer registered = Cx.uar(icscf, "alice@ims.example.org", "sip:alice@ims.example.org", "other.example.net",
                "DE_REGISTRATION", false);
        assertThat(result(registered)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(registered, Avp.SERVER_NAME)).contains(SCSCF1);
    }

    @Test
    void answerCarriesTheMandatoryBaseAvps() throws Exception {
        Answer answer = Cx.uar(icscf, "alice@ims.example.org", "sip:alice@ims.example.org", HOME);
        AvpSet avps = answer.getAvps();
        assertThat(avps.getAvpByIndex(0).getCode()).isEqualTo(Avp.SESSION_ID.code());
        assertThat(Avps.utf8(avps, Avp.ORIGIN_HOST)).contains(TestHss.HOST);
        assertThat(Avps.utf8(avps, Avp.ORIGIN_REALM)).contains(TestHss.REALM);
        assertThat(Avps.enumerated(avps, Avp.AUTH_SESSION_STATE).getAsInt())
                .isEqualTo(Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED"));
        assertThat(Avps.has(avps, Avp.VENDOR_SPECIFIC_APPLICATION_ID)).isTrue();
        assertThat(answer.isError()).isFalse();
    }
}
