package org.imshss.hss.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.RestClient;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.SealedSecret;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.CacheNames;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest on a real persistent grid node: K, OPc and HA1 provisioned by seed and over REST are found
 * nowhere in the grid's cache values nor in any file under its persistence and WAL directories (raw, hex either
 * case, Base64), while a known non-secret is found there (so the scan provably reads what the node wrote). MAR
 * answers stay the TS 35.208 Milenage vectors after sealing, after a rotation to a new key, and after a restart
 * with the old key removed from the keyring.
 */
class SecretsAtRestIT {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY_1 = HEX.parseHex("8f1c2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7");
    private static final byte[] KEY_2 = HEX.parseHex("0b1d2f3e4a5c6b7d8e9fa0b1c2d3e4f50617283940a1b2c3d4e5f60718293a4b");

    /** TS 35.208 test set 1: alice's demo K and OP. */
    private static final byte[] ALICE_K = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static final byte[] OP = HEX.parseHex("cdc202d5123e20f62b6d676ac72cb318");
    /** Provisioned over REST with OPc given. */
    private static final String VAULT = "vault";
    private static final String VAULT_IMPI = "vault@ims.example.org";
    private static final byte[] VAULT_K = HEX.parseHex("5e7a9c1b3d2f4e6a8b0c1d2e3f405162");
    private static final byte[] VAULT_OPC = HEX.parseHex("a0b1c2d3e4f5061728394a5b6c7d8e9f");
    private static final String VAULT_HA1 = "9b2c6f0a8d4e1357acef02468bdf1357";
    private static final byte[] AMF = {(byte) 0x80, 0};

    @TempDir
    Path work;

    @TempDir
    Path clearWork;

    /** The scan finds a secret where one is stored: without a key the values are kept clear (the WARN case). */
    @Test
    void theScanFindsSecretsStoredWithoutAKey() throws Exception {
        try (SecretsHss hss = SecretsHss.start(clearWork, true, Map.of(), null, new SeedLoader().demo())) {
            assertThat(hss.api.post("/subscribers", vault()).status()).isEqualTo(201);
            assertThat(scanGrid(org.apache.ignite.Ignition.ignite("secrets-test"),
                    Map.of("K (vault)", VAULT_K)).found).isNotEmpty();
        }
        Hits onDisk = scanFiles(clearWork, Map.of("K (vault)", VAULT_K, "HA1 (vault)", HEX.parseHex(VAULT_HA1)));
        System.out.println("secrets-at-rest without a key: " + onDisk.found);
        assertThat(onDisk.found).anyMatch(hit -> hit.startsWith("K (vault) raw smile"))
                .anyMatch(hit -> hit.startsWith("HA1 (vault) hex smile"));
    }

    @Test
    void noPlaintextSecretInTheGridOrItsFilesAndMarWorksAcrossRotationAndKeyRemoval() throws Exception {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("K (alice)", ALICE_K);
        secrets.put("OPc (alice)", ReferenceMilenage.withOp(ALICE_K, OP).opc());
        secrets.put("HA1 (alice)", md5("alice@ims.example.org:ims.example.org:alice"));
        secrets.put("K (vault)", VAULT_K);
        secrets.put("OPc (vault)", VAULT_OPC);
        secrets.put("HA1 (vault)", HEX.parseHex(VAULT_HA1));

        Map<String, byte[]> oneKey = Map.of("k1", KEY_1);
        try (SecretsHss hss = SecretsHss.start(work, true, oneKey, "k1",
                new SeedLoader(new Keyring(oneKey, "k1")).demo())) {
            RestClient.Reply created = hss.api.post("/subscribers", vault());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain(VAULT_HA1).doesNotContainIgnoringCase(HEX.formatHex(VAULT_K));
            checkMar(hss, "k1");

            // The grid's own values, as stored (binary).
            Hits inGrid = scanGrid(org.apache.ignite.Ignition.ignite("secrets-test"), secrets);
            assertThat(inGrid.controlFound).as("positive control: the IMPI in the grid's values").isTrue();
            assertThat(inGrid.found).as("plaintext secrets in the grid's values").isEmpty();
        }
        // Stopping took a checkpoint: everything is in the page files and the WAL now.
        Hits onDisk = scanFiles(work, secrets);
        assertThat(onDisk.files).as("files read").isGreaterThan(5);
        assertThat(onDisk.controlFound).as("positive control: the IMPI in the persistence files").isTrue();
        assertThat(onDisk.found).as("plaintext secrets in the persistence files").isEmpty();
        System.out.printf("secrets-at-rest: scanned %d files, %d bytes: none of %d forms of K/OPc/HA1%n",
                onDisk.files, onDisk.bytes, patterns(secrets).size());

        // Rotation: k2 joins the ring as the active key; records under k1 keep working until re-sealed.
        Map<String, byte[]> twoKeys = Map.of("k1", KEY_1, "k2", KEY_2);
        try (SecretsHss hss = SecretsHss.start(work, true, twoKeys, "k2", null)) {
            checkMar(hss, "k1");
            RestClient.Reply rotated = hss.api.post("/secrets/rotate", "");
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            JsonNode counts = rotated.json();
            System.out.println("secrets-at-rest: rotation " + counts);
            assertThat(counts.get("activeKey").asText()).isEqualTo("k2");
            // Alice's, bob's, carol's and the vault's private identities, and alice's USIM (her keys are its); her
            // derived private identity has no secret of its own.
            assertThat(counts.get("resealed").asLong()).isEqualTo(5);
            assertThat(counts.get("failed").asLong()).isZero();
            // The operator's command: a second rotation finds nothing left to do.
            JsonNode again = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    hssctl(hss, "secrets", "rotate"));
            assertThat(again.get("resealed").asLong()).isZero();
            assertThat(again.get("alreadyCurrent").asLong()).isEqualTo(6);
            assertThat(hss.api.get("/secrets").json().get("activeKey").asText()).isEqualTo("k2");
            JsonNode audit = hss.api.get("/audit?object=k2").json();
            assertThat(audit.toString()).contains("ROTATE").contains("resealed=5")
                    .doesNotContain(HEX.formatHex(KEY_2)).doesNotContain(HEX.formatHex(VAULT_K));
            checkMar(hss, "k2");
        }
        // The old key leaves the configuration: everything still opens.
        Map<String, byte[]> newKeyOnly = Map.of("k2", KEY_2);
        try (SecretsHss hss = SecretsHss.start(work, true, newKeyOnly, "k2", null)) {
            checkMar(hss, "k2");
        }
        Hits afterRotation = scanFiles(work, secrets);
        assertThat(afterRotation.controlFound).isTrue();
        assertThat(afterRotation.found).as("plaintext secrets after the rotation").isEmpty();
    }

    /** Runs {@code ops/bin/hssctl} against the node; its standard output. */
    private static String hssctl(SecretsHss hss, String... arguments) throws Exception {
        Path root = Path.of(System.getProperty("imshss.root", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("ops/bin/hssctl").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("HSSCTL_URL", hss.node.restUri().toString().replaceAll("/$", ""));
        builder.environment().put("HSSCTL_TOKEN", SecretsHss.ADMIN_TOKEN);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("hssctl exit status").isZero();
        return output;
    }

    private static String vault() {
        return """
                {"id": "%s", "allowedVisitedNetworks": ["ims.example.org"], "chargingInformation": "default",
                 "privateIdentities": [{"impi": "%s", "ha1": "%s", "k": "%s", "opc": "%s",
                   "publicIdentities": ["sip:vault@ims.example.org"]}],
                 "publicIdentities": [{"identity": "sip:vault@ims.example.org", "serviceProfile": "default"}]}
                """.formatted(VAULT, VAULT_IMPI, VAULT_HA1, HEX.formatHex(VAULT_K), HEX.formatHex(VAULT_OPC));
    }

    /** AKA vectors checked with the reference Milenage, the SIP Digest HA1, and every stored secret under the key. */
    private static void checkMar(SecretsHss hss, String expectedKeyId) throws Exception {
        try (DiameterTestPeer scscf = hss.peer("scscf1.ims.example.org")) {
            aka(scscf, "alice@ims.example.org", "sip:alice@ims.example.org", ReferenceMilenage.withOp(ALICE_K, OP));
            aka(scscf, VAULT_IMPI, "sip:vault@ims.example.org", new ReferenceMilenage(VAULT_K, VAULT_OPC));
            Answer digest = Cx.mar(scscf, VAULT_IMPI, "sip:vault@ims.example.org", "SIP Digest", 1, SCSCF1, null);
            assertThat(result(digest)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
            AvpSet item = Avps.groupedAll(digest.getAvps(), Avp.SIP_AUTH_DATA_ITEM).get(0);
            AvpSet digestAvp = Avps.grouped(item, Avp.SIP_DIGEST_AUTHENTICATE).orElseThrow();
            assertThat(Avps.utf8(digestAvp, Avp.DIGEST_HA1)).contains(VAULT_HA1);
        }
        for (String impi : List.of("alice@ims.example.org", "bob@ims.example.org", "carol@ims.example.org",
                VAULT_IMPI)) {
            AuthProfile auth = hss.node.store().privateIdentity(impi).orElseThrow().auth();
            List<SealedSecret> sealed = new ArrayList<>();
            if (auth.digest() != null) {
                sealed.add(auth.digest().ha1());
            }
            if (auth.aka() != null) {
                sealed.add(auth.aka().k());
                sealed.add(auth.aka().opc());
            }
            assertThat(sealed).as(impi).isNotEmpty().allSatisfy(s -> assertThat(s.keyId()).isEqualTo(expectedKeyId));
        }
        AkaCredentials usim = hss.node.epsStore().usim("001010000000001").orElseThrow().aka();
        assertThat(List.of(usim.k(), usim.opc())).as("alice's USIM")
                .allSatisfy(s -> assertThat(s.keyId()).isEqualTo(expectedKeyId));
    }

    private static void aka(DiameterTestPeer scscf, String impi, String impu, ReferenceMilenage reference)
            throws Exception {
        Answer answer = Cx.mar(scscf, impi, impu, "Digest-AKAv1-MD5", 2, SCSCF1, null);
        assertThat(result(answer)).as(impi).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        List<AvpSet> items = Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
        assertThat(items).hasSize(2);
        for (AvpSet item : items) {
            AkaItems.verify(reference, item, "Digest-AKAv1-MD5", AMF);
        }
    }

    private static final class Hits {
        final List<String> found = new ArrayList<>();
        boolean controlFound;
        int files;
        long bytes;
    }

    private static Hits scanGrid(Ignite ignite, Map<String, byte[]> secrets) {
        Hits hits = new Hits();
        Map<String, byte[]> patterns = patterns(secrets);
        byte[] control = VAULT_IMPI.getBytes(StandardCharsets.UTF_8);
        for (String name : CacheNames.ALL) {
            IgniteCache<Object, Object> cache = ignite.cache(name).withKeepBinary();
            try (QueryCursor<Cache.Entry<Object, Object>> cursor = cache.query(new ScanQuery<>())) {
                for (Cache.Entry<Object, Object> entry : cursor) {
                    if (!(entry.getValue() instanceof byte[] value)) {
                        continue;
                    }
                    hits.controlFound |= indexOf(value, control) >= 0;
                    patterns.forEach((label, pattern) -> {
                        if (indexOf(value, pattern) >= 0) {
                            hits.found.add(label + " in " + name + "/" + entry.getKey());
                        }
                    });
                }
            }
        }
        return hits;
    }

    private static Hits scanFiles(Path root, Map<String, byte[]> secrets) throws Exception {
        Hits hits = new Hits();
        Map<String, byte[]> patterns = patterns(secrets);
        byte[] control = VAULT_IMPI.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            hits.files++;
            hits.bytes += content.length;
            hits.controlFound |= indexOf(content, control) >= 0;
            patterns.forEach((label, pattern) -> {
                if (indexOf(content, pattern) >= 0) {
                    hits.found.add(label + " in " + root.relativize(file));
                }
            });
        }
        return hits;
    }

    /**
     * Each secret raw, as lower- and upper-case hex text and as Base64 (padded and not), and each of these as the
     * records' Smile encoding writes an octet string (7 bits per byte), which is how a value kept clear would sit
     * in a record.
     */
    private static Map<String, byte[]> patterns(Map<String, byte[]> secrets) {
        Map<String, byte[]> patterns = new LinkedHashMap<>();
        secrets.forEach((label, secret) -> {
            String hex = HEX.formatHex(secret);
            Map<String, byte[]> forms = new LinkedHashMap<>();
            forms.put(label + " raw", secret);
            forms.put(label + " hex", hex.getBytes(StandardCharsets.US_ASCII));
            forms.put(label + " HEX", hex.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            forms.put(label + " base64", Base64.getEncoder().encode(secret));
            forms.put(label + " base64 unpadded", Base64.getEncoder().withoutPadding().encode(secret));
            forms.forEach((name, form) -> {
                patterns.put(name, form);
                patterns.put(name + " smile", smileOctets(form));
            });
        });
        return patterns;
    }

    /** The 7-bit groups Smile writes for an octet string: the tail of its encoding of the array alone. */
    private static byte[] smileOctets(byte[] value) {
        try {
            byte[] encoded = new com.fasterxml.jackson.dataformat.smile.databind.SmileMapper().writeValueAsBytes(value);
            int length = value.length / 7 * 8 + (value.length % 7 == 0 ? 0 : value.length % 7 + 1);
            return java.util.Arrays.copyOfRange(encoded, encoded.length - length, encoded.length);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            if (data[i] != pattern[0]) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] md5(String s) throws Exception {
        return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    }
}
