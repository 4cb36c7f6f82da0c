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

  /** Dictionary entries not on the sheet, each with the reason it exists. */
  private static final Map<Avp, String> NOT_ON_SHEET = Map.of(
      Avp.OC_FEATURE_VECTOR, "member of OC-Supported-Features (RFC 7683 7.2)",
      Avp.OC_SEQUENCE_NUMBER, "member of OC-OLR (RFC 7683 7.4)",
      Avp.OC_VALIDITY_DURATION, "member of OC-OLR (RFC 7683 7.4)",
      Avp.OC_REPORT_TYPE, "member of OC-OLR (RFC 7683 7.4)",
      Avp.OC_REDUCTION_PERCENTAGE, "member of OC-OLR (RFC 7683 7.4)",
      Avp.SOURCE_ID, "member of Load (RFC 8583 7)",
      Avp.LOAD_TYPE, "member of Load (RFC 8583 7)",
      Avp.LOAD_VALUE, "member of Load (RFC 8583 7)",
      Avp.EXTERNAL_IDENTIFIER, "member of User-Identity; the sheet gives only its code 3111 inline");

  /** Result codes not on the sheet (RFC 6733 7.1.5). */
  private static final Set<ResultCode> RESULTS_NOT_ON_SHEET = EnumSet.of(
      ResultCode.DIAMETER_INVALID_BIT_IN_HEADER, ResultCode.DIAMETER_INVALID_MESSAGE_LENGTH,
      ResultCode.DIAMETER_INVALID_AVP_BIT_COMBO, ResultCode.DIAMETER_NO_COMMON_SECURITY);

  @Test
  void everySheetAvpRowMatchesTheTable() throws IOException {
    List<String[]> rows = read("/avps-reference.csv");
    assertThat(rows).hasSizeGreaterThan(120);
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
    for (String[] r : read("/avps-reference.csv")) {
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
    for (String[] r : read("/enum-values-reference.csv")) {
      Avp avp = Avp.lookup(Integer.parseInt(r[0]), Long.parseLong(r[1])).orElseThrow();
      soft.assertThat(avp.enumName(Integer.parseInt(r[2]))).as("%s value %s", avp, r[2]).contains(r[3]);
    }
    soft.assertAll();
  }

  @Test
  void everySheetResultCodeMatches() throws IOException {
    SoftAssertions soft = new SoftAssertions();
    Set<ResultCode> seen = EnumSet.noneOf(ResultCode.class);
    for (String[] r : read("/result-codes-reference.csv")) {
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

  static List<String[]> read(String resource) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = ReferenceSheetCrossCheckTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split(";", -1));
        }
      }
    }
    return rows;
  }
}
