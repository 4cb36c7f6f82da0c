package org.imshss.provisioning.seed;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.imshss.http.JsonPaths;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.DigestCredentials;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.SealedSecret;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.SubscriberData;

/**
 * Reads a JSON seed document ({@link SeedDocument}) into {@link SubscriberData}: resolves references,
 * applies defaults, derives HA1 from a password and OPc from OP (neither secret is kept), seals K, OPc, HA1 and
 * passwords with the {@link Keyring} ({@link SecretSealing}, the one place where provisioned secrets are sealed)
 * and rejects anything wrong with every problem named by its JSON path. A {@link Conversion} runs one converter
 * per record kind. Thread-safe.
 */
public final class SeedLoader {

    /** The demo subscribers (alice, bob, carol and two PSIs), used by {@code hss --demo} and the tests. */
    public static final String DEMO_RESOURCE = "org/imshss/provisioning/seed/demo.json";

    public static final String SIP_DIGEST = "SIP Digest";
    public static final String HTTP_DIGEST_MD5 = "HTTP_DIGEST_MD5";
    public static final String DIGEST_MD5 = "Digest-MD5";
    public static final String AKA_V1 = "Digest-AKAv1-MD5";
    public static final String AKA_V2 = "Digest-AKAv2-MD5";
    public static final String NASS_BUNDLED = "NASS-Bundled";
    public static final String EARLY_IMS = "Early-IMS-Security";

    /**
     * SIP-Authentication-Scheme values a private identity may be provisioned with (TS 29.229, TS 33.203), spelt
     * as the HSS echoes them. The HSS's own list (hss-server AuthSchemes) must hold the same names plus
     * "Unknown"; a test there checks that the two agree, since this module cannot depend on the server.
     */
    public static final List<String> KNOWN_SCHEMES =
            List.of(SIP_DIGEST, HTTP_DIGEST_MD5, DIGEST_MD5, AKA_V1, AKA_V2, NASS_BUNDLED, EARLY_IMS);

    /** Named in the error for a cleartext-capable identity when no key was given. */
    public static final String PASSWORD_KEY_SETTING = "secrets.keys";

    private static final HexFormat HEX = HexFormat.of();

    private final ObjectReader reader;
    private final Keyring sealer;

    /**
     * A loader without keys: K, OPc and HA1 are kept clear, and identities with {@code cleartextPassword} are
     * refused, there being no key to encrypt the password with.
     */
    public SeedLoader() {
        this(Keyring.NONE);
    }

    /** @param sealer seals the secrets of every private identity read */
    public SeedLoader(Keyring sealer) {
        this.sealer = sealer;
        reader = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build()
                .readerFor(SeedDocument.class);
    }

    public SubscriberData demo() {
        try (InputStream in = SeedLoader.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEMO_RESOURCE);
            }
            return read(in, DEMO_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SubscriberData read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + file, e);
        }
    }

    public SubscriberData readString(String json) {
        return convert(parse(json.getBytes(StandardCharsets.UTF_8), "(string)"), "(string)");
    }

    /** @param source named in error messages */
    public SubscriberData read(InputStream json, String source) throws IOException {
        return convert(parse(json.readAllBytes(), source), source);
    }

    private SeedDocument parse(byte[] json, String source) {
        try {
            return reader.readValue(json);
        } catch (JsonMappingException e) {
            String path = JsonPaths.of(e.getPath());
            String problem = e instanceof UnrecognizedPropertyException
                    ? "unknown field"
                    : e.getOriginalMessage().lines().findFirst().orElse("invalid value");
            throw new SeedException(source, List.of(path + ": " + problem));
        } catch (JsonParseException e) {
            throw new SeedException(source, List.of("line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new SeedException(source, List.of(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates and resolves a parsed document; throws {@link SeedException} listing every problem. */
    public SubscriberData convert(SeedDocument document, String source) {
        return new Conversion(document, sealer, References.NONE).run(source);
    }

    /**
     * Like {@link #convert(SeedDocument, String)}, for a document that may refer to service data already
     * stored (a provisioning request names a profile, iFC or charging set provisioned earlier).
     */
    public SubscriberData convert(SeedDocument document, String source, References stored) {
        return new Conversion(document, sealer, stored).run(source);
    }

    /** Service data a document may refer to without defining it. */
    public interface References {

        References NONE = new References() {
            @Override
            public Optional<InitialFilterCriteria> ifc(String id) {
                return Optional.empty();
            }

            @Override
            public boolean sharedIfcSet(int id) {
                return false;
            }

            @Override
            public boolean serviceProfile(String id) {
                return false;
            }

            @Override
            public boolean chargingInformation(String id) {
                return false;
            }
        };

        Optional<InitialFilterCriteria> ifc(String id);

        boolean sharedIfcSet(int id);

        boolean serviceProfile(String id);

        boolean chargingInformation(String id);

        /** Whether an APN profile is stored. */
        default boolean apnProfile(String id) {
            return false;
        }

        /**
         * The stored USIM of the subscriber being written, or null: its keys are kept when the document gives none
         * (a read document never shows them) and its APNs keep their Context-Identifiers.
         */
        default Usim storedUsim(String imsi) {
            return null;
        }

        /**
         * Stored credentials a private identity of the document leaves out and keeps (a document read back from
         * the API never shows them), taken over sealed as they are; null for none.
         */
        default KeptCredentials kept(String impi) {
            return null;
        }
    }

    /**
     * Sealed credentials of a stored private identity that a document keeps: each part given (non-null) stands for
     * the matching credentials the document leaves out.
     */
    public record KeptCredentials(DigestCredentials digest, AkaCredentials aka, SealedSecret sealedPassword) {
    }

    /** H(A1) of RFC 2617 3.2.2.2: lower-case hex MD5(username ":" realm ":" password). */
    public static String ha1(String username, String realm, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HEX.formatHex(md5.digest((username + ":" + realm + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /** OPc = OP xor E_K(OP) (TS 35.206; E_K is AES-128, the Rijndael kernel Milenage uses). */
    public static byte[] opc(byte[] k, byte[] op) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"));
            byte[] opc = aes.doFinal(op);
            for (int i = 0; i < opc.length; i++) {
                opc[i] ^= op[i];
            }
            return opc;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }
}
