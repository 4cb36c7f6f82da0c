package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.imshss.provisioning.model.RegistrationState.AuthPending;
import org.imshss.provisioning.model.RegistrationState.SetRegistration;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationStatus;
import org.junit.jupiter.api.Test;

class RegistrationStateCodecTest {

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        RegistrationState state = new RegistrationState("sub-ü", "sip:scscf1.ims.example.org:6060",
                "scscf1.ims.example.org", "ims.example.org",
                Map.of("sub/0", new SetRegistration(RegistrationStatus.REGISTERED, Set.of("a@x", "b@x")),
                        "sub/1", new SetRegistration(RegistrationStatus.UNREGISTERED, Set.of())),
                Map.of("c@x", new AuthPending("sip:c@x", "sip:scscf2", 1_700_000_000_123L)),
                true, Map.of("a@x", new byte[] {1, 2, 3}));
        RegistrationState back = RegistrationStateCodec.decode(RegistrationStateCodec.encode(state));
        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        assertThat(back.restorationInfo().get("a@x")).containsExactly(1, 2, 3);
    }

    @Test
    void nullsAndEmptyStateRoundTrip() {
        RegistrationState empty = RegistrationState.empty("s");
        assertThat(RegistrationStateCodec.decode(RegistrationStateCodec.encode(empty))).isEqualTo(empty);
        assertThat(RegistrationStateCodec.decode(null)).isNull();
    }

    @Test
    void anUnknownFormatIsRefusedNotMisread() {
        byte[] bytes = RegistrationStateCodec.encode(RegistrationState.empty("s"));
        bytes[0] = 9;
        assertThatThrownBy(() -> RegistrationStateCodec.decode(bytes)).hasMessageContaining("format 9");
    }
}
