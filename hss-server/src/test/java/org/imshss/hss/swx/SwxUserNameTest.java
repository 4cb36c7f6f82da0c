package org.imshss.hss.swx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The User-Names a 3GPP AAA server sends on SWx: the IMSI, or the permanent identity NAI of TS 23.003 19.3.2. */
class SwxUserNameTest {

    @Test
    void theImsiItself() {
        assertThat(SwxUserName.imsi("262071234567890")).contains("262071234567890");
        assertThat(SwxUserName.imsi("001010000000001")).contains("001010000000001");
    }

    @Test
    void theNaiOfEapAkaAndEapAkaPrimeLosesItsPrefix() {
        assertThat(SwxUserName.imsi("0262071234567890@nai.epc.mnc007.mcc262.3gppnetwork.org"))
                .contains("262071234567890");
        assertThat(SwxUserName.imsi("6262071234567890@nai.epc.mnc007.mcc262.3gppnetwork.org"))
                .contains("262071234567890");
        // An MCC that begins with 0 (the test network 001) does not make the prefix part of the IMSI.
        assertThat(SwxUserName.imsi("0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org"))
                .contains("001010000000001");
        assertThat(SwxUserName.imsi("6001010000000001@wlan.mnc001.mcc001.3gppnetwork.org"))
                .contains("001010000000001");
    }

    @Test
    void anNaiWithoutPrefixOrWithoutMccInTheRealm() {
        assertThat(SwxUserName.imsi("262071234567890@nai.epc.mnc007.mcc262.3gppnetwork.org"))
                .contains("262071234567890");
        assertThat(SwxUserName.imsi("6262071234567890@wlan.example.org")).contains("262071234567890");
        assertThat(SwxUserName.imsi("262071234567890@wlan.example.org")).contains("262071234567890");
    }

    @Test
    void anythingElseNamesNoUsim() {
        assertThat(SwxUserName.imsi(null)).isEmpty();
        assertThat(SwxUserName.imsi("")).isEmpty();
        assertThat(SwxUserName.imsi("alice@ims.example.org")).isEmpty();
        assertThat(SwxUserName.imsi("1262071234567890@nai.epc.mnc007.mcc262.3gppnetwork.org")).isEmpty();
        // A prefix and an IMSI that does not start with the realm's MCC.
        assertThat(SwxUserName.imsi("0310410123456789@nai.epc.mnc007.mcc262.3gppnetwork.org")).isEmpty();
        assertThat(SwxUserName.imsi("2620712345678901")).isEmpty();
        assertThat(SwxUserName.imsi("026207@a@b")).isEmpty();
    }
}
