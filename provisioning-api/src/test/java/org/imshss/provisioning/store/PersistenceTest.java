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

    /** Written without the log during the load, on disk once it ends: a restart finds every subscriber. */
    @Test
    void anInitialLoadWritesWithoutTheLogAndLeavesEverythingOnDisk() {
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite())) {
            try (InitialLoad load = store.initialLoad()) {
                for (String cache : CacheNames.INITIAL_LOAD) {
                    assertThat(node.ignite().cluster().isWalEnabled(cache)).as(cache).isFalse();
                }
                assertThat(node.ignite().cluster().isWalEnabled(CacheNames.AUDIT)).isTrue();
                assertThat(node.ignite().cluster().isWalEnabled(CacheNames.REGISTRATIONS)).isTrue();
                // A second load overlapping the first leaves the log to the first to turn back on.
                store.initialLoad().close();
                assertThat(node.ignite().cluster().isWalEnabled(CacheNames.SUBSCRIPTIONS)).isFalse();
                store.putSubscription(Samples.subscription("loaded"));
                store.putPublicIdentity(Samples.publicIdentity("sip:loaded@ims.example.org", "loaded",
                        "loaded@ims.example.org"));
            }
            for (String cache : CacheNames.INITIAL_LOAD) {
                assertThat(node.ignite().cluster().isWalEnabled(cache)).as(cache).isTrue();
            }
        }
        try (GridNode node = GridNode.start(settings());
             IgniteSubscriberStore store = new IgniteSubscriberStore(node.ignite())) {
            assertThat(store.subscription("loaded")).contains(Samples.subscription("loaded"));
            assertThat(store.publicIdentity("sip:loaded@ims.example.org")).isPresent();
        }
    }

    /** A node stopped during an initial load comes back with the log on, so later writes are not as fragile. */
    @Test
    void aLogLeftOffByAnUnfinishedLoadIsTurnedBackOnAtStart() {
        try (GridNode node = GridNode.start(settings())) {
            node.ignite().cluster().disableWal(CacheNames.PUBLIC_IDS);
            assertThat(node.ignite().cluster().isWalEnabled(CacheNames.PUBLIC_IDS)).isFalse();
        }
        try (GridNode node = GridNode.start(settings())) {
            assertThat(node.ignite().cluster().isWalEnabled(CacheNames.PUBLIC_IDS)).isTrue();
        }
    }
}
