package org.imshss.hss.secrets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.ignite.configuration.WALMode;
import org.imshss.hss.HssNode;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.RestSettings;
import org.imshss.http.Role;
import org.imshss.node.config.DiameterSettings;
import org.imshss.node.config.WarmUpSettings;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.SubscriberData;

/**
 * An HSS node for the secrets-at-rest tests: real embedded Ignite (with native persistence when asked, small WAL),
 * the real Diameter stack and the provisioning API, with the given key-encryption keys. Its work directory is the
 * caller's, so a restart on the same directory finds the data again.
 */
final class SecretsHss implements AutoCloseable {

    static final String ADMIN_TOKEN = "secrets-admin-token-0001";

    final HssNode node;
    final int port;
    final RestClient api;

    private SecretsHss(HssNode node, int port) {
        this.node = node;
        this.port = port;
        this.api = new RestClient(node.restUri(), ADMIN_TOKEN);
    }

    static SecretsHss start(Path work, boolean persistence, Map<String, byte[]> keys, String activeKey,
            SubscriberData seed) throws Exception {
        int diameterPort = TestHss.freePort();
        HssSettings settings = new HssSettings(
                new DiameterSettings("127.0.0.1", diameterPort, TestHss.HOST, TestHss.REALM,
                        "imshss-test", true, Duration.ofSeconds(5), Duration.ofSeconds(30), 10_000, 4),
                // The instance name is the persistent node's consistent id: the same on every restart.
                new HssSettings.GridConfig("secrets-test", "127.0.0.1", TestHss.freePort(), 0, TestHss.freePort(),
                        List.of(), persistence, work, 0, 10_000, 128L * 1024 * 1024, 1024 * 1024, 4,
                        new GridSettings.Durability(WALMode.LOG_ONLY, 8L * 1024 * 1024, Duration.ofSeconds(60)),
                        GridSettings.Membership.DEFAULTS, null),
                new HssSettings.CxSettings(List.of(TestHss.REALM), Duration.ofSeconds(60), true, 5, false),
                HssSettings.AuthSettings.keys(keys, activeKey))
                .withRest(RestSettings.local(0, List.of(new ApiToken("ops-admin", Role.ADMIN, ADMIN_TOKEN))))
                .withWarmUp(WarmUpSettings.DISABLED);
        return new SecretsHss(HssNode.start(settings, seed), diameterPort);
    }

    static Keyring keyring(Map<String, byte[]> keys, String activeKey) {
        return new Keyring(keys, activeKey);
    }

    DiameterTestPeer peer(String originHost) throws Exception {
        return DiameterTestPeer.connect(originHost, TestHss.REALM, TestHss.freePort(), TestHss.HOST, port);
    }

    @Override
    public void close() {
        node.close();
    }
}
