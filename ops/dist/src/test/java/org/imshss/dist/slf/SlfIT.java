package org.imshss.dist.slf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.UserIdentity;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.mapping.MappingKind;
import org.imshss.slf.testing.RawClient;
import org.imshss.slf.testing.TestClient.Exchange;
import org.imshss.slf.testing.TestClient;
import org.imshss.slf.testing.TestSlf;
import org.imshss.slf.testing.TestStack;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real HSSs (an operator's and an enterprise's, different identities, realms and subscribers), the SLF and
 * two clients over TCP. One client (realm ims.example.org) is redirected and follows the redirect; the other
 * (realm relay.example.net, configured for relay like an operator whose Kamailio cannot follow a redirect) gets
 * the HSS's answer through the SLF. The tests run in order because registrations change what the HSSs answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlfIT {

    static final String ALICE = "sip:alice@ims.example.org";
    static final String ALICE_IMPI = "alice@ims.example.org";
    static final String ALICE_TEL = "tel:+15550101";
    static final String ERIN = "sip:erin@corp.example.com";
    static final String ERIN_IMPI = "erin@corp.example.com";
    static final String ERIN_MSISDN = "4930555001";
    static final String PROBE = "sip:probe@ims.example.org";
    static final String HOME = "ims.example.org";
    static final String SCSCF = "sip:scscf.ims.example.org:6060";
    static final String RELAYED_REALM = "relay.example.net";
    static final int MAX_CACHE_SECONDS = 300;

    static TestHssNode hssA;
    static TestHssNode hssB;
    static TestStack probe;
    static final BlockingQueue<Request> probed = new LinkedBlockingQueue<>();
    static int downPort;
    static TestSlf slf;
    /** Follows redirects: connected to the HSS nodes only. */
    static TestClient client;
    /** Redirected: a raw socket to the SLF. */
    static RawClient operator;
    /** Relayed: its realm is configured for relay. */
    static TestClient kamailio;

    @BeforeAll
    static void start() throws Exception {
        hssA = TestHssNode.start("hss-a.ims.example.org", HOME, "/hss-a-seed.json");
        hssB = TestHssNode.start("hss-b1.corp.example.com", "corp.example.com", "/hss-b-seed.json");
        probe = TestStack.start("probe-hss.ims.example.org", HOME, List.of(), request -> {
            probed.add(request);
            Answer answer = request.createAnswer();
            Avps.addResult(answer.getAvps(), ResultCode.DIAMETER_SUCCESS);
            Avps.addEnumerated(answer.getAvps(), Avp.AUTH_SESSION_STATE, 1);
            Avps.addIdentity(answer.getAvps(), Avp.ORIGIN_HOST, "probe-hss.ims.example.org");
            Avps.addIdentity(answer.getAvps(), Avp.ORIGIN_REALM, HOME);
            return answer;
        });
        downPort = TestStack.freePort();
        MappingFile.Content mappings = new MappingFile.Content(
                List.of(
                        new HssTarget("operator", HOME, List.of(new HssHost(hssA.identity(), hssA.port(), "127.0.0.1"))),
                        // The enterprise HSS cluster: its first node is down, the second serves.
                        new HssTarget("enterprise", "corp.example.com", List.of(
                                new HssHost("hss-b2.corp.example.com", downPort, "127.0.0.1"),
                                new HssHost(hssB.identity(), hssB.port(), "127.0.0.1"))),
                        new HssTarget("probe", HOME, List.of(new HssHost(probe.identity(), probe.port(), "127.0.0.1")))),
                List.of(
                        Mapping.of(MappingKind.IDENTITY, ALICE, "operator"),
                        Mapping.of(MappingKind.IDENTITY, ALICE_IMPI, "operator"),
                        Mapping.of(MappingKind.PREFIX, "+1555", "operator"),
                        Mapping.of(MappingKind.DOMAIN, "corp.example.com", "enterprise"),
                        Mapping.range("+4930555000", "+4930555999", "enterprise"),
                        Mapping.of(MappingKind.IDENTITY, PROBE, "probe")));
        slf = TestSlf.start(new SlfSettings.RoutingSettings(SlfSettings.Mode.REDIRECT, List.of(RELAYED_REALM), 0,
                Duration.ofSeconds(MAX_CACHE_SECONDS), Duration.ofSeconds(2)), mappings);
        client = new TestClient(TestStack.start("client.ims.example.org", HOME,
                List.of(hssA.peerRef(), hssB.peerRef(),
                        new TestStack.PeerRef("hss-b2.corp.example.com", downPort, "corp.example.com")), null));
        operator = RawClient.connect(slf.port(), "client.ims.example.org", HOME);
        kamailio = new TestClient(TestStack.start("cdp.relay.example.net", RELAYED_REALM, List.of(slf.peerRef()),
                null));
        for (String host : List.of(hssA.identity(), hssB.identity())) {
            client.stack().awaitConnected(host);
        }
        kamailio.stack().awaitConnected(TestSlf.IDENTITY);
        awaitRelayPeers(hssA.identity(), hssB.identity(), probe.identity());
    }

    static void awaitRelayPeers(String... identities) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (String identity : identities) {
            while (!slf.node().relayPeerConnected(identity)) {
                assertThat(System.nanoTime()).as("SLF connected to " + identity).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {kamailio, operator, client, slf, probe, hssB, hssA}) {
            if (c != null) {
                c.close();
            }
        }
    }

    // ---- request bodies -----------------------------------------------------------------------------------

    static Consumer<AvpSet> uar(String impi, String impu) {
        return avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, impi);
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
            Avps.addOctets(avps, Avp.VISITED_NETWORK_IDENTIFIER, HOME.getBytes(StandardCharsets.UTF_8));
        };
    }

    static Consumer<AvpSet> lir(String impu) {
        return avps -> Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
    }

    static Consumer<AvpSet> mar(String impi, String impu) {
        return avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, impi);
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
            AvpSet item = Avps.addGrouped(avps, Avp.SIP_AUTH_DATA_ITEM);
            Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "SIP Digest");
            Avps.addUnsigned32(avps, Avp.SIP_NUMBER_AUTH_ITEMS, 1);
            Avps.addUtf8(avps, Avp.SERVER_NAME, SCSCF);
        };
    }

    /** @param impu null for a SAR that carries only User-Name */
    static Consumer<AvpSet> sar(String impi, String impu, String type) {
        return avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, impi);
            if (impu != null) {
                Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
            }
            Avps.addUtf8(avps, Avp.SERVER_NAME, SCSCF);
            Avps.addEnumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE, Avp.SERVER_ASSIGNMENT_TYPE.enumValue(type));
            Avps.addEnumerated(avps, Avp.USER_DATA_ALREADY_AVAILABLE, 0);
        };
    }

    static Consumer<AvpSet> udr(String impu, String serverName) {
        return avps -> {
            Avps.addUtf8(Avps.addGrouped(avps, Avp.USER_IDENTITY), Avp.PUBLIC_IDENTITY, impu);
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("IMSPublicIdentity"));
        };
    }

    static Consumer<AvpSet> udrByMsisdn(String digits) {
        return avps -> {
            Avps.addOctets(Avps.addGrouped(avps, Avp.USER_IDENTITY), Avp.MSISDN, UserIdentity.encodeTbcd(digits));
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("MSISDN"));
        };
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    static Exchange toSlf(Command command, Consumer<AvpSet> body) throws Exception {
        return operator.send(command, HOME, TestSlf.IDENTITY, body);
    }

    /** As Kamailio's cdp sends: Destination-Realm only. */
    static Exchange relayed(Command command, Consumer<AvpSet> body) throws Exception {
        return kamailio.send(command, HOME, null, body);
    }

    static Exchange direct(TestHssNode hss, Command command, Consumer<AvpSet> body) throws Exception {
        return client.send(command, hss.realm(), hss.identity(), body);
    }

    static ResultCode result(Answer answer) {
        return Avps.result(answer.getAvps()).orElseThrow();
    }

    static String originHost(Answer answer) {
        return Avps.utf8(answer.getAvps(), Avp.ORIGIN_HOST).orElseThrow();
    }

    static String uri(TestHssNode hss) {
        return "aaa://" + hss.identity() + ":" + hss.port() + ";transport=tcp";
    }

    /** A redirect naming exactly these Redirect-Host URIs, with the configured usage and cache time. */
    static void assertRedirect(Answer answer, String... redirectHosts) {
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_REDIRECT_INDICATION);
        assertThat(answer.isError()).as("E bit").isTrue();
        assertThat(originHost(answer)).isEqualTo(TestSlf.IDENTITY);
        assertThat(TestClient.redirectHosts(answer)).containsExactly(redirectHosts);
        assertThat(Avps.enumerated(answer.getAvps(), Avp.REDIRECT_HOST_USAGE).getAsInt())
                .isEqualTo(Avp.REDIRECT_HOST_USAGE.enumValue("DONT_CACHE"));
        assertThat(Avps.unsigned32(answer.getAvps(), Avp.REDIRECT_MAX_CACHE_TIME).getAsLong())
                .isEqualTo(MAX_CACHE_SECONDS);
    }

    static String enterpriseDown() {
        return "aaa://hss-b2.corp.example.com:" + downPort + ";transport=tcp";
    }

    // ---- Dx redirect and relay ----------------------------------------------------------------------------

    @Test
    @Order(1)
    void uarIsRedirectedToTheUsersHssAndTheHssAnswersIt() throws Exception {
        Exchange redirect = toSlf(Command.UAR, uar(ALICE_IMPI, ALICE));
        assertRedirect(redirect.answer(), uri(hssA));
        Exchange followed = client.follow(redirect.answer(), Command.UAR, uar(ALICE_IMPI, ALICE));
        assertThat(originHost(followed.answer())).isEqualTo(hssA.identity());
        assertThat(result(followed.answer())).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);

        Exchange enterprise = toSlf(Command.UAR, uar(ERIN_IMPI, ERIN));
        assertRedirect(enterprise.answer(), enterpriseDown(), uri(hssB));
        Exchange followedB = client.follow(enterprise.answer(), Command.UAR, uar(ERIN_IMPI, ERIN));
        assertThat(originHost(followedB.answer())).isEqualTo(hssB.identity());
        assertThat(result(followedB.answer())).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
    }

    @Test
    @Order(2)
    void uarIsRelayedWithTheHssAnswerUnchanged() throws Exception {
        Exchange relayed = relayed(Command.UAR, uar(ALICE_IMPI, ALICE));
        assertThat(result(relayed.answer())).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        assertThat(originHost(relayed.answer())).isEqualTo(hssA.identity());
        assertThat(relayed.answer().isError()).isFalse();
        assertThat(relayed.answer().getEndToEndIdentifier()).isEqualTo(relayed.request().getEndToEndIdentifier());
        assertThat(Avps.utf8(relayed.answer().getAvps(), Avp.SESSION_ID))
                .isEqualTo(Avps.utf8(relayed.request().getAvps(), Avp.SESSION_ID));

        // The enterprise cluster's first node is down: the relay uses the next one.
        Exchange enterprise = relayed(Command.UAR, uar(ERIN_IMPI, ERIN));
        assertThat(result(enterprise.answer())).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        assertThat(originHost(enterprise.answer())).isEqualTo(hssB.identity());
    }

    @Test
    @Order(3)
    void lirIsLocatedByItsTelUriPrefixAndAnsweredAsTheHssAnswersDirectly() throws Exception {
        ResultCode expected = result(direct(hssA, Command.LIR, lir(ALICE_TEL)).answer());
        assertThat(expected).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_NOT_REGISTERED);

        Exchange redirect = toSlf(Command.LIR, lir(ALICE_TEL));
        assertRedirect(redirect.answer(), uri(hssA));
        assertThat(result(client.follow(redirect.answer(), Command.LIR, lir(ALICE_TEL)).answer())).isEqualTo(expected);

        Exchange relayed = relayed(Command.LIR, lir(ALICE_TEL));
        assertThat(result(relayed.answer())).isEqualTo(expected);
        assertThat(originHost(relayed.answer())).isEqualTo(hssA.identity());

        Exchange enterprise = relayed(Command.LIR, lir("tel:+4930555001"));
        assertThat(originHost(enterprise.answer())).isEqualTo(hssB.identity());
        assertThat(result(enterprise.answer())).isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITY_NOT_REGISTERED);
    }

    @Test
    @Order(4)
    void marReachesTheRightHssEitherWay() throws Exception {
        Exchange redirect = toSlf(Command.MAR, mar(ERIN_IMPI, ERIN));
        assertRedirect(redirect.answer(), enterpriseDown(), uri(hssB));
        Answer followed = client.follow(redirect.answer(), Command.MAR, mar(ERIN_IMPI, ERIN)).answer();
        assertThat(result(followed)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.utf8(followed.getAvps(), Avp.USER_NAME)).contains(ERIN_IMPI);
        assertThat(Avps.grouped(followed.getAvps(), Avp.SIP_AUTH_DATA_ITEM)).isPresent();

        Answer relayed = relayed(Command.MAR, mar(ALICE_IMPI, ALICE)).answer();
        assertThat(result(relayed)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(originHost(relayed)).isEqualTo(hssA.identity());
        AvpSet item = Avps.grouped(relayed.getAvps(), Avp.SIP_AUTH_DATA_ITEM).orElseThrow();
        assertThat(Avps.utf8(item, Avp.SIP_AUTHENTICATION_SCHEME)).contains("SIP Digest");
    }

    @Test
    @Order(5)
    void sarIsLocatedByPublicIdentityOrByUserNameAlone() throws Exception {
        Exchange redirect = toSlf(Command.SAR, sar(ERIN_IMPI, ERIN, "REGISTRATION"));
        assertRedirect(redirect.answer(), enterpriseDown(), uri(hssB));
        Answer registered = client.follow(redirect.answer(), Command.SAR, sar(ERIN_IMPI, ERIN, "REGISTRATION")).answer();
        assertThat(result(registered)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.utf8(registered.getAvps(), Avp.USER_DATA_CX).orElseThrow()).contains(ERIN);

        Answer relayed = relayed(Command.SAR, sar(ALICE_IMPI, ALICE, "REGISTRATION")).answer();
        assertThat(result(relayed)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(originHost(relayed)).isEqualTo(hssA.identity());
        assertThat(Avps.utf8(relayed.getAvps(), Avp.USER_DATA_CX).orElseThrow()).contains(ALICE);

        // A SAR with only User-Name is located by the IMPI mapping.
        Exchange byImpi = toSlf(Command.SAR, sar(ALICE_IMPI, null, "USER_DEREGISTRATION"));
        assertRedirect(byImpi.answer(), uri(hssA));
        Answer deregistered = client.follow(byImpi.answer(), Command.SAR, sar(ALICE_IMPI, null, "USER_DEREGISTRATION"))
                .answer();
        assertThat(result(deregistered)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(originHost(deregistered)).isEqualTo(hssA.identity());

        // Registered now: the next UAR for erin is a subsequent registration, through either path.
        assertThat(result(relayed(Command.UAR, uar(ERIN_IMPI, ERIN)).answer()))
                .isEqualTo(ResultCode.DIAMETER_SUBSEQUENT_REGISTRATION);
    }

    // ---- Dh -----------------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void udrIsLocatedByPublicIdentityOrByMsisdnRange() throws Exception {
        Exchange redirect = toSlf(Command.UDR, udr(ALICE, null));
        assertRedirect(redirect.answer(), uri(hssA));
        Answer followed = client.follow(redirect.answer(), Command.UDR, udr(ALICE, null)).answer();
        assertThat(result(followed)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.utf8(followed.getAvps(), Avp.USER_DATA_SH).orElseThrow()).contains(ALICE);

        Exchange byMsisdn = toSlf(Command.UDR, udrByMsisdn(ERIN_MSISDN));
        assertRedirect(byMsisdn.answer(), enterpriseDown(), uri(hssB));
        Answer msisdn = client.follow(byMsisdn.answer(), Command.UDR, udrByMsisdn(ERIN_MSISDN)).answer();
        assertThat(result(msisdn)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(Avps.utf8(msisdn.getAvps(), Avp.USER_DATA_SH).orElseThrow()).contains(ERIN_MSISDN);

        Answer relayed = relayed(Command.UDR, udrByMsisdn(ERIN_MSISDN)).answer();
        assertThat(result(relayed)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(originHost(relayed)).isEqualTo(hssB.identity());
        assertThat(Avps.utf8(relayed.getAvps(), Avp.USER_DATA_SH).orElseThrow()).contains(ERIN_MSISDN);
    }

    @Test
    @Order(6)
    void purAndSnrAreLocatedByTheirUserIdentityToo() throws Exception {
        Answer pur = toSlf(Command.PUR, avps -> {
            Avps.addUtf8(Avps.addGrouped(avps, Avp.USER_IDENTITY), Avp.PUBLIC_IDENTITY, ALICE);
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("RepositoryData"));
            Avps.addOctets(avps, Avp.USER_DATA_SH, "<Sh-Data/>".getBytes(StandardCharsets.UTF_8));
        }).answer();
        assertRedirect(pur, uri(hssA));
        Answer snr = toSlf(Command.SNR, avps -> {
            Avps.addOctets(Avps.addGrouped(avps, Avp.USER_IDENTITY), Avp.MSISDN, UserIdentity.encodeTbcd(ERIN_MSISDN));
            Avps.addEnumerated(avps, Avp.SUBS_REQ_TYPE, Avp.SUBS_REQ_TYPE.enumValue("Subscribe"));
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("IMSUserState"));
        }).answer();
        assertRedirect(snr, enterpriseDown(), uri(hssB));
    }

    // ---- errors -------------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void anUnknownUserIsUserUnknownWithoutRedirect() throws Exception {
        Consumer<AvpSet> nobody = uar("nobody@elsewhere.example.net", "sip:nobody@elsewhere.example.net");
        for (Answer answer : List.of(toSlf(Command.UAR, nobody).answer(), relayed(Command.UAR, nobody).answer())) {
            assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
            assertThat(answer.isError()).isFalse();
            assertThat(originHost(answer)).isEqualTo(TestSlf.IDENTITY);
            assertThat(TestClient.redirectHosts(answer)).isEmpty();
        }
        Answer udr = toSlf(Command.UDR, udrByMsisdn("4420000000")).answer();
        assertThat(result(udr)).isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    }

    @Test
    @Order(8)
    void aMalformedRequestGetsTheHsssProtocolError() throws Exception {
        Answer answer = toSlf(Command.UAR, avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, ALICE_IMPI);
            Avps.addOctets(avps, Avp.VISITED_NETWORK_IDENTIFIER, HOME.getBytes(StandardCharsets.UTF_8));
        }).answer();
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
        AvpSet failed = Avps.grouped(answer.getAvps(), Avp.FAILED_AVP).orElseThrow();
        assertThat(failed.getAvp(Avp.PUBLIC_IDENTITY.code(), Avp.PUBLIC_IDENTITY.vendorId())).isNotNull();
    }

    // ---- relay details (RFC 6733 6.1.9, 6.2.2) ------------------------------------------------------------

    @Test
    @Order(9)
    void aRelayedRequestKeepsItsIdentifiersAndProxyInfoAndGainsARouteRecord() throws Exception {
        probed.clear();
        Consumer<AvpSet> body = uar("probe@ims.example.org", PROBE).andThen(avps -> {
            AvpSet proxyInfo = Avps.addGrouped(avps, Avp.PROXY_INFO);
            Avps.addIdentity(proxyInfo, Avp.PROXY_HOST, "proxy.relay.example.net");
            Avps.addOctets(proxyInfo, Avp.PROXY_STATE, "state-42".getBytes(StandardCharsets.UTF_8));
        });
        Exchange relayed = relayed(Command.UAR, body);

        Request seen = probed.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        AvpSet avps = seen.getAvps();
        assertThat(Avps.utf8All(avps, Avp.ROUTE_RECORD)).containsExactly("cdp.relay.example.net");
        assertThat(Avps.utf8(avps, Avp.ORIGIN_HOST)).contains("cdp.relay.example.net");
        assertThat(Avps.utf8(avps, Avp.ORIGIN_REALM)).contains(RELAYED_REALM);
        assertThat(Avps.utf8(avps, Avp.DESTINATION_HOST)).contains(probe.identity());
        assertThat(Avps.utf8(avps, Avp.SESSION_ID)).isEqualTo(Avps.utf8(relayed.request().getAvps(), Avp.SESSION_ID));
        assertThat(seen.getEndToEndIdentifier()).isEqualTo(relayed.request().getEndToEndIdentifier());
        assertThat(Avps.utf8(avps, Avp.PUBLIC_IDENTITY)).contains(PROBE);
        assertThat(proxyState(avps)).isEqualTo("state-42");

        Answer answer = relayed.answer();
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(originHost(answer)).isEqualTo(probe.identity());
        assertThat(relayed.answer().getEndToEndIdentifier()).isEqualTo(relayed.request().getEndToEndIdentifier());
        assertThat(proxyState(answer.getAvps())).isEqualTo("state-42");
    }

    static String proxyState(AvpSet avps) {
        AvpSet proxyInfo = Avps.grouped(avps, Avp.PROXY_INFO).orElseThrow();
        assertThat(Avps.utf8(proxyInfo, Avp.PROXY_HOST)).contains("proxy.relay.example.net");
        return new String(Avps.octets(proxyInfo, Avp.PROXY_STATE).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    @Order(10)
    void aRequestThatAlreadyPassedThisSlfIsALoop() throws Exception {
        Answer answer = relayed(Command.UAR, uar(ALICE_IMPI, ALICE)
                .andThen(avps -> Avps.addIdentity(avps, Avp.ROUTE_RECORD, TestSlf.IDENTITY))).answer();
        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_LOOP_DETECTED);
        assertThat(answer.isError()).isTrue();
    }
}
