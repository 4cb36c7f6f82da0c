package org.imshss.slf.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MappingKeysTest {

    @Test
    void numbersAreTakenFromGlobalTelAndUserPhoneUrisOnly() {
        assertThat(MappingKeys.numberOf("tel:+1-555-0101")).isEqualTo("15550101");
        assertThat(MappingKeys.numberOf("TEL:+4930555001;npdi")).isEqualTo("4930555001");
        assertThat(MappingKeys.numberOf("sip:+4930555001@corp.example.com;user=phone")).isEqualTo("4930555001");
        assertThat(MappingKeys.numberOf("tel:5550101;phone-context=example.com")).isNull();
        assertThat(MappingKeys.numberOf("sip:alice@ims.example.org")).isNull();
        assertThat(MappingKeys.numberOf("alice@ims.example.org")).isNull();
        assertThat(MappingKeys.numberOf("tel:+1234567890123456")).as("longer than E.164").isNull();
    }

    @Test
    void domainsAreTheSipHostOrTheImpiRealm() {
        assertThat(MappingKeys.domainOf("sip:erin@corp.example.com")).isEqualTo("corp.example.com");
        assertThat(MappingKeys.domainOf("sip:erin@corp.example.com:5060")).isEqualTo("corp.example.com");
        assertThat(MappingKeys.domainOf("sip:conference.corp.example.com")).isEqualTo("conference.corp.example.com");
        assertThat(MappingKeys.domainOf("erin@corp.example.com")).isEqualTo("corp.example.com");
        assertThat(MappingKeys.domainOf("tel:+4930555001")).isNull();
        assertThat(MappingKeys.domainAndParents("a.corp.example.com"))
                .isEqualTo(List.of("a.corp.example.com", "corp.example.com", "example.com", "com"));
    }

    @Test
    void keysAreNormalisedAsTheHssNormalisesIdentities() {
        assertThat(Mapping.of(MappingKind.IDENTITY, " SIP:Alice@IMS.Example.org;transport=tcp ", "a").key())
                .isEqualTo("sip:Alice@ims.example.org");
        assertThat(Mapping.of(MappingKind.PREFIX, "tel:+49 30", "a").key()).isEqualTo("4930");
        assertThat(Mapping.of(MappingKind.DOMAIN, "*.Corp.Example.COM", "a").key()).isEqualTo("corp.example.com");
        assertThat(Mapping.range("+4930555000", "+4930555999", "a")).isEqualTo(
                new Mapping(MappingKind.RANGE, "4930555000", "4930555999", "a"));
        assertThat(Mapping.globalDefault("a").key()).isEqualTo(Mapping.DEFAULT_KEY);
    }

    @Test
    void badKeysNameTheirField() {
        assertThatThrownBy(() -> Mapping.of(MappingKind.PREFIX, "+49x", "a"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.field()).isEqualTo("key"));
        assertThatThrownBy(() -> Mapping.range("+4930", "+493", "a"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> Mapping.range("+4939", "+4930", "a"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> Mapping.of(MappingKind.PATTERN, "sip:chat@ims.example.org", "a"))
                .hasMessageContaining("!regex!");
        assertThatThrownBy(() -> Mapping.of(MappingKind.PATTERN, "sip:chat-![!@ims.example.org", "a"))
                .hasMessageContaining("not a valid wildcard");
        assertThatThrownBy(() -> Mapping.of(MappingKind.IDENTITY, "sip:chat-!.*!@ims.example.org", "a"))
                .hasMessageContaining("map it as a pattern");
        assertThatThrownBy(() -> Mapping.of(MappingKind.DOMAIN, "corp example", "a"))
                .isInstanceOf(InvalidMappingException.class);
        assertThatThrownBy(() -> Mapping.of(MappingKind.IDENTITY, "sip:a@b", " "))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.field()).isEqualTo("target"));
        assertThatThrownBy(() -> new HssTarget("hss", "ims.example.org", List.of()))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.field()).isEqualTo("hosts"));
        assertThatThrownBy(() -> new HssHost("hss1.example.org", 70000, null))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.field()).isEqualTo("port"));
    }

    @Test
    void aRedirectHostIsTheDiameterUriOfTheNode() {
        assertThat(new HssHost("HSS1.corp.example.com", 3868, null).redirectUri())
                .isEqualTo("aaa://hss1.corp.example.com:3868;transport=tcp");
    }
}
