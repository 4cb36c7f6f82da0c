package org.imshss.hss.swx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.swx.SwxFixture.NON_3GPP;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.cx.NetworkOutcome;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.Swx;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.model.AaaRegistration;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SWx Server-Assignment (TS 29.273 8.1.2.2.2) and the HSS-initiated RTR (8.1.2.2.3) and PPR (8.1.2.3) over TCP
 * against the HSS and its grid. Non-3GPP-User-Data is compared octet for octet with an encoding written here from
 * the AVP tables (TS 29.273 8.2.3.1, TS 29.272 7.3). Each test has its own IMSI.
 */
class SwxRegistrationIT {

    private static final String AAA1 = "aaa1.ims.example.org";
    private static final String AAA2 = "aaa2.ims.example.org";
    private static final String AAA3 = "aaa3.ims.example.org";
    private static final int REGISTRATION = 1;
    private static final int USER_DEREGISTRATION = 5;
    private static final int ADMINISTRATIVE_DEREGISTRATION = 8;
    private static final int AUTHENTICATION_FAILURE = 9;
    private static final int AAA_USER_DATA_REQUEST = 12;
    private static final int PGW_UPDATE = 13;
    private static final long TGPP = 10415;

    private static TestHss hss;
    private static DiameterTestPeer aaa1;
    private static DiameterTestPeer aaa2;
    private static DiameterTestPeer aaa3;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start(cx -> cx, SwxFixture.KEY, null);
        SwxFixture.putProfiles(hss);
        aaa1 = Swx.aaa(hss, AAA1);
        aaa2 = Swx.aaa(hss, AAA2);
        aaa3 = Swx.aaa(hss, AAA3);
    }

    @AfterAll
    static void stop() throws Exception {
        aaa1.close();
        aaa2.close();
        aaa3.close();
        hss.close();
    }

    private static ResultCode result(Answer answer) {
        return Avps.result(answer.getAvps()).orElseThrow();
    }

    private static byte[] userData(AvpSet avps) {
        List<byte[]> found = Avps.dataAll(avps, Avp.NON_3GPP_USER_DATA);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void registrationStoresTheServerAndAnswersTheNon3gppUserData() throws Exception {
        String imsi = "001010000000301";
        SwxFixture.usim(hss, imsi, NON_3GPP);

        Answer answer = Swx.sar(aaa1, SwxFixture.nai('6', imsi), REGISTRATION);

        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.utf8(answer.getAvps(), Avp.USER_NAME)).contains(SwxFixture.nai('6', imsi));
        assertThat(userData(answer.getAvps())).isEqualTo(expectedUserData(List.of("HRPD")));
        assertThat(hss.node().epsStore().aaaRegistration(imsi)).get()
                .extracting(AaaRegistration::host, AaaRegistration::registered).containsExactly(AAA1, true);
    }

    /**
     * Non-3GPP-User-Data for the fixture: Subscription-Id (END_USER_E164, the MSISDN), Non-3GPP-IP-Access
     * ALLOWED (0), Non-3GPP-IP-Access-APN ENABLE (0), RAT-Type per type not allowed, AMBR, Context-Identifier 1
     * (the default), then the allowed APN-Configurations in the allowed order: 2 (ims, static address) and 1.
     */
    private static byte[] expectedUserData(List<String> ratTypesNotAllowed) throws Exception {
        Encoder out = new Encoder();
        out.avp(443, 0, true, new Encoder().avp(450, 0, true, u32(0))
                .avp(444, 0, true, "491711234567".getBytes()).bytes());
        out.avp(1501, TGPP, true, u32(0));
        out.avp(1502, TGPP, true, u32(0));
        for (String rat : ratTypesNotAllowed) {
            out.avp(1032, TGPP, false, u32(rat.equals("HRPD") ? 2001 : 0));
        }
        out.avp(1435, TGPP, true, ambr(50_000_000, 100_000_000));
        out.avp(1423, TGPP, true, u32(1));
        Encoder ims = new Encoder().avp(1423, TGPP, true, u32(2))
                .avp(848, TGPP, true, address(InetAddress.getByName("10.45.0.7").getAddress()))
                .avp(1456, TGPP, true, u32(2))
                .avp(493, 0, true, "ims".getBytes())
                .avp(1431, TGPP, true, qos(5, 1, 0, 1))
                .avp(1432, TGPP, true, u32(0));
        out.avp(1430, TGPP, true, ims.bytes());
        Encoder internet = new Encoder().avp(1423, TGPP, true, u32(1))
                .avp(1456, TGPP, true, u32(2))
                .avp(493, 0, true, "internet".getBytes())
                .avp(1431, TGPP, true, qos(9, 8, 1, 0))
                .avp(1432, TGPP, true, u32(1))
                .avp(1435, TGPP, true, ambr(20_000_000, 40_000_000));
        out.avp(1430, TGPP, true, internet.bytes());
        return out.bytes();
    }

    /** EPS-Subscribed-QoS-Profile: QCI, ARP {Priority-Level, Pre-emption-Capability, -Vulnerability}. */
    private static byte[] qos(int qci, int priority, int capability, int vulnerability) {
        byte[] arp = new Encoder().avp(1046, TGPP, false, u32(priority)).avp(1047, TGPP, false, u32(capability))
                .avp(1048, TGPP, false, u32(vulnerability)).bytes();
        return new Encoder().avp(1028, TGPP, true, u32(qci)).avp(1034, TGPP, false, arp).bytes();
    }

    /** AMBR: Max-Requested-Bandwidth-UL (516), -DL (515). */
    private static byte[] ambr(long uplink, long downlink) {
        return new Encoder().avp(516, TGPP, true, u32(uplink)).avp(515, TGPP, true, u32(downlink)).bytes();
    }

    /** Address (RFC 6733 4.3.1): family 1 (IPv4), then the address. */
    private static byte[] address(byte[] ipv4) {
        byte[] out = new byte[2 + ipv4.length];
        out[1] = 1;
        System.arraycopy(ipv4, 0, out, 2, ipv4.length);
        return out;
    }

    private static byte[] u32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** AVPs as RFC 6733 4.1 lays them out: code, flags (V 0x80, M 0x40), length, Vendor-Id, data, padding. */
    private static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Encoder avp(int code, long vendor, boolean mandatory, byte[] data) {
            int length = (vendor != 0 ? 12 : 8) + data.length;
            out.writeBytes(u32(code));
            out.writeBytes(u32(((vendor != 0 ? 0x80L : 0) | (mandatory ? 0x40L : 0)) << 24 | length));
            if (vendor != 0) {
                out.writeBytes(u32(vendor));
            }
            out.writeBytes(data);
            out.writeBytes(new byte[((length + 3) & ~3) - length]);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    @Test
    void userDataRequestAnswersTheDataAndRegistersNothing() throws Exception {
        String imsi = "001010000000302";
        SwxFixture.usim(hss, imsi, NON_3GPP);

        Answer answer = Swx.sar(aaa1, imsi, AAA_USER_DATA_REQUEST);

        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(userData(answer.getAvps())).isEqualTo(expectedUserData(List.of("HRPD")));
        assertThat(hss.node().epsStore().aaaRegistration(imsi)).isEmpty();
    }

    @Test
    void anotherRegisteredServerIsIdentityAlreadyRegistered() throws Exception {
        String imsi = "001010000000303";
        SwxFixture.usim(hss, imsi, NON_3GPP);
        assertThat(result(Swx.sar(aaa1, imsi, REGISTRATION))).isEqualTo(ResultCode.DIAMETER_SUCCESS);

        Answer refused = Swx.sar(aaa2, imsi, REGISTRATION);

        assertThat(result(refused)).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED);
        assertThat(Avps.utf8(refused.getAvps(), Avp.TGPP_AAA_SERVER_NAME)).contains(AAA1);
        assertThat(Avps.has(refused.getAvps(), Avp.NON_3GPP_USER_DATA)).isFalse();
        assertThat(hss.node().epsStore().aaaRegistration(imsi)).get().extracting(AaaRegistration::host)
                .isEqualTo(AAA1);
    }

    @Test
    void deregistrationClearsOnlyTheSendersRegistration() throws Exception {
        for (int type : List.of(USER_DEREGISTRATION, ADMINISTRATIVE_DEREGISTRATION, AUTHENTICATION_FAILURE, 10)) {
            String imsi = "00101000000031" + (type % 10);
            SwxFixture.usim(hss, imsi, NON_3GPP);
            assertThat(result(Swx.sar(aaa1, imsi, REGISTRATION))).isEqualTo(ResultCode.DIAMETER_SUCCESS);

            Answer other = Swx.sar(aaa2, imsi, type);
            assertThat(result(other)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            assertThat(hss.node().epsStore().aaaRegistration(imsi)).as("type " + type).isPresent();

            Answer own = Swx.sar(aaa1, imsi, type);
            assertThat(result(own)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            assertThat(Avps.has(own.getAvps(), Avp.NON_3GPP_USER_DATA)).isFalse();
            assertThat(hss.node().epsStore().aaaRegistration(imsi)).as("type " + type).isEmpty();
        }
    }

    @Test
    void pgwUpdateIsAnsweredAndCxTypesAreInvalid() throws Exception {
        String imsi = "001010000000304";
        SwxFixture.usim(hss, imsi, NON_3GPP);
        Answer pgw = Swx.sar(aaa1, imsi, PGW_UPDATE);
        assertThat(result(pgw)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.has(pgw.getAvps(), Avp.NON_3GPP_USER_DATA)).isFalse();

        for (int type : List.of(0, 2, 3, 4, 11, 14)) {
            Answer answer = Swx.sar(aaa1, imsi, type);
            assertThat(Avps.unsigned32(answer.getAvps(), Avp.RESULT_CODE)).as("type " + type).hasValue(5004);
            AvpSet failed = Avps.grouped(answer.getAvps(), Avp.FAILED_AVP).orElseThrow();
            assertThat(Avps.enumerated(failed, Avp.SERVER_ASSIGNMENT_TYPE)).hasValue(type);
        }
        assertThat(hss.node().epsStore().aaaRegistration(imsi)).isEmpty();
    }

    @Test
    void unknownUserAndNoNon3gppSubscription() throws Exception {
        assertThat(result(Swx.sar(aaa1, "001010000000399", REGISTRATION)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        SwxFixture.usim(hss, "001010000000305", null);
        assertThat(result(Swx.sar(aaa1, "001010000000305", REGISTRATION)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_NO_NON_3GPP_SUBSCRIPTION);
        assertThat(hss.node().epsStore().aaaRegistration("001010000000305")).isEmpty();
    }

    @Test
    void administrativeDetachSendsAnRtrToTheRegisteredServer() throws Exception {
        String imsi = "001010000000306";
        SwxFixture.usim(hss, imsi, NON_3GPP);
        assertThat(result(Swx.sar(aaa3, imsi, REGISTRATION))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        aaa3.answerWith(request -> ResultCode.DIAMETER_SUCCESS);

        NetworkOutcome outcome = hss.node().swxProvisioningChanges().deregister(imsi).get(10, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(NetworkOutcome.Status.ANSWERED);
        assertThat(outcome.result()).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        Request rtr = aaa3.nextReceived(10, TimeUnit.SECONDS);
        assertThat(rtr.getCommandCode()).isEqualTo(Command.SWX_RTR.code());
        assertThat(rtr.getApplicationId()).isEqualTo(Application.SWX.id());
        assertThat(Avps.utf8(rtr.getAvps(), Avp.USER_NAME)).contains(imsi);
        AvpSet reason = Avps.grouped(rtr.getAvps(), Avp.DEREGISTRATION_REASON).orElseThrow();
        assertThat(Avps.enumerated(reason, Avp.REASON_CODE)).hasValue(0);
        assertThat(hss.node().epsStore().aaaRegistration(imsi)).isEmpty();

        NetworkOutcome again = hss.node().swxProvisioningChanges().subscribersRemoved(List.of(imsi))
                .get(10, TimeUnit.SECONDS);
        assertThat(again.status()).isEqualTo(NetworkOutcome.Status.NOT_SERVED);
    }

    @Test
    void aProfileChangeIsPushedAndAWithdrawalDeregisters() throws Exception {
        String imsi = "001010000000307";
        SwxFixture.usim(hss, imsi, NON_3GPP);
        assertThat(result(Swx.sar(aaa3, imsi, REGISTRATION))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        aaa3.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
        SwxFixture.usim(hss, imsi, new Non3gppSubscription(true, true, List.of(2, 1), 1, false, true,
                List.of("HRPD", "WLAN")));

        NetworkOutcome pushed = hss.node().swxProvisioningChanges().subscriptionChanged(List.of(imsi))
                .get(10, TimeUnit.SECONDS);

        assertThat(pushed.status()).isEqualTo(NetworkOutcome.Status.ANSWERED);
        Request ppr = aaa3.nextReceived(10, TimeUnit.SECONDS);
        assertThat(ppr.getCommandCode()).isEqualTo(Command.SWX_PPR.code());
        assertThat(Avps.utf8(ppr.getAvps(), Avp.USER_NAME)).contains(imsi);
        byte[] expected = expectedUserData(List.of("HRPD", "WLAN"));
        assertThat(userData(ppr.getAvps())).isEqualTo(expected);
        assertThat(hss.node().epsStore().aaaRegistration(imsi)).get().extracting(AaaRegistration::registered)
                .isEqualTo(true);

        SwxFixture.usim(hss, imsi, null);
        NetworkOutcome withdrawn = hss.node().swxProvisioningChanges().subscriptionChanged(List.of(imsi))
                .get(10, TimeUnit.SECONDS);
        assertThat(withdrawn.status()).isEqualTo(NetworkOutcome.Status.ANSWERED);
        Request rtr = aaa3.nextReceived(10, TimeUnit.SECONDS);
        assertThat(rtr.getCommandCode()).isEqualTo(Command.SWX_RTR.code());
        assertThat(hss.node().epsStore().aaaRegistration(imsi)).isEmpty();
    }
}
