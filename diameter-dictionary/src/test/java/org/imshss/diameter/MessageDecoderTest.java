package org.imshss.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.Test;

class MessageDecoderTest {

  /** A UAR as Kamailio's I-CSCF sends it, minus the AVPs named in {@code skip}. */
  private static IMessage uar(Avp... skip) {
    IMessage m = Wire.message(Command.UAR);
    AvpSet s = m.getAvps();
    java.util.Set<Avp> omit = java.util.Set.of(skip);
    if (!omit.contains(Avp.SESSION_ID)) {
      Avps.addUtf8(s, Avp.SESSION_ID, "icscf.ims.test;1234;5678");
    }
    Avps.addVendorSpecificApplicationId(s, Application.CX);
    Avps.addEnumerated(s, Avp.AUTH_SESSION_STATE, 1);
    Avps.addIdentity(s, Avp.ORIGIN_HOST, "icscf.ims.test");
    Avps.addIdentity(s, Avp.ORIGIN_REALM, "ims.test");
    Avps.addIdentity(s, Avp.DESTINATION_REALM, "ims.test");
    if (!omit.contains(Avp.USER_NAME)) {
      Avps.addUtf8(s, Avp.USER_NAME, "alice@ims.test");
    }
    if (!omit.contains(Avp.PUBLIC_IDENTITY)) {
      Avps.addUtf8(s, Avp.PUBLIC_IDENTITY, "sip:alice@ims.test");
    }
    Avps.addOctets(s, Avp.VISITED_NETWORK_IDENTIFIER, "ims.test".getBytes(StandardCharsets.US_ASCII));
    return m;
  }

  private static IMessage mar() {
    IMessage m = Wire.message(Command.MAR);
    AvpSet s = m.getAvps();
    Avps.addUtf8(s, Avp.SESSION_ID, "scscf.ims.test;1;2");
    Avps.addVendorSpecificApplicationId(s, Application.CX);
    Avps.addEnumerated(s, Avp.AUTH_SESSION_STATE, 1);
    Avps.addIdentity(s, Avp.ORIGIN_HOST, "scscf.ims.test");
    Avps.addIdentity(s, Avp.ORIGIN_REALM, "ims.test");
    Avps.addIdentity(s, Avp.DESTINATION_REALM, "ims.test");
    Avps.addUtf8(s, Avp.USER_NAME, "alice@ims.test");
    Avps.addUtf8(s, Avp.PUBLIC_IDENTITY, "sip:alice@ims.test");
    Avps.addUnsigned32(s, Avp.SIP_NUMBER_AUTH_ITEMS, 1);
    Avps.addUtf8(s, Avp.SERVER_NAME, "sip:scscf.ims.test:6060");
    return m;
  }

  /** The violation one decoding walk finds in {@code m} sent as {@code c} (the header names the command). */
  private Optional<Violation> check(Command c, IMessage m) {
    assertThat(m.getCommandCode()).isEqualTo(c.code());
    assertThat(m.isRequest()).isEqualTo(c.isRequest());
    MessageDecoder.Decoded decoded = MessageDecoder.decode(Wire.encode(m));
    assertThat(decoded.layoutError()).isNull();
    return Optional.ofNullable(decoded.violation());
  }

  @Test
  void completeUarPasses() {
    assertThat(check(Command.UAR, uar())).isEmpty();
  }

  @Test
  void uarWithOptionalAvpsProxyInfoAndRouteRecordPasses() {
    IMessage m = uar();
    AvpSet s = m.getAvps();
    Avps.addEnumerated(s, Avp.USER_AUTHORIZATION_TYPE, 1);
    Avps.addUnsigned32(s, Avp.UAR_FLAGS, 1);
    AvpSet sf = Avps.addGrouped(s, Avp.SUPPORTED_FEATURES);
    Avps.addUnsigned32(sf, Avp.VENDOR_ID, Vendors.TGPP);
    Avps.addUnsigned32(sf, Avp.FEATURE_LIST_ID, 1);
    Avps.addUnsigned32(sf, Avp.FEATURE_LIST, 3);
    AvpSet pi = Avps.addGrouped(s, Avp.PROXY_INFO);
    Avps.addIdentity(pi, Avp.PROXY_HOST, "dra.ims.test");
    Avps.addOctets(pi, Avp.PROXY_STATE, new byte[] {1, 2, 3});
    Avps.addIdentity(s, Avp.ROUTE_RECORD, "dra.ims.test");
    Avps.addIdentity(s, Avp.ROUTE_RECORD, "dra2.ims.test");
    Avps.addEnumerated(s, Avp.DRMP, 3);
    assertThat(check(Command.UAR, m)).isEmpty();
  }

  @Test
  void unknownEnumeratedValueIsTolerated() {
    IMessage m = uar();
    Avps.addEnumerated(m.getAvps(), Avp.USER_AUTHORIZATION_TYPE, 77);
    assertThat(check(Command.UAR, m)).isEmpty();
  }

  @Test
  void missingPublicIdentityIs5005WithZeroFilledExample() {
    Violation v = check(Command.UAR, uar(Avp.PUBLIC_IDENTITY)).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
    assertThat(v.failedAvps()).hasSize(1);
    FailedAvp f = v.failedAvps().get(0);
    assertThat(f.code()).isEqualTo(601);
    assertThat(f.vendorId()).isEqualTo(10415L);
    assertThat(f.mandatoryBit()).isTrue();
    assertThat(v.errorMessage()).contains("Public-Identity");
  }

  @Test
  void missingSessionIdIs5005() {
    Violation v = check(Command.UAR, uar(Avp.SESSION_ID)).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
    assertThat(v.failedAvps().get(0).code()).isEqualTo(263);
  }

  @Test
  void missingFixedSizeAvpExampleHasItsLength() {
    IMessage m = mar();
    Avps.addGrouped(m.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
    m.getAvps().removeAvp(Avp.SIP_NUMBER_AUTH_ITEMS.code(), Vendors.TGPP);
    Violation v = check(Command.MAR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
    assertThat(v.failedAvps().get(0)).isEqualTo(new FailedAvp(607, 10415, true, new byte[4]));
  }

  @Test
  void twoUserNamesIs5009WithTheSecond() {
    IMessage m = uar();
    Avps.addUtf8(m.getAvps(), Avp.USER_NAME, "bob@ims.test");
    Violation v = check(Command.UAR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES);
    assertThat(v.failedAvps().get(0).code()).isEqualTo(1);
    assertThat(new String(v.failedAvps().get(0).data(), StandardCharsets.UTF_8)).isEqualTo("bob@ims.test");
  }

  @Test
  void unknownMandatoryAvpIs5001WithThatAvp() {
    IMessage m = uar();
    m.getAvps().addAvp(9999, new byte[] {1, 2, 3, 4, 5}, 10415L, true, false);
    Violation v = check(Command.UAR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_AVP_UNSUPPORTED);
    assertThat(v.failedAvps()).containsExactly(new FailedAvp(9999, 10415L, true, new byte[] {1, 2, 3, 4, 5}));
  }

  @Test
  void unknownAvpWithoutMandatoryBitIsIgnored() {
    IMessage m = uar();
    m.getAvps().addAvp(494, "call-id-123@host".getBytes(StandardCharsets.US_ASCII), 50L, false, false);
    assertThat(check(Command.UAR, m)).isEmpty();
  }

  @Test
  void unsupportedWinsOverMissing() {
    IMessage m = uar(Avp.PUBLIC_IDENTITY);
    m.getAvps().addAvp(9999, new byte[4], 10415L, true, false);
    assertThat(check(Command.UAR, m).orElseThrow().resultCode()).isEqualTo(ResultCode.DIAMETER_AVP_UNSUPPORTED);
  }

  @Test
  void unsigned32OfThreeOctetsIs5014() {
    IMessage m = uar();
    m.getAvps().addAvp(Avp.UAR_FLAGS.code(), new byte[] {0, 0, 1}, Vendors.TGPP, false, false);
    Violation v = check(Command.UAR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
    assertThat(v.failedAvps()).containsExactly(new FailedAvp(637, 10415L, false, new byte[] {0, 0, 1}));
  }

  @Test
  void enumeratedOfEightOctetsIs5014() {
    IMessage m = uar();
    m.getAvps().removeAvp(Avp.AUTH_SESSION_STATE.code());
    m.getAvps().addAvp(Avp.AUTH_SESSION_STATE.code(), new byte[8], Vendors.BASE, true, false);
    assertThat(check(Command.UAR, m).orElseThrow().resultCode())
        .isEqualTo(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
  }

  @Test
  void invalidUtf8Is5004() {
    IMessage m = uar(Avp.USER_NAME);
    m.getAvps().addAvp(Avp.USER_NAME.code(), new byte[] {'a', (byte) 0xC3, 0x28}, Vendors.BASE, true, false);
    Violation v = check(Command.UAR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_VALUE);
    assertThat(v.failedAvps().get(0).code()).isEqualTo(1);
  }

  @Test
  void overlongAndSurrogateUtf8AreRejected() {
    assertThat(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0x80})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse();
    assertThat(Utf8.isValid("sip:jörg@ims.test 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @Test
  void unknownMandatoryChildOfSipAuthDataItemIs5001() {
    IMessage m = mar();
    AvpSet item = Avps.addGrouped(m.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
    Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "Digest-AKAv1-MD5");
    item.addAvp(9998, new byte[] {7}, 10415L, true, false);
    Violation v = check(Command.MAR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_AVP_UNSUPPORTED);
    assertThat(v.failedAvps()).containsExactly(new FailedAvp(9998, 10415L, true, new byte[] {7}));
  }

  @Test
  void completeMarWithDigestItemPasses() {
    IMessage m = mar();
    AvpSet item = Avps.addGrouped(m.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
    Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "SIP Digest");
    AvpSet digest = Avps.addGrouped(item, Avp.SIP_DIGEST_AUTHENTICATE);
    Avps.addUtf8(digest, Avp.DIGEST_REALM, "ims.test");
    Avps.addUtf8(digest, Avp.DIGEST_QOP, "auth");
    Avps.addUtf8(digest, Avp.DIGEST_HA1, "0123456789abcdef0123456789abcdef");
    item.addAvp(500, new byte[] {1}, Vendors.ETSI, false, false);
    assertThat(check(Command.MAR, m)).isEmpty();
  }

  @Test
  void missingMemberInsideGroupedIs5005() {
    IMessage m = mar();
    AvpSet item = Avps.addGrouped(m.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
    AvpSet digest = Avps.addGrouped(item, Avp.SIP_DIGEST_AUTHENTICATE);
    Avps.addUtf8(digest, Avp.DIGEST_REALM, "ims.test");
    Avps.addUtf8(digest, Avp.DIGEST_QOP, "auth");
    Violation v = check(Command.MAR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
    assertThat(v.failedAvps().get(0)).isEqualTo(new FailedAvp(121, 0, true, new byte[0]));
  }

  private static IMessage uaa(boolean userNameInExperimentalResult) {
    IMessage m = Wire.message(Command.UAA);
    AvpSet s = m.getAvps();
    Avps.addUtf8(s, Avp.SESSION_ID, "hss;1;2");
    Avps.addVendorSpecificApplicationId(s, Application.CX);
    Avps.addEnumerated(s, Avp.AUTH_SESSION_STATE, 1);
    Avps.addIdentity(s, Avp.ORIGIN_HOST, "hss.ims.test");
    Avps.addIdentity(s, Avp.ORIGIN_REALM, "ims.test");
    Avps.addResult(s, ResultCode.DIAMETER_FIRST_REGISTRATION);
    if (userNameInExperimentalResult) {
      Avps.addUtf8(Avps.grouped(s, Avp.EXPERIMENTAL_RESULT).orElseThrow(), Avp.USER_NAME, "x");
    }
    return m;
  }

  @Test
  void knownAvpNotAllowedInClosedGroupIs5008() {
    assertThat(check(Command.UAA, uaa(false))).isEmpty();
    Violation v = check(Command.UAA, uaa(true)).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_AVP_NOT_ALLOWED);
    assertThat(v.failedAvps().get(0).code()).isEqualTo(1);
  }

  @Test
  void malformedGroupedIs5014() {
    IMessage m = mar();
    m.getAvps().addAvp(Avp.SIP_AUTH_DATA_ITEM.code(), new byte[] {0, 0, 2, 0x65, 0, 0, 0, 99}, Vendors.TGPP,
        true, false);
    Violation v = check(Command.MAR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
    assertThat(v.failedAvps().get(0).code()).isEqualTo(612);
  }

  @Test
  void badAddressLengthInCerIs5014() {
    IMessage m = Wire.message(Command.CER);
    AvpSet s = m.getAvps();
    Avps.addIdentity(s, Avp.ORIGIN_HOST, "icscf.ims.test");
    Avps.addIdentity(s, Avp.ORIGIN_REALM, "ims.test");
    s.addAvp(Avp.HOST_IP_ADDRESS.code(), new byte[] {0, 1, 127, 0, 0}, Vendors.BASE, true, false);
    Avps.addUnsigned32(s, Avp.VENDOR_ID, Vendors.TGPP);
    Avps.addUtf8(s, Avp.PRODUCT_NAME, "Kamailio");
    assertThat(check(Command.CER, m).orElseThrow().resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
  }

  @Test
  void deepNestingIsRejected() {
    IMessage m = uar();
    AvpSet level = m.getAvps();
    for (int i = 0; i < MessageDecoder.MAX_DEPTH + 2; i++) {
      level = Avps.addGrouped(level, Avp.PROXY_INFO);
      Avps.addIdentity(level, Avp.PROXY_HOST, "p" + i);
      Avps.addOctets(level, Avp.PROXY_STATE, new byte[] {1});
    }
    assertThat(check(Command.UAR, m).orElseThrow().resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_VALUE);
  }

  @Test
  void failedAvpContentIsNotInspected() {
    IMessage m = Wire.message(Command.DWA);
    AvpSet s = m.getAvps();
    Avps.addResult(s, ResultCode.DIAMETER_MISSING_AVP);
    Avps.addIdentity(s, Avp.ORIGIN_HOST, "hss.ims.test");
    Avps.addIdentity(s, Avp.ORIGIN_REALM, "ims.test");
    Avps.addFailedAvp(s, Violation.of(ResultCode.DIAMETER_AVP_UNSUPPORTED,
        new FailedAvp(9999, 10415L, true, new byte[] {1}), "x"));
    assertThat(check(Command.DWA, m)).isEmpty();
  }

  @Test
  void shRequestsValidate() {
    IMessage m = Wire.message(Command.UDR);
    AvpSet s = m.getAvps();
    Avps.addUtf8(s, Avp.SESSION_ID, "as;1;2");
    Avps.addVendorSpecificApplicationId(s, Application.SH);
    Avps.addEnumerated(s, Avp.AUTH_SESSION_STATE, 1);
    Avps.addIdentity(s, Avp.ORIGIN_HOST, "as.ims.test");
    Avps.addIdentity(s, Avp.ORIGIN_REALM, "ims.test");
    Avps.addIdentity(s, Avp.DESTINATION_REALM, "ims.test");
    AvpSet ui = Avps.addGrouped(s, Avp.USER_IDENTITY);
    Avps.addUtf8(ui, Avp.PUBLIC_IDENTITY, "sip:alice@ims.test");
    Avps.addEnumerated(s, Avp.DATA_REFERENCE, 0);
    Avps.addEnumerated(s, Avp.DATA_REFERENCE, 11);
    Avps.addOctets(s, Avp.SERVICE_INDICATION, "svc".getBytes(StandardCharsets.US_ASCII));
    assertThat(check(Command.UDR, m)).isEmpty();
    s.removeAvp(Avp.DATA_REFERENCE.code(), Vendors.TGPP);
    Violation v = check(Command.UDR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
    assertThat(v.failedAvps().get(0).code()).isEqualTo(703);
  }

  @Test
  void decodedValuesAreReadFromTheOneWalk() {
    IMessage m = mar();
    AvpSet item = Avps.addGrouped(m.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
    Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "Digest-AKAv1-MD5");
    Avps.addOctets(item, Avp.SIP_AUTHORIZATION, new byte[] {9, 8, 7});
    MessageDecoder.Decoded decoded = MessageDecoder.decode(Wire.encode(m));
    assertThat(decoded.violation()).isNull();
    DiameterMessage message = decoded.message();
    assertThat(message.command()).contains(Command.MAR);
    assertThat(message.isRequest()).isTrue();
    assertThat(message.isProxiable()).isTrue();
    AvpGroup avps = message.avps();
    assertThat(avps.utf8(Avp.USER_NAME)).isEqualTo("alice@ims.test");
    assertThat(avps.unsigned32(Avp.SIP_NUMBER_AUTH_ITEMS)).hasValue(1);
    assertThat(avps.int32(Avp.AUTH_SESSION_STATE)).hasValue(1);
    assertThat(avps.group(Avp.VENDOR_SPECIFIC_APPLICATION_ID).unsigned32(Avp.AUTH_APPLICATION_ID))
        .hasValue(Application.CX.id());
    AvpGroup decodedItem = avps.group(Avp.SIP_AUTH_DATA_ITEM);
    assertThat(decodedItem.utf8(Avp.SIP_AUTHENTICATION_SCHEME)).isEqualTo("Digest-AKAv1-MD5");
    assertThat(decodedItem.octets(Avp.SIP_AUTHORIZATION)).containsExactly(9, 8, 7);
    assertThat(avps.first(Avp.SERVER_ASSIGNMENT_TYPE)).isNull();
    assertThat(avps.utf8All(Avp.PUBLIC_IDENTITY)).containsExactly("sip:alice@ims.test");
  }

  @Test
  void unknownAvpsWithoutTheMandatoryBitAreKeptInOrder() {
    IMessage m = uar();
    m.getAvps().addAvp(4242, new byte[] {1, 2, 3, 4, 5}, 99L, false, false);
    MessageDecoder.Decoded decoded = MessageDecoder.decode(Wire.encode(m));
    assertThat(decoded.violation()).isNull();
    ReceivedAvp unknown = decoded.message().avps().all().get(decoded.message().avps().size() - 1);
    assertThat(unknown.definition()).isNull();
    assertThat(unknown.code()).isEqualTo(4242);
    assertThat(unknown.vendorId()).isEqualTo(99L);
    assertThat(unknown.data()).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void truncatedAvpHeaderIsALayoutErrorWithTheHeaderPaddedWithZeros() {
    byte[] good = Wire.encode(uar());
    byte[] m = java.util.Arrays.copyOf(good, good.length + 4);
    m[3] = (byte) m.length;
    m[2] = (byte) (m.length >>> 8);
    m[good.length] = 0;
    m[good.length + 1] = 0;
    m[good.length + 2] = 1;
    m[good.length + 3] = 7;
    MessageDecoder.LayoutError error = MessageDecoder.decode(m).layoutError();
    assertThat(error.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
    assertThat(error.failedAvp()).containsExactly(0, 0, 1, 7, 0, 0, 0, 0);
  }

  @Test
  void avpLengthPastTheMessageIsALayoutErrorWithAMinimalAvp() {
    byte[] m = Wire.encode(uar());
    // The last AVP (Visited-Network-Identifier, vendor-specific) claims more octets than the message has.
    int last = lastAvpOffset(m);
    m[last + 7] = (byte) 0xF0;
    MessageDecoder.LayoutError error = MessageDecoder.decode(m).layoutError();
    assertThat(error.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
    assertThat(error.failedAvp()).hasSize(12);
    assertThat(java.nio.ByteBuffer.wrap(error.failedAvp()).getInt()).isEqualTo(600);
  }

  @Test
  void reservedAvpFlagBitsAre3009WithTheAvp() {
    byte[] m = Wire.encode(uar());
    int last = lastAvpOffset(m);
    m[last + 4] |= 0x01;
    MessageDecoder.LayoutError error = MessageDecoder.decode(m).layoutError();
    assertThat(error.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_BITS);
    assertThat(error.failedAvp()).isEqualTo(java.util.Arrays.copyOfRange(m, last, m.length));
  }

  private static int lastAvpOffset(byte[] m) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(m);
    int pos = DiameterMessage.HEADER_BYTES;
    int last = pos;
    while (pos < m.length) {
      last = pos;
      pos += ((b.getInt(pos + 4) & 0xFFFFFF) + 3) & ~3;
    }
    return last;
  }

  @Test
  void aDiameterIdentityOutsidePrintableAsciiIs5004() {
    IMessage m = uar();
    m.getAvps().removeAvp(Avp.ORIGIN_HOST.code());
    m.getAvps().addAvp(Avp.ORIGIN_HOST.code(), "icscf.ïms.test".getBytes(StandardCharsets.UTF_8), true, false);
    Violation v = check(Command.UAR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_INVALID_AVP_VALUE);
    assertThat(v.failedAvps().get(0).code()).isEqualTo(Avp.ORIGIN_HOST.code());
  }
  /** A ULR as an MME sends it at initial attach over S6a (TS 29.272 7.2.3): IMSI, terminal, E-UTRAN, flags 0x22. */
  static IMessage ulr() {
    IMessage m = Wire.message(Command.ULR);
    AvpSet s = m.getAvps();
    s6aHead(s, "mme.epc.mnc007.mcc262.3gppnetwork.org");
    AvpSet terminal = Avps.addGrouped(s, Avp.TERMINAL_INFORMATION);
    Avps.addUtf8(terminal, Avp.IMEI, "35623609012345");
    Avps.addUtf8(terminal, Avp.SOFTWARE_VERSION, "01");
    Avps.addEnumerated(s, Avp.RAT_TYPE, Avp.RAT_TYPE.enumValue("EUTRAN"));
    Avps.addUnsigned32(s, Avp.ULR_FLAGS, 0x22);
    Avps.addOctets(s, Avp.VISITED_PLMN_ID, Wire.hex("62f270"));
    Avps.addEnumerated(s, Avp.UE_SRVCC_CAPABILITY, 0);
    Avps.addEnumerated(s, Avp.SMS_REGISTER_REQUEST, 1);
    return m;
  }

  /** An AIR asking one E-UTRAN vector, with a resynchronisation (RAND and AUTS, 30 octets). */
  static IMessage air() {
    IMessage m = Wire.message(Command.AIR);
    AvpSet s = m.getAvps();
    s6aHead(s, "mme.epc.mnc007.mcc262.3gppnetwork.org");
    AvpSet requested = Avps.addGrouped(s, Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO);
    Avps.addUnsigned32(requested, Avp.NUMBER_OF_REQUESTED_VECTORS, 1);
    Avps.addUnsigned32(requested, Avp.IMMEDIATE_RESPONSE_PREFERRED, 1);
    Avps.addOctets(requested, Avp.RE_SYNCHRONIZATION_INFO, new byte[30]);
    Avps.addOctets(s, Avp.VISITED_PLMN_ID, Wire.hex("62f270"));
    return m;
  }

  private static void s6aHead(AvpSet s, String originHost) {
    Avps.addUtf8(s, Avp.SESSION_ID, originHost + ";1;2");
    Avps.addEnumerated(s, Avp.AUTH_SESSION_STATE, 1);
    Avps.addIdentity(s, Avp.ORIGIN_HOST, originHost);
    Avps.addIdentity(s, Avp.ORIGIN_REALM, "epc.mnc007.mcc262.3gppnetwork.org");
    Avps.addIdentity(s, Avp.DESTINATION_REALM, "epc.mnc007.mcc262.3gppnetwork.org");
    Avps.addUtf8(s, Avp.USER_NAME, "262070123456789");
  }

  @Test
  void s6aUpdateLocationRequestDecodesWithoutViolation() {
    MessageDecoder.Decoded decoded = MessageDecoder.decode(Wire.encode(ulr()));
    assertThat(decoded.layoutError()).isNull();
    assertThat(decoded.violation()).isNull();
    DiameterMessage message = decoded.message();
    assertThat(message.command()).contains(Command.ULR);
    assertThat(message.applicationId()).isEqualTo(Application.S6A.id());
    AvpGroup avps = message.avps();
    assertThat(avps.utf8(Avp.USER_NAME)).isEqualTo("262070123456789");
    assertThat(avps.unsigned32(Avp.ULR_FLAGS)).hasValue(0x22);
    assertThat(avps.int32(Avp.RAT_TYPE)).hasValue(1004);
    assertThat(avps.group(Avp.TERMINAL_INFORMATION).utf8(Avp.IMEI)).isEqualTo("35623609012345");
  }

  @Test
  void s6aUpdateLocationRequestWithoutVisitedPlmnIdMissesIt() {
    IMessage m = ulr();
    m.getAvps().removeAvp(Avp.VISITED_PLMN_ID.code(), Vendors.TGPP);
    Violation v = check(Command.ULR, m).orElseThrow();
    assertThat(v.resultCode()).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
    assertThat(v.failedAvps().get(0).code()).isEqualTo(1407);
  }

  @Test
  void s6aAuthenticationInformationRequestDecodesWithoutViolation() {
    MessageDecoder.Decoded decoded = MessageDecoder.decode(Wire.encode(air()));
    assertThat(decoded.layoutError()).isNull();
    assertThat(decoded.violation()).isNull();
    assertThat(decoded.message().command()).contains(Command.AIR);
    AvpGroup requested = decoded.message().avps().group(Avp.REQUESTED_EUTRAN_AUTHENTICATION_INFO);
    assertThat(requested.unsigned32(Avp.NUMBER_OF_REQUESTED_VECTORS)).hasValue(1);
    assertThat(requested.first(Avp.RE_SYNCHRONIZATION_INFO).dataLength()).isEqualTo(30);
  }

  /** The AVPs of an SWx MAR for EAP-AKA' (TS 29.273 8.2.2.1) in a message of {@code application}. */
  private static IMessage swxMarAvps(Application application) {
    IMessage m = Wire.PARSER.createEmptyMessage(303, application.id());
    m.setRequest(true);
    m.setProxiable(true);
    AvpSet s = m.getAvps();
    Avps.addUtf8(s, Avp.SESSION_ID, "aaa.epc.test;1;2");
    Avps.addVendorSpecificApplicationId(s, application);
    Avps.addEnumerated(s, Avp.AUTH_SESSION_STATE, 1);
    Avps.addIdentity(s, Avp.ORIGIN_HOST, "aaa.epc.test");
    Avps.addIdentity(s, Avp.ORIGIN_REALM, "epc.test");
    Avps.addIdentity(s, Avp.DESTINATION_REALM, "epc.test");
    Avps.addUtf8(s, Avp.USER_NAME, "262070123456789");
    Avps.addEnumerated(s, Avp.RAT_TYPE, Avp.RAT_TYPE.enumValue("WLAN"));
    Avps.addUtf8(s, Avp.ANID, "WLAN");
    AvpSet item = Avps.addGrouped(s, Avp.SIP_AUTH_DATA_ITEM);
    Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "EAP-AKA'");
    Avps.addUnsigned32(s, Avp.SIP_NUMBER_AUTH_ITEMS, 1);
    return m;
  }

  @Test
  void anSwxMarIsToldFromACxMarByItsApplicationId() {
    MessageDecoder.Decoded swx = MessageDecoder.decode(Wire.encode(swxMarAvps(Application.SWX)));
    assertThat(swx.violation()).isNull();
    assertThat(swx.message().command()).contains(Command.SWX_MAR);
    assertThat(swx.message().avps().utf8(Avp.ANID)).isEqualTo("WLAN");
    // The same AVPs under Cx's Application-Id are checked as a Cx MAR, which requires Public-Identity.
    MessageDecoder.Decoded cx = MessageDecoder.decode(Wire.encode(swxMarAvps(Application.CX)));
    assertThat(cx.message().command()).contains(Command.MAR);
    assertThat(cx.violation()).isNotNull();
    assertThat(cx.violation().resultCode()).isEqualTo(ResultCode.DIAMETER_MISSING_AVP);
    assertThat(cx.violation().failedAvps().get(0).code()).isEqualTo(Avp.PUBLIC_IDENTITY.code());
  }

  @Test
  void aCxCodeUnderAnotherApplicationIsNotChecked() {
    IMessage m = Wire.PARSER.createEmptyMessage(300, Application.SWX.id());
    m.setRequest(true);
    Avps.addUtf8(m.getAvps(), Avp.SESSION_ID, "aaa.epc.test;1;2");
    MessageDecoder.Decoded decoded = MessageDecoder.decode(Wire.encode(m));
    assertThat(decoded.message().command()).isEmpty();
    assertThat(decoded.violation()).isNull();
  }
  @Test
  void s6aPurgeWithTheLastKnownLocationDecodesWithoutViolation() {
    IMessage m = Wire.message(Command.S6A_PUR);
    AvpSet s = m.getAvps();
    s6aHead(s, "mme.epc.mnc007.mcc262.3gppnetwork.org");
    Avps.addUnsigned32(s, Avp.PUR_FLAGS, 1);
    AvpSet location = Avps.addGrouped(Avps.addGrouped(s, Avp.EPS_LOCATION_INFORMATION), Avp.MME_LOCATION_INFORMATION);
    Avps.addOctets(location, Avp.E_UTRAN_CELL_GLOBAL_IDENTITY, Wire.hex("62f2700001a2b3"));
    Avps.addOctets(location, Avp.TRACKING_AREA_IDENTITY, Wire.hex("62f2700001"));
    Avps.addUnsigned32(location, Avp.AGE_OF_LOCATION_INFORMATION, 3);
    MessageDecoder.Decoded decoded = MessageDecoder.decode(Wire.encode(m));
    assertThat(decoded.violation()).isNull();
    assertThat(decoded.message().command()).contains(Command.S6A_PUR);
    AvpGroup mme = decoded.message().avps().group(Avp.EPS_LOCATION_INFORMATION).group(Avp.MME_LOCATION_INFORMATION);
    assertThat(mme.unsigned32(Avp.AGE_OF_LOCATION_INFORMATION)).hasValue(3);
  }
}
