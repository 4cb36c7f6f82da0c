package org.imshss.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AbnfTest {

  @Test
  void fixedRequiredOptional() {
    Abnf.Grammar g = Abnf.parse("< Session-Id > { Origin-Host } [ Destination-Host ]");
    assertThat(g.extensible()).isFalse();
    assertThat(g.rules()).containsExactly(
        new AvpRule(Avp.SESSION_ID, 1, 1, true),
        new AvpRule(Avp.ORIGIN_HOST, 1, 1, false),
        new AvpRule(Avp.DESTINATION_HOST, 0, 1, false));
  }

  @Test
  void repetitions() {
    Abnf.Grammar g = Abnf.parse("*[ Proxy-Info ] 1*{ Host-IP-Address } 2*5[ Route-Record ] *3[ User-Name ] 2*{ Vendor-Id }");
    assertThat(g.rules()).containsExactly(
        new AvpRule(Avp.PROXY_INFO, 0, AvpRule.UNBOUNDED, false),
        new AvpRule(Avp.HOST_IP_ADDRESS, 1, AvpRule.UNBOUNDED, false),
        new AvpRule(Avp.ROUTE_RECORD, 2, 5, false),
        new AvpRule(Avp.USER_NAME, 0, 3, false),
        new AvpRule(Avp.VENDOR_ID, 2, AvpRule.UNBOUNDED, false));
  }

  @Test
  void rfcSpacingAndCompactSpacingAreEquivalent() {
    assertThat(Abnf.parse("* [ Proxy-Info ] 1 * { Host-IP-Address }"))
        .isEqualTo(Abnf.parse("*[Proxy-Info] 1*{Host-IP-Address}"));
  }

  @Test
  void anyAvpMakesItExtensibleWithoutARule() {
    Abnf.Grammar g = Abnf.parse("{ Proxy-Host } { Proxy-State } *[ AVP ]");
    assertThat(g.extensible()).isTrue();
    assertThat(g.rules()).extracting(AvpRule::avp).containsExactly(Avp.PROXY_HOST, Avp.PROXY_STATE);
    assertThat(Abnf.parse("1*{ AVP }").rules()).isEmpty();
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> Abnf.parse("{ No-Such-AVP }")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No-Such-AVP");
    assertThatThrownBy(() -> Abnf.parse("{ User-Name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Abnf.parse("User-Name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Abnf.parse("2[ User-Name ]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Abnf.parse("{ User-Name } [ User-Name ]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Abnf.parse("5*2[ User-Name ]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Abnf.parse("{ }")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void customResolver() {
    Abnf.Grammar g = Abnf.parse("[ User-Data ]", n -> Avp.bySpecName(n, Application.SH));
    assertThat(g.rules()).isEqualTo(List.of(new AvpRule(Avp.USER_DATA_SH, 0, 1, false)));
  }
}
