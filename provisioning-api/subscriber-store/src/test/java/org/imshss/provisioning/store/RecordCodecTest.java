package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.util.List;
import java.util.Map;
import org.imshss.provisioning.model.AkaCredentials;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.SharedIfcSet;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private final RecordCodec codec = new RecordCodec();

    private <T> T roundTrip(T value) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        return codec.decode(codec.encode(value), type);
    }

    @Test
    void everyRecordTypeSurvivesARoundTrip() {
        List<Object> values = List.of(Samples.subscription("alice"),
                Samples.privateIdentity("alice@ims.example.org", "alice", "sip:alice@ims.example.org"),
                Samples.publicIdentity("sip:alice@ims.example.org", "alice", "alice@ims.example.org"),
                Samples.wildcardPsi("sip:chat-!.*!@ims.example.org"),
                Samples.implicitSet("alice/0", "alice", "sip:alice@ims.example.org", "tel:+15550101"),
                Samples.serviceProfile(), Samples.ifc(), Samples.sharedIfcSet(), Samples.charging(),
                Samples.scscf("sip:scscf.ims.example.org:6060"), Samples.aka());
        for (Object value : values) {
            assertThat(roundTrip(value)).as(value.getClass().getSimpleName()).isEqualTo(value);
        }
    }

    @Test
    void credentialsKeepTheirBytes() {
        PrivateIdentity impi = Samples.privateIdentity("alice@ims.example.org", "alice", "sip:alice@ims.example.org");
        AkaCredentials aka = roundTrip(impi).auth().aka();
        String owner = "alice@ims.example.org";
        assertThat(Samples.HEX.formatHex(Samples.KEYRING.open(owner, Keyring.Field.K, aka.k())))
                .isEqualTo("465b5ce8b199b49faa5f0a2ee238a6bc");
        assertThat(Samples.HEX.formatHex(Samples.KEYRING.open(owner, Keyring.Field.OPC, aka.opc())))
                .isEqualTo("cd63cb71954a9f4e48a5994e37a02baf");
        assertThat(Samples.HEX.formatHex(aka.amf())).isEqualTo("8000");
        assertThat(Samples.KEYRING.openText(owner, Keyring.Field.HA1, roundTrip(impi).auth().digest().ha1()))
                .isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void sealedConditionsKeepTheirKind() {
        InitialFilterCriteria ifc = roundTrip(Samples.ifc());
        assertThat(ifc.triggerPoint().spts()).extracting(ServicePointTrigger::condition)
                .hasExactlyElementsOfTypes(ServicePointTrigger.Method.class, ServicePointTrigger.RequestUri.class,
                        ServicePointTrigger.SipHeader.class, ServicePointTrigger.SipHeader.class,
                        ServicePointTrigger.SessionCase.class, ServicePointTrigger.SessionDescription.class);
        assertThat(ifc.triggerPoint().spts().get(0).condition())
                .isEqualTo(new ServicePointTrigger.Method("REGISTER", List.of(0, 2)));
    }

    @Test
    void registrationStateRoundTripsIncludingRestorationBytes() {
        RegistrationState state = Samples.registration("alice");
        RegistrationState back = roundTrip(state);
        assertThat(back.subscriptionId()).isEqualTo("alice");
        assertThat(back.scscfName()).isEqualTo(state.scscfName());
        assertThat(back.scscfDiameterHost()).isEqualTo(state.scscfDiameterHost());
        assertThat(back.scscfDiameterRealm()).isEqualTo(state.scscfDiameterRealm());
        assertThat(back.sets()).isEqualTo(state.sets());
        assertThat(back.authPending()).isEqualTo(state.authPending());
        assertThat(back.reassignmentPending()).isTrue();
        assertThat(Samples.restorationAsHex(back)).isEqualTo(Map.of("alice@ims.example.org", "010203ff"));
        assertThat(roundTrip(RegistrationState.empty("x"))).isEqualTo(RegistrationState.empty("x"));
    }

    @Test
    void helperMethodsAreNotStored() throws Exception {
        byte[] bytes = codec.encode(RegistrationState.empty("x"));
        Map<?, ?> fields = new SmileMapper().readValue(bytes, Map.class);
        assertThat(fields.containsKey("subscriptionId")).isTrue();
        assertThat(fields.containsKey("empty")).isFalse();
        byte[] psi = codec.encode(Samples.wildcardPsi("sip:a!.*!@x"));
        assertThat(new SmileMapper().readValue(psi, Map.class).containsKey("inactivePsi")).isFalse();
    }

    /** Data written by an older or newer version: unknown fields are skipped, missing collections are empty. */
    @Test
    void toleratesUnknownAndMissingFields() throws Exception {
        SmileMapper smile = new SmileMapper();
        byte[] newer = smile.writeValueAsBytes(Map.of("name", "sip:s", "capabilities", List.of(1), "futureField", 7));
        assertThat(codec.decode(newer, ScscfServer.class)).isEqualTo(new ScscfServer("sip:s", java.util.Set.of(1)));
        byte[] older = smile.writeValueAsBytes(Map.of("name", "sip:s"));
        assertThat(codec.decode(older, ScscfServer.class).capabilities()).isEmpty();
        byte[] olderSet = smile.writeValueAsBytes(Map.of("id", "a/0", "subscriptionId", "a"));
        assertThat(codec.decode(olderSet, ImplicitRegistrationSet.class).publicIdentities()).isEmpty();
    }

    /** A subscription stored before versions were kept reads as version 0 of no incarnation (entity tag "v0"). */
    @Test
    void aSubscriptionWithoutVersionReadsAsVersionZero() throws Exception {
        byte[] older = new SmileMapper().writeValueAsBytes(Map.of("id", "old", "privateIdentities", List.of("old@x")));
        ImsSubscription decoded = codec.decode(older, ImsSubscription.class);
        assertThat(decoded.version()).isZero();
        assertThat(decoded.incarnation()).isNull();
        ImsSubscription next = codec.decode(codec.encode(decoded.versioned("7f", 3)), ImsSubscription.class);
        assertThat(next.version()).isEqualTo(3);
        assertThat(next.incarnation()).isEqualTo("7f");
    }

    @Test
    void nullBytesDecodeToNull() {
        assertThat(codec.decode(null, ImsSubscription.class)).isNull();
        assertThat(codec.decode(null, PublicIdentity.class)).isNull();
        assertThat(codec.decode(codec.encode(Samples.serviceProfile()), ServiceProfile.class).sharedIfcSetIds())
                .containsExactly(7);
        assertThat(codec.decode(codec.encode(Samples.sharedIfcSet()), SharedIfcSet.class).id()).isEqualTo(7);
        assertThat(codec.decode(codec.encode(Samples.charging()), ChargingInformation.class)
                .secondaryChargingCollectionFunctionName()).isNull();
    }
}
