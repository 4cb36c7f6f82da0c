package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.ignite.cluster.ClusterState;
import org.imshss.provisioning.model.PublicIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native persistence on one node: the first start activates the cluster, a restart brings the data back. */
class PersistenceTest {

    @TempDir
    Path work;

    private final int discoveryPort = TestGrid.freePort();
    private final int communicationPort = TestGrid.freePort();

    private GridSettings settings() {
        return TestGrid.settings("persist", discoveryPort, communicationPort, work).withPersistence(work);
    }

    @Test
    void dataSurvivesARestart() {
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite())) {
            assertThat(node.ignite().cluster().state()).isEqualTo(ClusterState.ACTIVE);
            store.putSubscription(Samples.subscription("kept"));
            store.putPublicIdentity(Samples.publicIdentity("sip:kept@ims.example.org", "kept", "kept@ims.example.org"));
            store.putPublicIdentity(Samples.wildcardPsi("sip:kept-!.*!@ims.example.org"));
            store.updateRegistration("kept", new TestUpdates.AssignIfFree("sip:scscf-kept"));
        }
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite())) {
            assertThat(node.ignite().cluster().state()).isEqualTo(ClusterState.ACTIVE);
            assertThat(store.subscription("kept")).contains(Samples.subscription("kept"));
            assertThat(store.publicIdentity("sip:kept@ims.example.org")).isPresent();
            assertThat(store.wildcardMatch("sip:kept-x@ims.example.org"))
                    .map(PublicIdentity::identity).contains("sip:kept-!.*!@ims.example.org");
            assertThat(store.registration("kept").scscfName()).isEqualTo("sip:scscf-kept");
        }
    }
}
