package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.imshss.diameter.Avp;
import org.imshss.provisioning.model.NetworkAccessMode;
import org.imshss.provisioning.model.PdnType;
import org.imshss.provisioning.model.SubscriberStatus;
import org.junit.jupiter.api.Test;

/** The enums S6a writes must name the dictionary's values: same names for the same wire values. */
class S6aEnumsTest {

    /** Each constant with the value the dictionary gives its name. */
    private static Map<Integer, String> wire(Avp avp, Enum<?>[] values) {
        Map<Integer, String> map = new TreeMap<>();
        for (Enum<?> value : values) {
            map.put(avp.enumValue(value), value.name());
        }
        return map;
    }

    private static Map<Integer, String> dictionary(Avp avp) {
        Map<Integer, String> map = new TreeMap<>();
        avp.enumValues().forEach((value, name) -> map.put(value, name.replace('-', '_')));
        return map;
    }

    @Test
    void cancellationType() {
        assertThat(wire(Avp.CANCELLATION_TYPE, CancellationType.values()))
                .isEqualTo(dictionary(Avp.CANCELLATION_TYPE))
                .containsEntry(0, "MME_UPDATE_PROCEDURE")
                .containsEntry(2, "SUBSCRIPTION_WITHDRAWAL")
                .containsEntry(4, "INITIAL_ATTACH_PROCEDURE");
        assertThat(CancellationType.SGSN_UPDATE_PROCEDURE.wire()).isEqualTo(1);
    }

    @Test
    void pdnType() {
        assertThat(wire(Avp.PDN_TYPE, PdnType.values())).isEqualTo(dictionary(Avp.PDN_TYPE))
                .containsEntry(0, "IPv4").containsEntry(2, "IPv4v6").containsEntry(3, "IPv4_OR_IPv6");
    }

    @Test
    void subscriberStatus() {
        assertThat(wire(Avp.SUBSCRIBER_STATUS, SubscriberStatus.values()))
                .isEqualTo(dictionary(Avp.SUBSCRIBER_STATUS));
    }

    /** 7.3.21: value 1 is reserved, never provisioned. */
    @Test
    void networkAccessMode() {
        Map<Integer, String> named = dictionary(Avp.NETWORK_ACCESS_MODE);
        named.remove(1);
        assertThat(wire(Avp.NETWORK_ACCESS_MODE, NetworkAccessMode.values())).isEqualTo(named)
                .containsEntry(0, "PACKET_AND_CIRCUIT").containsEntry(2, "ONLY_PACKET");
    }
}
