package org.imshss.hss.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test-side Milenage against the conformance data of TS 35.208 section 4.3 (sets 1, 3-6). */
class ReferenceMilenageTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "TS 35.208 test set {0}")
    @CsvSource({
        "1, 465b5ce8b199b49faa5f0a2ee238a6bc, 23553cbe9637a89d218ae64dae47bf35, ff9bb4d0b607, b9b9, "
                + "cdc202d5123e20f62b6d676ac72cb318, cd63cb71954a9f4e48a5994e37a02baf, 4a9ffac354dfafb3, "
                + "01cfaf9ec4e871e9, a54211d5e3ba50bf, aa689c648370, b40ba9a3c58b2a05bbf0d987b21bf8cb, "
                + "f769bcd751044604127672711c6d3441, 451e8beca43b",
        "3, fec86ba6eb707ed08905757b1bb44b8f, 9f7c8d021accf4db213ccff0c7f71a6a, 9d0277595ffc, 725c, "
                + "dbc59adcb6f9a0ef735477b7fadf8374, 1006020f0a478bf6b699f15c062e42b3, 9cabc3e99baf7281, "
                + "95814ba2b3044324, 8011c48c0c214ed2, 33484dc2136b, 5dbdbb2954e8f3cde665b046179a5098, "
                + "59a92d3b476a0443487055cf88b2307b, deacdd848cc6",
        "4, 9e5944aea94b81165c82fbf9f32db751, ce83dbc54ac0274a157c17f80d017bd6, 0b604a81eca8, 9e09, "
                + "223014c5806694c007ca1eeef57f004f, a64a507ae1a2a98bb88eb4210135dc87, 74a58220cba84c49, "
                + "ac2cc74a96871837, f365cd683cd92e96, f0b9c08ad02e, e203edb3971574f5a94b0d61b816345d, "
                + "0c4524adeac041c4dd830d20854fc46b, 6085a86c6f63",
        "5, 4ab1deb05ca6ceb051fc98e77d026a84, 74b0cd6031a1c8339b2b6ce2b8c4a186, e880a1b580b6, 9f07, "
                + "2d16c5cd1fdf6b22383584e3bef2a8d8, dcf07cbd51855290b92a07a9891e523e, 49e785dd12626ef2, "
                + "9e85790336bb3fa2, 5860fc1bce351e7e, 31e11a609118, 7657766b373d1c2138f307e3de9242f9, "
                + "1c42e960d89b8fa99f2744e0708ccb53, fe2555e54aa9",
        "6, 6c38a116ac280c454f59332ee35c8c4f, ee6466bc96202c5a557abbeff8babf63, 414b98222181, 4464, "
                + "1ba00a1a7c6700ac8c3ff3e96ad08725, 3803ef5363b947c6aaa225e58fae3934, 078adfb488241a57, "
                + "80246b8d0186bcf1, 16c8233f05a0ac28, 45b0f69ab06c, 3f8c7587fe8e4b233af676aede30ba3b, "
                + "a7466cc1e6b2a1337d49d3b66e95d7b4, 1f53cd2b1113"
    })
    void reproducesTheConformanceData(int set, String k, String rand, String sqn, String amf, String op, String opc,
            String macA, String macS, String res, String ak, String ck, String ik, String akStar) {
        ReferenceMilenage m = ReferenceMilenage.withOp(HEX.parseHex(k), HEX.parseHex(op));
        assertThat(HEX.formatHex(m.opc())).isEqualTo(opc);
        ReferenceMilenage.Outputs o = m.compute(HEX.parseHex(rand), HEX.parseHex(sqn), HEX.parseHex(amf));
        assertThat(HEX.formatHex(o.macA())).isEqualTo(macA);
        assertThat(HEX.formatHex(o.macS())).isEqualTo(macS);
        assertThat(HEX.formatHex(o.res())).isEqualTo(res);
        assertThat(HEX.formatHex(o.ak())).isEqualTo(ak);
        assertThat(HEX.formatHex(o.ck())).isEqualTo(ck);
        assertThat(HEX.formatHex(o.ik())).isEqualTo(ik);
        assertThat(HEX.formatHex(o.akStar())).isEqualTo(akStar);
    }

    @ParameterizedTest(name = "derived AUTN/AUTS, set {0}")
    @CsvSource({
        "1, 465b5ce8b199b49faa5f0a2ee238a6bc, cd63cb71954a9f4e48a5994e37a02baf, 23553cbe9637a89d218ae64dae47bf35, "
                + "ff9bb4d0b607, b9b9, 55f328b43577b9b94a9ffac354dfafb3, ba853f3c123ccf44e93596e355c6",
        "6, 6c38a116ac280c454f59332ee35c8c4f, 3803ef5363b947c6aaa225e58fae3934, ee6466bc96202c5a557abbeff8babf63, "
                + "414b98222181, 4464, 04fb6eb891ed4464078adfb488241a57, 5e1855093092c6b5a5bee94751e0"
    })
    void buildsAutnAndAuts(int set, String k, String opc, String rand, String sqn, String amf, String autn,
            String auts) {
        ReferenceMilenage m = new ReferenceMilenage(HEX.parseHex(k), HEX.parseHex(opc));
        assertThat(HEX.formatHex(m.autn(HEX.parseHex(rand), HEX.parseHex(sqn), HEX.parseHex(amf)))).isEqualTo(autn);
        assertThat(HEX.formatHex(m.auts(HEX.parseHex(rand), HEX.parseHex(sqn)))).isEqualTo(auts);
    }
}
