package org.imshss.hss;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.imshss.hss.config.HssConfiguration;
import org.imshss.hss.config.HssSettings;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.imshss.node.CdsTraining;
import org.imshss.node.ProcessLifecycle;
import org.imshss.node.config.InvalidConfigurationException;
import org.imshss.provisioning.seed.SeedException;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.SubscriberData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one HSS node: {@code hss [--config FILE] [--demo | --seed FILE]}. Exit status 2 for a bad
 * configuration or seed file (the message names the key or field), 1 for any other start failure.
 */
public final class HssMain {

    private static final Logger log = LoggerFactory.getLogger(HssMain.class);

    /** The provisioning API token of {@code --demo} when no token is configured: for a lab, never production. */
    static final String DEMO_API_TOKEN = "demo-admin-token";

    /**
     * The key-encryption key of {@code --demo} when no key is configured: public, so it protects nothing; it only
     * lets the demo show sealed credentials (and Digest-MD5). For a lab, never production.
     */
    static final String DEMO_KEY_ID = "demo";
    private static final String DEMO_KEY = "64656d6f2d6b65792d666f722d612d6c61622d6e657665722d70726f64756374";

    private HssMain() {
    }

    public static void main(String[] args) {
        ProcessLifecycle.installLogging();
        Path config = null;
        boolean demo = false;
        Path seedFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--config" -> config = Path.of(ProcessLifecycle.value(args, ++i, "--config"));
                case "--seed" -> seedFile = Path.of(ProcessLifecycle.value(args, ++i, "--seed"));
                case "--help", "-h" -> {
                    System.out.println("usage: hss [--config FILE] [--demo | --seed FILE]");
                    return;
                }
                case CdsTraining.FLAG -> {
                    CdsTraining.run("HSS", "HSS_", HssMain::startDemo, log);
                    return;
                }
                default -> ProcessLifecycle.fail(2, "unknown argument " + args[i] + " (try --help)");
            }
        }
        HssNode node;
        try {
            HssSettings settings = HssConfiguration.load(config, System.getenv());
            if (demo) {
                settings = demo(settings);
            }
            SubscriberData seed = null;
            SeedLoader loader = new SeedLoader(settings.auth().keyring());
            if (demo) {
                seed = loader.demo();
            } else if (seedFile != null) {
                seed = loader.read(seedFile);
            }
            node = HssNode.start(settings, seed);
        } catch (InvalidConfigurationException | SeedException e) {
            ProcessLifecycle.fail(2, "configuration error: " + e.getMessage());
            return;
        } catch (Exception e) {
            log.error("HSS failed to start", e);
            ProcessLifecycle.fail(1, "HSS failed to start: " + e.getMessage());
            return;
        }
        if (demo) {
            log.info("demo data loaded: alice, bob and carol @ims.example.org (see README)");
        }
        ProcessLifecycle.serveUntilStopped("HSS", node, log);
    }

    /** A node of {@code --demo} on the built-in settings and these environment variables alone. */
    private static HssNode startDemo(Map<String, String> environment) throws Exception {
        HssSettings settings = demo(HssConfiguration.load(null, environment));
        return HssNode.start(settings, new SeedLoader(settings.auth().keyring()).demo());
    }

    /**
     * What {@code --demo} makes of the configuration: the demo realm's peers and an MME of the demo PLMN admitted
     * and served, the public demo API token when none is configured (on a loopback address only), and the public
     * demo key when no key-encryption key is configured.
     */
    static HssSettings demo(HssSettings configured) {
        HssSettings settings = configured.withDiameter(configured.diameter().withDemoEpc());
        if (settings.rest().enabled() && settings.rest().tokens().isEmpty()) {
            // The README's curl examples use this token; a configured rest.tokens replaces it.
            refuseDemoTokenOffLoopback(settings.rest().bindAddress());
            settings = settings.withRest(settings.rest().withTokens(
                    List.of(new ApiToken("demo", Role.ADMIN, DEMO_API_TOKEN))));
        }
        if (settings.auth().keyring().keyIds().isEmpty()) {
            settings = settings.withAuth(HssSettings.AuthSettings.keys(
                    Map.of(DEMO_KEY_ID, HexFormat.of().parseHex(DEMO_KEY)), DEMO_KEY_ID));
            log.warn("demo: secrets sealed under the public demo key '{}'; configure secrets.keys for anything "
                    + "but a lab", DEMO_KEY_ID);
        }
        return settings;
    }

    /**
     * The demo token is public: it may only be accepted where nobody but this machine can reach the API. The
     * address is resolved as the API will bind it; one that does not resolve is refused here too.
     */
    private static void refuseDemoTokenOffLoopback(String bindAddress) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new InvalidConfigurationException("rest.bind-address", "--demo without rest.tokens accepts the "
                    + "public token " + DEMO_API_TOKEN + ", so the API must listen on a loopback address, not "
                    + bindAddress + ": bind it to 127.0.0.1 or configure rest.tokens");
        }
    }

}
