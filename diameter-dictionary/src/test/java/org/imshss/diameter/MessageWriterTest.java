package org.imshss.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.Test;

/** What the writer produces, read back by jDiameter's own parser (an independent decoder). */
class MessageWriterTest {

  private static DiameterMessage request() {
    IMessage m = Wire.message(Command.UAR);
    m.setHopByHopIdentifier(0x01020304L);
    m.setEndToEndIdentifier(0x0A0B0C0DL);
    Avps.addUtf8(m.getAvps(), Avp.SESSION_ID, "icscf;1;2");
    return MessageDecoder.decode(Wire.encode(m)).message();
  }

  @Test
  void anAnswerKeepsTheRequestsIdentifiersAndWritesAvpsFromTheTable() throws Exception {
    MessageWriter w = MessageWriter.answerTo(request(), false);
    w.utf8(Avp.SESSION_ID, "icscf;1;2").vendorSpecificApplicationId(Application.CX)
        .result(ResultCode.DIAMETER_FIRST_REGISTRATION).enumerated(Avp.AUTH_SESSION_STATE, 1)
        .identity(Avp.ORIGIN_HOST, "hss.ims.test");
    int capabilities = w.begin(Avp.SERVER_CAPABILITIES);
    w.unsigned32(Avp.MANDATORY_CAPABILITY, 7).utf8(Avp.SERVER_NAME, "sip:scscf.ims.test");
    w.end(capabilities);
    w.octets(Avp.USER_DATA_CX, "<x/>".getBytes(StandardCharsets.UTF_8));

    IMessage answer = Wire.PARSER.createMessage(w.toBytes());
    assertThat(answer.isRequest()).isFalse();
    assertThat(answer.isProxiable()).isTrue();
    assertThat(answer.isError()).isFalse();
    assertThat(answer.getCommandCode()).isEqualTo(300);
    assertThat(answer.getApplicationId()).isEqualTo(Application.CX.id());
    assertThat(answer.getHopByHopIdentifier()).isEqualTo(0x01020304L);
    assertThat(answer.getEndToEndIdentifier()).isEqualTo(0x0A0B0C0DL);
    AvpSet avps = answer.getAvps();
    assertThat(Avps.result(avps)).contains(ResultCode.DIAMETER_FIRST_REGISTRATION);
    assertThat(avps.getAvp(Avp.EXPERIMENTAL_RESULT.code()).isMandatory()).isTrue();
    assertThat(Avps.utf8(avps, Avp.ORIGIN_HOST)).contains("hss.ims.test");
    AvpSet group = Avps.grouped(avps, Avp.SERVER_CAPABILITIES).orElseThrow();
    assertThat(Avps.unsigned32(group, Avp.MANDATORY_CAPABILITY)).hasValue(7);
    assertThat(Avps.utf8(group, Avp.SERVER_NAME)).contains("sip:scscf.ims.test");
    org.jdiameter.api.Avp userData = avps.getAvp(Avp.USER_DATA_CX.code(), Vendors.TGPP);
    assertThat(userData.isVendorId()).isTrue();
    assertThat(new String(userData.getOctetString(), StandardCharsets.UTF_8)).isEqualTo("<x/>");
    assertThat(w.toBytes().length % 4).isZero();
  }

  @Test
  void aProtocolErrorSetsTheErrorBitAndFailedAvpKeepsTheReceivedFlags() throws Exception {
    Violation violation = Violation.of(ResultCode.DIAMETER_AVP_UNSUPPORTED,
        new FailedAvp(9999, 10415L, true, new byte[] {1, 2, 3}), "AVP 9999 is not supported");
    byte[] bytes = MessageWriter.answerTo(request(), true).result(violation.resultCode()).failedAvp(violation)
        .toBytes();
    IMessage answer = Wire.PARSER.createMessage(bytes);
    assertThat(answer.isError()).isTrue();
    AvpSet failed = Avps.grouped(answer.getAvps(), Avp.FAILED_AVP).orElseThrow();
    org.jdiameter.api.Avp member = failed.getAvp(9999, 10415L);
    assertThat(member.isMandatory()).isTrue();
    assertThat(member.getRaw()).containsExactly(1, 2, 3);
  }

  @Test
  void aRequestNamesItsCommandAndApplication() throws Exception {
    byte[] bytes = MessageWriter.request(Command.RTR, 77).identity(Avp.ORIGIN_HOST, "hss.ims.test")
        .unsigned64(Avp.OC_FEATURE_VECTOR, 0x0102030405060708L).toBytes();
    DiameterMessage.setHopByHop(bytes, 5);
    IMessage request = Wire.PARSER.createMessage(bytes);
    assertThat(request.isRequest()).isTrue();
    assertThat(request.getCommandCode()).isEqualTo(Command.RTR.code());
    assertThat(request.getApplicationId()).isEqualTo(Application.CX.id());
    assertThat(request.getEndToEndIdentifier()).isEqualTo(77);
    assertThat(request.getHopByHopIdentifier()).isEqualTo(5);
    assertThat(Avps.unsigned64(request.getAvps(), Avp.OC_FEATURE_VECTOR)).hasValue(0x0102030405060708L);
    DiameterMessage decoded = MessageDecoder.decode(bytes).message();
    assertThat(decoded.avps().first(Avp.OC_FEATURE_VECTOR).unsigned64()).isEqualTo(0x0102030405060708L);
  }
  @Test
  void anAiaWithAnEutranVectorIsReadBackByJdiameter() throws Exception {
    DiameterMessage air = MessageDecoder.decode(Wire.encode(MessageDecoderTest.air())).message();
    // One E-UTRAN vector computed with Milenage (TS 35.206) and the KASME derivation of TS 33.401 A.2.
    byte[] rand = Wire.hex("4ec67bf2956de16702d68e3af481ca2c");
    byte[] xres = Wire.hex("ce24257eeed33b5a");
    byte[] autn = Wire.hex("263b1975ff74800015a0616a9c3aafde");
    byte[] kasme = Wire.hex("8891b65582d3d46dcbe5256105dddda0fd83f96e02e800e417a64e0b69fcb593");
    MessageWriter w = MessageWriter.answerTo(air, false);
    w.utf8(Avp.SESSION_ID, air.avps().utf8(Avp.SESSION_ID)).vendorSpecificApplicationId(Application.S6A)
        .result(ResultCode.DIAMETER_SUCCESS).enumerated(Avp.AUTH_SESSION_STATE, 1)
        .identity(Avp.ORIGIN_HOST, "hss.epc.test").identity(Avp.ORIGIN_REALM, "epc.test");
    int info = w.begin(Avp.AUTHENTICATION_INFO);
    int vector = w.begin(Avp.E_UTRAN_VECTOR);
    w.unsigned32(Avp.ITEM_NUMBER, 1).octets(Avp.RAND, rand).octets(Avp.XRES, xres).octets(Avp.AUTN, autn)
        .octets(Avp.KASME, kasme);
    w.end(vector).end(info);
    byte[] bytes = w.toBytes();

    IMessage answer = Wire.PARSER.createMessage(bytes);
    assertThat(answer.isRequest()).isFalse();
    assertThat(answer.isProxiable()).isTrue();
    assertThat(answer.getCommandCode()).isEqualTo(318);
    assertThat(answer.getApplicationId()).isEqualTo(Application.S6A.id());
    assertThat(Avps.result(answer.getAvps())).contains(ResultCode.DIAMETER_SUCCESS);
    org.jdiameter.api.Avp infoAvp = answer.getAvps().getAvp(1413, Vendors.TGPP);
    assertThat(infoAvp.isMandatory()).isTrue();
    assertThat(infoAvp.isVendorId()).isTrue();
    AvpSet vectors = Avps.grouped(answer.getAvps(), Avp.AUTHENTICATION_INFO).orElseThrow();
    assertThat(Avps.count(vectors, Avp.E_UTRAN_VECTOR)).isEqualTo(1);
    AvpSet v = Avps.grouped(vectors, Avp.E_UTRAN_VECTOR).orElseThrow();
    assertThat(Avps.unsigned32(v, Avp.ITEM_NUMBER)).hasValue(1);
    assertThat(Avps.octets(v, Avp.RAND)).hasValueSatisfying(b -> assertThat(b).containsExactly(rand));
    assertThat(Avps.octets(v, Avp.XRES)).hasValueSatisfying(b -> assertThat(b).containsExactly(xres));
    assertThat(Avps.octets(v, Avp.AUTN)).hasValueSatisfying(b -> assertThat(b).containsExactly(autn));
    assertThat(Avps.octets(v, Avp.KASME)).hasValueSatisfying(b -> assertThat(b).containsExactly(kasme));
    assertThat(v.getAvp(1450, Vendors.TGPP).isMandatory()).isTrue();
    // And the answer is an AIA as TS 29.272 7.2.6 writes it.
    MessageDecoder.Decoded decoded = MessageDecoder.decode(bytes);
    assertThat(decoded.violation()).isNull();
    assertThat(decoded.message().command()).contains(Command.AIA);
  }
}
