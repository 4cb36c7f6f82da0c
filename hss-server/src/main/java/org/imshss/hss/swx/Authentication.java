package org.imshss.hss.swx;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.auth.AkaVector;
import org.imshss.hss.auth.AkaVectorFactory;
import org.imshss.hss.auth.KeyDerivation;
import org.imshss.hss.auth.Milenage;
import org.imshss.hss.auth.Resynchronisation;
import org.imshss.hss.auth.SealedKeys;
import org.imshss.hss.auth.SeparationBit;
import org.imshss.hss.auth.SequenceAllocation;
import org.imshss.hss.auth.SequenceNumbers;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.EpsDataStore;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS side of the SWx Authentication procedure, TS 29.273 8.1.2.1: EAP-AKA (RFC 4187) and EAP-AKA' (RFC 9048)
 * vectors for a 3GPP AAA server, from the USIM's keys and its one SQN_HE, which S6a AIR and Cx MAR allocate from
 * too ({@link Usim#sequenceKey(String)}): no SQN is ever handed out twice across the three.
 *
 * <p>Choices where the clause leaves room, also in docs/ARCHITECTURE.md:
 * <ul>
 *   <li>An AN-Trusted or RAT-Type the subscription does not allow is refused DIAMETER_ERROR_RAT_TYPE_NOT_ALLOWED
 *       (5452), before any write.</li>
 *   <li>An AUTS whose MAC-S does not verify, or keys that do not open, is DIAMETER_UNABLE_TO_COMPLY, as on Cx;
 *       SQN_HE stays as it is (TS 33.102 6.3.5).</li>
 *   <li>The AAA server is stored (atomically) before the SQNs are allocated; a refused claim allocates none.</li>
 * </ul>
 */
public final class Authentication {

    public static final String EAP_AKA = "EAP-AKA";
    public static final String EAP_AKA_PRIME = "EAP-AKA'";

    private static final Logger log = LoggerFactory.getLogger(Authentication.class);

    private final EpsDataStore usims;
    private final SubscriberStore sequences;
    private final int maxVectors;
    private final SequenceNumbers sequenceNumbers;
    private final SecureRandom random;
    private final Keyring keyring;
    private final Clock clock;

    /**
     * @param sequences where SQN_HE is kept, shared with Cx MAR and S6a AIR
     * @param maxVectors the most vectors one MAA carries, whatever SIP-Number-Auth-Items asks
     * @param keyring opens K and OPc, sealed for the IMSI; cleared as soon as Milenage holds them
     */
    public Authentication(EpsDataStore usims, SubscriberStore sequences, int maxVectors,
            SequenceNumbers sequenceNumbers, SecureRandom random, Keyring keyring, Clock clock) {
        if (maxVectors < 1) {
            throw new IllegalArgumentException("at least one vector per answer");
        }
        this.usims = usims;
        this.sequences = sequences;
        this.maxVectors = maxVectors;
        this.sequenceNumbers = sequenceNumbers;
        this.random = random;
        this.keyring = keyring;
        this.clock = clock;
    }

    public AuthenticationAnswer handle(AuthenticationRequest request) {
        // 8.1.2.1.2: the user must be known; nothing is written for an unknown one.
        Optional<Usim> found = SwxUserName.imsi(request.userName()).flatMap(usims::usim);
        if (found.isEmpty()) {
            return AuthenticationAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        Usim usim = found.get();
        Non3gppSubscription non3gpp = usim.non3gpp();
        if (non3gpp == null || !non3gpp.accessAllowed()) {
            return AuthenticationAnswer.of(ResultCode.DIAMETER_ERROR_USER_NO_NON_3GPP_SUBSCRIPTION);
        }
        boolean akaPrime = EAP_AKA_PRIME.equals(request.scheme());
        if (!akaPrime && !EAP_AKA.equals(request.scheme())) {
            return AuthenticationAnswer.of(ResultCode.DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED);
        }
        // TS 33.402 6.2: CK' and IK' are bound to the access network; without its identity there are none.
        if (akaPrime && (request.accessNetworkIdentity() == null || request.accessNetworkIdentity().isEmpty())) {
            return new AuthenticationAnswer(ResultCode.DIAMETER_MISSING_AVP, List.of(), null, true);
        }
        if (!non3gpp.allowsTrust(request.trusted()) || !non3gpp.allowsRatType(request.ratType())) {
            return AuthenticationAnswer.of(ResultCode.DIAMETER_ERROR_RAT_TYPE_NOT_ALLOWED);
        }
        Milenage milenage = milenage(usim);
        if (milenage == null) {
            return AuthenticationAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        long resyncSqnMs = -1;
        if (request.resynchronisation() != null) {
            OptionalLong sqnMs = verifyResync(milenage, request.resynchronisation());
            if (sqnMs.isEmpty()) {
                log.info("SWx MAR: the AUTS for IMSI {} from {} does not verify; SQN_HE unchanged", usim.imsi(),
                        request.originHost());
                return AuthenticationAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
            }
            resyncSqnMs = sqnMs.getAsLong();
        }
        AaaServerChanges.Claim claim = usims.updateAaaRegistration(usim.imsi(), new AaaServerChanges.Authenticate(
                request.originHost(), request.originRealm(), request.previousServerFailed(), clock.millis()));
        if (!claim.granted()) {
            return new AuthenticationAnswer(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED, List.of(),
                    claim.host(), false);
        }
        // Every SQN of the answer in one atomic grid update, before any vector leaves (TS 33.102 C.3.2).
        int count = (int) Math.min(Math.max(1, request.numberAuthItems()), maxVectors);
        long[] sqns = sequences.updateSequence(Usim.sequenceKey(usim.imsi()),
                new SequenceAllocation.Allocate(sequenceNumbers, count, resyncSqnMs));
        return new AuthenticationAnswer(ResultCode.DIAMETER_SUCCESS,
                items(milenage, usim.aka().amf(), sqns, akaPrime ? request.accessNetworkIdentity() : null),
                null, false);
    }

    /**
     * EAP-AKA: the quintuplet as it is, AMF separation bit cleared. EAP-AKA' (TS 33.402 6.2, A.2): separation bit
     * set, CK' and IK' derived from CK, IK, the ANID and SQN ⊕ AK in place of CK and IK.
     */
    private List<AuthenticationItem> items(Milenage milenage, byte[] amf, long[] sqns, String anid) {
        byte[] vectorAmf = anid != null ? SeparationBit.set(amf) : SeparationBit.cleared(amf);
        String scheme = anid != null ? EAP_AKA_PRIME : EAP_AKA;
        List<AuthenticationItem> items = new ArrayList<>(sqns.length);
        for (long sqn : sqns) {
            AkaVector v = AkaVectorFactory.generate(milenage, random, sqn, vectorAmf);
            byte[] ck = v.ck();
            byte[] ik = v.ik();
            if (anid == null) {
                items.add(new AuthenticationItem(scheme, v));
            } else {
                KeyDerivation.CkIkPrime prime = KeyDerivation.ckIkPrime(ck, ik, anid,
                        Arrays.copyOf(v.autn(), Milenage.SQN_LENGTH));
                byte[] ckPrime = prime.ckPrime();
                byte[] ikPrime = prime.ikPrime();
                items.add(new AuthenticationItem(scheme, new AkaVector(v.rand(), v.xres(), ckPrime, ikPrime,
                        v.autn())));
                clear(ckPrime, ikPrime);
            }
            clear(ck, ik);
        }
        return items;
    }

    private Milenage milenage(Usim usim) {
        try {
            return SealedKeys.milenage(keyring, usim.imsi(), usim.aka());
        } catch (Keyring.SecretUnavailableException e) {
            log.warn("SWx MAR: {}", e.getMessage());
            return null;
        }
    }

    private static OptionalLong verifyResync(Milenage milenage, byte[] payload) {
        try {
            return Resynchronisation.verify(milenage, Resynchronisation.parse(payload));
        } catch (IllegalArgumentException malformed) {
            return OptionalLong.empty();
        }
    }

    private static void clear(byte[]... secrets) {
        for (byte[] secret : secrets) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
