package org.imshss.hss.swx;

import static org.assertj.core.api.Assertions.assertThat;

import org.imshss.provisioning.model.AaaRegistration;
import org.imshss.provisioning.store.RecordUpdate.Outcome;
import org.junit.jupiter.api.Test;

/** The atomic changes to a USIM's AAA server as the pure functions the grid runs (TS 29.273 8.1.2.1.2, 8.1.2.2). */
class AaaServerChangesTest {

    private static final String A = "aaa1.example.org";
    private static final String B = "aaa2.example.org";
    private static final AaaRegistration A_REGISTERED = new AaaRegistration(A, "example.org", true, 1);
    private static final AaaRegistration A_AUTHENTICATING = new AaaRegistration(A, "example.org", false, 1);

    @Test
    void authenticationStoresTheServerUnlessAnotherIsRegistered() {
        Outcome<AaaRegistration, AaaServerChanges.Claim> first =
                new AaaServerChanges.Authenticate(B, "example.org", false, 5).apply(null);
        assertThat(first.write()).isTrue();
        assertThat(first.next()).isEqualTo(new AaaRegistration(B, "example.org", false, 5));
        assertThat(first.result().granted()).isTrue();

        Outcome<AaaRegistration, AaaServerChanges.Claim> refused =
                new AaaServerChanges.Authenticate(B, "example.org", false, 5).apply(A_REGISTERED);
        assertThat(refused.write()).isFalse();
        assertThat(refused.result()).isEqualTo(new AaaServerChanges.Claim(false, A, "example.org"));

        Outcome<AaaRegistration, AaaServerChanges.Claim> takeover =
                new AaaServerChanges.Authenticate(B, "example.org", true, 5).apply(A_REGISTERED);
        assertThat(takeover.next()).isEqualTo(new AaaRegistration(B, "example.org", false, 5));

        assertThat(new AaaServerChanges.Authenticate(B, "example.org", false, 5).apply(A_AUTHENTICATING).next())
                .isEqualTo(new AaaRegistration(B, "example.org", false, 5));
        Outcome<AaaRegistration, AaaServerChanges.Claim> same =
                new AaaServerChanges.Authenticate("AAA1.example.org", "example.org", false, 5).apply(A_REGISTERED);
        assertThat(same.write()).isFalse();
        assertThat(same.result().granted()).isTrue();
    }

    @Test
    void registrationIsRefusedOnlyForAnotherRegisteredServer() {
        assertThat(new AaaServerChanges.Register(B, "example.org", 5).apply(A_REGISTERED).result())
                .isEqualTo(new AaaServerChanges.Claim(false, A, "example.org"));
        assertThat(new AaaServerChanges.Register(B, "example.org", 5).apply(A_AUTHENTICATING).next())
                .isEqualTo(new AaaRegistration(B, "example.org", true, 5));
        assertThat(new AaaServerChanges.Register(A, "example.org", 5).apply(A_AUTHENTICATING).next())
                .isEqualTo(new AaaRegistration(A, "example.org", true, 5));
        Outcome<AaaRegistration, AaaServerChanges.Claim> again =
                new AaaServerChanges.Register(A, "example.org", 5).apply(A_REGISTERED);
        assertThat(again.write()).isFalse();
        assertThat(again.result().granted()).isTrue();
    }

    @Test
    void deregistrationRemovesOnlyTheSendersAndRemovalNamesWhatItRemoved() {
        assertThat(new AaaServerChanges.Deregister(B).apply(A_REGISTERED).write()).isFalse();
        Outcome<AaaRegistration, AaaServerChanges.Claim> own = new AaaServerChanges.Deregister(A).apply(A_REGISTERED);
        assertThat(own.write()).isTrue();
        assertThat(own.next()).isNull();
        assertThat(new AaaServerChanges.Deregister(A).apply(null).write()).isFalse();

        Outcome<AaaRegistration, AaaServerChanges.Claim> removed = new AaaServerChanges.Remove().apply(A_REGISTERED);
        assertThat(removed.write()).isTrue();
        assertThat(removed.next()).isNull();
        assertThat(removed.result()).isEqualTo(new AaaServerChanges.Claim(true, A, "example.org"));
        assertThat(new AaaServerChanges.Remove().apply(null).result().granted()).isFalse();
    }
}
