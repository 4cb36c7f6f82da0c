package org.imshss.provisioning.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ScscfServer;
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
    }
}
