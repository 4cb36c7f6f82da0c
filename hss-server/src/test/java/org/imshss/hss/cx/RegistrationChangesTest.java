package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationStatus;
import org.junit.jupiter.api.Test;

/** The registration changes are pure functions of the stored state; here they are checked without a grid. */
class RegistrationChangesTest {

    private static final String S1 = "sip:scscf1.ims.example.org";
    private static final String S2 = "sip:scscf2.ims.example.org";

    private static RegistrationState apply(RegistrationState state,
            org.imshss.provisioning.store.RegistrationUpdate<?> update) {
        return update.apply(state).next();
    }

    @Test
    void anExpiredPendingAuthenticationDoesNotHoldTheSubscription() {
        RegistrationState pending = apply(RegistrationState.empty("s"),
                new RegistrationChanges.Challenge("a", "sip:a@x", "s/0", S1, "scscf1", "x", 1_000, true));
        // Pending since t=1000: with "not before" 999 it holds, with 1001 it has expired.
        var refused = new RegistrationChanges.Register("s/0", "a", S2, "scscf2", "x", null, 999).apply(pending);
        assertThat(refused.result().accepted()).isFalse();
        assertThat(refused.next()).isSameAs(pending);
        var accepted = new RegistrationChanges.Register("s/0", "a", S2, "scscf2", "x", null, 1_001).apply(pending);
        assertThat(accepted.result().accepted()).isTrue();
        assertThat(accepted.next().scscfName()).isEqualTo(S2);
        assertThat(accepted.next().authPending()).isEmpty();
    }

    /** TS 29.228 8.1, 8.1.1: a MAR from another S-CSCF takes the user over and names the one it replaced. */
    @Test
    void aChallengeFromAnotherServerNamesTheServerItReplaces() {
        RegistrationState registered = apply(RegistrationState.empty("s"),
                new RegistrationChanges.Register("s/0", "a", S1, "scscf1", "x", null, 0));
        var moved = new RegistrationChanges.Challenge("a", "sip:a@x", "s/0", S2, "scscf2", "y", 1_000, true)
                .apply(registered);
        assertThat(moved.next().scscfName()).isEqualTo(S2);
        assertThat(moved.next().scscfDiameterHost()).isEqualTo("scscf2");
        assertThat(moved.result().any()).isTrue();
        assertThat(moved.result().diameterHost()).isEqualTo("scscf1");
        assertThat(moved.result().diameterRealm()).isEqualTo("x");
        assertThat(moved.result().sets()).containsExactly(java.util.Map.entry("s/0", Set.of("a")));
        assertThat(moved.result().movedSetId()).isEqualTo("s/0");
    }

    @Test
    void aChallengeReplacesNoServerThatServesNothingOrIsTheRequester() {
        RegistrationState registered = apply(RegistrationState.empty("s"),
                new RegistrationChanges.Register("s/0", "a", S1, "scscf1", "x", null, 0));
        // The same S-CSCF, by name or (under another name) by Diameter identity: nothing to cancel.
        assertThat(new RegistrationChanges.Challenge("a", "sip:a@x", "s/0", S1.toUpperCase(), "scscf1", "x", 1, true)
                .apply(registered).result().any()).isFalse();
        var renamed = new RegistrationChanges.Challenge("a", "sip:a@x", "s/0", S2, "SCSCF1", "x", 1, true)
                .apply(registered);
        assertThat(renamed.result().any()).isFalse();
        assertThat(renamed.next().scscfName()).isEqualTo(S2);
        // Only an authentication pending at the old one: no registration there to end.
        RegistrationState pending = apply(RegistrationState.empty("s"),
                new RegistrationChanges.Challenge("a", "sip:a@x", "s/0", S1, "scscf1", "x", 1_000, true));
        assertThat(new RegistrationChanges.Challenge("a", "sip:a@x", "s/0", S2, "scscf2", "x", 2_000, true)
                .apply(pending).result().any()).isFalse();
    }

    @Test
    void aReRegistrationThatChangesNothingWritesNothing() {
        RegistrationState registered = apply(RegistrationState.empty("s"),
                new RegistrationChanges.Register("s/0", "a", S1, "scscf1", "x", null, 0));
        var again = new RegistrationChanges.Register("s/0", "a", S1, "scscf1", "x", null, 0).apply(registered);
        assertThat(again.next()).isSameAs(registered);
        assertThat(again.result().accepted()).isTrue();
        // Another IMPI, or restoration data, is a change.
        assertThat(new RegistrationChanges.Register("s/0", "b", S1, "scscf1", "x", null, 0).apply(registered).next())
                .isNotSameAs(registered);
        assertThat(new RegistrationChanges.Register("s/0", "a", S1, "scscf1", "x", new byte[] {1}, 0)
                .apply(registered).next()).isNotSameAs(registered);
    }

    @Test
    void serverNamesCompareWithoutCase() {
        RegistrationState registered = apply(RegistrationState.empty("s"),
                new RegistrationChanges.Register("s/0", "a", S1, "scscf1", "x", null, 0));
        var again = new RegistrationChanges.Register("s/0", "b", S1.toUpperCase(), "scscf1", "x", null, 0)
                .apply(registered);
        assertThat(again.result().accepted()).isTrue();
        assertThat(again.result().registeredImpis()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void deregisteringTheLastSetForgetsEverything() {
        RegistrationState registered = apply(RegistrationState.empty("s"),
                new RegistrationChanges.Register("s/0", "a", S1, "scscf1", "x", new byte[] {1}, 0));
        RegistrationState gone = apply(registered, new RegistrationChanges.Deregister(List.of("s/0"), "a", false, S1));
        assertThat(gone.isEmpty()).isTrue();
        RegistrationState kept = apply(registered, new RegistrationChanges.Deregister(List.of("s/0"), "a", true, S1));
        assertThat(kept.status("s/0")).isEqualTo(RegistrationStatus.UNREGISTERED);
        assertThat(kept.scscfName()).isEqualTo(S1);
        assertThat(kept.set("s/0").impis()).isEqualTo(Set.of());
    }

    @Test
    void terminationReportsTheStateBefore() {
        RegistrationState registered = apply(RegistrationState.empty("s"),
                new RegistrationChanges.Register("s/0", "a", S1, "scscf1", "x", null, 0));
        var outcome = new RegistrationChanges.Terminate(List.of("s/0")).apply(registered);
        assertThat(outcome.result()).isSameAs(registered);
        assertThat(outcome.next().isEmpty()).isTrue();
    }
}
