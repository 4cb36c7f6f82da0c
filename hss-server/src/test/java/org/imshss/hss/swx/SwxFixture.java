package org.imshss.hss.swx;

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
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.PdnType;
import org.imshss.provisioning.model.Usim;

/**
 * USIMs for the SWx tests: TS 35.208 test set 1 keys, an AMF of b9b9 (so that a vector with the separation bit
 * cleared shows 39b9 and one with it set b9b9), an EPS subscription with three APNs, two of them allowed over
 * non-3GPP access (untrusted only, HRPD not allowed).
 */
final class SwxFixture {

    static final byte[] KEY =
            HexFormat.of().parseHex("3c5e0a1b2d4f6789aabbccddeeff00112233445566778899aabbccddeeff0011");
    static final byte[] K = HexFormat.of().parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    static final byte[] OPC = HexFormat.of().parseHex("cd63cb71954a9f4e48a5994e37a02baf");
    static final byte[] AMF = HexFormat.of().parseHex("b9b9");
    static final byte[] AMF_CLEARED = HexFormat.of().parseHex("39b9");
    static final ReferenceMilenage MILENAGE = new ReferenceMilenage(K, OPC);
    static final String MSISDN = "491711234567";
    static final Ambr UE_AMBR = new Ambr(50_000_000, 100_000_000);
    static final ApnProfile INTERNET = new ApnProfile("swx-internet", "internet", PdnType.IPv4v6, 9, 8, false, true,
            new Ambr(20_000_000, 40_000_000), true, null);
    static final ApnProfile IMS = new ApnProfile("swx-ims", "ims", PdnType.IPv4v6, 5, 1, true, false, null, false,
            null);
    static final ApnProfile MMS = new ApnProfile("swx-mms", "mms", PdnType.IPv4, 8, 9, false, true, null, false, null);
    static final Non3gppSubscription NON_3GPP = new Non3gppSubscription(true, true, List.of(2, 1), 1, false, true,
            List.of("HRPD"));

    private SwxFixture() {
    }

    static Keyring keyring() {
        return new HssSettings.AuthSettings(KEY).keyring();
    }

    static EpsSubscription eps() {
        return new EpsSubscription(MSISDN, List.of(), null, 0, null, 0, UE_AMBR, 1,
                List.of(new ApnConfiguration(1, INTERNET.id(), List.of()),
                        new ApnConfiguration(2, IMS.id(), List.of("10.45.0.7")),
                        new ApnConfiguration(3, MMS.id(), List.of())),
                List.of(), 0, null);
    }

    static void putProfiles(TestHss hss) {
        hss.node().epsStore().putApnProfile(INTERNET);
        hss.node().epsStore().putApnProfile(IMS);
        hss.node().epsStore().putApnProfile(MMS);
    }

    /** A USIM with the fixture's keys, EPS subscription and this non-3GPP subscription (null: none). */
    static Usim usim(TestHss hss, String imsi, Non3gppSubscription non3gpp) {
        Usim usim = Usims.put(hss, keyring(), imsi, "swx", K, OPC, AMF, eps()).withNon3gpp(non3gpp);
        hss.node().epsStore().putUsim(usim);
        return usim;
    }

    /** The permanent identity NAI of EAP-AKA ('0') or EAP-AKA' ('6') for a USIM of MCC 001, MNC 01. */
    static String nai(char prefix, String imsi) {
        return prefix + imsi + "@nai.epc.mnc001.mcc001.3gppnetwork.org";
    }
}
