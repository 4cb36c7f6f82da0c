package org.imshss.hss.s6a;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.imshss.diameter.Avp;
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
import org.imshss.hss.config.HssSettings.S6aSettings;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.EpsDataStore;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS side of the Authentication Information Retrieval procedure, TS 29.272 5.2.3.1 (S6a from an MME, S6d from
 * an SGSN). The USIM's keys and its one SQN_HE serve S6a and Cx alike ({@link Usim#sequenceKey(String)}), so an
 * AIR and a MAR for the same USIM never hand out one SQN twice.
 *
 * <p>Choices where the clause leaves room, each also in docs/ARCHITECTURE.md:
 * <ul>
 *   <li>A Re-Synchronization-Info whose MAC-S does not verify is answered 4181 DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE
 *       without vectors, and SQN_HE stays as it is: TS 33.102 6.3.5 resets SQN_HE only after a successful check,
 *       and vectors above an unverified SQN_MS would fail at the USIM again. 4181 is the result 29.272 7.4.4.1 gives
 *       when no vector can be returned; the MME may try again (a new AUTS).</li>
 *   <li>Requested-UTRAN-GERAN-Authentication-Info is answered with UTRAN-Vectors (quintuplets, AMF separation bit
 *       0) only: every subscriber here has a USIM, and an HSS returns triplets only for a GSM (SIM) subscriber; an
 *       SGSN that needs GSM keys derives them from a quintuplet itself (TS 33.102 6.8.1.2, c2 and c3).</li>
 *   <li>AIR-Flags bit 0 (UE-Usage-Type wanted, 7.3.201) is accepted and ignored: no UE usage type is provisioned,
 *       and 7.3.202 lets the HSS leave the AVP out when it has none.</li>
 *   <li>Immediate-Response-Preferred (7.3.16) is accepted; vectors are always generated at once.</li>
 * </ul>
 */
public final class AuthenticationInformation {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationInformation.class);

    private final EpsDataStore usims;
    private final SubscriberStore sequences;
    private final S6aSettings settings;
    private final SequenceNumbers sequenceNumbers;
    private final SecureRandom random;
    private final Keyring keyring;

    /**
     * @param sequences where SQN_HE is kept ({@link SubscriberStore#updateSequence}), shared with Cx MAR
     * @param random the source of RAND (TS 33.102 6.3.2: unpredictable)
     * @param keyring opens K and OPc, sealed for the IMSI; they are cleared as soon as Milenage holds them
     */
    public AuthenticationInformation(EpsDataStore usims, SubscriberStore sequences, S6aSettings settings,
            SequenceNumbers sequenceNumbers, SecureRandom random, Keyring keyring) {
        this.usims = usims;
        this.sequences = sequences;
        this.settings = settings;
        this.sequenceNumbers = sequenceNumbers;
        this.random = random;
        this.keyring = keyring;
    }

    public AuthenticationInformationAnswer handle(AuthenticationInformationRequest request) {
        AuthenticationInformationAnswer invalid = invalidValues(request);
        if (invalid != null) {
            return invalid;
        }
        // Step 1: the IMSI must be known; nothing is written for an unknown one.
        Optional<Usim> found = usims.usim(request.imsi());
        if (found.isEmpty()) {
            return AuthenticationInformationAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        Usim usim = found.get();
        // Step 2: E-UTRAN vectors need an EPS subscription with an APN configuration; UTRAN/GERAN vectors an EPS
        // (packet) subscription at all: this HSS keeps no separate GPRS or CS subscription data.
        EpsSubscription eps = usim.eps();
        boolean noApn = eps == null || eps.apns().isEmpty();
        if (request.eutran() != null && noApn || request.utranGeran() != null && eps == null) {
            return AuthenticationInformationAnswer.of(ResultCode.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION);
        }
        int eutranCount = count(request.eutran());
        int utranCount = count(request.utranGeran());
        if (eutranCount + utranCount == 0) {
            return AuthenticationInformationAnswer.of(ResultCode.DIAMETER_SUCCESS);
        }
        // Step 3: the AuC's keys.
        Milenage milenage = milenage(usim);
        if (milenage == null) {
            return AuthenticationInformationAnswer.of(ResultCode.DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE);
        }
        // Step 4: resynchronisation (TS 33.102 6.3.5); SQN_HE is only moved after MAC-S verifies.
        long resyncSqnMs = -1;
        byte[] resync = resynchronisationInfo(request);
        if (resync != null) {
            OptionalLong sqnMs = Resynchronisation.verify(milenage, Resynchronisation.parse(resync));
            if (sqnMs.isEmpty()) {
                log.info("AIR: the AUTS for IMSI {} from {} does not verify; SQN_HE unchanged", request.imsi(),
                        request.originHost());
                return AuthenticationInformationAnswer.of(ResultCode.DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE);
            }
            resyncSqnMs = sqnMs.getAsLong();
        }
        // Step 5: every SQN of the answer in one atomic grid update, before any vector leaves (TS 33.102 C.3.2).
        long[] sqns = sequences.updateSequence(Usim.sequenceKey(usim.imsi()),
                new SequenceAllocation.Allocate(sequenceNumbers, eutranCount + utranCount, resyncSqnMs));
        return vectors(milenage, usim.aka().amf(), request.visitedPlmnId(), sqns, eutranCount);
    }

    /** Values the ABNF cannot refuse: Visited-PLMN-Id of 3 octets, a non-zero vector count, a 30-octet resync. */
    private static AuthenticationInformationAnswer invalidValues(AuthenticationInformationRequest request) {
        byte[] plmn = request.visitedPlmnId();
        if (plmn.length != KeyDerivation.SN_ID_LENGTH) {
            return AuthenticationInformationAnswer.invalid(Avp.VISITED_PLMN_ID, plmn);
        }
        for (AuthenticationInformationRequest.VectorRequest wanted :
                Arrays.asList(request.eutran(), request.utranGeran())) {
            if (wanted == null) {
                continue;
            }
            if (wanted.numberOfVectors() == 0) {
                return AuthenticationInformationAnswer.invalid(Avp.NUMBER_OF_REQUESTED_VECTORS, new byte[4]);
            }
            byte[] resync = wanted.resynchronizationInfo();
            if (resync != null && resync.length != Resynchronisation.PAYLOAD_LENGTH) {
                return AuthenticationInformationAnswer.invalid(Avp.RE_SYNCHRONIZATION_INFO, resync);
            }
        }
        return null;
    }

    /** At most Number-Of-Requested-Vectors (one when absent), capped by {@code s6a.max-vectors}; 0 when not asked. */
    private int count(AuthenticationInformationRequest.VectorRequest wanted) {
        if (wanted == null) {
            return 0;
        }
        long asked = wanted.numberOfVectors() < 0 ? 1 : wanted.numberOfVectors();
        return (int) Math.min(asked, settings.maxVectors());
    }

    /** The Re-Synchronization-Info of the E-UTRAN request, else of the UTRAN/GERAN one, else null. */
    private static byte[] resynchronisationInfo(AuthenticationInformationRequest request) {
        if (request.eutran() != null && request.eutran().resynchronizationInfo() != null) {
            return request.eutran().resynchronizationInfo();
        }
        return request.utranGeran() == null ? null : request.utranGeran().resynchronizationInfo();
    }

    private Milenage milenage(Usim usim) {
        try {
            return SealedKeys.milenage(keyring, usim.imsi(), usim.aka());
        } catch (Keyring.SecretUnavailableException e) {
            log.warn("AIR: {}", e.getMessage());
            return null;
        }
    }

    /**
     * The first {@code eutranCount} SQNs make E-UTRAN vectors, the rest UTRAN vectors.
     * KASME binds each E-UTRAN vector to the serving network (TS 33.401 6.1.1, A.2).
     */
    private AuthenticationInformationAnswer vectors(Milenage milenage, byte[] amf, byte[] snId, long[] sqns,
            int eutranCount) {
        byte[] eutranAmf = SeparationBit.set(amf);
        byte[] utranAmf = SeparationBit.cleared(amf);
        List<AuthenticationVector.Eutran> eutran = new ArrayList<>(eutranCount);
        List<AuthenticationVector.Utran> utran = new ArrayList<>(sqns.length - eutranCount);
        for (int i = 0; i < sqns.length; i++) {
            if (i < eutranCount) {
                AkaVector v = AkaVectorFactory.generate(milenage, random, sqns[i], eutranAmf);
                byte[] ck = v.ck();
                byte[] ik = v.ik();
                byte[] kasme = KeyDerivation.kasme(ck, ik, snId, Arrays.copyOf(v.autn(), Milenage.SQN_LENGTH));
                eutran.add(new AuthenticationVector.Eutran(v.rand(), v.xres(), v.autn(), kasme));
                clear(ck, ik, kasme);
            } else {
                AkaVector v = AkaVectorFactory.generate(milenage, random, sqns[i], utranAmf);
                byte[] ck = v.ck();
                byte[] ik = v.ik();
                utran.add(new AuthenticationVector.Utran(v.rand(), v.xres(), v.autn(), ck, ik));
                clear(ck, ik);
            }
        }
        return new AuthenticationInformationAnswer(ResultCode.DIAMETER_SUCCESS, eutran, utran, null, null);
    }

    private static void clear(byte[]... secrets) {
        for (byte[] secret : secrets) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
