package org.imshss.hss.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.imshss.provisioning.seed.SeedLoader;
import org.junit.jupiter.api.Test;

class AuthSchemesTest {

    @Test
    void exactSpellings() {
        assertThat(AuthSchemes.ALL).containsExactly("Digest-AKAv1-MD5", "Digest-AKAv2-MD5", "SIP Digest",
                "HTTP_DIGEST_MD5", "Digest-MD5", "NASS-Bundled", "Early-IMS-Security", "Unknown");
    }

    /** The seed loader keeps its own list (provisioning-api cannot see this class): both must name the same schemes. */
    @Test
    void theSeedLoadersSchemesAreTheseLessUnknown() {
        assertThat(SeedLoader.KNOWN_SCHEMES).containsExactlyInAnyOrderElementsOf(
                AuthSchemes.ALL.stream().filter(s -> !s.equals(AuthSchemes.UNKNOWN)).toList());
    }

    @Test
    void canonicalIsCaseInsensitive() {
        assertThat(AuthSchemes.canonical("digest-akav1-md5")).hasValue("Digest-AKAv1-MD5");
        assertThat(AuthSchemes.canonical("SIP DIGEST")).hasValue("SIP Digest");
        assertThat(AuthSchemes.canonical(" unknown ")).hasValue("Unknown");
        assertThat(AuthSchemes.canonical("http_digest_md5")).hasValue("HTTP_DIGEST_MD5");
        for (String scheme : AuthSchemes.ALL) {
            assertThat(AuthSchemes.canonical(scheme)).hasValue(scheme);
        }
    }

    @Test
    void unknownNamesAreEmpty() {
        assertThat(AuthSchemes.canonical(null)).isEmpty();
        assertThat(AuthSchemes.canonical("")).isEmpty();
        assertThat(AuthSchemes.canonical("SIP-Digest")).isEmpty();
        assertThat(AuthSchemes.canonical("Digest-AKAv3-MD5")).isEmpty();
    }

    @Test
    void akaSchemes() {
        assertThat(AuthSchemes.isAka("Digest-AKAv1-MD5")).isTrue();
        assertThat(AuthSchemes.isAka("digest-akav2-md5")).isTrue();
        assertThat(AuthSchemes.isAka("SIP Digest")).isFalse();
        assertThat(AuthSchemes.isAka(null)).isFalse();
    }
}
