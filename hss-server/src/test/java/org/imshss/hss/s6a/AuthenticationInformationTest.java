package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.auth.SequenceNumbers;
import org.imshss.hss.config.HssSettings;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.EpsDataStore;
import org.imshss.provisioning.store.SequenceUpdate;
import org.imshss.provisioning.store.SubscriberStore;
import org.junit.jupiter.api.Test;

/**
 * The procedure alone, with a RAND source that replays a published RAND: the E-UTRAN vector of the reference sheet
 * (K e49d…, RAND 4ec6…, SQN 0x136, AMF 8000, SN id 62f270), whose KASME was published for that input.
 */
class AuthenticationInformationTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String IMSI = "262071234567890";
    private static final Keyring KEYRING =
            new HssSettings.AuthSettings(HEX.parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"))
                    .keyring();

    /** Replays one RAND, as a USIM test needs; production always draws from a real SecureRandom. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] value;

        FixedRandom(byte[] value) {
            this.value = value.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(value, 0, bytes, 0, bytes.length);
        }
    }

    /** SQN_HE by key, updated as the grid's entry processor would. */
    private static SubscriberStore sequences(Map<String, Long> stored) {
        return (SubscriberStore) Proxy.newProxyInstance(SubscriberStore.class.getClassLoader(),
                new Class<?>[] {SubscriberStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("updateSequence")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    SequenceUpdate<Serializable> update = (SequenceUpdate<Serializable>) args[1];
                    SequenceUpdate.Outcome<Serializable> outcome = update.apply(stored.getOrDefault(args[0], 0L));
                    stored.put((String) args[0], outcome.next());
                    return outcome.result();
                });
    }

    private static EpsDataStore usims(Usim usim) {
        return (EpsDataStore) Proxy.newProxyInstance(EpsDataStore.class.getClassLoader(),
                new Class<?>[] {EpsDataStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("usim")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return usim.imsi().equals(args[0]) ? Optional.of(usim) : Optional.empty();
                });
    }

    private static Usim usim(byte[] amf) {
        EpsSubscription eps = new EpsSubscription(null, List.of(), null, 0, null, 0, new Ambr(1, 1), 1,
                List.of(new ApnConfiguration(1, "internet", List.of())), List.of(), 0, null);
        return new Usim(IMSI, "s1", AkaCredentials.seal(KEYRING, IMSI,
                HEX.parseHex("e49da901cde1f94d708fe61af8d7501d"), HEX.parseHex("6c2b5772e236ae93d0f77f716616a644"),
                amf), eps);
    }

    private static AuthenticationInformationRequest air(byte[] plmn, long vectors) {
        return new AuthenticationInformationRequest("mme", "epc", IMSI, plmn,
                new AuthenticationInformationRequest.VectorRequest(vectors, true, null), null, 0);
    }

    @Test
    void publishedE_UtranVectorWithTheSeparationBitAddedToTheProvisionedAmf() {
        Map<String, Long> stored = new HashMap<>(Map.of(Usim.sequenceKey(IMSI), 0x135L));
        // IND length 0: SQN = SEQ, so the next SQN after 0x135 is the published 0x136.
        AuthenticationInformation procedure = new AuthenticationInformation(usims(usim(HEX.parseHex("0000"))),
                sequences(stored), HssSettings.S6aSettings.DEFAULTS, new SequenceNumbers(0),
                new FixedRandom(HEX.parseHex("4ec67bf2956de16702d68e3af481ca2c")), KEYRING);

        AuthenticationInformationAnswer answer = procedure.handle(air(HEX.parseHex("62f270"), 1));

        assertThat(answer.result()).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        assertThat(answer.eutran()).hasSize(1);
        AuthenticationVector.Eutran vector = answer.eutran().get(0);
        assertThat(HEX.formatHex(vector.rand())).isEqualTo("4ec67bf2956de16702d68e3af481ca2c");
        assertThat(HEX.formatHex(vector.xres())).isEqualTo("ce24257eeed33b5a");
        assertThat(HEX.formatHex(vector.autn())).isEqualTo("263b1975ff74800015a0616a9c3aafde");
        assertThat(HEX.formatHex(vector.kasme()))
                .isEqualTo("8891b65582d3d46dcbe5256105dddda0fd83f96e02e800e417a64e0b69fcb593");
        assertThat(vector.toString()).doesNotContain("8891b655").doesNotContain("ce24257e");
        assertThat(stored).containsEntry(Usim.sequenceKey(IMSI), 0x136L);
    }

    @Test
    void publishedUtranVectorKeepsTheSeparationBitClear() {
        Map<String, Long> stored = new HashMap<>(Map.of(Usim.sequenceKey(IMSI), 0x135L));
        AuthenticationInformation procedure = new AuthenticationInformation(usims(usim(HEX.parseHex("8000"))),
                sequences(stored), HssSettings.S6aSettings.DEFAULTS, new SequenceNumbers(0),
                new FixedRandom(HEX.parseHex("4ec67bf2956de16702d68e3af481ca2c")), KEYRING);

        AuthenticationInformationAnswer answer = procedure.handle(new AuthenticationInformationRequest("sgsn", "epc",
                IMSI, HEX.parseHex("62f270"), null,
                new AuthenticationInformationRequest.VectorRequest(1, false, null), 0));

        assertThat(HEX.formatHex(answer.utran().get(0).autn())).isEqualTo("263b1975ff7400004a6cdc4dbcbef815");
        assertThat(HEX.formatHex(answer.utran().get(0).ck())).isEqualTo("e1b2bdc2b86ea755fdde522d5b5225fd");
        assertThat(answer.utran()).hasSize(1);
    }

    @Test
    void keysThatDoNotOpenAreTransientlyUnavailableAndAllocateNothing() {
        Map<String, Long> stored = new HashMap<>();
        Keyring otherKey = new HssSettings.AuthSettings(new byte[32]).keyring();
        AuthenticationInformation procedure = new AuthenticationInformation(usims(usim(HEX.parseHex("0000"))),
                sequences(stored), HssSettings.S6aSettings.DEFAULTS, new SequenceNumbers(), new SecureRandom(),
                otherKey);

        AuthenticationInformationAnswer answer = procedure.handle(air(HEX.parseHex("00f110"), 1));

        assertThat(answer.result()).isEqualTo(ResultCode.DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE);
        assertThat(answer.hasVectors()).isFalse();
        assertThat(stored).isEmpty();
    }
}
