package org.imshss.provisioning.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.PdnType;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.imshss.provisioning.store.TestGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo seed, loaded into a store (moved from IgniteSubscriberStoreTest with the seed loader). */
class DemoSeedTest {

    @TempDir
    static Path work;

    private static GridNode node;
    private static IgniteSubscriberStore store;

    @BeforeAll
    static void start() {
        node = GridNode.start(TestGrid.settings("demo-seed-test", TestGrid.freePort(), TestGrid.freePort(), work));
        store = new IgniteSubscriberStore(node.ignite());
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void loadsTheDemoSeed() {
        store.load(new SeedLoader().demo());

        assertThat(store.publicIdentity("sip:alice@ims.example.org")).isPresent();
        assertThat(store.publicIdentity("tel:+1-555-0101")).map(PublicIdentity::implicitSetId)
                .isEqualTo(store.publicIdentity("sip:alice@ims.example.org").map(PublicIdentity::implicitSetId));
        assertThat(store.privateIdentity("carol@ims.example.org").orElseThrow().auth().defaultScheme())
                .isEqualTo("Digest-AKAv1-MD5");
        assertThat(store.subscription("bob")).isPresent();
        assertThat(store.publicIdentity("sip:conference@ims.example.org")).isPresent();
        assertThat(store.wildcardMatch("sip:chat-lobby@ims.example.org"))
                .map(PublicIdentity::identity).contains("sip:chat-!.*!@ims.example.org");
        assertThat(store.scscfServers()).extracting(ScscfServer::name).contains("sip:scscf.ims.example.org:6060");
        assertThat(store.initialFilterCriteria("orig-invite-as")).isPresent();

        // Alice's USIM and the APN profiles it refers to, as the EPS side reads them.
        Usim usim = store.eps().usim("001010000000001").orElseThrow();
        assertThat(usim.subscriptionId()).isEqualTo("alice");
        EpsSubscription eps = usim.eps();
        assertThat(eps.msisdn()).isEqualTo("15550101");
        assertThat(eps.ueAmbr()).isEqualTo(new Ambr(50_000_000, 100_000_000));
        assertThat(eps.allowedVisitedPlmns()).containsExactly("00101");
        assertThat(eps.apns()).extracting(ApnConfiguration::apnProfile, ApnConfiguration::contextIdentifier)
                .containsExactly(tuple("internet", 1), tuple("ims", 2));
        assertThat(eps.defaultContextIdentifier()).isEqualTo(1);
        // Her Wi-Fi access: ims (2) and internet (1), internet the default as over LTE.
        assertThat(usim.non3gpp()).isEqualTo(new Non3gppSubscription(true, true, List.of(2, 1), 1, true, true,
                List.of()));
        ApnProfile internet = store.eps().apnProfile("internet").orElseThrow();
        assertThat(internet.pdnType()).isEqualTo(PdnType.IPv4);
        assertThat(internet.qci()).isEqualTo(9);
        assertThat(internet.priorityLevel()).isEqualTo(8);
        ApnProfile ims = store.eps().apnProfile("ims").orElseThrow();
        assertThat(ims.pdnType()).isEqualTo(PdnType.IPv4v6);
        assertThat(ims.qci()).isEqualTo(5);
        assertThat(ims.priorityLevel()).isEqualTo(1);
        assertThat(store.eps().usimsWithApnProfile("ims")).containsExactly("001010000000001");
        assertThat(store.privateIdentity("001010000000001@ims.mnc001.mcc001.3gppnetwork.org").orElseThrow()
                .auth().usim()).isEqualTo("001010000000001");
    }
}
