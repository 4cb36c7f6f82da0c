package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The view of subscribed identities may answer "maybe" wrongly, never "no" wrongly. */
class SubscribedIdentitiesTest {

    private final SubscribedIdentities view = new SubscribedIdentities();

    @Test
    void nothingConcernsAnyoneWithoutSubscriptions() {
        assertThat(view.isEmpty()).isTrue();
        assertThat(view.mayConcern("alice", List.of("sip:alice@ims.example.org"))).isFalse();
    }

    @Test
    void anUnresolvedIdentityConcernsEverySubscription() {
        view.add("sip:alice@ims.example.org");
        assertThat(view.mayConcern("bob", List.of("sip:bob@ims.example.org"))).isTrue();
        view.resolve("sip:alice@ims.example.org", "alice");
        assertThat(view.mayConcern("bob", List.of("sip:bob@ims.example.org"))).isFalse();
        assertThat(view.mayConcern("alice", List.of())).isTrue();
    }

    @Test
    void touchedIdentitiesAreComparedNormalised() {
        view.add("sip:alice@ims.example.org");
        view.resolve("sip:alice@ims.example.org", "alice");
        assertThat(view.mayConcern("bob", List.of(" sip:alice@IMS.example.org"))).isTrue();
    }

    @Test
    void anIdentityMovedToAnotherSubscriptionConcernsTheNewOne() {
        view.add("sip:alice@ims.example.org");
        view.resolve("sip:alice@ims.example.org", "alice");
        view.resolve("sip:alice@ims.example.org", "carol");
        assertThat(view.mayConcern("carol", List.of())).isTrue();
        assertThat(view.mayConcern("alice", List.of())).isFalse();
        // A late answer of the first look-up does not undo the move.
        view.resolveIfUnresolved("sip:alice@ims.example.org", "alice");
        assertThat(view.mayConcern("alice", List.of())).isFalse();
    }

    @Test
    void anIdentityWithoutSubscriptionsLeavesTheView() {
        view.add("sip:alice@ims.example.org");
        view.resolve("sip:alice@ims.example.org", "alice");
        view.remove("sip:alice@ims.example.org");
        assertThat(view.isEmpty()).isTrue();
        assertThat(view.mayConcern("alice", List.of("sip:alice@ims.example.org"))).isFalse();
    }
}
