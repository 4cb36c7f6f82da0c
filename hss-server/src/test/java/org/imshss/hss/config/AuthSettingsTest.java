package org.imshss.hss.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authentication settings: IND length and the password key, which no message may quote. */
class AuthSettingsTest {

    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void defaultsAreAFiveBitIndAndNoKey() {
        HssSettings settings = HssConfiguration.load(null, Map.of());
        assertThat(settings.cx().sqnIndBits()).isEqualTo(5);
        assertThat(settings.auth().passwordKey()).isNull();
        assertThat(settings.auth().sealer()).isNull();
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
        assertThat(settings.auth().sealer()).isNotNull();
        assertThat(settings.toString()).doesNotContain("00112233").doesNotContain("0, 17, 34");
        String shortKey = KEY.substring(2);
        assertThatThrownBy(() -> HssConfiguration.load(null, Map.of("HSS_AUTH_PASSWORD_KEY", shortKey)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("auth.password-key: ")
                .hasMessageNotContaining("112233");
    }
}
