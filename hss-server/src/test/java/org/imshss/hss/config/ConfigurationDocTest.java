package org.imshss.hss.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md documents every key of hss-defaults.properties with its default, and no key that does not
 * exist: a key added, removed or changed in one place and not the other fails here. The HSS's keys are the tables
 * before the SLF's section, which documents the SLF process's own keys.
 */
class ConfigurationDocTest {

    /** A table row: | `key` | `default` or (empty) | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|\\s*([^|]*?)\\s*\\|");

    @Test
    void everyKeyIsDocumentedWithItsDefault() throws Exception {
        Map<String, String> defaults = new TreeMap<>();
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(HssConfiguration.DEFAULTS)) {
            properties.load(in);
        }
        properties.stringPropertyNames().forEach(key -> defaults.put(key, properties.getProperty(key).trim()));

        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(doc())) {
            if (line.startsWith("## SLF")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.find() && row.group(1).contains(".")) {
                String cell = row.group(2);
                String value = cell.equals("(empty)") ? "" : cell.replaceAll("^`(.*)`$", "$1");
                assertThat(documented.put(row.group(1), value)).as("documented twice: " + row.group(1)).isNull();
            }
        }
        assertThat(new TreeMap<>(documented)).isEqualTo(defaults);
    }

    private static Path doc() {
        Path moduleDir = Path.of(System.getProperty("basedir", ""));
        Path doc = moduleDir.toAbsolutePath().resolve("../docs/CONFIGURATION.md").normalize();
        assertThat(doc).as("docs/CONFIGURATION.md next to the module").isRegularFile();
        return doc;
    }
}
