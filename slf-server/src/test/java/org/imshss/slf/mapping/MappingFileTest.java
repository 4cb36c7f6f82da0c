package org.imshss.slf.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingFileTest {

    static MappingFile.Content read(String json) throws Exception {
        return MappingFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void readsTargetsAndEveryKindOfMapping() throws Exception {
        MappingFile.Content content = read("""
                { "targets": [ { "name": "corp", "realm": "corp.example.com",
                                 "hosts": [ { "identity": "hss1.corp.example.com", "address": "192.0.2.10" },
                                            { "identity": "hss2.corp.example.com", "port": 3870 } ] } ],
                  "mappings": [ { "type": "identity", "key": "sip:ceo@corp.example.com", "target": "corp" },
                                { "type": "pattern", "key": "sip:room-!.*!@corp.example.com", "target": "corp" },
                                { "type": "range", "from": "+4930555000", "to": "+4930555999", "target": "corp" },
                                { "type": "prefix", "key": "+4930", "target": "corp" },
                                { "type": "domain", "key": "corp.example.com", "target": "corp" },
                                { "type": "DEFAULT", "target": "corp" } ] }
                """);
        assertThat(content.targets()).containsExactly(new HssTarget("corp", "corp.example.com", List.of(
                new HssHost("hss1.corp.example.com", 3868, "192.0.2.10"),
                new HssHost("hss2.corp.example.com", 3870, null))));
        assertThat(content.mappings()).containsExactly(
                Mapping.of(MappingKind.IDENTITY, "sip:ceo@corp.example.com", "corp"),
                Mapping.of(MappingKind.PATTERN, "sip:room-!.*!@corp.example.com", "corp"),
                Mapping.range("4930555000", "4930555999", "corp"),
                Mapping.of(MappingKind.PREFIX, "4930", "corp"),
                Mapping.of(MappingKind.DOMAIN, "corp.example.com", "corp"),
                Mapping.globalDefault("corp"));
    }

    @Test
    void anErrorNamesTheEntryAndField() {
        assertThatThrownBy(() -> read("""
                { "targets": [ { "name": "corp", "realm": "corp.example.com", "hosts": [ { "port": 3868 } ] } ] }
                """)).isInstanceOfSatisfying(InvalidMappingException.class,
                        e -> assertThat(e.field()).isEqualTo("targets[0].hosts[0].identity"));
        assertThatThrownBy(() -> read("""
                { "mappings": [ { "type": "prefix", "key": "+49", "target": "corp" },
                                { "type": "suffix", "key": "9", "target": "corp" } ] }
                """)).isInstanceOfSatisfying(InvalidMappingException.class,
                        e -> assertThat(e.field()).isEqualTo("mappings[1].type"));
        assertThatThrownBy(() -> read("{ \"mapings\": [] }")).isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("mapings");
    }
}
