package org.imshss.hss.cx;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.auth.AkaVector;
import org.imshss.hss.auth.AkaVectorFactory;
import org.imshss.hss.auth.AuthSchemes;
import org.imshss.hss.auth.Milenage;
import org.imshss.hss.auth.Resynchronisation;
import org.imshss.hss.auth.SealedKeys;
import org.imshss.hss.auth.SequenceAllocation;
import org.imshss.hss.auth.SequenceNumbers;
import org.imshss.hss.config.HssSettings.CxSettings;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.DigestCredentials;
import org.imshss.provisioning.model.IpAddresses;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.EpsDataStore;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HSS side of the Multimedia-Authentication procedure, TS 29.228 6.3. */
public final class MultimediaAuth {

    /** What an absent scheme means: the S-CSCF leaves the choice to the HSS. */
    public static final String UNKNOWN_SCHEME = AuthSchemes.UNKNOWN;

    private static final String DIGEST_ALGORITHM = "MD5";
    private static final String DIGEST_QOP = "auth";
    private static final int DIGEST_NONCE_BYTES = 16;
    private static final Logger log = LoggerFactory.getLogger(MultimediaAuth.class);

    private final SubscriberStore store;
    private final EpsDataStore usims;
    private final CxSettings settings;
    private final SequenceNumbers sequenceNumbers;
    private final SecureRandom random;
    private final Clock clock;
    private final Keyring keyring;
    private final Function<RegistrationChanges.Replaced, CompletableFuture<NetworkOutcome>> cancelReplaced;

    /**
     * @param keyring opens the sealed K, OPc, HA1 and passwords; this is the only place they are opened, each for
     *                the answer at hand and cleared after. Without any key Digest-MD5 is refused.
     * @param usims the USIMs whose keys a private identity with {@link AuthProfile#usim()} uses for AKA
     * @param cancelReplaced de-registers what the S-CSCF a MAR replaces still held (TS 29.228 8.1.1), in the
     *                       background: the answer does not wait for it
     */
    public MultimediaAuth(SubscriberStore store, EpsDataStore usims, CxSettings settings,
            SequenceNumbers sequenceNumbers, SecureRandom random, Clock clock, Keyring keyring,
            Function<RegistrationChanges.Replaced, CompletableFuture<NetworkOutcome>> cancelReplaced) {
        this.store = store;
        this.usims = usims;
        this.settings = settings;
        this.sequenceNumbers = sequenceNumbers;
        this.random = random;
        this.clock = clock;
        this.keyring = keyring;
        this.cancelReplaced = cancelReplaced;
    }

    public MultimediaAuthAnswer handle(MultimediaAuthRequest request) {
        // Step 1: both identities known; authentication is for distinct identities only.
        Optional<PrivateIdentity> foundImpi = store.privateIdentity(request.privateIdentity());
        Optional<PublicIdentity> foundImpu = store.publicIdentity(request.publicIdentity());
        if (foundImpi.isEmpty() || foundImpu.isEmpty() || foundImpu.get().type().isWildcard()) {
            return MultimediaAuthAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        PrivateIdentity impi = foundImpi.get();
        PublicIdentity impu = foundImpu.get();
        // Step 2
        if (!impu.isAssociatedWith(impi.impi())) {
            return MultimediaAuthAnswer.of(ResultCode.DIAMETER_ERROR_IDENTITIES_DONT_MATCH);
        }
        // Step 3: "Unknown" means the scheme stored for the user.
        AuthProfile auth = impi.auth();
        String requested = AuthSchemes.canonical(request.scheme()).orElse(request.scheme());
        String scheme = AuthSchemes.UNKNOWN.equals(requested) ? auth.defaultScheme() : auth.allowedScheme(requested);
        if (scheme == null || !supported(scheme, auth, !keyring.keyIds().isEmpty())) {
            return MultimediaAuthAnswer.of(ResultCode.DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED);
        }
        String canonical = AuthSchemes.canonical(scheme).orElse(scheme);
        boolean aka = AuthSchemes.isAka(canonical);
        byte[] resync = request.authorization();
        Milenage milenage = null;
        AkaCredentials credentials = null;
        if (aka) {
            credentials = akaCredentials(impi);
            milenage = credentials == null ? null : milenage(impi, credentials);
            if (milenage == null) {
                return MultimediaAuthAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
            }
        }
        long resyncSqnMs = -1;
        if (aka && resync != null) {
            // Step 4: resynchronisation; a failed MAC-S check leaves SQN_HE untouched (TS 33.102 6.3.5).
            OptionalLong sqnMs = verifyResync(milenage, resync);
            if (sqnMs.isEmpty()) {
                return MultimediaAuthAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
            }
            resyncSqnMs = sqnMs.getAsLong();
        }
        AuthItem single = null;
        if (!aka) {
            single = singleItem(canonical, impi);
            if (single == null) {
                return MultimediaAuthAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
            }
        }
        // Step 5: store the S-CSCF name and mark authentication pending, in one atomic change. NASS-Bundled and
        // Early-IMS-Security are not challenges (the access network vouches for the user): TS 29.228 6.3 sets no
        // authentication-pending flag for them.
        boolean pending = !AuthSchemes.NASS_BUNDLED.equals(canonical)
                && !AuthSchemes.EARLY_IMS_SECURITY.equals(canonical);
        RegistrationChanges.Replaced replaced = store.updateRegistration(impu.subscriptionId(),
                new RegistrationChanges.Challenge(impi.impi(), impu.identity(), impu.implicitSetId(),
                        request.serverName(), request.originHost(), request.originRealm(), clock.millis(), pending));
        if (replaced.any()) {
            cancelReplacedServer(impu.subscriptionId(), request.serverName(), replaced);
        }
        List<AuthItem> items = aka
                ? akaItems(impi.sequenceKey(), canonical, milenage, credentials,
                        resyncSqnMs >= 0 ? 1 : itemCount(request), resyncSqnMs)
                : List.of(single);
        return new MultimediaAuthAnswer(ResultCode.DIAMETER_SUCCESS, impi.impi(), impu.identity(), items);
    }

    private void cancelReplacedServer(String subscriptionId, String newServer, RegistrationChanges.Replaced replaced) {
        log.info("MAR: subscription {} moves from S-CSCF {} to {}; RTR to the former", subscriptionId,
                replaced.diameterHost(), newServer);
        cancelReplaced.apply(replaced).whenComplete((outcome, failure) -> {
            if (failure != null || outcome.status() != NetworkOutcome.Status.ANSWERED
                    || outcome.result() != ResultCode.DIAMETER_SUCCESS) {
                log.warn("RTR to the replaced S-CSCF {} for subscription {}: {}", replaced.diameterHost(),
                        subscriptionId, failure != null ? failure.toString() : outcome);
            }
        });
    }

    /** Schemes this HSS can answer, given the credentials provisioned; anything else is 5006. */
    private static boolean supported(String scheme, AuthProfile auth, boolean haveKey) {
        String canonical = AuthSchemes.canonical(scheme).orElse("");
        return switch (canonical) {
            case AuthSchemes.SIP_DIGEST, AuthSchemes.HTTP_DIGEST_MD5 -> auth.digest() != null;
            case AuthSchemes.DIGEST_MD5 -> auth.cleartextPasswordAllowed() && auth.sealedPassword() != null && haveKey;
            case AuthSchemes.NASS_BUNDLED -> auth.lineIdentifier() != null && !auth.lineIdentifier().isEmpty();
            case AuthSchemes.EARLY_IMS_SECURITY -> IpAddresses.valid(auth.ipAddress());
            case AuthSchemes.DIGEST_AKA_V1_MD5, AuthSchemes.DIGEST_AKA_V2_MD5 -> auth.hasAka();
            default -> false;
        };
    }

    /** The one item of a non-AKA scheme (TS 29.228 6.3: SIP-Number-Auth-Items is always 1); null on failure. */
    private AuthItem singleItem(String scheme, PrivateIdentity impi) {
        AuthProfile auth = impi.auth();
        return switch (scheme) {
            case AuthSchemes.DIGEST_MD5 -> cleartextItem(scheme, impi);
            case AuthSchemes.NASS_BUNDLED ->
                    new AuthItem.LineIdentifier(scheme, auth.lineIdentifier().getBytes(StandardCharsets.UTF_8));
            case AuthSchemes.EARLY_IMS_SECURITY -> framedItem(scheme, IpAddresses.parse(auth.ipAddress()).orElseThrow());
            default -> digestItem(scheme, impi);
        };
    }

    /**
     * The identity's own AKA keys, or those of the USIM it names (TS 23.003 13.3: a UE without ISIM authenticates
     * to IMS with its USIM); null, logged, when that USIM is not provisioned.
     */
    private AkaCredentials akaCredentials(PrivateIdentity impi) {
        String imsi = impi.auth().usim();
        if (imsi == null) {
            return impi.auth().aka();
        }
        Optional<Usim> usim = usims.usim(imsi);
        if (usim.isEmpty()) {
            log.warn("MAR: {} authenticates with USIM {}, which is not provisioned", impi.impi(), imsi);
            return null;
        }
        return usim.get().aka();
    }

    /** Milenage over the opened K and OPc (sealed for the IMPI, or for the IMSI when a USIM's); null if they do not open (logged). */
    private Milenage milenage(PrivateIdentity impi, AkaCredentials credentials) {
        String label = impi.auth().usim() != null ? impi.auth().usim() : impi.impi();
        try {
            return SealedKeys.milenage(keyring, label, credentials);
        } catch (Keyring.SecretUnavailableException e) {
            log.warn("MAR: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Digest-MD5: SIP-Authorization carries the password and SIP-Authenticate a nonce. Layout as the Open IMS
     * Core S-CSCF (and Kamailio ims_auth, scheme "Digest-MD5" = algorithm MD5) reads it: it hex-encodes
     * SIP-Authenticate into the nonce and computes H(A1) from IMPI, realm and SIP-Authorization.
     */
    private AuthItem cleartextItem(String scheme, PrivateIdentity impi) {
        byte[] password;
        try {
            password = keyring.open(impi.impi(), Keyring.Field.PASSWORD, impi.auth().sealedPassword());
        } catch (Keyring.SecretUnavailableException e) {
            log.warn("MAR: {}", e.getMessage());
            return null;
        }
        byte[] nonce = new byte[DIGEST_NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            return new AuthItem.Cleartext(scheme, nonce, password);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** Framed-IPv6-Prefix per RFC 3162 2.3: Reserved (0), Prefix-Length, then the prefix octets. */
    private static AuthItem framedItem(String scheme, IpAddresses.Parsed address) {
        if (address.ipv4()) {
            return new AuthItem.FramedAddress(scheme, address.address(), null);
        }
        byte[] prefix = new byte[18];
        prefix[1] = (byte) address.prefixLength();
        System.arraycopy(address.address(), 0, prefix, 2, 16);
        return new AuthItem.FramedAddress(scheme, null, prefix);
    }

    private int itemCount(MultimediaAuthRequest request) {
        long wanted = Math.max(1, request.numberAuthItems());
        return (int) Math.min(wanted, settings.maxAuthItems());
    }

    private static OptionalLong verifyResync(Milenage milenage, byte[] authorization) {
        try {
            return Resynchronisation.verify(milenage, Resynchronisation.parse(authorization));
        } catch (IllegalArgumentException malformed) {
            return OptionalLong.empty();
        }
    }

    /**
     * The SQNs are stored in the grid before any vector is built, so none is ever handed out twice; the key is the
     * IMPI's own or its USIM's ({@link PrivateIdentity#sequenceKey()}), which S6a AIR allocates from too.
     */
    private List<AuthItem> akaItems(String sequenceKey, String scheme, Milenage milenage, AkaCredentials credentials,
            int count, long resyncSqnMs) {
        long[] sqns = store.updateSequence(sequenceKey, new SequenceAllocation.Allocate(sequenceNumbers, count, resyncSqnMs));
        byte[] amf = credentials.amf();
        List<AuthItem> items = new ArrayList<>(sqns.length);
        for (long sqn : sqns) {
            AkaVector vector = AkaVectorFactory.generate(milenage, random, sqn, amf);
            items.add(new AuthItem.Aka(scheme, vector.sipAuthenticate(), vector.xres(), vector.ck(), vector.ik()));
        }
        return items;
    }

    /**
     * SIP Digest (TS 29.228 6.3.1): one item with the stored H(A1); the password never leaves the HSS.
     * HTTP_DIGEST_MD5 gets the same content under its own scheme name: no TS 29.229 text giving another layout
     * was available (FHoSS sends ETSI TS 183 033 vendor-13019 AVPs, outside this dictionary), and both the Open
     * IMS Core S-CSCF and Kamailio ims_auth check HTTP_DIGEST_MD5 like SIP Digest, from realm and H(A1).
     */
    private AuthItem digestItem(String scheme, PrivateIdentity impi) {
        DigestCredentials digest = impi.auth().digest();
        try {
            return new AuthItem.Digest(scheme, digest.realm(), DIGEST_ALGORITHM, DIGEST_QOP,
                    keyring.openText(impi.impi(), Keyring.Field.HA1, digest.ha1()));
        } catch (Keyring.SecretUnavailableException e) {
            log.warn("MAR: {}", e.getMessage());
            return null;
        }
    }
}
