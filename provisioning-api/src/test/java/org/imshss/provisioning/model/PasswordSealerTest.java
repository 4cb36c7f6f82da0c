package org.imshss.provisioning.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordSealerTest {

    private static final byte[] KEY =
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void opensWhatItSealedForTheSameIdentityOnly() {
        PasswordSealer sealer = new PasswordSealer(KEY);
        SealedPassword sealed = sealer.seal("m@r.example", "s3cret-pw");
        assertThat(sealer.open("m@r.example", sealed)).isEqualTo("s3cret-pw".getBytes(StandardCharsets.UTF_8));
        // 12-octet nonce; ciphertext = password + 16-octet GCM tag
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize("s3cret-pw".length() + 16);
        assertThatThrownBy(() -> sealer.open("other@r.example", sealed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cret");
        byte[] otherKey = KEY.clone();
        otherKey[31] ^= 1;
        assertThatThrownBy(() -> new PasswordSealer(otherKey).open("m@r.example", sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySealingUsesAFreshNonce() {
        PasswordSealer sealer = new PasswordSealer(KEY);
        assertThat(sealer.seal("m@r.example", "pw").nonce()).isNotEqualTo(sealer.seal("m@r.example", "pw").nonce());
    }

    @Test
    void neitherKeyNorPasswordIsShown() {
        PasswordSealer sealer = new PasswordSealer(KEY);
        SealedPassword sealed = sealer.seal("m@r.example", "s3cret-pw");
        assertThat(sealer.toString() + sealed).doesNotContain("000102").doesNotContain("s3cret");
        assertThatThrownBy(() -> new PasswordSealer(new byte[16])).hasMessageNotContaining("000");
    }
}
