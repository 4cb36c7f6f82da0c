package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.testing.Cx.SCSCF1;
import static org.imshss.hss.testing.Cx.result;

import java.util.HexFormat;
import java.util.List;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.Cx;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.Usims;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MAR for a private identity that authenticates with a USIM (TS 23.003 13.3: a UE without ISIM): the vectors come
 * from the USIM's keys, sealed for the IMSI, and take their SQNs from the USIM's one SQN_HE, not the IMPI's. Erin's
 * own keys (TS 35.208 set 3) are replaced by a USIM holding TS 35.208 set 1, so a vector that verifies proves
 * which keys were used.
 */
class MultimediaAuthUsimIT {

    private static final String IMPI = "erin@ims.example.org";
    private static final String IMPU = "sip:erin@ims.example.org";
    private static final String SCHEME = "Digest-AKAv1-MD5";
    private static final String IMSI = "001010000000101";
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] K = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static final byte[] OPC = HEX.parseHex("cd63cb71954a9f4e48a5994e37a02baf");
    private static final byte[] AMF = HEX.parseHex("0000");

    private static TestHss hss;
    private static DiameterTestPeer scscf;
    private static Keyring keyring;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start(cx -> cx, MultimediaAuthSchemesIT.PASSWORD_KEY, MultimediaAuthSchemesIT.SEED);
        keyring = new HssSettings.AuthSettings(MultimediaAuthSchemesIT.PASSWORD_KEY).keyring();
        scscf = hss.peer("scscf1.ims.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        scscf.close();
        hss.close();
    }

    private static long sequence(String key) {
        return ((IgniteSubscriberStore) hss.node().store()).sequence(key);
    }

    @Test
    void vectorsComeFromTheUsimKeysAndItsSequence() throws Exception {
        Usims.put(hss, keyring, IMSI, "erin", K, OPC, AMF, null);
        Usims.useUsim(hss, IMPI, IMSI);
        long impiSqnBefore = sequence(IMPI);

        Answer answer = Cx.mar(scscf, IMPI, IMPU, SCHEME, 2, SCSCF1, null);

        assertThat(result(answer)).isEqualTo(ResultCode.DIAMETER_SUCCESS);
        List<AvpSet> items = Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
        assertThat(items).hasSize(2);
        ReferenceMilenage usim = new ReferenceMilenage(K, OPC);
        long first = AkaItems.verify(usim, items.get(0), SCHEME, AMF);
        long second = AkaItems.verify(usim, items.get(1), SCHEME, AMF);
        assertThat(second).isGreaterThan(first);
        assertThat(sequence(Usim.sequenceKey(IMSI))).isEqualTo(second);
        assertThat(sequence(IMPI)).isEqualTo(impiSqnBefore);
    }

    @Test
    void aUsimThatIsNotProvisionedOrDoesNotOpenIsUnableToComply() throws Exception {
        String missing = "001010000000102";
        Usims.useUsim(hss, "carol@ims.example.org", missing);
        assertThat(result(Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", SCHEME, 1, SCSCF1,
                null))).isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);

        // Sealed for another IMSI: the keyring's associated data binds the label, so it does not open.
        String other = "001010000000103";
        Usim misfiled = new Usim(other, "carol",
                org.imshss.provisioning.model.AkaCredentials.seal(keyring, IMSI, K, OPC, AMF), null);
        hss.node().epsStore().putUsim(misfiled);
        Usims.useUsim(hss, "carol@ims.example.org", other);
        assertThat(result(Cx.mar(scscf, "carol@ims.example.org", "sip:carol@ims.example.org", SCHEME, 1, SCSCF1,
                null))).isEqualTo(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        assertThat(sequence(Usim.sequenceKey(other))).isZero();
    }
}
