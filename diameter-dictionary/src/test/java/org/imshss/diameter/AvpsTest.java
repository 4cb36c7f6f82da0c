package org.imshss.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.Test;

class AvpsTest {

  @Test
  void utf8VendorAvpBytes() {
    AvpSet s = Wire.emptySet();
    Avps.addUtf8(s, Avp.PUBLIC_IDENTITY, "sip:a@b");
    // code 601, flags V+M, length 12+7=19, vendor 10415, data, one padding octet
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex("00000259 C0000013 000028AF 7369703A614062 00"));
  }

  @Test
  void utf8IsUtf8NotLatin1() {
    AvpSet s = Wire.emptySet();
    Avps.addUtf8(s, Avp.USER_NAME, "jö");
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex("00000001 4000000B 6AC3B6 00"));
  }

  @Test
  void unsigned32IsFourOctets() {
    AvpSet s = Wire.emptySet();
    Avps.addUnsigned32(s, Avp.SIP_NUMBER_AUTH_ITEMS, 3);
    Avps.addUnsigned32(s, Avp.RESULT_CODE, 0xFFFFFFFFL);
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex(
        "0000025F C0000010 000028AF 00000003"
            + "0000010C 4000000C FFFFFFFF"));
    assertThatThrownBy(() -> Avps.addUnsigned32(s, Avp.RESULT_CODE, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Avps.addUnsigned32(s, Avp.RESULT_CODE, 1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void enumeratedBaseAndMustNotFlags() {
    AvpSet s = Wire.emptySet();
    Avps.addEnumerated(s, Avp.AUTH_SESSION_STATE, 1);
    Avps.addEnumerated(s, Avp.SESSION_PRIORITY, 2);
    Avps.addEnumerated(s, Avp.DRMP, 15);
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex(
        "00000115 4000000C 00000001"
            + "0000028A 80000010 000028AF 00000002"
            + "0000012D 0000000C 0000000F"));
  }

  @Test
  void unsigned64IsEightOctets() {
    AvpSet s = Wire.emptySet();
    Avps.addUnsigned64(s, Avp.FRAMED_INTERFACE_ID, 0x0102030405060708L);
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex("00000060 40000010 0102030405060708"));
    assertThat(Avps.unsigned64(Wire.decode(Wire.bytes(s)), Avp.FRAMED_INTERFACE_ID)).hasValue(0x0102030405060708L);
  }

  @Test
  void groupedVendorSpecificApplicationIdBytes() {
    AvpSet s = Wire.emptySet();
    Avps.addVendorSpecificApplicationId(s, Application.CX);
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex(
        "00000104 40000020"
            + "0000010A 4000000C 000028AF"
            + "00000102 4000000C 01000000"));
  }

  @Test
  void groupedVendorAvpWithPaddedMember() {
    AvpSet s = Wire.emptySet();
    AvpSet ui = Avps.addGrouped(s, Avp.USER_IDENTITY);
    Avps.addUtf8(ui, Avp.PUBLIC_IDENTITY, "sip:a@b");
    // member is 19 octets + 1 padding; the group length counts the padded member
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex(
        "000002BC C0000020 000028AF"
            + "00000259 C0000013 000028AF 7369703A614062 00"));
    AvpSet back = Wire.decode(Wire.bytes(s));
    assertThat(Avps.utf8(Avps.grouped(back, Avp.USER_IDENTITY).orElseThrow(), Avp.PUBLIC_IDENTITY))
        .contains("sip:a@b");
  }

  @Test
  void groupedDataSurvivesReadingItsMembers() {
    AvpSet s = Wire.emptySet();
    AvpSet ui = Avps.addGrouped(s, Avp.USER_IDENTITY);
    Avps.addUtf8(ui, Avp.PUBLIC_IDENTITY, "sip:a@b");
    AvpSet back = Wire.decode(Wire.bytes(s));
    // Reading the members first is what the validator does; the data must still come back whole.
    assertThat(Avps.grouped(back, Avp.USER_IDENTITY)).isPresent();
    assertThat(Avps.dataAll(back, Avp.USER_IDENTITY)).singleElement()
        .isEqualTo(Wire.hex("00000259 C0000013 000028AF 7369703A614062 00"));
    assertThat(Avps.dataAll(back, Avp.USER_NAME)).isEmpty();
  }

  @Test
  void enumValueNamesTheWireValue() {
    assertThat(Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED")).isEqualTo(1);
    assertThat(Avp.SERVER_ASSIGNMENT_TYPE.enumValue("USER_DEREGISTRATION_STORE_SERVER_NAME")).isEqualTo(7);
    assertThatThrownBy(() -> Avp.AUTH_SESSION_STATE.enumValue("NO_SUCH_VALUE"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mustNotAndMayFlags() {
    AvpSet s = Wire.emptySet();
    AvpSet sf = Avps.addGrouped(s, Avp.SUPPORTED_FEATURES);
    Avps.addUnsigned32(sf, Avp.VENDOR_ID, Vendors.TGPP);
    Avps.addOctets(s, Avp.LINE_IDENTIFIER, new byte[] {9, 9, 9, 9});
    Avps.addUtf8(s, Avp.DIGEST_QOP, "auth");
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex(
        "00000274 80000018 000028AF 0000010A 4000000C 000028AF"
            + "000001F4 80000010 000032DB 09090909"
            + "0000006E 4000000C 61757468"));
  }

  @Test
  void identityIsAscii() {
    AvpSet s = Wire.emptySet();
    Avps.addIdentity(s, Avp.ORIGIN_HOST, "hss.ims");
    Avps.addIdentity(s, Avp.REDIRECT_HOST, "aaa://hss1.ims:3868");
    byte[] b = Wire.bytes(s);
    assertThat(b).startsWith(Wire.hex("00000108 4000000F 6873732E696D73 00"));
    AvpSet back = Wire.decode(b);
    assertThat(Avps.utf8(back, Avp.ORIGIN_HOST)).contains("hss.ims");
    assertThat(Avps.utf8(back, Avp.REDIRECT_HOST)).contains("aaa://hss1.ims:3868");
    assertThatThrownBy(() -> Avps.addIdentity(s, Avp.ORIGIN_HOST, "hös")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Avps.addIdentity(s, Avp.USER_NAME, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void experimentalResultRoundTrip() {
    IMessage m = Wire.message(Command.UAA);
    AvpSet s = m.getAvps();
    s.addAvp(Avp.RESULT_CODE.code(), 2001L, true, false, true);
    Avps.addResult(s, ResultCode.DIAMETER_FIRST_REGISTRATION);
    assertThat(Avps.has(s, Avp.RESULT_CODE)).isFalse();
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex(
        "00000129 40000020"
            + "0000010A 4000000C 000028AF"
            + "0000012A 4000000C 000007D1"));
    IMessage back = Wire.roundTrip(m);
    assertThat(Avps.result(back.getAvps())).contains(ResultCode.DIAMETER_FIRST_REGISTRATION);
    assertThat(Avps.has(back.getAvps(), Avp.RESULT_CODE)).isFalse();
  }

  @Test
  void baseResultReplacesExperimental() {
    AvpSet s = Wire.emptySet();
    Avps.addResult(s, ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    Avps.addResult(s, ResultCode.DIAMETER_UNABLE_TO_COMPLY);
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex("0000010C 4000000C 00001394"));
    assertThat(Avps.result(Wire.decode(Wire.bytes(s)))).contains(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
  }

  @Test
  void failedAvpCopiesTheOffendingAvp() {
    AvpSet s = Wire.emptySet();
    Avps.addFailedAvp(s, Violation.of(ResultCode.DIAMETER_MISSING_AVP, new FailedAvp(601, 10415, true, new byte[0]),
        "missing"));
    assertThat(Wire.bytes(s)).isEqualTo(Wire.hex("00000117 40000014 00000259 C000000C 000028AF"));
    Avps.addFailedAvp(s, new Violation(ResultCode.DIAMETER_MISSING_AVP, List.of(), "none"));
    assertThat(Avps.count(s, Avp.FAILED_AVP)).isEqualTo(1);
  }

  @Test
  void readersRoundTrip() throws Exception {
    AvpSet s = Wire.emptySet();
    Avps.addUtf8(s, Avp.PUBLIC_IDENTITY, "sip:a@b");
    Avps.addUtf8(s, Avp.PUBLIC_IDENTITY, "tel:+1");
    Avps.addEnumerated(s, Avp.DATA_REFERENCE, 0);
    Avps.addEnumerated(s, Avp.DATA_REFERENCE, 17);
    Avps.addOctets(s, Avp.USER_DATA_SH, "<Sh-Data/>".getBytes(StandardCharsets.UTF_8));
    Avps.addTime(s, Avp.EXPIRY_TIME, Instant.parse("2040-01-01T00:00:00Z"));
    Avps.addAddress(s, Avp.HOST_IP_ADDRESS, InetAddress.getByName("10.1.2.3"));
    Avps.addUnsigned32(s, Avp.SIP_ITEM_NUMBER, 4000000000L);
    AvpSet back = Wire.decode(Wire.bytes(s));
    assertThat(Avps.utf8All(back, Avp.PUBLIC_IDENTITY)).containsExactly("sip:a@b", "tel:+1");
    assertThat(Avps.utf8(back, Avp.PUBLIC_IDENTITY)).contains("sip:a@b");
    assertThat(Avps.enumeratedAll(back, Avp.DATA_REFERENCE)).containsExactly(0, 17);
    assertThat(Avps.enumerated(back, Avp.DATA_REFERENCE)).hasValue(0);
    assertThat(Avps.count(back, Avp.DATA_REFERENCE)).isEqualTo(2);
    assertThat(Avps.utf8(back, Avp.USER_DATA_SH)).contains("<Sh-Data/>");
    assertThat(Avps.octets(back, Avp.USER_DATA_CX)).isEmpty();
    assertThat(Avps.time(back, Avp.EXPIRY_TIME)).contains(Instant.parse("2040-01-01T00:00:00Z"));
    assertThat(Avps.address(back, Avp.HOST_IP_ADDRESS)).contains(InetAddress.getByName("10.1.2.3"));
    assertThat(Avps.unsigned32(back, Avp.SIP_ITEM_NUMBER)).hasValue(4000000000L);
    assertThat(Avps.unsigned32(back, Avp.SIP_NUMBER_AUTH_ITEMS)).isEmpty();
    assertThat(Avps.has(back, Avp.USER_NAME)).isFalse();
    assertThat(Avps.groupedAll(back, Avp.USER_IDENTITY)).isEmpty();
    assertThat(Avps.time(Wire.decode(Wire.hex("000002C5 C0000010 000028AF E0000000")), Avp.EXPIRY_TIME))
        .contains(Instant.ofEpochSecond(0xE0000000L - 2208988800L));
  }

  @Test
  void decodeErrorsCarryTheAvp() {
    AvpSet s = Wire.emptySet();
    s.addAvp(Avp.SIP_ITEM_NUMBER.code(), new byte[] {0, 1, 2}, Vendors.TGPP, true, false);
    s.addAvp(Avp.USER_NAME.code(), new byte[] {(byte) 0xFF}, Vendors.BASE, true, false);
    s.addAvp(Avp.SIP_AUTH_DATA_ITEM.code(), new byte[] {0, 0, 0, 1, 0, 0, 0, 2}, Vendors.TGPP, true, false);
    AvpSet back = Wire.decode(Wire.bytes(s));
    assertThatThrownBy(() -> Avps.unsigned32(back, Avp.SIP_ITEM_NUMBER))
        .isInstanceOfSatisfying(AvpDecodeException.class, e -> {
          assertThat(e.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
          assertThat(e.code()).isEqualTo(613);
          assertThat(e.vendorId()).isEqualTo(10415L);
          assertThat(e.data()).containsExactly(0, 1, 2);
          assertThat(e.violation().failedAvps()).containsExactly(new FailedAvp(613, 10415, true, new byte[] {0, 1, 2}));
        });
    assertThatThrownBy(() -> Avps.utf8(back, Avp.USER_NAME))
        .isInstanceOfSatisfying(AvpDecodeException.class,
            e -> assertThat(e.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_VALUE));
    assertThatThrownBy(() -> Avps.grouped(back, Avp.SIP_AUTH_DATA_ITEM))
        .isInstanceOfSatisfying(AvpDecodeException.class, e -> {
          assertThat(e.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
          assertThat(e.data()).hasSize(8);
        });
  }

  @Test
  void writersRejectTheWrongType() {
    AvpSet s = Wire.emptySet();
    assertThatThrownBy(() -> Avps.addUtf8(s, Avp.RESULT_CODE, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Avps.addUnsigned32(s, Avp.USER_NAME, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Avps.addEnumerated(s, Avp.RESULT_CODE, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Avps.addGrouped(s, Avp.USER_NAME)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Avps.unsigned32(s, Avp.USER_NAME)).isInstanceOf(IllegalArgumentException.class);
    assertThat(s.size()).isZero();
  }
}
