package org.imshss.slf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.node.testing.TestCertificates;
import org.imshss.slf.config.SlfConfiguration;
import org.imshss.slf.config.SlfSettings;
import org.imshss.slf.mapping.MappingFile;
import org.imshss.slf.testing.RawClient;
import org.imshss.slf.testing.TestClient;
import org.imshss.slf.testing.TestStack;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enterprise example of docs/DEPLOYMENT.md as shipped in ops/conf: the SLF starts from those two files (only
 * addresses, ports, storage and the grid's certificates overridden through the environment, as an operator would on
 * a test machine) and routes as the document says.
 */
class EnterpriseDeploymentIT {

    static final Path CONF = Path.of(System.getProperty("user.dir")).resolve("../ops/conf").normalize();
    static final String CORP_NODES_1 = "aaa://hss1.corp.example.com:3868;transport=tcp";
    static final String CORP_NODES_2 = "aaa://hss2.corp.example.com:3868;transport=tcp";

    static SlfNode node;
    /** An I-CSCF of another network. */
    static RawClient partner;
    /** One of the operator's own Kamailio I-CSCFs. */
    static RawClient kamailio;
    static Path work;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("slf-enterprise");
        port = TestStack.freePort();
        int discovery = TestStack.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("SLF_DIAMETER_BIND_ADDRESS", "127.0.0.1");
        env.put("SLF_DIAMETER_PORT", String.valueOf(port));
        env.put("SLF_GRID_BIND_ADDRESS", "127.0.0.1");
        env.put("SLF_GRID_DISCOVERY_PORT", String.valueOf(discovery));
        env.put("SLF_GRID_DISCOVERY_PORT_RANGE", "0");
        env.put("SLF_GRID_DISCOVERY_ADDRESSES", "127.0.0.1:" + discovery);
        env.put("SLF_GRID_COMMUNICATION_PORT", String.valueOf(TestStack.freePort()));
        env.put("SLF_GRID_PERSISTENCE", "false");
        env.put("SLF_GRID_WORK_DIRECTORY", work.toString());
        env.put("SLF_REST_ENABLED", "false");
        TestCertificates grid = TestCertificates.generate(work);
        TestCertificates.Store gridKey = grid.leaf("slf-1-grid", "CN=slf-1", null, TestCertificates.Usage.BOTH);
        env.put("SLF_GRID_TLS_KEYSTORE", gridKey.path().toString());
        env.put("SLF_GRID_TLS_KEYSTORE_PASSWORD", gridKey.password());
        env.put("SLF_GRID_TLS_TRUSTSTORE", grid.truststore().path().toString());
        env.put("SLF_GRID_TLS_TRUSTSTORE_PASSWORD", grid.truststore().password());
        SlfSettings settings = SlfConfiguration.load(CONF.resolve("slf-enterprise.properties"), env);
        assertThat(settings.diameter().identity()).isEqualTo("slf.mno.example.net");
        assertThat(settings.grid().tls()).as("the example's grid runs over TLS").isNotNull();
        node = SlfNode.start(settings, MappingFile.read(CONF.resolve("slf-mappings-enterprise.json")));
        partner = RawClient.connect(port, "icscf.partner.example.org", "partner.example.org");
        kamailio = RawClient.connect(port, "icscf.mno.example.net", "mno.example.net");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {kamailio, partner, node}) {
            if (c != null) {
                c.close();
            }
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Consumer<AvpSet> lir(String impu) {
        return avps -> Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
    }

    static Answer send(RawClient client, Consumer<AvpSet> body) throws Exception {
        return client.send(Command.LIR, "mno.example.net", null, body).answer();
    }

    @Test
    void aPartnersIcscfIsRedirectedToTheEnterpriseHss() throws Exception {
        for (String identity : new String[] {"sip:erin@corp.example.com", "tel:+4930555123", "tel:+442075550042",
                "sip:conf-board@mno.example.net", "sip:ceo.assistant@mno.example.net"}) {
            Answer answer = send(partner, lir(identity));
            assertThat(Avps.result(answer.getAvps())).as(identity).contains(ResultCode.DIAMETER_REDIRECT_INDICATION);
            assertThat(TestClient.redirectHosts(answer)).as(identity).containsExactly(CORP_NODES_1, CORP_NODES_2);
        }
        Answer operator = send(partner, lir("sip:bob@mno.example.net"));
        assertThat(TestClient.redirectHosts(operator)).containsExactly(
                "aaa://hss1.mno.example.net:3868;transport=tcp", "aaa://hss2.mno.example.net:3868;transport=tcp");
    }

    @Test
    void theOperatorsOwnKamailioIsRelayed() throws Exception {
        // The example's HSS names do not resolve here, so no relay connection exists: the relay says so.
        Answer answer = send(kamailio, lir("sip:erin@corp.example.com"));
        assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_UNABLE_TO_DELIVER);
        assertThat(answer.isError()).isTrue();
        assertThat(TestClient.redirectHosts(answer)).isEmpty();
        assertThat(new String(Avps.octets(answer.getAvps(), Avp.ORIGIN_HOST).orElseThrow(), StandardCharsets.US_ASCII))
                .isEqualTo("slf.mno.example.net");
    }
}
