package org.imshss.hss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;

import ch.qos.logback.classic.Level;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.LogCapture;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.S6a;
import org.imshss.hss.testing.Swx;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.Usims;
import org.imshss.http.ApiToken;
import org.imshss.http.RestSettings;
import org.imshss.http.Role;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.PdnType;
import org.imshss.provisioning.model.Usim;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.Test;

/**
 * The hardening rule "no secret in any log", checked the way an operator would break it: every logger of the
 * process (the HSS, jDiameter, Ignite, Jersey and Grizzly) at DEBUG while a whole HSS serves Cx (UAR, SAR, LIR,
 * MAR with SIP Digest, HTTP Digest, IMS-AKA, Digest-MD5 and a resynchronisation), S6a (AIR for E-UTRAN, UTRAN
 * and GERAN vectors, and a resynchronisation), SWx (MAR with EAP-AKA, EAP-AKA' and a resynchronisation, SAR, an
 * RTR), Sh (UDR, PUR, SNR) and the provisioning API (subscribers with K, OP, OPc and passwords, credential
 * changes, an import, malformed bodies that carry a K, a wrong token, the calls hssctl makes, an administrative
 * de-registration). Then no K, OP, OPc, CK, IK, CK', IK', XRES, KASME, SRES, Kc, HA1, password, bearer token or
 * password key may appear in any captured line, in hex, Base64 or as text; the IMPIs and result codes must, so the
 * capture provably saw the traffic.
 */
class DebugLogSecretsIT {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PASSWORD_KEY =
            HEX.parseHex("8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
    private static final String ADMIN = "log-scan-admin-token-0001";
    private static final String PROVISIONER = "log-scan-provision-token-02";
    private static final String WRONG_TOKEN = "log-scan-wrong-token-03";
    private static final String REALM = "ims.example.org";

    // TS 35.208 4.3 test set 1 (the demo's alice, bob), 3 (erin in auth-test-seed.json), 4, 5 and 6.
    private static final byte[] K1 = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static final byte[] OP1 = HEX.parseHex("cdc202d5123e20f62b6d676ac72cb318");
    private static final byte[] CAROL_K = HEX.parseHex("6361726f6c2d616b612d736563726574");
    private static final byte[] K3 = HEX.parseHex("fec86ba6eb707ed08905757b1bb44b8f");
    private static final byte[] OPC3 = HEX.parseHex("1006020f0a478bf6b699f15c062e42b3");
    private static final byte[] K4 = HEX.parseHex("9e5944aea94b81165c82fbf9f32db751");
    private static final byte[] OP4 = HEX.parseHex("223014c5806694c007ca1eeef57f004f");
    private static final byte[] K5 = HEX.parseHex("4ab1deb05ca6ceb051fc98e77d026a84");
    private static final byte[] OPC5 = HEX.parseHex("dcf07cbd51855290b92a07a9891e523e");
    private static final byte[] K6 = HEX.parseHex("6c38a116ac280c454f59332ee35c8c4f");
    private static final byte[] OP6 = HEX.parseHex("1ba00a1a7c6700ac8c3ff3e96ad08725");

    private static final String DAVE_PASSWORD = "dave-Md5-Pa55";
    private static final String FRANK_PASSWORD = "frank-Rest-Pa55word";
    private static final String FRANK_NEW_PASSWORD = "frank-New-Pa55word";
    private static final String GINA_PASSWORD = "gina-Import-Pa55";

    private final Map<String, byte[]> secrets = new LinkedHashMap<>();
    private final List<String> responses = new ArrayList<>();

    @Test
    void noSecretAppearsInAnyDebugLogLine() throws Exception {
        collectStaticSecrets();
        long started = System.nanoTime();
        List<String> texts;
        int debugEvents;
        // As if the operator had passed the key as a system property: Ignite must not echo it.
        String keyProperty = "auth.password-key";
        System.setProperty(keyProperty, HEX.formatHex(PASSWORD_KEY));
        try (LogCapture capture = LogCapture.debug()) {
            RestSettings rest = RestSettings.local(0, List.of(new ApiToken("ops", Role.ADMIN, ADMIN),
                    new ApiToken("oss", Role.PROVISION, PROVISIONER)));
            try (TestHss hss = TestHss.start(cx -> cx, PASSWORD_KEY, "/auth-test-seed.json", rest);
                    DiameterTestPeer scscf = hss.peer("scscf1.ims.example.org");
                    DiameterTestPeer as = DiameterTestPeer.connect(Application.SH, "as1.ims.example.org", REALM,
                            TestHss.freePort(), TestHss.HOST, hss.port());
                    DiameterTestPeer aaa = Swx.aaa(hss, "aaa1.ims.example.org")) {
                scscf.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
                aaa.answerWith(request -> ResultCode.DIAMETER_SUCCESS);
                RestClient api = new RestClient(hss.node().restUri(), PROVISIONER);
                provisionOverRest(api);
                cx(scscf);
                s6a(hss);
                sh(as);
                swx(hss, aaa);
                administerOverRest(api.withToken(ADMIN));
            }
            texts = capture.texts();
            debugEvents = (int) capture.events().stream().filter(e -> e.getLevel() == Level.DEBUG).count();
        } finally {
            System.clearProperty(keyProperty);
        }
        System.out.printf("DebugLogSecretsIT: %d DEBUG events, %d lines (with stack frames) scanned for %d secrets"
                + " in %d forms each; scenarios took %d ms%n", debugEvents, texts.size(), secrets.size(),
                LogCapture.encodings(K1).size(), (System.nanoTime() - started) / 1_000_000);

        // The capture saw the traffic: DEBUG output of every library, the identities and result codes.
        assertThat(debugEvents).as("DEBUG events captured").isGreaterThan(500);
        for (String library : List.of("org.imshss", "org.jdiameter", "org.apache.ignite", "org.glassfish")) {
            assertThat(texts).as("DEBUG events of " + library)
                    .anyMatch(t -> t.startsWith("DEBUG " + library));
        }
        String all = String.join("\n", texts);
        String allLower = all.toLowerCase(Locale.ROOT);
        assertThat(all).as("an identity the scenarios used").contains("sip:alice@ims.example.org");
        assertThat(all).as("the S-CSCF the scenarios used").contains("scscf1.ims.example.org");
        for (Command command : List.of(Command.UAR, Command.SAR, Command.LIR, Command.MAR, Command.UDR, Command.PUR,
                Command.SNR, Command.RTR, Command.AIR)) {
            assertThat(all).as("jDiameter's DEBUG line for " + command).contains("commandCode=" + command.code());
        }
        // The JVM's -D flags are where an operator may put auth.password-key or rest.tls.keystore-password
        // (system properties are a configuration layer): Ignite's "VM arguments" line must not repeat them.
        List<String> systemProperties = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-D") && argument.contains("=")).toList();
        assertThat(systemProperties).as("this JVM's -D flags").isNotEmpty();
        List<String> echoed = new ArrayList<>();
        for (String argument : systemProperties) {
            int at = all.indexOf(argument);
            if (at >= 0) {
                echoed.add(argument + " in: " + all.substring(all.lastIndexOf('\n', at) + 1,
                        Math.min(all.length(), at + 200)));
            }
        }
        assertThat(echoed).as("this JVM's -D flags echoed in the log").isEmpty();

        assertThat(find(all, allLower, "alice@ims.example.org".getBytes(StandardCharsets.UTF_8)))
                .as("the scan finds what is there").isNotNull();

        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
            String hit = find(all, allLower, secret.getValue());
            if (hit != null) {
                leaks.add(secret.getKey() + " in: " + hit);
            }
            for (String response : responses) {
                if (find(response, response.toLowerCase(Locale.ROOT), secret.getValue()) != null) {
                    leaks.add(secret.getKey() + " in a REST response: " + response);
                }
            }
        }
        assertThat(leaks).as("secrets in the DEBUG log or in REST responses").isEmpty();
    }

    private void collectStaticSecrets() throws Exception {
        secrets.put("auth.password-key", PASSWORD_KEY);
        secrets.put("K (alice, bob)", K1);
        secrets.put("OP (demo)", OP1);
        secrets.put("OPc (alice)", ReferenceMilenage.withOp(K1, OP1).opc());
        secrets.put("K (carol)", CAROL_K);
        secrets.put("OPc (carol)", ReferenceMilenage.withOp(CAROL_K, OP1).opc());
        secrets.put("K (erin)", K3);
        secrets.put("OPc (erin)", OPC3);
        secrets.put("K (frank, REST)", K4);
        secrets.put("OP (frank, REST)", OP4);
        secrets.put("OPc (frank, REST)", ReferenceMilenage.withOp(K4, OP4).opc());
        secrets.put("K (frank, credentials)", K5);
        secrets.put("OPc (frank, credentials)", OPC5);
        secrets.put("K (malformed body)", K6);
        secrets.put("OP (malformed body)", OP6);
        secrets.put("OPc (gina, import)", ReferenceMilenage.withOp(K6, OP6).opc());
        secrets.put("token (admin)", utf8(ADMIN));
        secrets.put("token (provisioner)", utf8(PROVISIONER));
        secrets.put("token (wrong)", utf8(WRONG_TOKEN));
        secrets.put("password (carol)", utf8("carol-aka-secret"));
        secrets.put("password (dave, Digest-MD5)", utf8(DAVE_PASSWORD));
        secrets.put("password (frank)", utf8(FRANK_PASSWORD));
        secrets.put("password (frank, new)", utf8(FRANK_NEW_PASSWORD));
        secrets.put("password (gina)", utf8(GINA_PASSWORD));
        secrets.put("HA1 (alice)", ha1("alice", "alice"));
        secrets.put("HA1 (bob)", ha1("bob", "bob"));
        secrets.put("HA1 (carol)", ha1("carol", "carol-aka-secret"));
        secrets.put("HA1 (dave)", ha1("dave", DAVE_PASSWORD));
        secrets.put("HA1 (frank)", ha1("scan-frank", FRANK_PASSWORD));
        secrets.put("HA1 (frank, new)", ha1("scan-frank", FRANK_NEW_PASSWORD));
        secrets.put("HA1 (gina)", ha1("scan-gina", GINA_PASSWORD));
    }

    /**
     * S6a: a USIM with its own keys (TS 35.207 set 2), sealed for its IMSI, an AIR from an MME for E-UTRAN and
     * UTRAN/GERAN vectors, and a resynchronisation; every KASME, XRES, CK, IK, SRES and Kc answered is a secret.
     */
    private void s6a(TestHss hss) throws Exception {
        String imsi = "001010000000777";
        byte[] k = HEX.parseHex("0396eb317b6d1c36f19c1c84cd6ffd16");
        byte[] opc = HEX.parseHex("53c15671c60a4b731c55b4a441c0bde2");
        secrets.put("K (USIM)", k);
        secrets.put("OPc (USIM)", opc);
        hss.node().epsStore().putApnProfile(new ApnProfile("scan-internet", "internet", PdnType.IPv4, 9, 8, false,
                true, new Ambr(1_000_000, 2_000_000), true, null));
        Usims.put(hss, new HssSettings.AuthSettings(PASSWORD_KEY).keyring(), imsi, "carol", k, opc,
                HEX.parseHex("0000"), new EpsSubscription(null, List.of(), null, 0, null, 0, new Ambr(1, 1), 1,
                        List.of(new ApnConfiguration(1, "scan-internet", List.of())), List.of(), 0, null));
        ReferenceMilenage usim = new ReferenceMilenage(k, opc);
        try (DiameterTestPeer mme = DiameterTestPeer.connect(Application.S6A, "mme1.ims.example.org", REALM,
                TestHss.freePort(), TestHss.HOST, hss.port())) {
            Answer answer = S6a.air(mme, imsi, S6a.PLMN_001_01, S6a.Wanted.of(2), S6a.Wanted.of(1));
            assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
            collectVectorSecrets(answer, "AIR");
            byte[] rand = HEX.parseHex("c00d603103dcee52c4478119494202e8");
            Answer resync = S6a.air(mme, imsi, S6a.PLMN_001_01,
                    new S6a.Wanted(1L, true, S6a.resync(usim, rand, 40_000)), null);
            assertThat(Avps.result(resync.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
            collectVectorSecrets(resync, "AIR resync");
        }
    }

    private void collectVectorSecrets(Answer answer, String label) {
        AvpSet info = Avps.grouped(answer.getAvps(), Avp.AUTHENTICATION_INFO).orElseThrow();
        int i = 0;
        for (Avp kind : List.of(Avp.E_UTRAN_VECTOR, Avp.UTRAN_VECTOR, Avp.GERAN_VECTOR)) {
            for (AvpSet vector : Avps.groupedAll(info, kind)) {
                int n = ++i;
                for (Avp secret : List.of(Avp.XRES, Avp.KASME, Avp.CONFIDENTIALITY_KEY, Avp.INTEGRITY_KEY, Avp.SRES,
                        Avp.KC)) {
                    Avps.octets(vector, secret).ifPresent(value ->
                            secrets.put(secret.specName() + " (" + label + "/" + kind.specName() + ")/" + n, value));
                }
            }
        }
        assertThat(i).as("vectors in the " + label).isPositive();
    }

    /** What an operator does first: an AS, subscribers with every kind of credential, and mistakes. */
    private void provisionOverRest(RestClient api) throws Exception {
        expect(api.put("/application-servers/as1.ims.example.org", """
                {"diameterHost": "as1.ims.example.org", "serverName": "sip:as1.ims.example.org",
                 "read": ["RepositoryData", "IMSUserState", "S-CSCFName", "InitialFilterCriteria", "MSISDN"],
                 "update": ["RepositoryData"], "subscribe": ["RepositoryData", "IMSUserState"]}"""), 200, 201);
        expect(api.post("/subscribers", subscriber("scan-frank", "\"password\": \"" + FRANK_PASSWORD + "\", \"k\": \""
                + HEX.formatHex(K4) + "\", \"op\": \"" + HEX.formatHex(OP4) + "\"")), 201);
        expect(api.put("/private-identities/scan-frank%40ims.example.org/credentials", "{\"password\": \""
                + FRANK_NEW_PASSWORD + "\", \"k\": \"" + HEX.formatHex(K5) + "\", \"opc\": \"" + HEX.formatHex(OPC5)
                + "\", \"amf\": \"8000\"}"), 204);
        expect(api.post("/subscribers/import", "application/x-ndjson", subscriber("scan-gina", "\"password\": \""
                + GINA_PASSWORD + "\", \"k\": \"" + HEX.formatHex(K6) + "\", \"op\": \"" + HEX.formatHex(OP6) + "\"")
                .replace("\n", " ") + "\n"), 200);
        // Malformed bodies carrying secrets: a bare (unquoted) K, a K one digit too long, an OP that is not hex,
        // a password where a number belongs.
        expect(api.post("/subscribers", subscriber("scan-hank", "\"k\": " + HEX.formatHex(K6) + ", \"op\": \""
                + HEX.formatHex(OP6) + "\"")), 400);
        expect(api.post("/subscribers", subscriber("scan-hank", "\"k\": \"" + HEX.formatHex(K6) + "a\", \"op\": \""
                + HEX.formatHex(OP6) + "\"")), 400);
        expect(api.post("/subscribers", subscriber("scan-hank", "\"k\": \"" + HEX.formatHex(K6) + "\", \"op\": \"x"
                + HEX.formatHex(OP6).substring(1) + "\"")), 400);
        expect(api.put("/private-identities/scan-frank%40ims.example.org/credentials", "{\"password\": [\""
                + FRANK_PASSWORD + "\"], \"k\": {\"v\": \"" + HEX.formatHex(K6) + "\"}}"), 400);
        expect(api.put("/private-identities/scan-frank%40ims.example.org/credentials", "{\"k\": \"" + HEX.formatHex(K6)
                + "\", \"amf\": \"80000\"}"), 400);
        expect(api.withToken(WRONG_TOKEN).get("/subscribers/scan-frank"), 401);
        expect(api.withToken(WRONG_TOKEN).post("/subscribers", subscriber("scan-hank", "\"k\": \""
                + HEX.formatHex(K6) + "\"")), 401);
    }

    /** The calls hssctl makes (show, list/export, registration, audit) and an administrative de-registration. */
    private void administerOverRest(RestClient admin) throws Exception {
        expect(admin.get("/subscribers/scan-frank"), 200);
        expect(admin.get("/private-identities/scan-frank%40ims.example.org"), 200);
        expect(admin.get("/subscribers/export?prefix="), 200);
        expect(admin.get("/registrations/" + RestClient.segment("sip:alice@ims.example.org")), 200);
        expect(admin.get("/audit?limit=100"), 200);
        expect(admin.delete("/registrations/" + RestClient.segment("sip:alice@ims.example.org")
                + "?reason=PERMANENT_TERMINATION"), 200, 204);
        expect(admin.get("/audit?limit=100&object=scan-frank"), 200);
    }

    private void cx(DiameterTestPeer scscf) throws Exception {
        String alice = "alice@ims.example.org";
        String aliceUri = "sip:alice@ims.example.org";
        assertThat(result(Cx.uar(scscf, alice, aliceUri, REALM))).isEqualTo(ResultCode.DIAMETER_FIRST_REGISTRATION);
        int n = 0;
        for (String scheme : List.of("SIP Digest", "HTTP_DIGEST_MD5", "Digest-AKAv1-MD5", "Digest-AKAv2-MD5")) {
            keepVectorSecrets(Cx.mar(scscf, alice, aliceUri, scheme, 2, SCSCF1, null), "alice " + n++);
        }
        assertThat(result(Cx.sar(scscf, alice, aliceUri, SCSCF1, "REGISTRATION")))
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(result(Cx.lir(scscf, aliceUri, false))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        keepVectorSecrets(Cx.mar(scscf, "erin@ims.example.org", "sip:erin@ims.example.org", "Digest-AKAv1-MD5", 2,
                SCSCF1, null), "erin");
        Answer md5 = Cx.mar(scscf, "dave@ims.example.org", "sip:dave@ims.example.org", "Digest-MD5", 1, SCSCF1,
                null);
        assertThat(result(md5)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        for (String scheme : List.of("SIP Digest", "Digest-AKAv1-MD5")) {
            Answer frank = Cx.mar(scscf, "scan-frank@ims.example.org", "sip:scan-frank@ims.example.org", scheme, 1,
                    SCSCF1, null);
            assertThat(result(frank)).as("frank " + scheme).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            keepVectorSecrets(frank, "frank " + scheme);
        }
        keepVectorSecrets(Cx.mar(scscf, "scan-gina@ims.example.org", "sip:scan-gina@ims.example.org",
                "Digest-AKAv1-MD5", 1, SCSCF1, null), "gina");
        // Resynchronisation (TS 33.203 6.3.3): AUTS from the UE's key, then a broken one.
        ReferenceMilenage carol = ReferenceMilenage.withOp(CAROL_K, OP1);
        Answer first = Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1,
                SCSCF1, null);
        keepVectorSecrets(first, "carol");
        byte[] rand = Arrays.copyOf(Avps.octets(Avps.groupedAll(first.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0),
                Avp.SIP_AUTHENTICATE).orElseThrow(), 16);
        byte[] payload = new byte[30];
        System.arraycopy(rand, 0, payload, 0, 16);
        System.arraycopy(carol.auts(rand, AkaItems.sqnOctets(9000L << 5)), 0, payload, 16, 14);
        Answer resynced = Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1,
                SCSCF1, payload);
        assertThat(result(resynced)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        keepVectorSecrets(resynced, "carol resync");
        payload[29] ^= 1;
        assertThat(result(Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1,
                SCSCF1, payload))).isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        // Errors: an unknown user and an identity mismatch.
        assertThat(result(Cx.mar(scscf, "nobody@ims.example.org", aliceUri, "SIP Digest", 1, SCSCF1, null)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        assertThat(result(Cx.mar(scscf, alice, "sip:bob@ims.example.org", "SIP Digest", 1, SCSCF1, null)))
                .isEqualTo(ResultCode.DIAMETER_ERROR_IDENTITIES_DONT_MATCH);
    }

    /**
     * SWx for a USIM with alice's keys: EAP-AKA and EAP-AKA' vectors (the CK and IK under CK' and IK' are secrets
     * too), a resynchronisation and a broken one, a registration and an RTR.
     */
    private void swx(TestHss hss, DiameterTestPeer aaa) throws Exception {
        String imsi = "001010000000901";
        ReferenceMilenage usim = ReferenceMilenage.withOp(K1, OP1);
        Usim stored = Usims.put(hss, new HssSettings.AuthSettings(PASSWORD_KEY).keyring(), imsi, "alice", K1,
                usim.opc(), new byte[2], new EpsSubscription("15550009", List.of(), null, 0, null, 0, null, 0,
                        List.of(), List.of(), 0, null));
        hss.node().epsStore().putUsim(stored.withNon3gpp(new Non3gppSubscription(true, true, List.of(), 0, true,
                true, List.of())));
        keepVectorSecrets(Swx.mar(aaa, imsi, Swx.EAP_AKA, 2, null), "swx eap-aka");
        Answer prime = Swx.mar(aaa, imsi, Swx.EAP_AKA_PRIME, 2, "WLAN");
        keepVectorSecrets(prime, "swx eap-aka'");
        int i = 0;
        for (AvpSet item : Avps.groupedAll(prime.getAvps(), Avp.SIP_AUTH_DATA_ITEM)) {
            byte[] rand = Arrays.copyOf(Avps.octets(item, Avp.SIP_AUTHENTICATE).orElseThrow(), 16);
            ReferenceMilenage.Outputs out = usim.compute(rand, new byte[6], new byte[2]);
            secrets.put("CK under CK' swx/" + ++i, out.ck());
            secrets.put("IK under IK' swx/" + i, out.ik());
        }
        byte[] rand = Arrays.copyOf(Avps.octets(Avps.groupedAll(prime.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0),
                Avp.SIP_AUTHENTICATE).orElseThrow(), 16);
        byte[] payload = S6a.resync(usim, rand, 7000L << 5);
        Answer resynced = Swx.mar(aaa, imsi, Swx.EAP_AKA_PRIME, 1, "WLAN", payload, avps -> { });
        assertThat(result(resynced)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        keepVectorSecrets(resynced, "swx resync");
        payload[29] ^= 1;
        assertThat(result(Swx.mar(aaa, imsi, Swx.EAP_AKA, 1, null, payload, avps -> { })))
                .isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        assertThat(result(Swx.sar(aaa, imsi, 1))).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(hss.node().swxProvisioningChanges().deregister(imsi).get(10, TimeUnit.SECONDS).result())
                .isEqualTo(ResultCode.DIAMETER_SUCCESS);
    }

    private void sh(DiameterTestPeer as) throws Exception {
        String alice = "sip:alice@ims.example.org";
        for (String reference : List.of("IMSUserState", "S-CSCFName", "InitialFilterCriteria", "RepositoryData")) {
            Answer udr = as.send(Command.UDR, avps -> {
                user(avps, alice);
                Avps.addUtf8(avps, Avp.SERVER_NAME, "sip:as1.ims.example.org");
                if (reference.equals("RepositoryData")) {
                    Avps.addOctets(avps, Avp.SERVICE_INDICATION, utf8("log-scan"));
                }
                Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue(reference));
            });
            assertThat(result(udr)).as("UDR " + reference).isIn(ResultCode.DIAMETER_SUCCESS,
                    ResultCode.DIAMETER_USER_DATA_NOT_AVAILABLE);
        }
        Answer pur = as.send(Command.PUR, avps -> {
            user(avps, alice);
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("RepositoryData"));
            Avps.addOctets(avps, Avp.USER_DATA_SH, utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data>"
                    + "<RepositoryData><ServiceIndication>log-scan</ServiceIndication><SequenceNumber>0"
                    + "</SequenceNumber><ServiceData><v>1</v></ServiceData></RepositoryData></Sh-Data>"));
        });
        assertThat(result(pur)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        Answer snr = as.send(Command.SNR, avps -> {
            user(avps, alice);
            Avps.addOctets(avps, Avp.SERVICE_INDICATION, utf8("log-scan"));
            Avps.addUtf8(avps, Avp.SERVER_NAME, "sip:as1.ims.example.org");
            Avps.addEnumerated(avps, Avp.SUBS_REQ_TYPE, Avp.SUBS_REQ_TYPE.enumValue("Subscribe"));
            Avps.addEnumerated(avps, Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("RepositoryData"));
            Avps.addTime(avps, Avp.EXPIRY_TIME, Instant.now().plusSeconds(600));
        });
        assertThat(result(snr)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
    }

    private static void user(AvpSet avps, String identity) {
        Avps.addUtf8(Avps.addGrouped(avps, Avp.USER_IDENTITY), Avp.PUBLIC_IDENTITY, identity);
    }

    /** CK, IK and XRES of every AKA item. */
    private void keepVectorSecrets(Answer answer, String label) {
        assertThat(AkaItems.collectSecrets(answer, secrets, label)).as("auth items for " + label).isPositive();
    }

    private String subscriber(String id, String credentials) {
        return """
                {"id": "%1$s", "allowedVisitedNetworks": ["ims.example.org"], "chargingInformation": "default",
                 "privateIdentities": [{"impi": "%1$s@ims.example.org", %2$s,
                   "authSchemes": ["SIP Digest", "Digest-AKAv1-MD5"],
                   "publicIdentities": ["sip:%1$s@ims.example.org"]}],
                 "implicitRegistrationSets": [["sip:%1$s@ims.example.org"]],
                 "publicIdentities": [{"identity": "sip:%1$s@ims.example.org", "serviceProfile": "default"}]}"""
                .formatted(id, credentials);
    }

    private void expect(RestClient.Reply reply, int... statuses) {
        responses.add(reply.body() + " " + reply.raw().headers().map());
        assertThat(reply.status()).as(reply.raw().request() + " -> " + reply.body())
                .isIn(Arrays.stream(statuses).boxed().toList());
    }

    /** The first place (with some context) where any form of the secret occurs, ignoring case; or null. */
    private static String find(String haystack, String lower, byte[] secret) {
        for (String form : LogCapture.encodings(secret)) {
            int at = lower.indexOf(form.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                int from = Math.max(0, lower.lastIndexOf('\n', at) + 1);
                int to = lower.indexOf('\n', at);
                return "[" + form + "] " + haystack.substring(from, to < 0 ? haystack.length() : to);
            }
        }
        return null;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** H(A1) = MD5(user:realm:password) as the 32 hex digits the HSS sends (RFC 2617 3.2.2.2). */
    private static byte[] ha1(String user, String password) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("MD5").digest(
                utf8(user + "@" + REALM + ":" + REALM + ":" + password))).getBytes(StandardCharsets.US_ASCII);
    }
}
