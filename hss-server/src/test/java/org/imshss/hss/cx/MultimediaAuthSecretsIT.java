package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.LogCapture;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.TestHss;
import org.jdiameter.api.Answer;
import org.junit.jupiter.api.Test;

/**
 * Runs the MAR scenarios (every scheme, resync, errors) with every logger at DEBUG and the HSS's own logging
 * rules (NodeLogging, as HssMain installs them), capturing every event of every library (jDiameter, Ignite,
 * JUL), and searches messages and throwables for each secret in each encoding a log line might use.
 */
class MultimediaAuthSecretsIT {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ALICE_K = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static final byte[] CAROL_K = HEX.parseHex("6361726f6c2d616b612d736563726574");
    private static final byte[] OP = HEX.parseHex("cdc202d5123e20f62b6d676ac72cb318");

    @Test
    void noSecretReachesAnyLogAtDebug() throws Exception {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        List<String> texts;
        int events;
        // As if the operator had passed the key as a system property: Ignite must not echo it.
        String keyProperty = "auth.password-key";
        System.setProperty(keyProperty, HEX.formatHex(MultimediaAuthSchemesIT.PASSWORD_KEY));
        try (LogCapture capture = LogCapture.debug()) {
            runScenarios(secrets);
            texts = capture.texts();
            events = capture.events().size();
        } finally {
            System.clearProperty(keyProperty);
        }
        assertThat(events).as("events captured at DEBUG").isGreaterThan(50);
        assertThat(texts.stream().anyMatch(t -> t.contains(" org.apache.ignite"))).as("Ignite's events").isTrue();
        for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
            for (String encoding : LogCapture.encodings(secret.getValue())) {
                for (String text : texts) {
                    assertThat(text).as("%s as %s", secret.getKey(), encoding).doesNotContainIgnoringCase(encoding);
                }
            }
        }
    }

    private static void runScenarios(Map<String, byte[]> secrets) throws Exception {
        byte[] key = MultimediaAuthSchemesIT.PASSWORD_KEY;
        secrets.put("auth.password-key", key);
        secrets.put("K (alice)", ALICE_K);
        secrets.put("K (carol)", CAROL_K);
        secrets.put("OP", OP);
        secrets.put("OPc (alice)", ReferenceMilenage.withOp(ALICE_K, OP).opc());
        secrets.put("OPc (carol)", ReferenceMilenage.withOp(CAROL_K, OP).opc());
        secrets.put("Digest-MD5 password", MultimediaAuthSchemesIT.DAVE_PASSWORD.getBytes(StandardCharsets.UTF_8));
        secrets.put("HA1 (alice)", md5("alice@ims.example.org:ims.example.org:alice"));
        secrets.put("HA1 (dave)", md5("dave@ims.example.org:ims.example.org:" + MultimediaAuthSchemesIT.DAVE_PASSWORD));
        try (TestHss hss = TestHss.start(cx -> cx, key, MultimediaAuthSchemesIT.SEED);
                DiameterTestPeer scscf = hss.peer("scscf1.ims.example.org")) {
            String alice = "alice@ims.example.org";
            String aliceUri = "sip:alice@ims.example.org";
            int n = 0;
            for (String scheme : List.of("SIP Digest", "HTTP_DIGEST_MD5", "Digest-AKAv1-MD5", "Digest-AKAv2-MD5",
                    "NASS-Bundled", "Early-IMS-Security", "Unknown", "Digest-MD5")) {
                AkaItems.collectSecrets(Cx.mar(scscf, alice, aliceUri, scheme, 3, SCSCF1, null), secrets, "alice " + n++);
            }
            Answer md5 = Cx.mar(scscf, "dave@ims.example.org", "sip:dave@ims.example.org", "Digest-MD5", 1, SCSCF1,
                    null);
            assertThat(result(md5)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            AkaItems.collectSecrets(Cx.mar(scscf, "dave@ims.example.org", "sip:dave@ims.example.org", "Early-IMS-Security", 1,
                    SCSCF1, null), secrets, "dave");
            // Resynchronisation, good and with a broken MAC-S.
            ReferenceMilenage carol = ReferenceMilenage.withOp(CAROL_K, OP);
            Answer first = Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1,
                    SCSCF1, null);
            AkaItems.collectSecrets(first, secrets, "carol first");
            byte[] rand = Arrays.copyOf(Avps.octets(Avps.groupedAll(first.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0),
                    Avp.SIP_AUTHENTICATE).orElseThrow(), 16);
            byte[] payload = new byte[30];
            System.arraycopy(rand, 0, payload, 0, 16);
            System.arraycopy(carol.auts(rand, AkaItems.sqnOctets(7000L << 5)), 0, payload, 16, 14);
            AkaItems.collectSecrets(Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1,
                    SCSCF1, payload), secrets, "carol resync");
            payload[29] ^= 1;
            assertThat(result(Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1,
                    SCSCF1, payload))).isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
            byte[] shortPayload = Arrays.copyOf(payload, 20);
            Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", "Digest-AKAv1-MD5", 1, SCSCF1,
                    shortPayload);
            // Errors: unknown user, mismatch, refused scheme.
            Cx.mar(scscf, "nobody@ims.example.org", aliceUri, "SIP Digest", 1, SCSCF1, null);
            Cx.mar(scscf, alice, "sip:bob@ims.example.org", "SIP Digest", 1, SCSCF1, null);
            Cx.mar(scscf, "bob@ims.example.org", "sip:bob@ims.example.org", "NASS-Bundled", 1, SCSCF1, null);
        }
    }

    private static byte[] md5(String s) throws Exception {
        // Kept as the hex text the HSS sends in Digest-HA1.
        return HEX.formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
    }
}
