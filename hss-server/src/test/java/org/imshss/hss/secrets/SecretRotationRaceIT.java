package org.imshss.hss.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.RestClient;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.seed.SeedLoader;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two rotations race each other, credential changes over REST and MARs (each advancing the SQN): afterwards every
 * record is under the new key and holds the K it was last given, no SQN was handed out twice, and every vector
 * handed out verifies with the reference Milenage.
 */
class SecretRotationRaceIT {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY_OLD = HEX.parseHex("11223344556677880011223344556677889900aabbccddeeff00112233445566");
    private static final byte[] KEY_NEW = HEX.parseHex("66554433221100ffeeddccbbaa009988776655443322110088776655443322bb");
    private static final byte[] OPC = HEX.parseHex("cd63cb71954a9f4e48a5994e37a02baf");
    private static final byte[] AMF = {(byte) 0x80, 0};
    private static final int SUBSCRIBERS = 600;
    /** These are re-keyed over REST during the rotations; the next ones get MARs. */
    private static final int REKEYED = 40;
    private static final int AUTHENTICATED = 8;

    @TempDir
    Path work;

    @Test
    void rotationsRacingProvisioningAndMarsLoseNothing() throws Exception {
        Keyring oldRing = new Keyring(Map.of("old", KEY_OLD), "old");
        Map<String, byte[]> bothKeys = Map.of("old", KEY_OLD, "new", KEY_NEW);
        try (SecretsHss hss = SecretsHss.start(work, false, bothKeys, "new",
                new SeedLoader(oldRing).readString(seed()))) {
            Keyring ring = new Keyring(bothKeys, "new");
            assertThat(keyIds(hss, 0)).containsOnly("old");

            Map<String, byte[]> lastK = new ConcurrentHashMap<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                lastK.put(impi(i), k(i, 0));
            }
            AtomicBoolean rotating = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            List<JsonNode> rotations = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                work.add(pool.submit(() -> {
                    RestClient.Reply reply = hss.api.post("/secrets/rotate", "");
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    synchronized (rotations) {
                        rotations.add(reply.json());
                    }
                    return null;
                }));
            }
            Future<Integer> rekeys = pool.submit(() -> {
                int writes = 0;
                for (int round = 1; round <= 3; round++) {
                    for (int i = 0; i < REKEYED; i++) {
                        byte[] k = k(i, round);
                        RestClient.Reply reply = hss.api.put("/private-identities/" + RestClient.segment(impi(i))
                                + "/credentials", "{\"k\": \"" + HEX.formatHex(k) + "\", \"opc\": \""
                                + HEX.formatHex(OPC) + "\"}");
                        assertThat(reply.status()).as(reply.body()).isEqualTo(204);
                        lastK.put(impi(i), k);
                        writes++;
                    }
                }
                return writes;
            });
            Map<String, List<Long>> sqns = new ConcurrentHashMap<>();
            Future<Integer> mars = pool.submit(() -> {
                int answered = 0;
                try (DiameterTestPeer scscf = hss.peer("scscf1.ims.example.org")) {
                    while (rotating.get() || answered < 3 * AUTHENTICATED) {
                        for (int i = REKEYED; i < REKEYED + AUTHENTICATED; i++) {
                            sqns.computeIfAbsent(impi(i), x -> new ArrayList<>())
                                    .addAll(marSqns(scscf, i, k(i, 0)));
                            answered++;
                        }
                    }
                }
                return answered;
            });
            for (Future<?> rotation : work) {
                rotation.get(5, TimeUnit.MINUTES);
            }
            rotating.set(false);
            int writes = rekeys.get(5, TimeUnit.MINUTES);
            int answered = mars.get(5, TimeUnit.MINUTES);
            pool.shutdown();
            System.out.printf("rotation race: %s; %d credential writes, %d MARs%n", rotations, writes, answered);

            long resealed = rotations.stream().mapToLong(r -> r.get("resealed").asLong()).sum();
            assertThat(rotations).allSatisfy(r -> assertThat(r.get("failed").asLong()).isZero());
            assertThat(rotations).allSatisfy(r -> assertThat(r.get("scanned").asLong()).isEqualTo(SUBSCRIBERS));
            // Each record re-sealed once at most by the rotations (a REST write may have done it first).
            assertThat(resealed).isBetween((long) SUBSCRIBERS - REKEYED, (long) SUBSCRIBERS);

            // Nothing lost, nothing half-written: every record under the new key, holding its last K.
            for (int i = 0; i < SUBSCRIBERS; i++) {
                PrivateIdentity identity = hss.node.store().privateIdentity(impi(i)).orElseThrow();
                AkaCredentials aka = identity.auth().aka();
                assertThat(aka.k().keyId()).as(impi(i)).isEqualTo("new");
                assertThat(aka.opc().keyId()).as(impi(i)).isEqualTo("new");
                assertThat(identity.auth().digest().ha1().keyId()).as(impi(i)).isEqualTo("new");
                assertThat(ring.open(impi(i), Keyring.Field.K, aka.k())).as(impi(i)).isEqualTo(lastK.get(impi(i)));
                assertThat(ring.open(impi(i), Keyring.Field.OPC, aka.opc())).isEqualTo(OPC);
            }
            // No SQN twice, each one higher than the last (TS 33.102 C.3.2 with IND: compare SEQ).
            for (Map.Entry<String, List<Long>> entry : sqns.entrySet()) {
                List<Long> seqs = entry.getValue().stream().map(sqn -> sqn >>> 5).toList();
                for (int j = 1; j < seqs.size(); j++) {
                    assertThat(seqs.get(j)).as(entry.getKey()).isGreaterThan(seqs.get(j - 1));
                }
            }
            // The re-keyed ones authenticate with their last K.
            try (DiameterTestPeer scscf = hss.peer("scscf1.ims.example.org")) {
                for (int i = 0; i < REKEYED; i += 7) {
                    marSqns(scscf, i, lastK.get(impi(i)));
                }
            }
        }
    }

    private static List<Long> marSqns(DiameterTestPeer scscf, int i, byte[] k) throws Exception {
        Answer answer = Cx.mar(scscf, impi(i), "sip:" + user(i) + "@ims.example.org", "Digest-AKAv1-MD5", 2,
                SCSCF1, null);
        assertThat(result(answer)).as(impi(i)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        List<Long> sqns = new ArrayList<>();
        for (AvpSet item : Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM)) {
            sqns.add(AkaItems.verify(new ReferenceMilenage(k, OPC), item, "Digest-AKAv1-MD5", AMF));
        }
        assertThat(sqns).hasSize(2);
        return sqns;
    }

    private static List<String> keyIds(SecretsHss hss, int i) {
        AkaCredentials aka = hss.node.store().privateIdentity(impi(i)).orElseThrow().auth().aka();
        return List.of(aka.k().keyId(), aka.opc().keyId());
    }

    private static String user(int i) {
        return "race" + i;
    }

    private static String impi(int i) {
        return user(i) + "@ims.example.org";
    }

    /** A distinct K per subscriber and provisioning round. */
    private static byte[] k(int i, int round) {
        byte[] k = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
        k[0] = (byte) round;
        k[14] = (byte) (i >> 8);
        k[15] = (byte) i;
        return k;
    }

    private static String seed() {
        StringBuilder subscriptions = new StringBuilder();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            subscriptions.append(i == 0 ? "" : ",").append("""
                    {"id": "%1$s", "privateIdentities": [{"impi": "%1$s@ims.example.org", "password": "pw-%1$s",
                      "k": "%2$s", "opc": "%3$s", "publicIdentities": ["sip:%1$s@ims.example.org"]}],
                     "publicIdentities": [{"identity": "sip:%1$s@ims.example.org", "serviceProfile": "p"}]}
                    """.formatted(user(i), HEX.formatHex(k(i, 0)), HEX.formatHex(OPC)));
        }
        return """
                {"realm": "ims.example.org", "serviceProfiles": [{"id": "p"}],
                 "subscriptions": [%s]}
                """.formatted(subscriptions);
    }
}
