package org.imshss.hss.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestHa1Test {

    private static final String NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

    @Test
    void rfc2617Section35Example() {
        String ha1 = DigestHa1.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertThat(DigestHa1.response(ha1, NONCE, "00000001", "0a4f113b", "GET", "/dir/index.html"))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void imsWorkedExample() {
        String ha1 = DigestHa1.ha1("alice@ims.example.com", "ims.example.com", "secret");
        assertThat(ha1).isEqualTo("c2f774ef59736ab117a74fec34a5a99f");
        assertThat(DigestHa1.ha2("REGISTER", "sip:ims.example.com")).isEqualTo("466713cdd98c4291d4994f98c5f62e7c");
        assertThat(DigestHa1.response(ha1, NONCE, "00000001", "0a4f113b", "REGISTER", "sip:ims.example.com"))
                .isEqualTo("20704410bc51f5f202cf3a636bffa45a");
    }

    @Test
    void hashesUtf8() {
        // MD5 over the UTF-8 octets c3 bc for "ü"; the ISO-8859-1 octet fc would give 211b76ae2332027d57819e280f254040.
        assertThat(DigestHa1.ha1("\u00fc", "r", "p")).isEqualTo("3c6f7781535be9ab7bf5bf01f10040ba");
    }
}
