package org.imshss.slf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.imshss.node.CdsTraining;
import org.imshss.node.ProcessLifecycle;
import org.imshss.node.config.InvalidConfigurationException;
import org.imshss.slf.config.SlfConfiguration;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.InvalidMappingException;
import org.imshss.slf.mapping.MappingConflictException;
import org.imshss.slf.mapping.MappingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one SLF node: {@code slf [--config FILE] [--demo | --mappings FILE]}. Exit status 2 for a bad
 * configuration or mapping file (the message names the key or field), 1 for any other start failure.
 */
public final class SlfMain {

    /** The demo mappings: the demo users on the HSS of {@code ops/bin/hss --demo}. */
    static final String DEMO_MAPPINGS = "/org/imshss/slf/demo-mappings.json";

    private static final Logger log = LoggerFactory.getLogger(SlfMain.class);

    private SlfMain() {
    }

    public static void main(String[] args) {
        ProcessLifecycle.installLogging();
        Path config = null;
        boolean demo = false;
        Path mappingsFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--config" -> config = Path.of(ProcessLifecycle.value(args, ++i, "--config"));
                case "--mappings" -> mappingsFile = Path.of(ProcessLifecycle.value(args, ++i, "--mappings"));
                case "--help", "-h" -> {
                    System.out.println("usage: slf [--config FILE] [--demo | --mappings FILE]");
                    return;
                }
                case CdsTraining.FLAG -> {
                    CdsTraining.run("SLF", "SLF_", SlfMain::startDemo, log);
                    return;
                }
                default -> ProcessLifecycle.fail(2, "unknown argument " + args[i] + " (try --help)");
            }
        }
        SlfNode node;
        try {
            SlfSettings settings = SlfConfiguration.load(config, System.getenv());
            MappingFile.Content mappings = null;
            if (demo) {
                settings = demo(settings);
                mappings = demoMappings();
            } else if (mappingsFile != null) {
                mappings = MappingFile.read(mappingsFile);
            }
            node = SlfNode.start(settings, mappings);
        } catch (InvalidConfigurationException | InvalidMappingException | MappingConflictException e) {
            ProcessLifecycle.fail(2, "configuration error: " + e.getMessage());
            return;
        } catch (IOException e) {
            ProcessLifecycle.fail(2, "cannot read the mapping file: " + e.getMessage());
            return;
        } catch (Exception e) {
            log.error("SLF failed to start", e);
            ProcessLifecycle.fail(1, "SLF failed to start: " + e.getMessage());
            return;
        }
        ProcessLifecycle.serveUntilStopped("SLF", node, log);
    }

    private static SlfSettings demo(SlfSettings settings) {
        return new SlfSettings(settings.diameter().withDemoPeers(), settings.grid(), settings.routing(),
                settings.rest(), settings.warmUp());
    }

    /** A node of {@code --demo} on the built-in settings and these environment variables alone. */
    private static SlfNode startDemo(Map<String, String> environment) throws Exception {
        return SlfNode.start(demo(SlfConfiguration.load(null, environment)), demoMappings());
    }

    static MappingFile.Content demoMappings() throws IOException {
        try (InputStream in = SlfMain.class.getResourceAsStream(DEMO_MAPPINGS)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_MAPPINGS + " is missing from the classpath");
            }
            return MappingFile.read(in, "demo mappings");
        }
    }
}
