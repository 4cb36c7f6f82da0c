package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Visited-PLMN-Id (TS 29.272 7.3.9, TS 24.008 10.5.1.13) and TBCD (TS 29.002) against worked examples. */
class WireFormatsTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void visitedPlmnIdDecodesToMccAndMnc() {
        assertThat(Plmn.decode(hex("62f270"))).isEqualTo("26207");
        assertThat(Plmn.decode(hex("00f110"))).isEqualTo("00101");
        assertThat(Plmn.decode(hex("32f451"))).isEqualTo("23415");
        assertThat(Plmn.decode(hex("130014"))).isEqualTo("310410");
    }

    @Test
    void octetsThatAreNoPlmnAreRefused() {
        assertThat(Plmn.decode(hex("62f2"))).isNull();
        assertThat(Plmn.decode(hex("62f27000"))).isNull();
        assertThat(Plmn.decode(hex("6af270"))).isNull();
        assertThat(Plmn.decode(hex("62f2f0"))).isNull();
        assertThat(Plmn.decode(hex("62a270"))).isNull();
    }

    @Test
    void msisdnIsTbcdWithAFillerForAnOddCount() {
        assertThat(Tbcd.encode("491711234567")).isEqualTo(hex("947111325476"));
        assertThat(Tbcd.encode("33612345678")).isEqualTo(hex("3316325476f8"));
        assertThat(Tbcd.encode("+33612345678")).isEqualTo(hex("3316325476f8"));
    }
}
