package org.imshss.provisioning.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyringTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY_A = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] KEY_B = HEX.parseHex("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");
    private static final byte[] K = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static final String IMPI = "alice@ims.example.org";

    private final Keyring ringA = new Keyring(Map.of("a", KEY_A), "a");

    @Test
    void sealsUnderTheActiveKeyWithAFreshNonceAndOpensItBack() {
        SealedSecret sealed = ringA.seal(IMPI, Keyring.Field.K, K);
        assertThat(sealed.keyId()).isEqualTo("a");
        assertThat(sealed.nonce()).hasSize(12);
        // AES-GCM: as long as the value, plus the 16-octet tag; nothing of the value shows.
        assertThat(sealed.ciphertext()).hasSize(16 + 16);
        assertThat(HEX.formatHex(sealed.ciphertext())).doesNotContain(HEX.formatHex(K).substring(0, 8));
        assertThat(ringA.open(IMPI, Keyring.Field.K, sealed)).isEqualTo(K);
        assertThat(ringA.seal(IMPI, Keyring.Field.K, K).nonce()).isNotEqualTo(sealed.nonce());
        assertThat(ringA.current(sealed)).isTrue();
    }

    @Test
    void aValueUnderAKeyIdNotInTheRingFailsNamingTheIdNeverTheValue() {
        SealedSecret sealed = new Keyring(Map.of("old", KEY_B), "old").seal(IMPI, Keyring.Field.K, K);
        assertThatThrownBy(() -> ringA.open(IMPI, Keyring.Field.K, sealed))
                .isInstanceOf(Keyring.SecretUnavailableException.class)
                .hasMessageContaining("'old'").hasMessageContaining("not in the keyring").hasMessageContaining(IMPI)
                .hasMessageNotContaining(HEX.formatHex(K)).hasMessageNotContaining(HEX.formatHex(KEY_B));
    }

    @Test
    void anotherKeyUnderTheSameIdOrATamperedValueDoesNotOpen() {
        SealedSecret sealed = ringA.seal(IMPI, Keyring.Field.K, K);
        Keyring impostor = new Keyring(Map.of("a", KEY_B), "a");
        assertThatThrownBy(() -> impostor.open(IMPI, Keyring.Field.K, sealed))
                .isInstanceOf(Keyring.SecretUnavailableException.class).hasMessageContaining("does not open");
        byte[] bits = sealed.ciphertext();
        bits[3] ^= 0x01;
        SealedSecret tampered = new SealedSecret("a", sealed.nonce(), bits);
        assertThatThrownBy(() -> ringA.open(IMPI, Keyring.Field.K, tampered))
                .isInstanceOf(Keyring.SecretUnavailableException.class).hasMessageContaining("altered");
        byte[] nonce = sealed.nonce();
        nonce[0] ^= 0x01;
        assertThatThrownBy(() -> ringA.open(IMPI, Keyring.Field.K, new SealedSecret("a", nonce, sealed.ciphertext())))
                .isInstanceOf(Keyring.SecretUnavailableException.class);
    }

    @Test
    void theAssociatedDataBindsIdentityFieldAndKeyId() {
        SealedSecret sealed = ringA.seal(IMPI, Keyring.Field.K, K);
        assertThatThrownBy(() -> ringA.open("bob@ims.example.org", Keyring.Field.K, sealed))
                .isInstanceOf(Keyring.SecretUnavailableException.class);
        assertThatThrownBy(() -> ringA.open(IMPI, Keyring.Field.OPC, sealed))
                .isInstanceOf(Keyring.SecretUnavailableException.class);
        // The same key under another id: the relabelled value does not open either.
        Keyring twoIds = new Keyring(Map.of("a", KEY_A, "b", KEY_A), "b");
        SealedSecret relabelled = new SealedSecret("b", sealed.nonce(), sealed.ciphertext());
        assertThatThrownBy(() -> twoIds.open(IMPI, Keyring.Field.K, relabelled))
                .isInstanceOf(Keyring.SecretUnavailableException.class);
        assertThat(twoIds.open(IMPI, Keyring.Field.K, sealed)).isEqualTo(K);
    }

    @Test
    void resealMovesAValueToTheActiveKeyAndLeavesACurrentOneAlone() {
        SealedSecret underA = ringA.seal(IMPI, Keyring.Field.HA1, "0123456789abcdef0123456789abcdef");
        Keyring rotated = new Keyring(Map.of("a", KEY_A, "b", KEY_B), "b");
        assertThat(rotated.current(underA)).isFalse();
        SealedSecret underB = rotated.reseal(IMPI, Keyring.Field.HA1, underA);
        assertThat(underB.keyId()).isEqualTo("b");
        assertThat(rotated.reseal(IMPI, Keyring.Field.HA1, underB)).isSameAs(underB);
        Keyring onlyB = new Keyring(Map.of("b", KEY_B), "b");
        assertThat(onlyB.openText(IMPI, Keyring.Field.HA1, underB)).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThatThrownBy(() -> onlyB.open(IMPI, Keyring.Field.HA1, underA))
                .isInstanceOf(Keyring.SecretUnavailableException.class);
    }

    @Test
    void withoutKeysValuesAreKeptClearAndARotationSealsThem() {
        SealedSecret clear = Keyring.NONE.seal(IMPI, Keyring.Field.K, K);
        assertThat(clear.clear()).isTrue();
        assertThat(Keyring.NONE.sealing()).isFalse();
        assertThat(Keyring.NONE.open(IMPI, Keyring.Field.K, clear)).isEqualTo(K);
        SealedSecret sealed = ringA.reseal(IMPI, Keyring.Field.K, clear);
        assertThat(sealed.keyId()).isEqualTo("a");
        assertThat(ringA.open(IMPI, Keyring.Field.K, sealed)).isEqualTo(K);
        assertThatThrownBy(() -> new AuthProfile(Set.of("Digest-MD5"), "Digest-MD5", null, null, null, null, true,
                Keyring.NONE.seal(IMPI, Keyring.Field.PASSWORD, "pw"))).hasMessageContaining("never kept unencrypted");
    }

    @Test
    void passwordsSealedBeforeKeyIdsStillOpenUnderTheLegacyPasswordKey() throws Exception {
        // As the former password sealer wrote them: no key id, the private identity alone as associated data.
        byte[] nonce = new byte[12];
        nonce[11] = 1;
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY_A, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(IMPI.getBytes(StandardCharsets.UTF_8));
        SealedSecret legacy = new SealedSecret(null, nonce, cipher.doFinal("pw".getBytes(StandardCharsets.UTF_8)));
        Keyring ring = new Keyring(Map.of(Keyring.LEGACY_PASSWORD_KEY_ID, KEY_A, "b", KEY_B), "b");
        assertThat(ring.openText(IMPI, Keyring.Field.PASSWORD, legacy)).isEqualTo("pw");
        assertThat(ring.reseal(IMPI, Keyring.Field.PASSWORD, legacy).keyId()).isEqualTo("b");
        assertThatThrownBy(() -> ring.open(IMPI, Keyring.Field.K, legacy))
                .isInstanceOf(Keyring.SecretUnavailableException.class);
    }

    @Test
    void keysAreCheckedAndNeverShown() {
        assertThatThrownBy(() -> new Keyring(Map.of("a", new byte[16]), "a")).hasMessageNotContaining("000");
        assertThatThrownBy(() -> new Keyring(Map.of("a", KEY_A), "b")).hasMessageContaining("active key");
        assertThatThrownBy(() -> new Keyring(Map.of("a:b", KEY_A), "a:b")).hasMessageContaining("key ids");
        SealedSecret sealed = ringA.seal(IMPI, Keyring.Field.K, K);
        assertThat(ringA + " " + sealed).doesNotContain("000102").doesNotContain(HEX.formatHex(K));
    }
}
