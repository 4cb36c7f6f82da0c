package org.imshss.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.imshss.diameter.Avp;
import org.junit.jupiter.api.Test;

/** The procedures' enums must say what the dictionary says: same names for the same wire values. */
class CxEnumsTest {

    private static Map<Integer, String> wire(Enum<?>[] values) {
        Map<Integer, String> map = new TreeMap<>();
        for (Enum<?> value : values) {
            map.put(value.ordinal(), value.name());
        }
        return map;
    }

    private static Map<Integer, String> dictionary(Avp avp) {
        Map<Integer, String> map = new TreeMap<>();
        avp.enumValues().forEach((value, name) -> map.put(value, name.replace('-', '_')));
        return map;
    }

    @Test
    void authorizationType() {
        assertThat(wire(AuthorizationType.values())).isEqualTo(dictionary(Avp.USER_AUTHORIZATION_TYPE));
    }

    @Test
    void serverAssignmentType() {
        assertThat(wire(ServerAssignmentType.values())).isEqualTo(dictionary(Avp.SERVER_ASSIGNMENT_TYPE));
    }

    @Test
    void deregistrationReason() {
        assertThat(wire(DeregistrationReason.values())).isEqualTo(dictionary(Avp.REASON_CODE));
    }

    @Test
    void unknownWireValuesAreNotGuessed() {
        assertThat(AuthorizationType.fromWire(3)).isNull();
        assertThat(ServerAssignmentType.fromWire(-1)).isNull();
        assertThat(ServerAssignmentType.fromWire(15)).isNull();
    }
}
