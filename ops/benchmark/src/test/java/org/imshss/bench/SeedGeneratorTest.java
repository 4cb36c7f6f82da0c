package org.imshss.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SeedGeneratorTest {

  @Test
  void everyUserHasDigestAndAkaCredentialsWithAKeyOfTheirOwn() throws Exception {
    StringWriter out = new StringWriter();
    SeedGenerator.write(out, 3, "ims.example.org", "sip:scscf.ims.example.org:6060");
    String seed = out.toString();

    assertThat(seed).contains("\"impi\": \"user2@ims.example.org\", \"password\": \"pw-2\"")
        .contains("\"k\": \"465b5ce8b199b49faa5f0a2e00000000\"")
        .contains("\"k\": \"465b5ce8b199b49faa5f0a2e00000002\"")
        .contains("\"op\": \"cdc202d5123e20f62b6d676ac72cb318\", \"amf\": \"8000\"")
        .contains("\"authSchemes\": [\"SIP Digest\", \"Digest-AKAv1-MD5\"], \"defaultScheme\": \"SIP Digest\"");
  }
}
