package org.imshss.hss.userdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.userdata.Fixtures.ALICE_IMPI;
import static org.imshss.hss.userdata.Fixtures.ALICE_SIP;
import static org.imshss.hss.userdata.Fixtures.ALICE_TEL;
import static org.imshss.hss.userdata.Fixtures.as;
import static org.imshss.hss.userdata.Fixtures.identity;
import static org.imshss.hss.userdata.Fixtures.ifc;
import static org.imshss.hss.userdata.Fixtures.impu;
import static org.imshss.hss.userdata.Fixtures.profile;

import java.util.List;
import java.util.Optional;
import org.imshss.hss.testing.UserDataXml;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.SharedIfcSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserDataAssemblerTest {

    private static final String ALICE_SIP2 = "sip:+15551230001@ims.example.org";

    private final MapSubscriberStore store = new MapSubscriberStore();
    private final UserDataAssembler assembler = new UserDataAssembler(store);

    @BeforeEach
    void seed() {
        // Identities of two profiles interleaved in the set: sp-a, sp-b, sp-a.
        store.putPublicIdentity(impu(ALICE_SIP, "sp-a"));
        store.putPublicIdentity(impu(ALICE_TEL, "sp-b"));
        store.putPublicIdentity(impu(ALICE_SIP2, "sp-a"));
        store.putImplicitRegistrationSet(new ImplicitRegistrationSet("set-alice", "sub-alice",
                List.of(ALICE_SIP, ALICE_TEL, ALICE_SIP2)));
        store.putServiceProfile(profile("sp-a", List.of("ifc-30", "ifc-10", "ifc-20"), List.of(4), 0));
        store.putServiceProfile(profile("sp-b", List.of(), List.of(), null));
        store.putInitialFilterCriteria(ifc("ifc-10", 10, null, as("sip:as10.ims.example.org"), null));
        store.putInitialFilterCriteria(ifc("ifc-20", 20, null, as("sip:as20.ims.example.org"), null));
        store.putInitialFilterCriteria(ifc("ifc-30", 30, null, as("sip:as30.ims.example.org"), null));
        store.putInitialFilterCriteria(ifc("ifc-15", 15, null, as("sip:as15.ims.example.org"), null));
        store.putSharedIfcSet(new SharedIfcSet(4, "common", List.of("ifc-15", "ifc-10")));
    }

    @Test
    void groupsBySetOrderOfFirstAppearanceAndSortsIfcsByPriority() {
        ImsSubscriptionDocument doc = assembler.forImplicitSet(ALICE_IMPI, "set-alice").orElseThrow();

        assertThat(doc.privateId()).isEqualTo(ALICE_IMPI);
        assertThat(doc.sections()).extracting(s -> s.profile().id()).containsExactly("sp-a", "sp-b");
        assertThat(doc.sections().get(0).identities()).extracting(PublicIdentity::identity)
                .containsExactly(ALICE_SIP, ALICE_SIP2);
        assertThat(doc.sections().get(1).identities()).extracting(PublicIdentity::identity).containsExactly(ALICE_TEL);
        assertThat(doc.sections().get(0).ifcs()).extracting(InitialFilterCriteria::id)
                .containsExactly("ifc-10", "ifc-20", "ifc-30");
        assertThat(doc.sections().get(0).profile().sharedIfcSetIds()).containsExactly(4);
        assertThat(doc.sections().get(1).ifcs()).isEmpty();
        UserDataXml.assertValid(new CxUserDataWriter().write(doc));
    }

    @Test
    void sharedSetsAreExpandedWhenTheScscfLacksSifc() {
        ImsSubscriptionDocument doc = assembler.forImplicitSet(ALICE_IMPI, "set-alice", false).orElseThrow();

        ProfileSection a = doc.sections().get(0);
        assertThat(a.ifcs()).extracting(InitialFilterCriteria::id).containsExactly("ifc-10", "ifc-15", "ifc-20", "ifc-30");
        assertThat(a.profile().sharedIfcSetIds()).isEmpty();
        assertThat(a.profile().subscribedMediaProfileId()).isZero();
    }

    @Test
    void maskedIfcsLeaveTheProfileOfTheirIdentityOnly() {
        UserDataAssembler masking = new UserDataAssembler(store,
                identities -> java.util.Map.of(ALICE_SIP, java.util.Set.of("ifc-20")));
        ImsSubscriptionDocument doc = masking.forImplicitSet(ALICE_IMPI, "set-alice", true).orElseThrow();

        // sp-a splits: ALICE_SIP without ifc-20, ALICE_SIP2 with it; the shared set stays a reference.
        assertThat(doc.sections()).extracting(s -> s.profile().id()).containsExactly("sp-a", "sp-b", "sp-a");
        assertThat(doc.sections().get(0).identities()).extracting(PublicIdentity::identity).containsExactly(ALICE_SIP);
        assertThat(doc.sections().get(0).ifcs()).extracting(InitialFilterCriteria::id)
                .containsExactly("ifc-10", "ifc-30");
        assertThat(doc.sections().get(0).profile().sharedIfcSetIds()).containsExactly(4);
        assertThat(doc.sections().get(2).identities()).extracting(PublicIdentity::identity).containsExactly(ALICE_SIP2);
        assertThat(doc.sections().get(2).ifcs()).extracting(InitialFilterCriteria::id)
                .containsExactly("ifc-10", "ifc-20", "ifc-30");
        UserDataXml.assertValid(new CxUserDataWriter().write(doc));
    }

    @Test
    void aMaskedIfcOfASharedSetExpandsTheSetsEvenWithSifc() {
        UserDataAssembler masking = new UserDataAssembler(store,
                identities -> java.util.Map.of(ALICE_SIP, java.util.Set.of("ifc-15")));
        ProfileSection a = masking.forImplicitSet(ALICE_IMPI, "set-alice", true).orElseThrow().sections().get(0);

        // The S-CSCF's copy of set 4 would still hold ifc-15: the set's other iFCs are sent instead.
        assertThat(a.profile().sharedIfcSetIds()).isEmpty();
        assertThat(a.ifcs()).extracting(InitialFilterCriteria::id).containsExactly("ifc-10", "ifc-20", "ifc-30");
    }

    @Test
    void missingSharedSetOnlyMattersWhenExpanding() {
        store.putServiceProfile(profile("sp-a", List.of("ifc-10"), List.of(99), null));

        assertThat(assembler.forImplicitSet(ALICE_IMPI, "set-alice", true)).isPresent();
        assertThat(assembler.forImplicitSet(ALICE_IMPI, "set-alice", false)).isEmpty();
    }

    @Test
    void danglingReferencesGiveEmpty() {
        assertThat(assembler.forImplicitSet(ALICE_IMPI, "no-such-set")).isEmpty();
        assertThat(assembler.forImplicitSet(ALICE_IMPI, null)).isEmpty();

        store.putImplicitRegistrationSet(new ImplicitRegistrationSet("set-ghost", "sub", List.of(ALICE_SIP, "sip:ghost@x")));
        assertThat(assembler.forImplicitSet(ALICE_IMPI, "set-ghost")).isEmpty();

        store.putPublicIdentity(impu("sip:orphan@ims.example.org", "sp-missing"));
        assertThat(assembler.forIdentities(ALICE_IMPI, List.of(store.publicIdentity("sip:orphan@ims.example.org").get())))
                .isEmpty();

        store.putServiceProfile(profile("sp-b", List.of("ifc-missing"), List.of(), null));
        assertThat(assembler.forImplicitSet(ALICE_IMPI, "set-alice")).isEmpty();

        assertThat(assembler.forIdentities(ALICE_IMPI, List.of())).isEmpty();
    }

    @Test
    void psiWithoutImpiUsesTheFirstIdentityWithoutScheme() {
        PublicIdentity psi = identity("sip:conference@ims.example.org", IdentityType.DISTINCT_PSI, "set-psi", "sp-b");
        PublicIdentity tel = identity("tel:+15550000", IdentityType.DISTINCT_PSI, "set-psi", "sp-b");

        Optional<ImsSubscriptionDocument> doc = assembler.forIdentities(null, List.of(psi, tel));
        assertThat(doc).map(ImsSubscriptionDocument::privateId).contains("conference@ims.example.org");
        assertThat(assembler.forIdentities(null, List.of(tel))).map(ImsSubscriptionDocument::privateId)
                .contains("+15550000");
        UserDataXml.assertValid(new CxUserDataWriter().write(doc.orElseThrow()));
    }
}
