package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;
import static org.imshss.hss.testing.Cx.text;

import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LIR over TCP against the real stack and grid: every row of TS 29.228 6.1.4 as the reference sheet lays it out. */
class LocationInfoIT {

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
    void unknownOrInactiveIdentityIsUserUnknown() throws Exception {
        assertThat(result(Cx.lir(icscf, "sip:nobody@ims.example.org", false)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(Cx.lir(icscf, "sip:inactive-psi@ims.example.org", false)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    }

    @Test
    void registeredIdentityAndItsImplicitSetGetTheServer() throws Exception {
        Cx.sar(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", SCSCF1, "REGISTRATION");
        for (String impu : new String[] {"sip:alice@ims.example.org", "tel:+15550101", "tel:+1-555-0101"}) {
            Answer answer = Cx.lir(icscf, impu, false);
            assertThat(result(answer)).as(impu).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            assertThat(text(answer, Avp.SERVER_NAME)).as(impu).contains(SCSCF1);
        }
    }

    @Test
    void notRegisteredWithUnregisteredServicesAsksForServerSelection() throws Exception {
        Answer answer = Cx.lir(icscf, "sip:grace@ims.example.org", false);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_UNREGISTERED_SERVICE);
        assertThat(text(answer, Avp.SERVER_NAME)).isEmpty();
        var capabilities = Cx.group(answer, Avp.SERVER_CAPABILITIES).orElseThrow();
        assertThat(Avps.unsigned32All(capabilities, Avp.MANDATORY_CAPABILITY)).containsExactly(1L);
    }

    @Test
    void notRegisteredButTheSubscriptionIsServedGetsThatServer() throws Exception {
        Cx.sar(scscf, "judy@ims.example.org", "sip:judy@ims.example.org", SCSCF1, "REGISTRATION");
        Answer answer = Cx.lir(icscf, "sip:judy-work@ims.example.org", false);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.SERVER_NAME)).contains(SCSCF1);
    }

    @Test
    void notRegisteredWithoutUnregisteredServicesIsNotRegistered() throws Exception {
        assertThat(result(Cx.lir(icscf, "sip:heidi@ims.example.org", false)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_NOT_REGISTERED);
        // An originating request on the user's behalf needs an S-CSCF all the same.
        assertThat(result(Cx.lir(icscf, "sip:heidi@ims.example.org", true)))
                .isEqualTo(ResultCode.DIAMETER_UNREGISTERED_SERVICE);
    }

    @Test
    void psiHostedByAnApplicationServerIsRoutedDirectly() throws Exception {
        Answer answer = Cx.lir(icscf, "sip:conference@ims.example.org", false);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.SERVER_NAME)).contains("sip:as.ims.example.org:5070");
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.LIA_FLAGS).getAsLong() & 1).isEqualTo(1);
        // Originating on behalf of the PSI: through an S-CSCF instead.
        Answer originating = Cx.lir(icscf, "sip:conference@ims.example.org", true);
        assertThat(result(originating)).isEqualTo(ResultCode.DIAMETER_UNREGISTERED_SERVICE);
        assertThat(Avps.has(originating.getAvps(), Avp.LIA_FLAGS)).isFalse();
    }

    @Test
    void wildcardedPsiMatchesAndIsNamedInTheAnswer() throws Exception {
        Answer direct = Cx.lir(icscf, "sip:chat-lobby@ims.example.org", false);
        assertThat(result(direct)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(direct, Avp.SERVER_NAME)).contains("sip:as.ims.example.org:5070");
        assertThat(text(direct, Avp.WILDCARDED_PUBLIC_IDENTITY)).contains("sip:chat-!.*!@ims.example.org");

        Answer viaScscf = Cx.lir(icscf, "sip:room-7@ims.example.org", false);
        assertThat(result(viaScscf)).isEqualTo(ResultCode.DIAMETER_UNREGISTERED_SERVICE);
        assertThat(text(viaScscf, Avp.WILDCARDED_PUBLIC_IDENTITY)).contains("sip:room-!.*!@ims.example.org");
    }

    @Test
    void distinctIdentityWinsOverAMatchingWildcard() throws Exception {
        // sip:room-special@ is provisioned on its own and also matches sip:room-!.*!@.
        Answer answer = Cx.lir(icscf, "sip:room-special@ims.example.org", false);
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.SERVER_NAME)).contains("sip:special-as.ims.example.org");
        assertThat(text(answer, Avp.WILDCARDED_PUBLIC_IDENTITY)).isEmpty();
    }

    @Test
    void registrationAndCapabilitiesReturnsCapabilities() throws Exception {
        Cx.sar(scscf, "grace@ims.example.org", "sip:grace@ims.example.org", SCSCF1, "REGISTRATION");
        Answer answer = icscf.send(Command.LIR, avps -> {
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, "sip:grace@ims.example.org");
            Avps.addEnumerated(avps, Avp.USER_AUTHORIZATION_TYPE,
                    Avp.USER_AUTHORIZATION_TYPE.enumValue("REGISTRATION_AND_CAPABILITIES"));
        });
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(text(answer, Avp.SERVER_NAME)).isEmpty();
        assertThat(Cx.group(answer, Avp.SERVER_CAPABILITIES)).isPresent();
    }
}
