package org.imshss.diameter;

import static org.imshss.diameter.AvpType.ADDRESS;
import static org.imshss.diameter.AvpType.DIAMETER_IDENTITY;
import static org.imshss.diameter.AvpType.DIAMETER_URI;
import static org.imshss.diameter.AvpType.ENUMERATED;
import static org.imshss.diameter.AvpType.GROUPED;
import static org.imshss.diameter.AvpType.OCTET_STRING;
import static org.imshss.diameter.AvpType.TIME;
import static org.imshss.diameter.AvpType.UNSIGNED32;
import static org.imshss.diameter.AvpType.UNSIGNED64;
import static org.imshss.diameter.AvpType.UTF8_STRING;
import static org.imshss.diameter.FlagRule.MAY;
import static org.imshss.diameter.FlagRule.MUST;
import static org.imshss.diameter.FlagRule.MUST_NOT;
import static org.imshss.diameter.Flags.SEND_M;
import static org.imshss.diameter.Vendors.BASE;
import static org.imshss.diameter.Vendors.ETSI;
import static org.imshss.diameter.Vendors.TGPP;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AVP dictionary: base protocol (RFC 6733, RFC 4590 Digest, RFC 7683 overload, RFC 7944 DRMP,
 * RFC 8583 load), Cx/Dx (TS 29.229 6.3) and Sh/Dh (TS 29.329 6.3). Keyed on (code, vendor).
 */
public enum Avp {

  // RFC 6733 4.5 and friends (vendor 0)
  USER_NAME("User-Name", 1, BASE, MUST, UTF8_STRING),
  FRAMED_IP_ADDRESS("Framed-IP-Address", 8, BASE, MUST, OCTET_STRING),
  PROXY_STATE("Proxy-State", 33, BASE, MUST, OCTET_STRING),
  FRAMED_INTERFACE_ID("Framed-Interface-Id", 96, BASE, MUST, UNSIGNED64),
  FRAMED_IPV6_PREFIX("Framed-IPv6-Prefix", 97, BASE, MUST, OCTET_STRING),
  HOST_IP_ADDRESS("Host-IP-Address", 257, BASE, MUST, ADDRESS),
  AUTH_APPLICATION_ID("Auth-Application-Id", 258, BASE, MUST, UNSIGNED32),
  ACCT_APPLICATION_ID("Acct-Application-Id", 259, BASE, MUST, UNSIGNED32),
  VENDOR_SPECIFIC_APPLICATION_ID("Vendor-Specific-Application-Id", 260, BASE, MUST, GROUPED,
      "{ Vendor-Id } [ Auth-Application-Id ] [ Acct-Application-Id ]"),
  REDIRECT_HOST_USAGE("Redirect-Host-Usage", 261, BASE, MUST, ENUMERATED,
      values("0 DONT_CACHE", "1 ALL_SESSION", "2 ALL_REALM", "3 REALM_AND_APPLICATION", "4 ALL_APPLICATION",
          "5 ALL_HOST", "6 ALL_USER")),
  REDIRECT_MAX_CACHE_TIME("Redirect-Max-Cache-Time", 262, BASE, MUST, UNSIGNED32),
  SESSION_ID("Session-Id", 263, BASE, MUST, UTF8_STRING),
  ORIGIN_HOST("Origin-Host", 264, BASE, MUST, DIAMETER_IDENTITY),
  SUPPORTED_VENDOR_ID("Supported-Vendor-Id", 265, BASE, MUST, UNSIGNED32),
  VENDOR_ID("Vendor-Id", 266, BASE, MUST, UNSIGNED32),
  FIRMWARE_REVISION("Firmware-Revision", 267, BASE, MUST_NOT, UNSIGNED32),
  RESULT_CODE("Result-Code", 268, BASE, MUST, UNSIGNED32),
  PRODUCT_NAME("Product-Name", 269, BASE, MUST_NOT, UTF8_STRING),
  DISCONNECT_CAUSE("Disconnect-Cause", 273, BASE, MUST, ENUMERATED,
      values("0 REBOOTING", "1 BUSY", "2 DO_NOT_WANT_TO_TALK_TO_YOU")),
  AUTH_SESSION_STATE("Auth-Session-State", 277, BASE, MUST, ENUMERATED,
      values("0 STATE_MAINTAINED", "1 NO_STATE_MAINTAINED")),
  ORIGIN_STATE_ID("Origin-State-Id", 278, BASE, MUST, UNSIGNED32),
  FAILED_AVP("Failed-AVP", 279, BASE, MUST, GROUPED, "1*{ AVP }"),
  PROXY_HOST("Proxy-Host", 280, BASE, MUST, DIAMETER_IDENTITY),
  ERROR_MESSAGE("Error-Message", 281, BASE, MUST_NOT, UTF8_STRING),
  ROUTE_RECORD("Route-Record", 282, BASE, MUST, DIAMETER_IDENTITY),
  DESTINATION_REALM("Destination-Realm", 283, BASE, MUST, DIAMETER_IDENTITY),
  PROXY_INFO("Proxy-Info", 284, BASE, MUST, GROUPED, "{ Proxy-Host } { Proxy-State } *[ AVP ]"),
  REDIRECT_HOST("Redirect-Host", 292, BASE, MUST, DIAMETER_URI),
  DESTINATION_HOST("Destination-Host", 293, BASE, MUST, DIAMETER_IDENTITY),
  ERROR_REPORTING_HOST("Error-Reporting-Host", 294, BASE, MUST_NOT, DIAMETER_IDENTITY),
  ORIGIN_REALM("Origin-Realm", 296, BASE, MUST, DIAMETER_IDENTITY),
  EXPERIMENTAL_RESULT("Experimental-Result", 297, BASE, MUST, GROUPED,
      "{ Vendor-Id } { Experimental-Result-Code }"),
  EXPERIMENTAL_RESULT_CODE("Experimental-Result-Code", 298, BASE, MUST, UNSIGNED32),
  INBAND_SECURITY_ID("Inband-Security-Id", 299, BASE, MUST, ENUMERATED,
      values("0 NO_INBAND_SECURITY", "1 TLS")),
  DRMP("DRMP", 301, BASE, MUST_NOT, ENUMERATED,
      values("0 PRIORITY_0", "1 PRIORITY_1", "2 PRIORITY_2", "3 PRIORITY_3", "4 PRIORITY_4", "5 PRIORITY_5",
          "6 PRIORITY_6", "7 PRIORITY_7", "8 PRIORITY_8", "9 PRIORITY_9", "10 PRIORITY_10", "11 PRIORITY_11",
          "12 PRIORITY_12", "13 PRIORITY_13", "14 PRIORITY_14", "15 PRIORITY_15")),

  // RFC 7683 7 (overload control) and RFC 8583 7 (load), vendor 0
  OC_SUPPORTED_FEATURES("OC-Supported-Features", 621, BASE, MUST_NOT, GROUPED, "[ OC-Feature-Vector ] *[ AVP ]"),
  OC_FEATURE_VECTOR("OC-Feature-Vector", 622, BASE, MUST_NOT, UNSIGNED64),
  OC_OLR("OC-OLR", 623, BASE, MUST_NOT, GROUPED,
      "< OC-Sequence-Number > < OC-Report-Type > [ OC-Reduction-Percentage ] [ OC-Validity-Duration ] *[ AVP ]"),
  OC_SEQUENCE_NUMBER("OC-Sequence-Number", 624, BASE, MUST_NOT, UNSIGNED64),
  OC_VALIDITY_DURATION("OC-Validity-Duration", 625, BASE, MUST_NOT, UNSIGNED32),
  OC_REPORT_TYPE("OC-Report-Type", 626, BASE, MUST_NOT, ENUMERATED, values("0 HOST_REPORT", "1 REALM_REPORT")),
  OC_REDUCTION_PERCENTAGE("OC-Reduction-Percentage", 627, BASE, MUST_NOT, UNSIGNED32),
  SOURCE_ID("SourceID", 649, BASE, MUST_NOT, DIAMETER_IDENTITY),
  LOAD("Load", 650, BASE, MUST_NOT, GROUPED, "[ Load-Type ] [ Load-Value ] [ SourceID ] *[ AVP ]"),
  LOAD_TYPE("Load-Type", 651, BASE, MUST_NOT, ENUMERATED, values("0 HOST", "1 PEER")),
  LOAD_VALUE("Load-Value", 652, BASE, MUST_NOT, UNSIGNED64),

  // RFC 4590 Digest AVPs inside SIP-Digest-Authenticate (vendor 0)
  DIGEST_RESPONSE("Digest-Response", 103, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_REALM("Digest-Realm", 104, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_NONCE("Digest-Nonce", 105, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_METHOD("Digest-Method", 108, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_URI("Digest-URI", 109, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_QOP("Digest-QoP", 110, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_ALGORITHM("Digest-Algorithm", 111, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_ENTITY_BODY_HASH("Digest-Entity-Body-Hash", 112, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_CNONCE("Digest-CNonce", 113, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_NONCE_COUNT("Digest-Nonce-Count", 114, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_USERNAME("Digest-Username", 115, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_OPAQUE("Digest-Opaque", 116, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_AUTH_PARAM("Digest-Auth-Param", 117, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_DOMAIN("Digest-Domain", 119, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_STALE("Digest-Stale", 120, BASE, MAY, UTF8_STRING, SEND_M),
  DIGEST_HA1("Digest-HA1", 121, BASE, MAY, UTF8_STRING, SEND_M),

  // TS 29.229 6.3 (Cx/Dx, vendor 10415)
  VISITED_NETWORK_IDENTIFIER("Visited-Network-Identifier", 600, TGPP, MUST, OCTET_STRING),
  PUBLIC_IDENTITY("Public-Identity", 601, TGPP, MUST, UTF8_STRING),
  SERVER_NAME("Server-Name", 602, TGPP, MUST, UTF8_STRING),
  SERVER_CAPABILITIES("Server-Capabilities", 603, TGPP, MUST, GROUPED,
      "*[ Mandatory-Capability ] *[ Optional-Capability ] *[ Server-Name ] *[ AVP ]"),
  MANDATORY_CAPABILITY("Mandatory-Capability", 604, TGPP, MUST, UNSIGNED32),
  OPTIONAL_CAPABILITY("Optional-Capability", 605, TGPP, MUST, UNSIGNED32),
  /** Cx User-Data (IMSSubscription XML); Sh uses {@link #USER_DATA_SH} with the same name. */
  USER_DATA_CX("User-Data", 606, TGPP, MUST, OCTET_STRING, Application.CX),
  SIP_NUMBER_AUTH_ITEMS("SIP-Number-Auth-Items", 607, TGPP, MUST, UNSIGNED32),
  SIP_AUTHENTICATION_SCHEME("SIP-Authentication-Scheme", 608, TGPP, MUST, UTF8_STRING),
  SIP_AUTHENTICATE("SIP-Authenticate", 609, TGPP, MUST, OCTET_STRING),
  SIP_AUTHORIZATION("SIP-Authorization", 610, TGPP, MUST, OCTET_STRING),
  SIP_AUTHENTICATION_CONTEXT("SIP-Authentication-Context", 611, TGPP, MUST, OCTET_STRING),
  SIP_AUTH_DATA_ITEM("SIP-Auth-Data-Item", 612, TGPP, MUST, GROUPED,
      "[ SIP-Item-Number ] [ SIP-Authentication-Scheme ] [ SIP-Authenticate ] [ SIP-Authorization ]"
          + " [ SIP-Authentication-Context ] [ Confidentiality-Key ] [ Integrity-Key ] [ SIP-Digest-Authenticate ]"
          + " [ Framed-IP-Address ] [ Framed-IPv6-Prefix ] [ Framed-Interface-Id ] *[ Line-Identifier ] *[ AVP ]"),
  SIP_ITEM_NUMBER("SIP-Item-Number", 613, TGPP, MUST, UNSIGNED32),
  SERVER_ASSIGNMENT_TYPE("Server-Assignment-Type", 614, TGPP, MUST, ENUMERATED,
      values("0 NO_ASSIGNMENT", "1 REGISTRATION", "2 RE_REGISTRATION", "3 UNREGISTERED_USER",
          "4 TIMEOUT_DEREGISTRATION", "5 USER_DEREGISTRATION", "6 TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME",
          "7 USER_DEREGISTRATION_STORE_SERVER_NAME", "8 ADMINISTRATIVE_DEREGISTRATION", "9 AUTHENTICATION_FAILURE",
          "10 AUTHENTICATION_TIMEOUT", "11 DEREGISTRATION_TOO_MUCH_DATA", "12 AAA_USER_DATA_REQUEST",
          "13 PGW_UPDATE", "14 RESTORATION")),
  DEREGISTRATION_REASON("Deregistration-Reason", 615, TGPP, MUST, GROUPED,
      "{ Reason-Code } [ Reason-Info ] *[ AVP ]"),
  REASON_CODE("Reason-Code", 616, TGPP, MUST, ENUMERATED,
      values("0 PERMANENT_TERMINATION", "1 NEW_SERVER_ASSIGNED", "2 SERVER_CHANGE", "3 REMOVE_S-CSCF")),
  REASON_INFO("Reason-Info", 617, TGPP, MUST, UTF8_STRING),
  CHARGING_INFORMATION("Charging-Information", 618, TGPP, MUST, GROUPED,
      "[ Primary-Event-Charging-Function-Name ] [ Secondary-Event-Charging-Function-Name ]"
          + " [ Primary-Charging-Collection-Function-Name ] [ Secondary-Charging-Collection-Function-Name ] *[ AVP ]"),
  PRIMARY_EVENT_CHARGING_FUNCTION_NAME("Primary-Event-Charging-Function-Name", 619, TGPP, MUST, DIAMETER_URI),
  SECONDARY_EVENT_CHARGING_FUNCTION_NAME("Secondary-Event-Charging-Function-Name", 620, TGPP, MUST, DIAMETER_URI),
  PRIMARY_CHARGING_COLLECTION_FUNCTION_NAME("Primary-Charging-Collection-Function-Name", 621, TGPP, MUST,
      DIAMETER_URI),
  SECONDARY_CHARGING_COLLECTION_FUNCTION_NAME("Secondary-Charging-Collection-Function-Name", 622, TGPP, MUST,
      DIAMETER_URI),
  USER_AUTHORIZATION_TYPE("User-Authorization-Type", 623, TGPP, MUST, ENUMERATED,
      values("0 REGISTRATION", "1 DE_REGISTRATION", "2 REGISTRATION_AND_CAPABILITIES")),
  USER_DATA_ALREADY_AVAILABLE("User-Data-Already-Available", 624, TGPP, MUST, ENUMERATED,
      values("0 USER_DATA_NOT_AVAILABLE", "1 USER_DATA_ALREADY_AVAILABLE")),
  CONFIDENTIALITY_KEY("Confidentiality-Key", 625, TGPP, MUST, OCTET_STRING),
  INTEGRITY_KEY("Integrity-Key", 626, TGPP, MUST, OCTET_STRING),
  SUPPORTED_FEATURES("Supported-Features", 628, TGPP, MUST_NOT, GROUPED,
      "{ Vendor-Id } { Feature-List-ID } { Feature-List } *[ AVP ]"),
  FEATURE_LIST_ID("Feature-List-ID", 629, TGPP, MUST_NOT, UNSIGNED32),
  FEATURE_LIST("Feature-List", 630, TGPP, MUST_NOT, UNSIGNED32),
  SUPPORTED_APPLICATIONS("Supported-Applications", 631, TGPP, MUST, GROUPED,
      "*[ Auth-Application-Id ] *[ Acct-Application-Id ] *[ Vendor-Specific-Application-Id ]"),
  ASSOCIATED_IDENTITIES("Associated-Identities", 632, TGPP, MUST, GROUPED, "*[ User-Name ]"),
  ORIGINATING_REQUEST("Originating-Request", 633, TGPP, MUST, ENUMERATED, values("0 ORIGINATING")),
  WILDCARDED_PUBLIC_IDENTITY("Wildcarded-Public-Identity", 634, TGPP, MUST, UTF8_STRING),
  SIP_DIGEST_AUTHENTICATE("SIP-Digest-Authenticate", 635, TGPP, MUST_NOT, GROUPED,
      "{ Digest-Realm } [ Digest-Algorithm ] { Digest-QoP } { Digest-HA1 } *[ AVP ]"),
  WILDCARDED_IMPU("Wildcarded-IMPU", 636, TGPP, MUST_NOT, UTF8_STRING),
  UAR_FLAGS("UAR-Flags", 637, TGPP, MUST_NOT, UNSIGNED32),
  LOOSE_ROUTE_INDICATION("Loose-Route-Indication", 638, TGPP, MUST_NOT, ENUMERATED,
      values("0 LOOSE_ROUTE_NOT_REQUIRED", "1 LOOSE_ROUTE_REQUIRED")),
  SCSCF_RESTORATION_INFO("SCSCF-Restoration-Info", 639, TGPP, MUST_NOT, GROUPED,
      "{ User-Name } 1*{ Restoration-Info } [ SIP-Authentication-Scheme ] *[ AVP ]"),
  PATH("Path", 640, TGPP, MUST_NOT, OCTET_STRING),
  CONTACT("Contact", 641, TGPP, MUST_NOT, OCTET_STRING),
  SUBSCRIPTION_INFO("Subscription-Info", 642, TGPP, MUST_NOT, GROUPED,
      "{ Call-ID-SIP-Header } { From-SIP-Header } { To-SIP-Header } { Record-Route } { Contact } *[ AVP ]"),
  CALL_ID_SIP_HEADER("Call-ID-SIP-Header", 643, TGPP, MUST_NOT, OCTET_STRING),
  FROM_SIP_HEADER("From-SIP-Header", 644, TGPP, MUST_NOT, OCTET_STRING),
  TO_SIP_HEADER("To-SIP-Header", 645, TGPP, MUST_NOT, OCTET_STRING),
  RECORD_ROUTE("Record-Route", 646, TGPP, MUST_NOT, OCTET_STRING),
  ASSOCIATED_REGISTERED_IDENTITIES("Associated-Registered-Identities", 647, TGPP, MUST_NOT, GROUPED,
      "*[ User-Name ]"),
  MULTIPLE_REGISTRATION_INDICATION("Multiple-Registration-Indication", 648, TGPP, MUST_NOT, ENUMERATED,
      values("0 NOT_MULTIPLE_REGISTRATION", "1 MULTIPLE_REGISTRATION")),
  RESTORATION_INFO("Restoration-Info", 649, TGPP, MUST_NOT, GROUPED,
      "{ Path } { Contact } [ Initial-CSeq-Sequence-Number ] [ Call-ID-SIP-Header ] [ Subscription-Info ] *[ AVP ]"),
  SESSION_PRIORITY("Session-Priority", 650, TGPP, MUST_NOT, ENUMERATED,
      values("0 PRIORITY-0", "1 PRIORITY-1", "2 PRIORITY-2", "3 PRIORITY-3", "4 PRIORITY-4")),
  IDENTITY_WITH_EMERGENCY_REGISTRATION("Identity-with-Emergency-Registration", 651, TGPP, MUST_NOT, GROUPED,
      "{ User-Name } { Public-Identity } *[ AVP ]"),
  PRIVILEDGED_SENDER_INDICATION("Priviledged-Sender-Indication", 652, TGPP, MUST_NOT, ENUMERATED,
      values("0 NOT_PRIVILEDGED_SENDER", "1 PRIVILEDGED_SENDER")),
  LIA_FLAGS("LIA-Flags", 653, TGPP, MUST, UNSIGNED32),
  INITIAL_CSEQ_SEQUENCE_NUMBER("Initial-CSeq-Sequence-Number", 654, TGPP, MUST, UNSIGNED32),
  SAR_FLAGS("SAR-Flags", 655, TGPP, MUST, UNSIGNED32),
  ALLOWED_WAF_WWSF_IDENTITIES("Allowed-WAF-WWSF-Identities", 656, TGPP, MUST_NOT, GROUPED,
      "*[ WebRTC-Authentication-Function-Name ] *[ WebRTC-Web-Server-Function-Name ] *[ AVP ]"),
  WEBRTC_AUTHENTICATION_FUNCTION_NAME("WebRTC-Authentication-Function-Name", 657, TGPP, MUST, UTF8_STRING),
  WEBRTC_WEB_SERVER_FUNCTION_NAME("WebRTC-Web-Server-Function-Name", 658, TGPP, MUST, UTF8_STRING),

  // ETSI ES 283 034 (NASS-Bundled authentication)
  LINE_IDENTIFIER("Line-Identifier", 500, ETSI, MAY, OCTET_STRING),

  // TS 29.329 6.3 (Sh/Dh, vendor 10415)
  USER_IDENTITY("User-Identity", 700, TGPP, MUST, GROUPED,
      "[ Public-Identity ] [ MSISDN ] [ External-Identifier ] *[ AVP ]"),
  MSISDN("MSISDN", 701, TGPP, MUST, OCTET_STRING),
  /** Sh User-Data (Sh-Data XML); Cx uses {@link #USER_DATA_CX} with the same name. */
  USER_DATA_SH("User-Data", 702, TGPP, MUST, OCTET_STRING, Application.SH),
  DATA_REFERENCE("Data-Reference", 703, TGPP, MUST, ENUMERATED,
      values("0 RepositoryData", "10 IMSPublicIdentity", "11 IMSUserState", "12 S-CSCFName",
          "13 InitialFilterCriteria", "14 LocationInformation", "15 UserState", "16 ChargingInformation",
          "17 MSISDN", "18 PSIActivation", "19 DSAI", "21 ServiceLevelTraceInfo",
          "22 IPAddressSecureBindingInformation", "23 ServicePriorityLevel", "24 SMSRegistrationInfo",
          "25 UEReachabilityForIP", "26 TADSinformation", "27 STN-SR", "28 UE-SRVCC-Capability",
          "29 ExtendedPriority", "30 CSRN", "31 ReferenceLocationInformation", "32 IMSI",
          "33 IMSPrivateUserIdentity", "34 IMEISV", "35 UE-5G-SRVCC-Capability")),
  SERVICE_INDICATION("Service-Indication", 704, TGPP, MUST, OCTET_STRING),
  SUBS_REQ_TYPE("Subs-Req-Type", 705, TGPP, MUST, ENUMERATED, values("0 Subscribe", "1 Unsubscribe")),
  REQUESTED_DOMAIN("Requested-Domain", 706, TGPP, MUST, ENUMERATED, values("0 CS-Domain", "1 PS-Domain")),
  CURRENT_LOCATION("Current-Location", 707, TGPP, MUST, ENUMERATED,
      values("0 DoNotNeedInitiateActiveLocationRetrieval", "1 InitiateActiveLocationRetrieval")),
  IDENTITY_SET("Identity-Set", 708, TGPP, MUST, ENUMERATED,
      values("0 ALL_IDENTITIES", "1 REGISTERED_IDENTITIES", "2 IMPLICIT_IDENTITIES", "3 ALIAS_IDENTITIES")),
  EXPIRY_TIME("Expiry-Time", 709, TGPP, MUST, TIME),
  SEND_DATA_INDICATION("Send-Data-Indication", 710, TGPP, MUST, ENUMERATED,
      values("0 USER_DATA_NOT_REQUESTED", "1 USER_DATA_REQUESTED")),
  DSAI_TAG("DSAI-Tag", 711, TGPP, MUST, OCTET_STRING),
  ONE_TIME_NOTIFICATION("One-Time-Notification", 712, TGPP, MUST, ENUMERATED,
      values("0 ONE_TIME_NOTIFICATION_REQUESTED")),
  REQUESTED_NODES("Requested-Nodes", 713, TGPP, MUST, UNSIGNED32),
  SERVING_NODE_INDICATION("Serving-Node-Indication", 714, TGPP, MUST, ENUMERATED,
      values("0 ONLY_SERVING_NODES_REQUIRED")),
  REPOSITORY_DATA_ID("Repository-Data-ID", 715, TGPP, MUST, GROUPED,
      "{ Service-Indication } { Sequence-Number } *[ AVP ]"),
  SEQUENCE_NUMBER("Sequence-Number", 716, TGPP, MUST, UNSIGNED32),
  PRE_PAGING_SUPPORTED("Pre-paging-Supported", 717, TGPP, MUST, ENUMERATED,
      values("0 PREPAGING_NOT_SUPPORTED", "1 PREPAGING_SUPPORTED")),
  LOCAL_TIME_ZONE_INDICATION("Local-Time-Zone-Indication", 718, TGPP, MUST, ENUMERATED,
      values("0 ONLY_LOCAL_TIME_ZONE_REQUESTED", "1 LOCAL_TIME_ZONE_WITH_LOCATION_INFO_REQUESTED")),
  UDR_FLAGS("UDR-Flags", 719, TGPP, MUST, UNSIGNED32),
  CALL_REFERENCE_INFO("Call-Reference-Info", 720, TGPP, MUST, GROUPED, "{ Call-Reference-Number } { AS-Number }"),
  CALL_REFERENCE_NUMBER("Call-Reference-Number", 721, TGPP, MUST, OCTET_STRING),
  AS_NUMBER("AS-Number", 722, TGPP, MUST, OCTET_STRING),
  /** TS 29.336 8.4.11, inside User-Identity from Rel-15. */
  EXTERNAL_IDENTIFIER("External-Identifier", 3111, TGPP, MUST, UTF8_STRING);

  private final String specName;
  private final int code;
  private final long vendorId;
  private final FlagRule mandatory;
  private final boolean sendMandatoryBit;
  private final AvpType type;
  private final Map<Integer, String> enumValues;
  private final String abnf;
  private final Application scope;

  Avp(String specName, int code, long vendorId, FlagRule mandatory, AvpType type) {
    this(specName, code, vendorId, mandatory, type, mandatory == MUST, null, null, null);
  }

  Avp(String specName, int code, long vendorId, FlagRule mandatory, AvpType type, boolean sendM) {
    this(specName, code, vendorId, mandatory, type, sendM, null, null, null);
  }

  Avp(String specName, int code, long vendorId, FlagRule mandatory, AvpType type, String[] values) {
    this(specName, code, vendorId, mandatory, type, mandatory == MUST, values, null, null);
  }

  Avp(String specName, int code, long vendorId, FlagRule mandatory, AvpType type, String members) {
    this(specName, code, vendorId, mandatory, type, mandatory == MUST, null, members, null);
  }

  Avp(String specName, int code, long vendorId, FlagRule mandatory, AvpType type, Application scope) {
    this(specName, code, vendorId, mandatory, type, mandatory == MUST, null, null, scope);
  }

  Avp(String specName, int code, long vendorId, FlagRule mandatory, AvpType type, boolean sendM,
      String[] values, String members, Application scope) {
    if (mandatory == MUST_NOT && sendM) {
      throw new IllegalArgumentException(specName + ": M bit must not be sent");
    }
    if ((values != null && type != ENUMERATED) || (members != null) != (type == GROUPED)) {
      throw new IllegalArgumentException(specName + ": values/members do not fit type " + type);
    }
    this.specName = specName;
    this.code = code;
    this.vendorId = vendorId;
    this.mandatory = mandatory;
    this.sendMandatoryBit = sendM;
    this.type = type;
    this.enumValues = values == null ? Map.of() : parseValues(specName, values);
    this.abnf = members;
    this.scope = scope;
  }

  private static String[] values(String... numberedNames) {
    return numberedNames;
  }

  private static Map<Integer, String> parseValues(String avp, String[] numberedNames) {
    Map<Integer, String> m = new LinkedHashMap<>();
    for (String s : numberedNames) {
      int sp = s.indexOf(' ');
      if (sp <= 0 || m.put(Integer.parseInt(s.substring(0, sp)), s.substring(sp + 1)) != null) {
        throw new IllegalArgumentException(avp + ": bad enumerated value '" + s + "'");
      }
    }
    return Collections.unmodifiableMap(m);
  }

  public String specName() {
    return specName;
  }

  public int code() {
    return code;
  }

  public long vendorId() {
    return vendorId;
  }

  /** M-bit rule from the AVP table. */
  public FlagRule mandatory() {
    return mandatory;
  }

  public AvpType type() {
    return type;
  }

  /** V bit set and Vendor-Id present in the AVP header (RFC 6733 4.1). */
  public boolean isVendorSpecific() {
    return vendorId != BASE;
  }

  /** Whether this implementation sets the M bit when sending the AVP. */
  public boolean sendMandatoryBit() {
    return sendMandatoryBit;
  }

  /** Enumerated values by number, in table order; empty when none are listed. */
  public Map<Integer, String> enumValues() {
    return enumValues;
  }

  /**
   * Name of an enumerated value. Unknown values are not an error on receipt: 3GPP receivers tolerate
   * values they do not know unless a procedure says otherwise.
   */
  public Optional<String> enumName(int value) {
    return Optional.ofNullable(enumValues.get(value));
  }

  /**
   * Value of an enumerated name, so handlers name values instead of writing numbers.
   *
   * @throws IllegalArgumentException if the table has no such value (a programming error, caught at class load)
   */
  public int enumValue(String name) {
    for (Map.Entry<Integer, String> e : enumValues.entrySet()) {
      if (e.getValue().equals(name)) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException(specName + " has no value " + name);
  }

  /**
   * The wire value of a Java constant that names one of this AVP's enumerated values (a '-' of the spec name written
   * '_'), so the numbers are written once, in this table.
   *
   * @throws IllegalArgumentException if the table has no such value (a programming error, caught at class load)
   */
  public int enumValue(Enum<?> constant) {
    return enumValue(specValueName(constant.name()));
  }

  /** The constant of {@code type} named as this AVP's enumerated {@code value}, or null for a value not in the table. */
  public <E extends Enum<E>> E enumConstant(Class<E> type, int value) {
    String name = enumValues.get(value);
    if (name == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (specValueName(constant.name()).equals(name)) {
        return constant;
      }
    }
    return null;
  }

  private String specValueName(String javaName) {
    if (enumValues.containsValue(javaName)) {
      return javaName;
    }
    for (String name : enumValues.values()) {
      if (name.replace('-', '_').equals(javaName)) {
        return name;
      }
    }
    return javaName;
  }

  /** Member ABNF of a grouped AVP as written in the spec, or null. */
  public String membersAbnf() {
    return abnf;
  }

  /** Grouped members; empty for non-grouped AVPs. */
  public List<AvpRule> members() {
    return ruleSet().list;
  }

  /** Whether the grouped ABNF has {@code *[ AVP ]}. */
  public boolean allowsOtherMembers() {
    return ruleSet().extensible;
  }

  /** Application whose commands use this entry when the spec name is shared (User-Data), else null. */
  public Application scope() {
    return scope;
  }

  RuleSet ruleSet() {
    RuleSet rs = Grammars.BY_AVP.get(this);
    return rs == null ? RuleSet.EMPTY : rs;
  }

  /** Dictionary entry for (code, vendor). */
  public static Optional<Avp> lookup(int code, long vendorId) {
    return Optional.ofNullable(find(code, vendorId));
  }

  static Avp find(int code, long vendorId) {
    int i = INDEX.get(LongIntMap.key(code, vendorId));
    return i < 0 ? null : ALL[i];
  }

  /**
   * Entry by spec name. "User-Data" is used by both Cx (606) and Sh (702); this returns the Cx one, use
   * {@link #bySpecName(String, Application)} to pick per application.
   */
  public static Optional<Avp> bySpecName(String name) {
    List<Avp> l = BY_NAME.get(name);
    return l == null ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Entry by spec name as used in the commands of {@code application}. */
  public static Optional<Avp> bySpecName(String name, Application application) {
    List<Avp> l = BY_NAME.get(name);
    if (l == null) {
      return Optional.empty();
    }
    for (Avp a : l) {
      if (a.scope == application) {
        return Optional.of(a);
      }
    }
    return Optional.of(l.get(0));
  }

  private static final Avp[] ALL = values();
  private static final LongIntMap INDEX;
  private static final Map<String, List<Avp>> BY_NAME;

  static {
    long[] keys = new long[ALL.length];
    Map<String, List<Avp>> names = new HashMap<>();
    for (int i = 0; i < ALL.length; i++) {
      keys[i] = LongIntMap.key(ALL[i].code, ALL[i].vendorId);
      names.computeIfAbsent(ALL[i].specName, k -> new ArrayList<>()).add(ALL[i]);
    }
    INDEX = new LongIntMap(keys);
    names.replaceAll((k, v) -> List.copyOf(v));
    BY_NAME = Map.copyOf(names);
  }

  /** Grouped member rules, parsed once on first use (after all constants exist). */
  private static final class Grammars {
    static final Map<Avp, RuleSet> BY_AVP;

    static {
      Map<Avp, RuleSet> m = new EnumMap<>(Avp.class);
      for (Avp a : ALL) {
        if (a.abnf != null) {
          m.put(a, new RuleSet(Abnf.parse(a.abnf)));
        }
      }
      BY_AVP = Collections.unmodifiableMap(m);
    }
  }
}
