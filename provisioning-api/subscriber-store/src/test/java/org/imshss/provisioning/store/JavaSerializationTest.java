package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import javax.management.BadAttributeValueExpException;
import org.example.outside.Tripwire;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationStatus;
import org.junit.jupiter.api.Test;

/**
 * What a node reads from another node's bytes: the project's updates and results come through; any other class is
 * refused before it is instantiated.
 */
class JavaSerializationTest {

    @Test
    void theProjectsUpdatesAndResultsRoundTrip() {
        RegistrationState state = RegistrationState.empty("alice")
                .withScscf("sip:scscf", "scscf.ims.example.org", "ims.example.org")
                .withSet("set-1", new RegistrationState.SetRegistration(RegistrationStatus.REGISTERED,
                        Set.of("alice@ims.example.org")))
                .withAuthPending("alice@ims.example.org",
                        new RegistrationState.AuthPending("sip:alice@ims.example.org", "sip:scscf", 42))
                .withRestorationInfo("alice@ims.example.org", new byte[] {1, 2, 3});
        assertThat(roundTrip(new TestUpdates.AssignIfFree("sip:scscf"))).isEqualTo(
                new TestUpdates.AssignIfFree("sip:scscf"));
        assertThat(roundTrip(new RegistrationUpdate.Outcome<>(state, "sip:scscf")).next().sets())
                .isEqualTo(state.sets());
        assertThat(roundTrip(new IgniteShDataStore.DropExpired(7))).isEqualTo(new IgniteShDataStore.DropExpired(7));
        assertThat((long[]) roundTrip(new long[] {1, 2})).containsExactly(1, 2);
        assertThat(roundTrip(new ArrayList<>(List.of(Map.of("k", Instant.ofEpochSecond(5)))))).isEqualTo(
                List.of(Map.of("k", Instant.ofEpochSecond(5))));
    }

    @Test
    void aSerializableLambdaCapturingRecordsAndCollectionsRoundTrips() {
        List<String> captured = List.of("sip:scscf");
        RegistrationUpdate<String> update = current -> new RegistrationUpdate.Outcome<>(
                current.withScscf(captured.get(0), "host", "realm"), captured.get(0));
        RegistrationUpdate<?> read = (RegistrationUpdate<?>) JavaSerialization.fromBytes(
                JavaSerialization.toBytes(update));
        assertThat(read.apply(RegistrationState.empty("bob")).next().scscfName()).isEqualTo("sip:scscf");
    }

    @Test
    void aClassOutsideTheProjectIsRefusedBeforeItIsInstantiated() {
        int before = Tripwire.READ.get();
        assertRefused(new Tripwire());
        // Inside an admitted container, too.
        assertRefused(new ArrayList<>(List.of(new Tripwire())));
        assertThat(Tripwire.READ.get()).isEqualTo(before);
    }

    @Test
    void knownGadgetTriggersAreRefused() throws Exception {
        PriorityQueue<String> queue = new PriorityQueue<>(Collections.reverseOrder());
        queue.add("a");
        assertRefused(queue);
        assertRefused(new URL("http://example.org/"));
        assertRefused(new BadAttributeValueExpException("x"));
    }

    @Test
    void aStreamNestedDeeperThanTheLimitIsRefused() {
        List<Object> nested = new ArrayList<>();
        List<Object> innermost = nested;
        for (int i = 0; i < 100; i++) {
            List<Object> next = new ArrayList<>();
            innermost.add(next);
            innermost = next;
        }
        assertRefused((Serializable) nested);
    }

    private static void assertRefused(Serializable value) {
        byte[] bytes = JavaSerialization.toBytes(value);
        assertThatThrownBy(() -> JavaSerialization.fromBytes(bytes))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        return (T) JavaSerialization.fromBytes(JavaSerialization.toBytes(value));
    }
}
