package org.imshss.hss.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.imshss.node.config.InvalidConfigurationException;
import org.imshss.provisioning.model.Keyring;
import org.junit.jupiter.api.Test;

/** The authentication settings: IND length and the key-encryption keys, which no message may quote. */
class AuthSettingsTest {

    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void defaultsAreAFiveBitIndAndNoKey() {
        HssSettings settings = HssConfiguration.load(null, Map.of());
        assertThat(settings.cx().sqnIndBits()).isEqualTo(5);
        assertThat(settings.auth().passwordKey()).isNull();
        assertThat(settings.auth().keyring().sealing()).isFalse();
        assertThat(settings.auth().keyring().keyIds()).isEmpty();
        assertThat(settings.auth().required()).isFalse();
    }

    @Test
    void indLengthIsZeroToTen() {
        assertThat(HssConfiguration.load(null, Map.of("HSS_CX_SQN_IND_BITS", "0")).cx().sqnIndBits()).isZero();
        assertThat(HssConfiguration.load(null, Map.of("HSS_CX_SQN_IND_BITS", "10")).cx().sqnIndBits()).isEqualTo(10);
        for (String bad : new String[] {"11", "-1", "five"}) {
            assertThatThrownBy(() -> HssConfiguration.load(null, Map.of("HSS_CX_SQN_IND_BITS", bad)))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageStartingWith("cx.sqn-ind-bits: ");
        }
    }

    @Test
    void theKeyIsThirtyTwoHexOctetsAndNeverShown() {
        HssSettings settings = HssConfiguration.load(null, Map.of("HSS_AUTH_PASSWORD_KEY", KEY));
        assertThat(settings.auth().passwordKey()).hasSize(32);
        // The deprecated key joins the ring under its own id and, alone, is the active key.
        assertThat(settings.auth().keyring().activeKeyId()).isEqualTo(Keyring.LEGACY_PASSWORD_KEY_ID);
        assertThat(settings.toString()).doesNotContain("00112233").doesNotContain("0, 17, 34");
        String shortKey = KEY.substring(2);
        assertThatThrownBy(() -> HssConfiguration.load(null, Map.of("HSS_AUTH_PASSWORD_KEY", shortKey)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("auth.password-key: ")
                .hasMessageNotContaining("112233");
    }

    private static final String OTHER = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    @Test
    void secretsKeysAreIdColonHexWithOneActive() {
        Keyring one = HssConfiguration.load(null, Map.of("HSS_SECRETS_KEYS", "k2025:" + KEY)).auth().keyring();
        assertThat(one.keyIds()).containsExactly("k2025");
        assertThat(one.activeKeyId()).isEqualTo("k2025");
        Keyring two = HssConfiguration.load(null, Map.of("HSS_SECRETS_KEYS", "old:" + KEY + ", new:" + OTHER,
                "HSS_SECRETS_ACTIVE_KEY", "new")).auth().keyring();
        assertThat(two.keyIds()).containsExactlyInAnyOrder("old", "new");
        assertThat(two.activeKeyId()).isEqualTo("new");
        // With the deprecated password key as well: both in the ring.
        Keyring both = HssConfiguration.load(null, Map.of("HSS_SECRETS_KEYS", "new:" + OTHER,
                "HSS_AUTH_PASSWORD_KEY", KEY, "HSS_SECRETS_ACTIVE_KEY", "new")).auth().keyring();
        assertThat(both.keyIds()).containsExactlyInAnyOrder("new", Keyring.LEGACY_PASSWORD_KEY_ID);
    }

    @Test
    void badKeyringSettingsStopStartUpNamingTheKeyNeverAValue() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("HSS_SECRETS_KEYS", "k1:" + KEY.substring(2)), "secrets.keys: ",
                Map.of("HSS_SECRETS_KEYS", KEY), "secrets.keys: ",
                Map.of("HSS_SECRETS_KEYS", "k 1:" + KEY), "secrets.keys: ",
                Map.of("HSS_SECRETS_KEYS", "k1:" + KEY + ",k1:" + OTHER), "secrets.keys: ",
                Map.of("HSS_SECRETS_KEYS", "a:" + KEY + ",b:" + OTHER), "secrets.active-key: ",
                Map.of("HSS_SECRETS_KEYS", "a:" + KEY, "HSS_SECRETS_ACTIVE_KEY", "b"), "secrets.active-key: ",
                Map.of("HSS_SECRETS_KEYS", "password-key:" + OTHER, "HSS_AUTH_PASSWORD_KEY", KEY), "secrets.keys: ",
                Map.of("HSS_SECRETS_REQUIRED", "maybe"), "secrets.required: ");
        bad.forEach((env, start) -> assertThatThrownBy(() -> HssConfiguration.load(null, env))
                .as(env.keySet().toString())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(start)
                .hasMessageNotContaining("2233445566").hasMessageNotContaining("ddccbbaa99"));
    }
}
