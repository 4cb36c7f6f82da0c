package org.imshss.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DictionaryTest {

  @Test
  void everyCommandParsesToKnownAvps() {
    for (Command c : Command.values()) {
      assertThat(c.rules()).as("%s rules", c).isNotEmpty();
      assertThat(c.allowsOtherAvps()).as("%s *[AVP]", c).isTrue();
      Set<Avp> seen = new HashSet<>();
      for (AvpRule r : c.rules()) {
        assertThat(r.avp()).isNotNull();
        assertThat(seen.add(r.avp())).as("%s lists %s once", c, r.avp()).isTrue();
        assertThat(Avp.lookup(r.avp().code(), r.avp().vendorId())).contains(r.avp());
      }
      assertThat(c.abnf()).doesNotContain("RTR-Flags", "Failed-PCSCF", "P-CSCF-Subscription-Info");
    }
  }

  @Test
  void applicationCommandsStartWithSessionIdAndCarryTheCommonAvps() {
    for (Command c : Command.values()) {
      if (c.application() == Application.COMMON) {
        assertThat(c.isProxiable()).isFalse();
        assertThat(c.rules()).extracting(AvpRule::avp).doesNotContain(Avp.SESSION_ID);
        continue;
      }
      // TS 29.273 8.2.2.7 writes the SWx PPR header without the P bit.
      assertThat(c.isProxiable()).as("%s P bit", c).isEqualTo(c != Command.SWX_PPR);
      assertThat(c.rules().get(0)).isEqualTo(new AvpRule(Avp.SESSION_ID, 1, 1, true));
      assertThat(c.rules()).extracting(AvpRule::avp).contains(Avp.VENDOR_SPECIFIC_APPLICATION_ID,
          Avp.AUTH_SESSION_STATE, Avp.ORIGIN_HOST, Avp.ORIGIN_REALM, Avp.PROXY_INFO, Avp.ROUTE_RECORD, Avp.DRMP);
      if (c.isRequest()) {
        assertThat(c.rules()).extracting(AvpRule::avp).contains(Avp.DESTINATION_REALM);
      } else {
        assertThat(c.rules()).extracting(AvpRule::avp).contains(Avp.RESULT_CODE, Avp.EXPERIMENTAL_RESULT,
            Avp.FAILED_AVP);
      }
    }
  }

  @Test
  void uarRulesAsInTheSpec() {
    assertThat(Command.UAR.code()).isEqualTo(300);
    assertThat(Command.UAR.application()).isEqualTo(Application.CX);
    assertThat(Command.UAR.rules()).contains(
        new AvpRule(Avp.USER_NAME, 1, 1, false),
        new AvpRule(Avp.PUBLIC_IDENTITY, 1, 1, false),
        new AvpRule(Avp.VISITED_NETWORK_IDENTIFIER, 1, 1, false),
        new AvpRule(Avp.USER_AUTHORIZATION_TYPE, 0, 1, false),
        new AvpRule(Avp.SUPPORTED_FEATURES, 0, AvpRule.UNBOUNDED, false));
    assertThat(Command.UDR.rules()).contains(new AvpRule(Avp.DATA_REFERENCE, 1, AvpRule.UNBOUNDED, false));
    assertThat(Command.SAR.rules()).contains(new AvpRule(Avp.PUBLIC_IDENTITY, 0, AvpRule.UNBOUNDED, false));
  }

  @Test
  void userDataResolvesPerApplication() {
    assertThat(Command.SAA.rules()).extracting(AvpRule::avp).contains(Avp.USER_DATA_CX).doesNotContain(Avp.USER_DATA_SH);
    assertThat(Command.PPR.rules()).extracting(AvpRule::avp).contains(Avp.USER_DATA_CX);
    for (Command c : new Command[] {Command.UDA, Command.PUR, Command.SNA, Command.PNR}) {
      assertThat(c.rules()).extracting(AvpRule::avp).contains(Avp.USER_DATA_SH).doesNotContain(Avp.USER_DATA_CX);
    }
    assertThat(Avp.bySpecName("User-Data")).contains(Avp.USER_DATA_CX);
    assertThat(Avp.bySpecName("User-Data", Application.SH)).contains(Avp.USER_DATA_SH);
    assertThat(Avp.bySpecName("Public-Identity", Application.SH)).contains(Avp.PUBLIC_IDENTITY);
    assertThat(Avp.bySpecName("Nope")).isEmpty();
  }

  @Test
  void everyGroupedAvpHasResolvedMembers() {
    for (Avp a : Avp.values()) {
      if (a.type() == AvpType.GROUPED) {
        assertThat(a.membersAbnf()).as(a.name()).isNotBlank();
        assertThat(a.members().isEmpty() && !a.allowsOtherMembers()).as(a.name()).isFalse();
        assertThat(a.enumValues()).isEmpty();
      } else {
        assertThat(a.members()).as(a.name()).isEmpty();
        assertThat(a.allowsOtherMembers()).isFalse();
        assertThat(a.membersAbnf()).isNull();
      }
      assertThat(a.enumValues().isEmpty()).as("%s values", a).isEqualTo(a.type() != AvpType.ENUMERATED);
    }
    assertThat(Avp.SERVER_CAPABILITIES.membersAbnf())
        .isEqualTo("*[ Mandatory-Capability ] *[ Optional-Capability ] *[ Server-Name ] *[ AVP ]");
    assertThat(Avp.SERVER_CAPABILITIES.allowsOtherMembers()).isTrue();
    assertThat(Avp.EXPERIMENTAL_RESULT.allowsOtherMembers()).isFalse();
    assertThat(Avp.EXPERIMENTAL_RESULT.members()).containsExactly(new AvpRule(Avp.VENDOR_ID, 1, 1, false),
        new AvpRule(Avp.EXPERIMENTAL_RESULT_CODE, 1, 1, false));
    assertThat(Avp.SIP_AUTH_DATA_ITEM.members()).contains(
        new AvpRule(Avp.LINE_IDENTIFIER, 0, AvpRule.UNBOUNDED, false));
    assertThat(Avp.SCSCF_RESTORATION_INFO.members()).contains(
        new AvpRule(Avp.RESTORATION_INFO, 1, AvpRule.UNBOUNDED, false));
  }

  @Test
  void lookupIsKeyedOnCodeAndVendor() {
    assertThat(Avp.lookup(621, Vendors.BASE)).contains(Avp.OC_SUPPORTED_FEATURES);
    assertThat(Avp.lookup(621, Vendors.TGPP)).contains(Avp.PRIMARY_CHARGING_COLLECTION_FUNCTION_NAME);
    assertThat(Avp.lookup(650, Vendors.BASE)).contains(Avp.LOAD);
    assertThat(Avp.lookup(650, Vendors.TGPP)).contains(Avp.SESSION_PRIORITY);
    assertThat(Avp.lookup(500, Vendors.ETSI)).contains(Avp.LINE_IDENTIFIER);
    assertThat(Avp.lookup(500, Vendors.TGPP)).isEmpty();
    assertThat(Avp.lookup(494, 50)).isEmpty();
    assertThat(Avp.lookup(601, Vendors.BASE)).isEmpty();
    for (Avp a : Avp.values()) {
      assertThat(Avp.lookup(a.code(), a.vendorId())).contains(a);
    }
  }

  @Test
  void flagsAndEnumNames() {
    assertThat(Avp.PUBLIC_IDENTITY.isVendorSpecific()).isTrue();
    assertThat(Avp.PUBLIC_IDENTITY.sendMandatoryBit()).isTrue();
    assertThat(Avp.SUPPORTED_FEATURES.sendMandatoryBit()).isFalse();
    assertThat(Avp.DIGEST_HA1.mandatory()).isEqualTo(FlagRule.MAY);
    assertThat(Avp.DIGEST_HA1.sendMandatoryBit()).isTrue();
    assertThat(Avp.LINE_IDENTIFIER.sendMandatoryBit()).isFalse();
    assertThat(Avp.SERVER_ASSIGNMENT_TYPE.enumName(1)).contains("REGISTRATION");
    assertThat(Avp.SERVER_ASSIGNMENT_TYPE.enumName(99)).isEmpty();
    assertThat(Avp.DATA_REFERENCE.enumName(20)).isEmpty();
    assertThat(Avp.USER_NAME.enumName(0)).isEmpty();
    assertThat(Avp.SERVER_ASSIGNMENT_TYPE.enumValues()).hasSize(15);
    assertThatThrownBy(() -> Avp.DRMP.enumValues().put(99, "x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void commandLookupAndPairs() {
    long cx = Application.CX.id();
    assertThat(Command.lookup(300, cx, true)).contains(Command.UAR);
    assertThat(Command.lookup(300, cx, false)).contains(Command.UAA);
    assertThat(Command.lookup(257, 0, true)).contains(Command.CER);
    assertThat(Command.lookup(309, Application.SH.id(), false)).contains(Command.PNA);
    assertThat(Command.lookup(316, cx, true)).isEmpty();
    assertThat(Command.lookup(0, cx, true)).isEmpty();
    assertThat(Command.lookup(-5, cx, true)).isEmpty();
    assertThat(Command.lookup(1 << 24, cx, true)).isEmpty();
    for (Command c : Command.values()) {
      if (c.isRequest()) {
        assertThat(c.answer().code()).isEqualTo(c.code());
        assertThat(c.answer().isRequest()).isFalse();
        assertThat(c.answer().request()).isEqualTo(c);
        assertThat(c.answer().application()).isEqualTo(c.application());
      }
    }
    assertThat(Command.UAR.answer()).isEqualTo(Command.UAA);
    assertThatThrownBy(Command.UAA::answer).isInstanceOf(IllegalStateException.class);
    assertThat(Command.values()).hasSize(50);
  }

  @Test
  void commandsAreLookedUpByApplication() {
    long cx = Application.CX.id();
    long swx = Application.SWX.id();
    long s6a = Application.S6A.id();
    assertThat(Command.lookup(303, cx, true)).contains(Command.MAR);
    assertThat(Command.lookup(303, swx, true)).contains(Command.SWX_MAR);
    assertThat(Command.lookup(303, swx, false)).contains(Command.SWX_MAA);
    assertThat(Command.lookup(301, swx, true)).contains(Command.SWX_SAR);
    assertThat(Command.lookup(304, swx, false)).contains(Command.SWX_RTA);
    assertThat(Command.lookup(305, swx, true)).contains(Command.SWX_PPR);
    assertThat(Command.lookup(300, swx, true)).as("SWx has no UAR").isEmpty();
    assertThat(Command.lookup(302, swx, true)).as("SWx has no LIR").isEmpty();
    assertThat(Command.lookup(303, Application.SH.id(), true)).isEmpty();
    assertThat(Command.lookup(303, 4, true)).isEmpty();
    assertThat(Command.lookup(316, s6a, true)).contains(Command.ULR);
    assertThat(Command.lookup(318, s6a, false)).contains(Command.AIA);
    assertThat(Command.lookup(321, s6a, true)).contains(Command.S6A_PUR);
    assertThat(Command.lookup(307, Application.SH.id(), true)).contains(Command.PUR);
    assertThat(Command.lookup(307, s6a, true)).isEmpty();
    assertThat(Command.lookup(321, Application.SH.id(), true)).isEmpty();
    assertThat(Command.lookup(323, s6a, false)).contains(Command.NOA);
    assertThat(Command.lookup(324, s6a, true)).as("ECR is S13's").isEmpty();
    assertThat(Command.MAR.answer()).isEqualTo(Command.MAA);
    assertThat(Command.SWX_MAR.answer()).isEqualTo(Command.SWX_MAA);
    assertThat(Command.SWX_PPA.request()).isEqualTo(Command.SWX_PPR);
    assertThat(Command.S6A_PUA.request()).isEqualTo(Command.S6A_PUR);
    assertThat(Command.PUA.request()).isEqualTo(Command.PUR);
    assertThat(Command.SWX_PPR.isProxiable()).isFalse();
    assertThat(Command.SWX_PPA.isProxiable()).isTrue();
  }

  @Test
  void s6aAndSwxRulesAsInTheSpec() {
    assertThat(Command.ULR.rules()).contains(
        new AvpRule(Avp.USER_NAME, 1, 1, false),
        new AvpRule(Avp.RAT_TYPE, 1, 1, false),
        new AvpRule(Avp.ULR_FLAGS, 1, 1, false),
        new AvpRule(Avp.VISITED_PLMN_ID, 1, 1, false),
        new AvpRule(Avp.VENDOR_SPECIFIC_APPLICATION_ID, 0, 1, false),
        new AvpRule(Avp.ACTIVE_APN, 0, AvpRule.UNBOUNDED, false));
    assertThat(Command.AIA.rules()).contains(new AvpRule(Avp.AUTHENTICATION_INFO, 0, 1, false));
    assertThat(Command.SWX_MAR.rules()).contains(
        new AvpRule(Avp.VENDOR_SPECIFIC_APPLICATION_ID, 1, 1, false),
        new AvpRule(Avp.SIP_AUTH_DATA_ITEM, 1, 1, false),
        new AvpRule(Avp.SIP_NUMBER_AUTH_ITEMS, 1, 1, false),
        new AvpRule(Avp.ANID, 0, 1, false));
    assertThat(Command.SWX_MAR.rules()).extracting(AvpRule::avp)
        .doesNotContain(Avp.PUBLIC_IDENTITY, Avp.SERVER_NAME);
    assertThat(Command.MAR.rules()).contains(new AvpRule(Avp.PUBLIC_IDENTITY, 1, 1, false));
    assertThat(Command.SWX_SAA.rules()).contains(new AvpRule(Avp.NON_3GPP_USER_DATA, 0, 1, false));
    assertThat(Avp.E_UTRAN_VECTOR.members()).contains(
        new AvpRule(Avp.ITEM_NUMBER, 0, 1, false), new AvpRule(Avp.RAND, 1, 1, false),
        new AvpRule(Avp.XRES, 1, 1, false), new AvpRule(Avp.AUTN, 1, 1, false), new AvpRule(Avp.KASME, 1, 1, false));
    assertThat(Avp.UTRAN_VECTOR.members()).extracting(AvpRule::avp)
        .contains(Avp.CONFIDENTIALITY_KEY, Avp.INTEGRITY_KEY);
    assertThat(Avp.APN_CONFIGURATION.members()).contains(
        new AvpRule(Avp.CONTEXT_IDENTIFIER, 1, 1, false), new AvpRule(Avp.PDN_TYPE, 1, 1, false),
        new AvpRule(Avp.SERVICE_SELECTION, 1, 1, false), new AvpRule(Avp.SERVED_PARTY_IP_ADDRESS, 0, 2, false));
    assertThat(Avp.APN_CONFIGURATION_PROFILE.members())
        .contains(new AvpRule(Avp.APN_CONFIGURATION, 1, AvpRule.UNBOUNDED, false));
    assertThat(Avp.SUBSCRIPTION_DATA.members())
        .contains(new AvpRule(Avp.REGIONAL_SUBSCRIPTION_ZONE_CODE, 0, 10, false));
    assertThat(Avp.ALLOCATION_RETENTION_PRIORITY.allowsOtherMembers()).isFalse();
    assertThat(Avp.MIP6_AGENT_INFO.members()).contains(new AvpRule(Avp.MIP_HOME_AGENT_ADDRESS, 0, 2, false));
    assertThat(Avp.PDN_TYPE.enumValue("IPv4v6")).isEqualTo(2);
    assertThat(Avp.RAT_TYPE.enumName(1004)).contains("EUTRAN");
    assertThat(Avp.bySpecName("SIP-Auth-Data-Item", Application.SWX)).contains(Avp.SIP_AUTH_DATA_ITEM);
  }

  @Test
  void applications() {
    assertThat(Application.CX.id()).isEqualTo(16777216L);
    assertThat(Application.SH.id()).isEqualTo(16777217L);
    assertThat(Application.CX.vendorId()).isEqualTo(Vendors.TGPP);
    assertThat(Application.lookup(16777217L)).contains(Application.SH);
    assertThat(Application.lookup(0)).contains(Application.COMMON);
    assertThat(Application.lookup(4)).isEmpty();
    assertThat(Application.lookup(16777251L)).contains(Application.S6A);
    assertThat(Application.lookup(16777265L)).contains(Application.SWX);
    assertThat(Application.S6A.vendorId()).isEqualTo(Vendors.TGPP);
    assertThat(Application.SWX.vendorId()).isEqualTo(Vendors.TGPP);
  }

  @Test
  void resultCodes() {
    assertThat(ResultCode.DIAMETER_SUCCESS.isSuccess()).isTrue();
    assertThat(ResultCode.DIAMETER_SUCCESS.isExperimental()).isFalse();
    assertThat(ResultCode.DIAMETER_FIRST_REGISTRATION.isSuccess()).isTrue();
    assertThat(ResultCode.DIAMETER_FIRST_REGISTRATION.isExperimental()).isTrue();
    assertThat(ResultCode.DIAMETER_FIRST_REGISTRATION.vendorId()).isEqualTo(10415L);
    assertThat(ResultCode.DIAMETER_REDIRECT_INDICATION.isProtocolError()).isTrue();
    assertThat(ResultCode.DIAMETER_MISSING_AVP.isProtocolError()).isFalse();
    assertThat(ResultCode.DIAMETER_ERROR_USER_UNKNOWN.isProtocolError()).isFalse();
    assertThat(ResultCode.DIAMETER_ERROR_USER_UNKNOWN.isSuccess()).isFalse();
    assertThat(ResultCode.DIAMETER_INVALID_AVP_LENGTH.code()).isEqualTo(5014);
    assertThat(ResultCode.lookup(5001, Vendors.BASE)).contains(ResultCode.DIAMETER_AVP_UNSUPPORTED);
    assertThat(ResultCode.lookup(5001, Vendors.TGPP)).contains(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    assertThat(ResultCode.lookup(2005, Vendors.TGPP)).isEmpty();
    assertThat(ResultCode.lookup(5420, Vendors.TGPP)).contains(ResultCode.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION);
    assertThat(ResultCode.lookup(4181, Vendors.TGPP)).contains(ResultCode.DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE);
    assertThat(ResultCode.lookup(5004, Vendors.TGPP)).contains(ResultCode.DIAMETER_ERROR_ROAMING_NOT_ALLOWED);
    assertThat(ResultCode.lookup(5004, Vendors.BASE)).contains(ResultCode.DIAMETER_INVALID_AVP_VALUE);
    assertThat(ResultCode.DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE.isSuccess()).isFalse();
    Set<Long> pairs = new HashSet<>();
    for (ResultCode r : ResultCode.values()) {
      assertThat(pairs.add(r.vendorId() << 32 | r.code())).as("%s (code, vendor) once", r).isTrue();
    }
  }

  @Test
  void typeLengths() {
    assertThat(AvpType.UNSIGNED32.fixedLength()).isEqualTo(4);
    assertThat(AvpType.ENUMERATED.fixedLength()).isEqualTo(4);
    assertThat(AvpType.TIME.fixedLength()).isEqualTo(4);
    assertThat(AvpType.UNSIGNED64.fixedLength()).isEqualTo(8);
    assertThat(AvpType.FLOAT64.fixedLength()).isEqualTo(8);
    assertThat(AvpType.UTF8_STRING.hasFixedLength()).isFalse();
    assertThat(AvpType.GROUPED.hasFixedLength()).isFalse();
  }
}
