package org.imshss.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Cross-checks the tables against an independent transcription of the reference sheet (test resources). */
class ReferenceSheetCrossCheckTest {

  private static final String LOCATION = "member of MME-/SGSN-Location-Information (TS 29.272 7.3.115, 7.3.116)";

  /** Dictionary entries not on the sheet, each with the reason it exists. */
  private static final Map<Avp, String> NOT_ON_SHEET = Map.ofEntries(
      Map.entry(Avp.OC_FEATURE_VECTOR, "member of OC-Supported-Features (RFC 7683 7.2)"),
      Map.entry(Avp.OC_SEQUENCE_NUMBER, "member of OC-OLR (RFC 7683 7.4)"),
      Map.entry(Avp.OC_VALIDITY_DURATION, "member of OC-OLR (RFC 7683 7.4)"),
      Map.entry(Avp.OC_REPORT_TYPE, "member of OC-OLR (RFC 7683 7.4)"),
      Map.entry(Avp.OC_REDUCTION_PERCENTAGE, "member of OC-OLR (RFC 7683 7.4)"),
      Map.entry(Avp.SOURCE_ID, "member of Load (RFC 8583 7)"),
      Map.entry(Avp.LOAD_TYPE, "member of Load (RFC 8583 7)"),
      Map.entry(Avp.LOAD_VALUE, "member of Load (RFC 8583 7)"),
      Map.entry(Avp.EXTERNAL_IDENTIFIER, "member of User-Identity; the sheet gives only its code 3111 inline"),
      Map.entry(Avp.MIP6_HOME_LINK_PREFIX, "member of MIP6-Agent-Info (RFC 5447 4.2.4), named in 4.1, no row"),
      Map.entry(Avp.CSG_ID, "required member of CSG-Subscription-Data (TS 29.272 7.3.78)"),
      Map.entry(Avp.EXPIRATION_DATE, "member of CSG-Subscription-Data (TS 29.272 7.3.78)"),
      Map.entry(Avp.KC, "member of GERAN-Vector; the sheet gives only its code 1453 inline"),
      Map.entry(Avp.SRES, "member of GERAN-Vector; the sheet gives only its code 1454 inline"),
      Map.entry(Avp.TRACE_REFERENCE, "required member of Trace-Data, also in DSR (TS 29.272 7.3.63)"),
      Map.entry(Avp.TRACE_DEPTH, "required member of Trace-Data (TS 29.272 7.3.63)"),
      Map.entry(Avp.TRACE_NE_TYPE_LIST, "required member of Trace-Data (TS 29.272 7.3.63)"),
      Map.entry(Avp.TRACE_INTERFACE_LIST, "member of Trace-Data (TS 29.272 7.3.63)"),
      Map.entry(Avp.TRACE_EVENT_LIST, "required member of Trace-Data (TS 29.272 7.3.63)"),
      Map.entry(Avp.OMC_ID, "member of Trace-Data (TS 29.272 7.3.63)"),
      Map.entry(Avp.TRACE_COLLECTION_ENTITY, "required member of Trace-Data (TS 29.272 7.3.63)"),
      Map.entry(Avp.TS_CODE, "member of Teleservice-List, also in DSR; named without a code"),
      Map.entry(Avp.SS_CODE, "member of Call-Barring-Info, also in DSR; named without a code"),
      Map.entry(Avp.SS_STATUS, "required member of Call-Barring-Info; named without a code"),
      Map.entry(Avp.MME_USER_STATE, "member of EPS-User-State, named without a code"),
      Map.entry(Avp.SGSN_USER_STATE, "member of EPS-User-State, named without a code"),
      Map.entry(Avp.USER_STATE, "member of MME-/SGSN-User-State (TS 29.272 7.3.114)"),
      Map.entry(Avp.MME_LOCATION_INFORMATION, "member of EPS-Location-Information, named without a code"),
      Map.entry(Avp.SGSN_LOCATION_INFORMATION, "member of EPS-Location-Information, named without a code"),
      Map.entry(Avp.E_UTRAN_CELL_GLOBAL_IDENTITY, LOCATION),
      Map.entry(Avp.TRACKING_AREA_IDENTITY, LOCATION),
      Map.entry(Avp.CELL_GLOBAL_IDENTITY, LOCATION),
      Map.entry(Avp.ROUTING_AREA_IDENTITY, LOCATION),
      Map.entry(Avp.LOCATION_AREA_IDENTITY, LOCATION),
      Map.entry(Avp.SERVICE_AREA_IDENTITY, LOCATION),
      Map.entry(Avp.GEOGRAPHICAL_INFORMATION, LOCATION),
      Map.entry(Avp.GEODETIC_INFORMATION, LOCATION),
      Map.entry(Avp.CURRENT_LOCATION_RETRIEVED, LOCATION),
      Map.entry(Avp.AGE_OF_LOCATION_INFORMATION, LOCATION),
      Map.entry(Avp.TIME_ZONE, "member of Local-Time-Zone; the sheet gives only its code 1642 inline"),
      Map.entry(Avp.DAYLIGHT_SAVING_TIME, "member of Local-Time-Zone; the sheet gives only its code 1650 inline"),
      Map.entry(Avp.SCEF_REFERENCE_ID, "required member of the monitoring reports (TS 29.336 8.4)"));

  /** Result codes not on the sheet (RFC 6733 7.1.5). */
  private static final Set<ResultCode> RESULTS_NOT_ON_SHEET = EnumSet.of(
      ResultCode.DIAMETER_INVALID_BIT_IN_HEADER, ResultCode.DIAMETER_INVALID_MESSAGE_LENGTH,
      ResultCode.DIAMETER_INVALID_AVP_BIT_COMBO, ResultCode.DIAMETER_NO_COMMON_SECURITY);

  @Test
  void everySheetAvpRowMatchesTheTable() throws IOException {
    List<String[]> rows = read("/avps-reference.csv", "/s6a-swx-avps-reference.csv");
    assertThat(rows).hasSizeGreaterThan(250);
    SoftAssertions soft = new SoftAssertions();
    for (String[] r : rows) {
      String name = r[0];
      int code = Integer.parseInt(r[1]);
      long vendor = Long.parseLong(r[2]);
      Avp avp = Avp.lookup(code, vendor).orElse(null);
      soft.assertThat(avp).as("%s (%d/%d) in table", name, code, vendor).isNotNull();
      if (avp == null) {
        continue;
      }
      soft.assertThat(avp.specName()).as("name of %d/%d", code, vendor).isEqualTo(name);
      soft.assertThat(avp.type()).as("type of %s", name).isEqualTo(type(r[5]));
      soft.assertThat(avp.isVendorSpecific()).as("V of %s", name).isEqualTo(r[4].equals("V"));
      switch (r[3]) {
        case "M" -> {
          soft.assertThat(avp.mandatory()).as("M rule of %s", name).isEqualTo(FlagRule.MUST);
          soft.assertThat(avp.sendMandatoryBit()).as("send M of %s", name).isTrue();
        }
        case "-M" -> {
          soft.assertThat(avp.mandatory()).as("M rule of %s", name).isEqualTo(FlagRule.MUST_NOT);
          soft.assertThat(avp.sendMandatoryBit()).as("send M of %s", name).isFalse();
        }
        case "MAY" -> {
          soft.assertThat(avp.mandatory()).as("M rule of %s", name).isEqualTo(FlagRule.MAY);
          soft.assertThat(avp.sendMandatoryBit()).as("send M of %s", name).isFalse();
        }
        case "MAY+M" -> {
          soft.assertThat(avp.mandatory()).as("M rule of %s", name).isEqualTo(FlagRule.MAY);
          soft.assertThat(avp.sendMandatoryBit()).as("send M of %s", name).isTrue();
        }
        default -> soft.fail("bad flag column " + r[3]);
      }
    }
    soft.assertAll();
  }

  @Test
  void everyTableEntryIsOnTheSheetOrExplained() throws IOException {
    Set<Avp> onSheet = EnumSet.noneOf(Avp.class);
    for (String[] r : read("/avps-reference.csv", "/s6a-swx-avps-reference.csv")) {
      Avp.lookup(Integer.parseInt(r[1]), Long.parseLong(r[2])).ifPresent(onSheet::add);
    }
    for (Avp a : Avp.values()) {
      assertThat(onSheet.contains(a) || NOT_ON_SHEET.containsKey(a))
          .as("%s is on the sheet or listed in NOT_ON_SHEET", a).isTrue();
      assertThat(onSheet.contains(a) && NOT_ON_SHEET.containsKey(a)).as("%s listed twice", a).isFalse();
    }
  }

  @Test
  void sheetEnumeratedValuesMatch() throws IOException {
    SoftAssertions soft = new SoftAssertions();
    for (String[] r : read("/enum-values-reference.csv", "/s6a-swx-enum-values-reference.csv")) {
      Avp avp = Avp.lookup(Integer.parseInt(r[0]), Long.parseLong(r[1])).orElseThrow();
      soft.assertThat(avp.enumName(Integer.parseInt(r[2]))).as("%s value %s", avp, r[2]).contains(r[3]);
    }
    soft.assertAll();
  }

  @Test
  void everySheetResultCodeMatches() throws IOException {
    SoftAssertions soft = new SoftAssertions();
    Set<ResultCode> seen = EnumSet.noneOf(ResultCode.class);
    for (String[] r : read("/result-codes-reference.csv", "/s6a-swx-result-codes-reference.csv")) {
      int code = Integer.parseInt(r[0]);
      long vendor = Long.parseLong(r[1]);
      ResultCode rc = ResultCode.lookup(code, vendor).orElse(null);
      soft.assertThat(rc).as("%s %d/%d", r[2], code, vendor).isNotNull();
      if (rc != null) {
        soft.assertThat(rc.name()).as("name of %d/%d", code, vendor).isEqualTo(r[2]);
        soft.assertThat(rc.isExperimental()).isEqualTo(vendor == Vendors.TGPP);
        seen.add(rc);
      }
    }
    for (ResultCode rc : ResultCode.values()) {
      soft.assertThat(seen.contains(rc) || RESULTS_NOT_ON_SHEET.contains(rc)).as("%s on the sheet", rc).isTrue();
    }
    soft.assertAll();
  }

  @Test
  void sheetS6aAndSwxCommandsMatch() throws IOException {
    SoftAssertions soft = new SoftAssertions();
    Set<Command> seen = EnumSet.noneOf(Command.class);
    for (String[] r : read("/s6a-swx-commands-reference.csv")) {
      int code = Integer.parseInt(r[0]);
      long application = Long.parseLong(r[1]);
      boolean request = r[2].equals("1");
      Command c = Command.lookup(code, application, request).orElse(null);
      soft.assertThat(c).as("command %d/%d R=%s", code, application, request).isNotNull();
      if (c == null) {
        continue;
      }
      seen.add(c);
      soft.assertThat(c.isProxiable()).as("P bit of %s", c).isEqualTo(r[3].equals("1"));
      List<String> required = new ArrayList<>();
      for (AvpRule rule : c.rules()) {
        if (rule.min() > 0) {
          required.add(rule.avp().specName());
        }
      }
      soft.assertThat(required).as("required AVPs of %s", c).containsExactly(r[4].split(" "));
    }
    for (Command c : Command.values()) {
      if (c.application() == Application.S6A || c.application() == Application.SWX) {
        soft.assertThat(seen).as("%s on the sheet", c).contains(c);
      }
    }
    soft.assertAll();
  }

  private static AvpType type(String s) {
    return switch (s) {
      case "OS" -> AvpType.OCTET_STRING;
      case "UTF8" -> AvpType.UTF8_STRING;
      case "U32" -> AvpType.UNSIGNED32;
      case "U64" -> AvpType.UNSIGNED64;
      case "E" -> AvpType.ENUMERATED;
      case "G" -> AvpType.GROUPED;
      case "DI" -> AvpType.DIAMETER_IDENTITY;
      case "DURI" -> AvpType.DIAMETER_URI;
      case "T" -> AvpType.TIME;
      case "Addr" -> AvpType.ADDRESS;
      default -> throw new IllegalArgumentException("type " + s);
    };
  }

  static List<String[]> read(String... resources) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String resource : resources) {
      try (InputStream in = ReferenceSheetCrossCheckTest.class.getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank() && !line.startsWith("#")) {
            rows.add(line.split(";", -1));
          }
        }
      }
    }
    return rows;
  }
}
