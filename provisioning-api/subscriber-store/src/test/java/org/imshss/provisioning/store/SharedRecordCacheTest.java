package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.imshss.provisioning.model.ServiceProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node keeps decoded, through the store's reads on a real grid node: a subscriber's record and registration
 * from their second read on, a shared record from its first, and a record no more once changed.
 */
class SharedRecordCacheTest {

    @TempDir
    static Path work;

    private static GridNode node;
    private static IgniteSubscriberStore store;

    @BeforeAll
    static void start() {
        node = GridNode.start(TestGrid.settings("decoded-test", TestGrid.freePort(), TestGrid.freePort(), work));
        store = new IgniteSubscriberStore(node.ignite());
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        node.close();
    }

    @Test
    void aSubscribersRecordIsKeptOnItsSecondRead() {
        String impu = "sip:second-read@ims.example.org";
        store.putPublicIdentity(Samples.publicIdentity(impu, "second-read", "second-read@ims.example.org"));
        SharedRecordCache<?> decoded = store.caches().decodedPublicIds;

        assertThat(store.publicIdentity(impu)).isPresent();
        assertThat(decoded.holds(impu)).as("after one read").isFalse();
        assertThat(store.publicIdentity(impu)).isPresent();
        assertThat(decoded.holds(impu)).as("after two").isTrue();

        store.putPublicIdentity(Samples.publicIdentity(impu, "second-read-2", "second-read@ims.example.org"));
        assertThat(decoded.holds(impu)).as("after a change").isFalse();
        assertThat(store.publicIdentity(impu).orElseThrow().subscriptionId()).isEqualTo("second-read-2");
        assertThat(decoded.held(impu)).as("read again: seen lately, so kept at once").isNotNull();
    }

    /** The same for a registration's copy on its primary (PrimaryCopies): this node alone is every key's primary. */
    @Test
    void aRegistrationIsCopiedOnItsSecondRead() {
        String subscription = "copied-on-second-read";
        store.updateRegistration(subscription, new TestUpdates.AssignIfFree("sip:scscf.ims.example.org"));
        assertThat(store.registration(subscription).scscfName()).isEqualTo("sip:scscf.ims.example.org");
        assertThat(store.caches().decodedRegistrations.holds(subscription)).as("after one read").isFalse();
        store.registration(subscription);
        assertThat(store.caches().decodedRegistrations.holds(subscription)).as("after two").isTrue();
    }

    @Test
    void aSharedRecordIsKeptOnItsFirstRead() {
        store.putServiceProfile(new ServiceProfile("first-read", List.of(), List.of(), 7));
        assertThat(store.serviceProfile("first-read")).isPresent();
        assertThat(store.caches().decodedProfiles.holds("first-read")).isTrue();
    }
}
