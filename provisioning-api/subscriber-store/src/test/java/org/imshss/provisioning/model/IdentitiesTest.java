package org.imshss.provisioning.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentitiesTest {

    /** RFC 3261 19.1.4 (scheme and host case-insensitive, user part not), RFC 3966 5.1.1 (visual separators). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip:alice@ims.example.org | sip:alice@ims.example.org",
        "SIP:Alice@IMS.Example.ORG | sip:Alice@ims.example.org",
        "sip:alice@ims.example.org;user=phone | sip:alice@ims.example.org",
        "sip:alice@ims.example.org?subject=x | sip:alice@ims.example.org",
        "'  sip:alice@ims.example.org  ' | sip:alice@ims.example.org",
        "sips:Bob@Example.org | sips:Bob@example.org",
        "sip:ims.example.org | sip:ims.example.org",
        "sip:IMS.example.org | sip:ims.example.org",
        "sip:a;b@x.org | sip:a;b@x.org",
        "sip:a@b@X.org | sip:a@b@x.org",
        "tel:+1-212-555-0100 | tel:+12125550100",
        "tel:+1 (212) 555.0100;phone-context=x | tel:+12125550100",
        "tel:+4930123 | tel:+4930123",
        "TEL:+4930123 | tel:+4930123",
        "alice@ims.example.org | alice@ims.example.org",
        "' alice@ims.example.org' | alice@ims.example.org",
        "sip: | sip:",
        "sip:alice@ | sip:alice@",
        "sip:alice@höst.example | sip:alice@höst.example",
        "sip:alice@HÖST.example | sip:alice@höst.example",
    })
    void normalisesToKeyForm(String identity, String key) {
        assertThat(Identities.normalise(identity)).isEqualTo(key);
        assertThat(Identities.normalise(key)).as("a key is its own key").isEqualTo(key);
    }

    @Test
    void returnsAnIdentityAlreadyInKeyFormAsItIs() {
        String key = new String("sip:carol@ims.example.org");
        assertThat(Identities.normalise(key)).isSameAs(key);
        assertThat(Identities.normalise((String) null)).isNull();
    }
}
