package org.imshss.hss.cx;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.auth.AkaVector;
import org.imshss.hss.auth.AkaVectorFactory;
import org.imshss.hss.auth.AuthSchemes;
import org.imshss.hss.auth.Milenage;
import org.imshss.hss.auth.Resynchronisation;
import org.imshss.hss.auth.SequenceAllocation;
import org.imshss.hss.auth.SequenceNumbers;
import org.imshss.hss.config.HssSettings.CxSettings;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.DigestCredentials;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.store.SubscriberStore;

/** The HSS side of the Multimedia-Authentication procedure, TS 29.228 6.3. */
public final class MultimediaAuth {

    /** What an absent scheme means: the S-CSCF leaves the choice to the HSS. */
    public static final String UNKNOWN_SCHEME = AuthSchemes.UNKNOWN;

    private static final String DIGEST_ALGORITHM = "MD5";
    private static final String DIGEST_QOP = "auth";

    private final SubscriberStore store;
    private final CxSettings settings;
    private final SequenceNumbers sequenceNumbers;
    private final SecureRandom random;
    private final Clock clock;

    public MultimediaAuth(SubscriberStore store, CxSettings settings, SequenceNumbers sequenceNumbers,
            SecureRandom random, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.sequenceNumbers = sequenceNumbers;
        this.random = random;
        this.clock = clock;
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
        if (scheme == null || !supported(scheme, auth)) {
            return MultimediaAuthAnswer.of(ResultCode.DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED);
        }
        String canonical = AuthSchemes.canonical(scheme).orElse(scheme);
        boolean aka = AuthSchemes.isAka(canonical);
        byte[] resync = request.authorization();
        Milenage milenage = aka ? new Milenage(auth.aka().k(), auth.aka().opc()) : null;
        long resyncSqnMs = -1;
        if (aka && resync != null) {
            // Step 4: resynchronisation; a failed MAC-S check leaves SQN_HE untouched (TS 33.102 6.3.5).
            OptionalLong sqnMs = verifyResync(milenage, resync);
            if (sqnMs.isEmpty()) {
                return MultimediaAuthAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
            }
            resyncSqnMs = sqnMs.getAsLong();
        }
        // Step 5: store the S-CSCF name and mark authentication pending, in one atomic change.
        store.updateRegistration(impu.subscriptionId(), new RegistrationChanges.Challenge(impi.impi(),
                impu.identity(), impu.implicitSetId(), request.serverName(), request.originHost(),
                request.originRealm(), clock.millis(), true));
        List<AuthItem> items = aka
                ? akaItems(impi.impi(), canonical, milenage, auth.aka(), resyncSqnMs >= 0 ? 1 : itemCount(request),
                        resyncSqnMs)
                : List.of(digestItem(canonical, auth.digest()));
        return new MultimediaAuthAnswer(ResultCode.DIAMETER_SUCCESS, impi.impi(), impu.identity(), items);
    }

    /** Schemes this HSS can answer, given the credentials provisioned. */
    private static boolean supported(String scheme, AuthProfile auth) {
        String canonical = AuthSchemes.canonical(scheme).orElse("");
        if (AuthSchemes.SIP_DIGEST.equals(canonical)) {
            return auth.digest() != null;
        }
        return AuthSchemes.isAka(canonical) && auth.aka() != null;
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

    /** The SQNs are stored in the grid before any vector is built, so none is ever handed out twice. */
    private List<AuthItem> akaItems(String impi, String scheme, Milenage milenage, AkaCredentials credentials,
            int count, long resyncSqnMs) {
        long[] sqns = store.updateSequence(impi, new SequenceAllocation.Allocate(sequenceNumbers, count, resyncSqnMs));
        byte[] amf = credentials.amf();
        List<AuthItem> items = new ArrayList<>(sqns.length);
        for (long sqn : sqns) {
            AkaVector vector = AkaVectorFactory.generate(milenage, random, sqn, amf);
            items.add(new AuthItem.Aka(scheme, vector.sipAuthenticate(), vector.xres(), vector.ck(), vector.ik()));
        }
        return items;
    }

    /** SIP Digest (TS 29.228 6.3.1): one item with the stored H(A1); the password never leaves the HSS. */
    private static AuthItem digestItem(String scheme, DigestCredentials digest) {
        return new AuthItem.Digest(scheme, digest.realm(), DIGEST_ALGORITHM, DIGEST_QOP, digest.ha1());
    }
}
