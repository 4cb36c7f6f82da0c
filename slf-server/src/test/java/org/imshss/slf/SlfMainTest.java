package org.imshss.slf;

import static org.assertj.core.api.Assertions.assertThat;

import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.mapping.MappingKind;
import org.junit.jupiter.api.Test;

class SlfMainTest {

    @Test
    void theDemoMappingsSendTheDemoUsersToTheDemoHss() throws Exception {
        MappingFile.Content demo = SlfMain.demoMappings();
        assertThat(demo.targets()).singleElement().satisfies(target -> {
            assertThat(target.hosts()).singleElement().satisfies(host -> {
                assertThat(host.identity()).isEqualTo("hss.ims.example.org");
                assertThat(host.port()).isEqualTo(3868);
            });
        });
        assertThat(demo.mappings()).extracting(m -> m.kind() + " " + m.key())
                .containsExactly(MappingKind.DOMAIN + " ims.example.org", MappingKind.PREFIX + " 1555");
    }
}
