package org.imshss.hss.s6a;

import java.util.HexFormat;
import java.util.List;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.testing.ReferenceMilenage;
import org.imshss.hss.testing.TestHss;
import org.imshss.hss.testing.Usims;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PdnType;
import org.imshss.provisioning.store.IgniteSubscriberStore;

/** USIMs and APN profiles for the S6a tests, written straight into a test HSS's grid. */
final class S6aFixture {

    static final HexFormat HEX = HexFormat.of();
    /** A key-encryption key for the tests: K and OPc are sealed for the IMSI, as in production. */
    static final byte[] SECRETS_KEY = HEX.parseHex("5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed");
    static final Keyring KEYRING = new HssSettings.AuthSettings(SECRETS_KEY).keyring();
    /** TS 35.208 test set 1. */
    static final byte[] K = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    static final byte[] OPC = HEX.parseHex("cd63cb71954a9f4e48a5994e37a02baf");
    static final ReferenceMilenage MILENAGE = new ReferenceMilenage(K, OPC);
    /** A provisioned AMF with the separation bit clear: E-UTRAN vectors carry 0x9234, UTRAN vectors 0x1234. */
    static final byte[] AMF = HEX.parseHex("1234");
    static final byte[] EUTRAN_AMF = HEX.parseHex("9234");
    static final String APN_PROFILE = "internet";

    private S6aFixture() {
    }

    static void apnProfile(TestHss hss) {
        hss.node().epsStore().putApnProfile(new ApnProfile(APN_PROFILE, "internet", PdnType.IPv4v6, 9, 8, false,
                true, new Ambr(50_000_000, 100_000_000), true, null));
    }

    static EpsSubscription withApn() {
        return new EpsSubscription("15550001", List.of(), null, 0, null, 0, new Ambr(100_000_000, 200_000_000), 1,
                List.of(new ApnConfiguration(1, APN_PROFILE, List.of())), List.of(), 0, null);
    }

    static EpsSubscription withoutApn() {
        return new EpsSubscription("15550002", List.of(), null, 0, null, 0, new Ambr(100_000_000, 200_000_000), 0,
                List.of(), List.of(), 0, null);
    }

    /** A USIM with TS 35.208 set 1 keys. */
    static void usim(TestHss hss, String imsi, String subscriptionId, EpsSubscription eps) {
        Usims.put(hss, KEYRING, imsi, subscriptionId, K, OPC, AMF, eps);
    }

    static long sequence(TestHss hss, String key) {
        return ((IgniteSubscriberStore) hss.node().store()).sequence(key);
    }
}
