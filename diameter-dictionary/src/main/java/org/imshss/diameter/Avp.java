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

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AVP dictionary: base protocol (RFC 6733, RFC 4590 Digest, RFC 7683 overload, RFC 7944 DRMP,
 * RFC 8583 load), Cx/Dx (TS 29.229 6.3), Sh/Dh (TS 29.329 6.3), S6a/S6d (TS 29.272 7.3) and SWx (TS 29.273 8.2.3).
 * Keyed on (code, vendor); lookups and parsing live in {@link AvpTable}.
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
  EXPERIMENTAL_RESULT("Experimental-Result", 297, BASE, MUST, GROUPED, "{ Vendor-Id } { Experimental-Result-Code }"),
  EXPERIMENTAL_RESULT_CODE("Experimental-Result-Code", 298, BASE, MUST, UNSIGNED32),
  INBAND_SECURITY_ID("Inband-Security-Id", 299, BASE, MUST, ENUMERATED, values("0 NO_INBAND_SECURITY", "1 TLS")),
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
  USER_DATA_CX("User-Data", 606, TGPP, MUST, OCTET_STRING, true, null, null, Application.CX),
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
  DEREGISTRATION_REASON("Deregistration-Reason", 615, TGPP, MUST, GROUPED, "{ Reason-Code } [ Reason-Info ] *[ AVP ]"),
  REASON_CODE("Reason-Code", 616, TGPP, MUST, ENUMERATED,
      values("0 PERMANENT_TERMINATION", "1 NEW_SERVER_ASSIGNED", "2 SERVER_CHANGE", "3 REMOVE_S-CSCF")),
  REASON_INFO("Reason-Info", 617, TGPP, MUST, UTF8_STRING),
  CHARGING_INFORMATION("Charging-Information", 618, TGPP, MUST, GROUPED,
      "[ Primary-Event-Charging-Function-Name ] [ Secondary-Event-Charging-Function-Name ]"
          + " [ Primary-Charging-Collection-Function-Name ] [ Secondary-Charging-Collection-Function-Name ] *[ AVP ]"),
  PRIMARY_EVENT_CHARGING_FUNCTION_NAME("Primary-Event-Charging-Function-Name", 619, TGPP, MUST, DIAMETER_URI),
  SECONDARY_EVENT_CHARGING_FUNCTION_NAME("Secondary-Event-Charging-Function-Name", 620, TGPP, MUST, DIAMETER_URI),
  PRIMARY_CHARGING_COLLECTION_FUNCTION_NAME("Primary-Charging-Collection-Function-Name", 621, TGPP, MUST, DIAMETER_URI),
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
  ASSOCIATED_REGISTERED_IDENTITIES("Associated-Registered-Identities", 647, TGPP, MUST_NOT, GROUPED, "*[ User-Name ]"),
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
  USER_DATA_SH("User-Data", 702, TGPP, MUST, OCTET_STRING, true, null, null, Application.SH),
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
  EXTERNAL_IDENTIFIER("External-Identifier", 3111, TGPP, MUST, UTF8_STRING),

  // Base AVPs used by S6a/SWx (vendor 0): RFC 6733 8.13, RFC 4004 7.4/7.11, RFC 4006 8.46-8.48, RFC 5447 4.2, RFC 5778
  SESSION_TIMEOUT("Session-Timeout", 27, BASE, MUST, UNSIGNED32),
  MIP6_FEATURE_VECTOR("MIP6-Feature-Vector", 124, BASE, MUST, UNSIGNED64),
  MIP6_HOME_LINK_PREFIX("MIP6-Home-Link-Prefix", 125, BASE, MUST, OCTET_STRING),
  MIP_HOME_AGENT_ADDRESS("MIP-Home-Agent-Address", 334, BASE, MUST, ADDRESS),
  MIP_HOME_AGENT_HOST("MIP-Home-Agent-Host", 348, BASE, MUST, GROUPED,
      "{ Destination-Realm } { Destination-Host } *[ AVP ]"),
  SUBSCRIPTION_ID("Subscription-Id", 443, BASE, MUST, GROUPED, "[ Subscription-Id-Type ] [ Subscription-Id-Data ]"),
  SUBSCRIPTION_ID_DATA("Subscription-Id-Data", 444, BASE, MUST, UTF8_STRING),
  SUBSCRIPTION_ID_TYPE("Subscription-Id-Type", 450, BASE, MUST, ENUMERATED,
      values("0 END_USER_E164", "1 END_USER_IMSI", "2 END_USER_SIP_URI", "3 END_USER_NAI", "4 END_USER_PRIVATE")),
  MIP6_AGENT_INFO("MIP6-Agent-Info", 486, BASE, MUST, GROUPED,
      "*2[ MIP-Home-Agent-Address ] [ MIP-Home-Agent-Host ] [ MIP6-Home-Link-Prefix ] *[ AVP ]"),
  SERVICE_SELECTION("Service-Selection", 493, BASE, MUST, UTF8_STRING),

  // 3GPP AVPs of other specs used inside S6a/SWx groups: TS 29.061 16.4.7, TS 29.212 5.3, TS 32.299 7.2
  TGPP_CHARGING_CHARACTERISTICS("3GPP-Charging-Characteristics", 13, TGPP, MUST_NOT, UTF8_STRING),
  MAX_REQUESTED_BANDWIDTH_DL("Max-Requested-Bandwidth-DL", 515, TGPP, MUST, UNSIGNED32),
  MAX_REQUESTED_BANDWIDTH_UL("Max-Requested-Bandwidth-UL", 516, TGPP, MUST, UNSIGNED32),
  EXTENDED_MAX_REQUESTED_BW_DL("Extended-Max-Requested-BW-DL", 554, TGPP, MUST_NOT, UNSIGNED32),
  EXTENDED_MAX_REQUESTED_BW_UL("Extended-Max-Requested-BW-UL", 555, TGPP, MUST_NOT, UNSIGNED32),
  SERVED_PARTY_IP_ADDRESS("Served-Party-IP-Address", 848, TGPP, MUST, ADDRESS),
  QOS_CLASS_IDENTIFIER("QoS-Class-Identifier", 1028, TGPP, MUST, ENUMERATED,
      values("1 QCI_1", "2 QCI_2", "3 QCI_3", "4 QCI_4", "5 QCI_5", "6 QCI_6", "7 QCI_7", "8 QCI_8", "9 QCI_9",
          "65 QCI_65", "66 QCI_66", "69 QCI_69", "70 QCI_70")),
  RAT_TYPE("RAT-Type", 1032, TGPP, MUST_NOT, ENUMERATED,
      values("0 WLAN", "1 VIRTUAL", "1000 UTRAN", "1001 GERAN", "1002 GAN", "1003 HSPA_EVOLUTION", "1004 EUTRAN",
          "1005 EUTRAN-NB-IoT", "1006 NG-RAN", "1007 LTE-M", "2000 CDMA2000_1X", "2001 HRPD", "2002 UMB",
          "2003 EHRPD")),
  ALLOCATION_RETENTION_PRIORITY("Allocation-Retention-Priority", 1034, TGPP, MUST_NOT, GROUPED,
      "{ Priority-Level } [ Pre-emption-Capability ] [ Pre-emption-Vulnerability ]"),
  PRIORITY_LEVEL("Priority-Level", 1046, TGPP, MUST_NOT, UNSIGNED32),
  PRE_EMPTION_CAPABILITY("Pre-emption-Capability", 1047, TGPP, MUST_NOT, ENUMERATED,
      values("0 PRE-EMPTION_CAPABILITY_ENABLED", "1 PRE-EMPTION_CAPABILITY_DISABLED")),
  PRE_EMPTION_VULNERABILITY("Pre-emption-Vulnerability", 1048, TGPP, MUST_NOT, ENUMERATED,
      values("0 PRE-EMPTION_VULNERABILITY_ENABLED", "1 PRE-EMPTION_VULNERABILITY_DISABLED")),

  // TS 29.272 7.3 (S6a/S6d, vendor 10415). A group whose spec ABNF names AVPs missing here lists, in spec order,
  // every required member and the optional ones this table has; its *[ AVP ] admits the others.
  SUBSCRIPTION_DATA("Subscription-Data", 1400, TGPP, MUST, GROUPED,
      "[ Subscriber-Status ] [ MSISDN ] [ A-MSISDN ] [ STN-SR ] [ ICS-Indicator ] [ Network-Access-Mode ]"
          + " [ Operator-Determined-Barring ] [ HPLMN-ODB ] *10[ Regional-Subscription-Zone-Code ]"
          + " [ Access-Restriction-Data ] [ APN-OI-Replacement ] [ Teleservice-List ] *[ Call-Barring-Info ]"
          + " [ 3GPP-Charging-Characteristics ] [ AMBR ] [ APN-Configuration-Profile ]"
          + " [ RAT-Frequency-Selection-Priority-ID ] [ Trace-Data ] *[ CSG-Subscription-Data ]"
          + " [ Roaming-Restricted-Due-To-Unsupported-Feature ] [ Subscribed-Periodic-RAU-TAU-Timer ] [ MPS-Priority ]"
          + " [ Relay-Node-Indicator ] [ Subscription-Data-Flags ] [ UE-Usage-Type ] [ Emergency-Info ]"
          + " [ External-Identifier ] [ Core-Network-Restrictions ] *[ AVP ]"),
  TERMINAL_INFORMATION("Terminal-Information", 1401, TGPP, MUST, GROUPED,
      "[ IMEI ] [ 3GPP2-MEID ] [ Software-Version ] *[ AVP ]"),
  IMEI("IMEI", 1402, TGPP, MUST, UTF8_STRING),
  SOFTWARE_VERSION("Software-Version", 1403, TGPP, MUST, UTF8_STRING),
  ULR_FLAGS("ULR-Flags", 1405, TGPP, MUST, UNSIGNED32),
  ULA_FLAGS("ULA-Flags", 1406, TGPP, MUST, UNSIGNED32),
  VISITED_PLMN_ID("Visited-PLMN-Id", 1407, TGPP, MUST, OCTET_STRING),
  REQUESTED_EUTRAN_AUTHENTICATION_INFO("Requested-EUTRAN-Authentication-Info", 1408, TGPP, MUST, GROUPED,
      "[ Number-Of-Requested-Vectors ] [ Immediate-Response-Preferred ] [ Re-Synchronization-Info ] *[ AVP ]"),
  REQUESTED_UTRAN_GERAN_AUTHENTICATION_INFO("Requested-UTRAN-GERAN-Authentication-Info", 1409, TGPP, MUST, GROUPED,
      "[ Number-Of-Requested-Vectors ] [ Immediate-Response-Preferred ] [ Re-Synchronization-Info ] *[ AVP ]"),
  NUMBER_OF_REQUESTED_VECTORS("Number-Of-Requested-Vectors", 1410, TGPP, MUST, UNSIGNED32),
  RE_SYNCHRONIZATION_INFO("Re-Synchronization-Info", 1411, TGPP, MUST, OCTET_STRING),
  IMMEDIATE_RESPONSE_PREFERRED("Immediate-Response-Preferred", 1412, TGPP, MUST, UNSIGNED32),
  AUTHENTICATION_INFO("Authentication-Info", 1413, TGPP, MUST, GROUPED,
      "*[ E-UTRAN-Vector ] *[ UTRAN-Vector ] *[ GERAN-Vector ] *[ AVP ]"),
  E_UTRAN_VECTOR("E-UTRAN-Vector", 1414, TGPP, MUST, GROUPED,
      "[ Item-Number ] { RAND } { XRES } { AUTN } { KASME } *[ AVP ]"),
  UTRAN_VECTOR("UTRAN-Vector", 1415, TGPP, MUST, GROUPED,
      "[ Item-Number ] { RAND } { XRES } { AUTN } { Confidentiality-Key } { Integrity-Key } *[ AVP ]"),
  GERAN_VECTOR("GERAN-Vector", 1416, TGPP, MUST, GROUPED, "[ Item-Number ] { RAND } { SRES } { Kc } *[ AVP ]"),
  NETWORK_ACCESS_MODE("Network-Access-Mode", 1417, TGPP, MUST, ENUMERATED,
      values("0 PACKET_AND_CIRCUIT", "1 Reserved", "2 ONLY_PACKET")),
  HPLMN_ODB("HPLMN-ODB", 1418, TGPP, MUST, UNSIGNED32),
  ITEM_NUMBER("Item-Number", 1419, TGPP, MUST, UNSIGNED32),
  CANCELLATION_TYPE("Cancellation-Type", 1420, TGPP, MUST, ENUMERATED,
      values("0 MME_UPDATE_PROCEDURE", "1 SGSN_UPDATE_PROCEDURE", "2 SUBSCRIPTION_WITHDRAWAL",
          "3 UPDATE_PROCEDURE_IWF", "4 INITIAL_ATTACH_PROCEDURE")),
  DSR_FLAGS("DSR-Flags", 1421, TGPP, MUST, UNSIGNED32),
  DSA_FLAGS("DSA-Flags", 1422, TGPP, MUST, UNSIGNED32),
  CONTEXT_IDENTIFIER("Context-Identifier", 1423, TGPP, MUST, UNSIGNED32),
  SUBSCRIBER_STATUS("Subscriber-Status", 1424, TGPP, MUST, ENUMERATED,
      values("0 SERVICE_GRANTED", "1 OPERATOR_DETERMINED_BARRING")),
  OPERATOR_DETERMINED_BARRING("Operator-Determined-Barring", 1425, TGPP, MUST, UNSIGNED32),
  ACCESS_RESTRICTION_DATA("Access-Restriction-Data", 1426, TGPP, MUST, UNSIGNED32),
  APN_OI_REPLACEMENT("APN-OI-Replacement", 1427, TGPP, MUST, UTF8_STRING),
  ALL_APN_CONFIGURATIONS_INCLUDED_INDICATOR("All-APN-Configurations-Included-Indicator", 1428, TGPP, MUST, ENUMERATED,
      values("0 All_APN_CONFIGURATIONS_INCLUDED", "1 MODIFIED_ADDED_APN_CONFIGURATIONS_INCLUDED")),
  APN_CONFIGURATION_PROFILE("APN-Configuration-Profile", 1429, TGPP, MUST, GROUPED,
      "{ Context-Identifier } [ Additional-Context-Identifier ] [ Third-Context-Identifier ]"
          + " { All-APN-Configurations-Included-Indicator } 1*{ APN-Configuration } *[ AVP ]"),
  APN_CONFIGURATION("APN-Configuration", 1430, TGPP, MUST, GROUPED,
      "{ Context-Identifier } *2[ Served-Party-IP-Address ] { PDN-Type } { Service-Selection }"
          + " [ EPS-Subscribed-QoS-Profile ] [ VPLMN-Dynamic-Address-Allowed ] [ MIP6-Agent-Info ]"
          + " [ Visited-Network-Identifier ] [ PDN-GW-Allocation-Type ] [ 3GPP-Charging-Characteristics ] [ AMBR ]"
          + " *[ Specific-APN-Info ] [ APN-OI-Replacement ] [ SCEF-ID ] *[ AVP ]"),
  EPS_SUBSCRIBED_QOS_PROFILE("EPS-Subscribed-QoS-Profile", 1431, TGPP, MUST, GROUPED,
      "{ QoS-Class-Identifier } { Allocation-Retention-Priority } *[ AVP ]"),
  VPLMN_DYNAMIC_ADDRESS_ALLOWED("VPLMN-Dynamic-Address-Allowed", 1432, TGPP, MUST, ENUMERATED,
      values("0 NOTALLOWED", "1 ALLOWED")),
  STN_SR("STN-SR", 1433, TGPP, MUST, OCTET_STRING),
  ALERT_REASON("Alert-Reason", 1434, TGPP, MUST, ENUMERATED, values("0 UE_PRESENT", "1 UE_MEMORY_AVAILABLE")),
  AMBR("AMBR", 1435, TGPP, MUST, GROUPED,
      "{ Max-Requested-Bandwidth-UL } { Max-Requested-Bandwidth-DL } [ Extended-Max-Requested-BW-UL ]"
          + " [ Extended-Max-Requested-BW-DL ] *[ AVP ]"),
  CSG_SUBSCRIPTION_DATA("CSG-Subscription-Data", 1436, TGPP, MUST, GROUPED,
      "{ CSG-Id } [ Expiration-Date ] *[ Service-Selection ] [ Visited-PLMN-Id ] *[ AVP ]"),
  CSG_ID("CSG-Id", 1437, TGPP, MUST, UNSIGNED32),
  PDN_GW_ALLOCATION_TYPE("PDN-GW-Allocation-Type", 1438, TGPP, MUST, ENUMERATED, values("0 STATIC", "1 DYNAMIC")),
  EXPIRATION_DATE("Expiration-Date", 1439, TGPP, MUST, TIME),
  RAT_FREQUENCY_SELECTION_PRIORITY_ID("RAT-Frequency-Selection-Priority-ID", 1440, TGPP, MUST, UNSIGNED32),
  IDA_FLAGS("IDA-Flags", 1441, TGPP, MUST, UNSIGNED32),
  PUA_FLAGS("PUA-Flags", 1442, TGPP, MUST, UNSIGNED32),
  NOR_FLAGS("NOR-Flags", 1443, TGPP, MUST, UNSIGNED32),
  USER_ID("User-Id", 1444, TGPP, MUST_NOT, UTF8_STRING),
  REGIONAL_SUBSCRIPTION_ZONE_CODE("Regional-Subscription-Zone-Code", 1446, TGPP, MUST, OCTET_STRING),
  RAND("RAND", 1447, TGPP, MUST, OCTET_STRING),
  XRES("XRES", 1448, TGPP, MUST, OCTET_STRING),
  AUTN("AUTN", 1449, TGPP, MUST, OCTET_STRING),
  KASME("KASME", 1450, TGPP, MUST, OCTET_STRING),
  TRACE_COLLECTION_ENTITY("Trace-Collection-Entity", 1452, TGPP, MUST, ADDRESS),
  KC("Kc", 1453, TGPP, MUST, OCTET_STRING),
  SRES("SRES", 1454, TGPP, MUST, OCTET_STRING),
  PDN_TYPE("PDN-Type", 1456, TGPP, MUST, ENUMERATED, values("0 IPv4", "1 IPv6", "2 IPv4v6", "3 IPv4_OR_IPv6")),
  ROAMING_RESTRICTED_DUE_TO_UNSUPPORTED_FEATURE("Roaming-Restricted-Due-To-Unsupported-Feature", 1457, TGPP, MUST,
      ENUMERATED, values("0 Roaming-Restricted-Due-To-Unsupported-Feature")),
  TRACE_DATA("Trace-Data", 1458, TGPP, MUST, GROUPED,
      "{ Trace-Reference } { Trace-Depth } { Trace-NE-Type-List } [ Trace-Interface-List ] { Trace-Event-List }"
          + " [ OMC-Id ] { Trace-Collection-Entity } *[ AVP ]"),
  TRACE_REFERENCE("Trace-Reference", 1459, TGPP, MUST, OCTET_STRING),
  TRACE_DEPTH("Trace-Depth", 1462, TGPP, MUST, ENUMERATED,
      values("0 Minimum", "1 Medium", "2 Maximum", "3 MinimumWithoutVendorSpecificExtension",
          "4 MediumWithoutVendorSpecificExtension", "5 MaximumWithoutVendorSpecificExtension")),
  TRACE_NE_TYPE_LIST("Trace-NE-Type-List", 1463, TGPP, MUST, OCTET_STRING),
  TRACE_INTERFACE_LIST("Trace-Interface-List", 1464, TGPP, MUST, OCTET_STRING),
  TRACE_EVENT_LIST("Trace-Event-List", 1465, TGPP, MUST, OCTET_STRING),
  OMC_ID("OMC-Id", 1466, TGPP, MUST, OCTET_STRING),
  TGPP2_MEID("3GPP2-MEID", 1471, TGPP, MUST, OCTET_STRING),
  SPECIFIC_APN_INFO("Specific-APN-Info", 1472, TGPP, MUST, GROUPED,
      "{ Service-Selection } { MIP6-Agent-Info } [ Visited-Network-Identifier ] *[ AVP ]"),
  SS_CODE("SS-Code", 1476, TGPP, MUST, OCTET_STRING),
  SS_STATUS("SS-Status", 1477, TGPP, MUST, OCTET_STRING),
  TELESERVICE_LIST("Teleservice-List", 1486, TGPP, MUST, GROUPED, "1*{ TS-Code } *[ AVP ]"),
  TS_CODE("TS-Code", 1487, TGPP, MUST, OCTET_STRING),
  CALL_BARRING_INFO("Call-Barring-Info", 1488, TGPP, MUST, GROUPED, "{ SS-Code } { SS-Status } *[ AVP ]"),
  SGSN_NUMBER("SGSN-Number", 1489, TGPP, MUST, OCTET_STRING),
  IDR_FLAGS("IDR-Flags", 1490, TGPP, MUST, UNSIGNED32),
  ICS_INDICATOR("ICS-Indicator", 1491, TGPP, MUST_NOT, ENUMERATED, values("0 FALSE", "1 TRUE")),
  IMS_VOICE_OVER_PS_SESSIONS_SUPPORTED("IMS-Voice-Over-PS-Sessions-Supported", 1492, TGPP, MUST_NOT, ENUMERATED,
      values("0 NOT_SUPPORTED", "1 SUPPORTED")),
  HOMOGENEOUS_SUPPORT_OF_IMS_VOICE_OVER_PS_SESSIONS("Homogeneous-Support-of-IMS-Voice-Over-PS-Sessions", 1493, TGPP,
      MUST_NOT, ENUMERATED, values("0 NOT_SUPPORTED", "1 SUPPORTED")),
  LAST_UE_ACTIVITY_TIME("Last-UE-Activity-Time", 1494, TGPP, MUST_NOT, TIME),
  EPS_USER_STATE("EPS-User-State", 1495, TGPP, MUST_NOT, GROUPED, "[ MME-User-State ] [ SGSN-User-State ] *[ AVP ]"),
  EPS_LOCATION_INFORMATION("EPS-Location-Information", 1496, TGPP, MUST_NOT, GROUPED,
      "[ MME-Location-Information ] [ SGSN-Location-Information ] *[ AVP ]"),
  MME_USER_STATE("MME-User-State", 1497, TGPP, MUST_NOT, GROUPED, "[ User-State ] *[ AVP ]"),
  SGSN_USER_STATE("SGSN-User-State", 1498, TGPP, MUST_NOT, GROUPED, "[ User-State ] *[ AVP ]"),
  USER_STATE("User-State", 1499, TGPP, MUST_NOT, ENUMERATED,
      values("0 DETACHED", "1 ATTACHED_NOT_REACHABLE_FOR_PAGING", "2 ATTACHED_REACHABLE_FOR_PAGING",
          "3 CONNECTED_NOT_REACHABLE_FOR_PAGING", "4 CONNECTED_REACHABLE_FOR_PAGING",
          "5 NETWORK_DETERMINED_NOT_REACHABLE")),
  /** 7.3.115; User-CSG-Information, eNodeB-ID and Extended-eNodeB-ID are not in this table yet. */
  MME_LOCATION_INFORMATION("MME-Location-Information", 1600, TGPP, MUST_NOT, GROUPED,
      "[ E-UTRAN-Cell-Global-Identity ] [ Tracking-Area-Identity ] [ Geographical-Information ]"
          + " [ Geodetic-Information ] [ Current-Location-Retrieved ] [ Age-Of-Location-Information ] *[ AVP ]"),
  /** 7.3.116; User-CSG-Information is not in this table yet. */
  SGSN_LOCATION_INFORMATION("SGSN-Location-Information", 1601, TGPP, MUST_NOT, GROUPED,
      "[ Cell-Global-Identity ] [ Location-Area-Identity ] [ Service-Area-Identity ] [ Routing-Area-Identity ]"
          + " [ Geographical-Information ] [ Geodetic-Information ] [ Current-Location-Retrieved ]"
          + " [ Age-Of-Location-Information ] *[ AVP ]"),
  E_UTRAN_CELL_GLOBAL_IDENTITY("E-UTRAN-Cell-Global-Identity", 1602, TGPP, MUST_NOT, OCTET_STRING),
  TRACKING_AREA_IDENTITY("Tracking-Area-Identity", 1603, TGPP, MUST_NOT, OCTET_STRING),
  CELL_GLOBAL_IDENTITY("Cell-Global-Identity", 1604, TGPP, MUST_NOT, OCTET_STRING),
  ROUTING_AREA_IDENTITY("Routing-Area-Identity", 1605, TGPP, MUST_NOT, OCTET_STRING),
  LOCATION_AREA_IDENTITY("Location-Area-Identity", 1606, TGPP, MUST_NOT, OCTET_STRING),
  SERVICE_AREA_IDENTITY("Service-Area-Identity", 1607, TGPP, MUST_NOT, OCTET_STRING),
  GEOGRAPHICAL_INFORMATION("Geographical-Information", 1608, TGPP, MUST_NOT, OCTET_STRING),
  GEODETIC_INFORMATION("Geodetic-Information", 1609, TGPP, MUST_NOT, OCTET_STRING),
  CURRENT_LOCATION_RETRIEVED("Current-Location-Retrieved", 1610, TGPP, MUST_NOT, ENUMERATED,
      values("0 ACTIVE-LOCATION-RETRIEVAL")),
  AGE_OF_LOCATION_INFORMATION("Age-Of-Location-Information", 1611, TGPP, MUST_NOT, UNSIGNED32),
  ACTIVE_APN("Active-APN", 1612, TGPP, MUST_NOT, GROUPED,
      "{ Context-Identifier } [ Service-Selection ] [ MIP6-Agent-Info ] [ Visited-Network-Identifier ]"
          + " *[ Specific-APN-Info ] *[ AVP ]"),
  ERROR_DIAGNOSTIC("Error-Diagnostic", 1614, TGPP, MUST_NOT, ENUMERATED,
      values("0 GPRS_DATA_SUBSCRIBED", "1 NO_GPRS_DATA_SUBSCRIBED", "2 ODB_ALL_APN", "3 ODB_HPLMN_APN",
          "4 ODB_VPLMN_APN")),
  UE_SRVCC_CAPABILITY("UE-SRVCC-Capability", 1615, TGPP, MUST_NOT, ENUMERATED,
      values("0 UE-SRVCC-NOT-SUPPORTED", "1 UE-SRVCC-SUPPORTED")),
  MPS_PRIORITY("MPS-Priority", 1616, TGPP, MUST_NOT, UNSIGNED32),
  SUBSCRIBED_PERIODIC_RAU_TAU_TIMER("Subscribed-Periodic-RAU-TAU-Timer", 1619, TGPP, MUST_NOT, UNSIGNED32),
  RELAY_NODE_INDICATOR("Relay-Node-Indicator", 1633, TGPP, MUST_NOT, ENUMERATED,
      values("0 NOT_RELAY_NODE", "1 RELAY_NODE")),
  PUR_FLAGS("PUR-Flags", 1635, TGPP, MUST_NOT, UNSIGNED32),
  EQUIVALENT_PLMN_LIST("Equivalent-PLMN-List", 1637, TGPP, MUST_NOT, GROUPED, "1*{ Visited-PLMN-Id } *[ AVP ]"),
  CLR_FLAGS("CLR-Flags", 1638, TGPP, MUST_NOT, UNSIGNED32),
  TIME_ZONE("Time-Zone", 1642, TGPP, MUST_NOT, UTF8_STRING),
  A_MSISDN("A-MSISDN", 1643, TGPP, MUST_NOT, OCTET_STRING),
  MME_NUMBER_FOR_MT_SMS("MME-Number-for-MT-SMS", 1645, TGPP, MUST_NOT, OCTET_STRING),
  SMS_REGISTER_REQUEST("SMS-Register-Request", 1648, TGPP, MUST_NOT, ENUMERATED,
      values("0 SMS_REGISTRATION_REQUIRED", "1 SMS_REGISTRATION_NOT_PREFERRED", "2 NO_PREFERENCE")),
  LOCAL_TIME_ZONE("Local-Time-Zone", 1649, TGPP, MUST_NOT, GROUPED, "{ Time-Zone } { Daylight-Saving-Time } *[ AVP ]"),
  DAYLIGHT_SAVING_TIME("Daylight-Saving-Time", 1650, TGPP, MUST_NOT, ENUMERATED,
      values("0 NO_ADJUSTMENT", "1 PLUS_ONE_HOUR_ADJUSTMENT", "2 PLUS_TWO_HOURS_ADJUSTMENT")),
  SUBSCRIPTION_DATA_FLAGS("Subscription-Data-Flags", 1654, TGPP, MUST_NOT, UNSIGNED32),
  SGS_MME_IDENTITY("SGs-MME-Identity", 1664, TGPP, MUST_NOT, UTF8_STRING),
  COUPLED_NODE_DIAMETER_ID("Coupled-Node-Diameter-ID", 1666, TGPP, MUST_NOT, DIAMETER_IDENTITY),
  RESET_ID("Reset-ID", 1670, TGPP, MUST_NOT, OCTET_STRING),
  ADJACENT_PLMNS("Adjacent-PLMNs", 1672, TGPP, MUST_NOT, GROUPED, "1*{ Visited-PLMN-Id } *[ AVP ]"),
  AIR_FLAGS("AIR-Flags", 1679, TGPP, MUST_NOT, UNSIGNED32),
  UE_USAGE_TYPE("UE-Usage-Type", 1680, TGPP, MUST_NOT, UNSIGNED32),
  ADDITIONAL_CONTEXT_IDENTIFIER("Additional-Context-Identifier", 1683, TGPP, MUST_NOT, UNSIGNED32),
  SUBSCRIPTION_DATA_DELETION("Subscription-Data-Deletion", 1685, TGPP, MUST_NOT, GROUPED,
      "{ DSR-Flags } [ SCEF-ID ] *[ Context-Identifier ] [ Trace-Reference ] *[ TS-Code ] *[ SS-Code ] *[ AVP ]"),
  EMERGENCY_INFO("Emergency-Info", 1687, TGPP, MUST_NOT, GROUPED, "[ MIP6-Agent-Info ] *[ AVP ]"),
  EDRX_RELATED_RAT("eDRX-Related-RAT", 1705, TGPP, MUST_NOT, GROUPED, "1*{ RAT-Type } *[ AVP ]"),
  THIRD_CONTEXT_IDENTIFIER("Third-Context-Identifier", 1719, TGPP, MUST_NOT, UNSIGNED32),
  SF_ULR_TIMESTAMP("SF-ULR-Timestamp", 1729, TGPP, MUST_NOT, TIME),
  SF_PROVISIONAL_INDICATION("SF-Provisional-Indication", 1730, TGPP, MUST_NOT, ENUMERATED, values("0 PROVISIONAL_ULR")),
  GMLC_ADDRESS("GMLC-Address", 2405, TGPP, MUST, ADDRESS),
  MAXIMUM_UE_AVAILABILITY_TIME("Maximum-UE-Availability-Time", 3329, TGPP, MUST_NOT, TIME),
  // TS 29.336 8.4 (monitoring, used in S6a commands); members beyond the required ones not in this table yet
  MONITORING_EVENT_REPORT("Monitoring-Event-Report", 3123, TGPP, MUST, GROUPED,
      "{ SCEF-Reference-ID } [ SCEF-ID ] *[ AVP ]"),
  SCEF_REFERENCE_ID("SCEF-Reference-ID", 3124, TGPP, MUST, UNSIGNED32),
  SCEF_ID("SCEF-ID", 3125, TGPP, MUST, DIAMETER_IDENTITY),
  MONITORING_EVENT_CONFIG_STATUS("Monitoring-Event-Config-Status", 3142, TGPP, MUST, GROUPED,
      "{ SCEF-Reference-ID } [ SCEF-ID ] *[ AVP ]"),
  SUPPORTED_SERVICES("Supported-Services", 3143, TGPP, MUST, GROUPED, "*[ AVP ]"),

  // TS 29.273 8.2.3 (SWx, vendor 10415); SIP-Auth-Data-Item and its members are the Cx entries above
  TGPP_AAA_SERVER_NAME("3GPP-AAA-Server-Name", 318, TGPP, MUST, DIAMETER_IDENTITY),
  NON_3GPP_USER_DATA("Non-3GPP-User-Data", 1500, TGPP, MUST, GROUPED,
      "[ Subscription-Id ] [ Non-3GPP-IP-Access ] [ Non-3GPP-IP-Access-APN ] *[ RAT-Type ] [ Session-Timeout ]"
          + " [ MIP6-Feature-Vector ] [ AMBR ] [ 3GPP-Charging-Characteristics ] [ Context-Identifier ]"
          + " [ APN-OI-Replacement ] *[ APN-Configuration ] [ Trace-Info ] [ TWAN-Default-APN-Context-Id ]"
          + " *[ TWAN-Access-Info ] [ UE-Usage-Type ] [ Emergency-Info ] [ ERP-Authorization ]"
          + " [ Core-Network-Restrictions ] [ MPS-Priority ] *[ AVP ]"),
  NON_3GPP_IP_ACCESS("Non-3GPP-IP-Access", 1501, TGPP, MUST, ENUMERATED,
      values("0 NON_3GPP_SUBSCRIPTION_ALLOWED", "1 NON_3GPP_SUBSCRIPTION_BARRED")),
  NON_3GPP_IP_ACCESS_APN("Non-3GPP-IP-Access-APN", 1502, TGPP, MUST, ENUMERATED,
      values("0 Non_3GPP_APNS_ENABLE", "1 Non_3GPP_APNS_DISABLE")),
  AN_TRUSTED("AN-Trusted", 1503, TGPP, MUST_NOT, ENUMERATED, values("0 TRUSTED", "1 UNTRUSTED")),
  ANID("ANID", 1504, TGPP, MUST, UTF8_STRING),
  TRACE_INFO("Trace-Info", 1505, TGPP, MUST_NOT, GROUPED, "[ Trace-Data ] [ Trace-Reference ] *[ AVP ]"),
  PPR_FLAGS("PPR-Flags", 1508, TGPP, MUST_NOT, UNSIGNED32),
  /** Members not in this table yet. */
  TWAN_ACCESS_INFO("TWAN-Access-Info", 1510, TGPP, MUST_NOT, GROUPED, "*[ AVP ]"),
  TWAN_DEFAULT_APN_CONTEXT_ID("TWAN-Default-APN-Context-Id", 1512, TGPP, MUST_NOT, UNSIGNED32),
  AAA_FAILURE_INDICATION("AAA-Failure-Indication", 1518, TGPP, MUST_NOT, UNSIGNED32),
  /** Members (SSID, BSSID, location, operator name, logical access id) not in this table yet. */
  ACCESS_NETWORK_INFO("Access-Network-Info", 1526, TGPP, MUST_NOT, GROUPED, "*[ AVP ]"),
  EMERGENCY_SERVICES("Emergency-Services", 1538, TGPP, MUST_NOT, UNSIGNED32),
  ERP_AUTHORIZATION("ERP-Authorization", 1541, TGPP, MUST_NOT, UNSIGNED32),
  CORE_NETWORK_RESTRICTIONS("Core-Network-Restrictions", 1704, TGPP, MUST_NOT, UNSIGNED32);

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

  Avp(String specName, int code, long vendorId, FlagRule mandatory, AvpType type, boolean sendM,
      String[] values, String members, Application scope) {
    AvpTable.check(specName, mandatory, type, sendM, values, members);
    this.specName = specName;
    this.code = code;
    this.vendorId = vendorId;
    this.mandatory = mandatory;
    this.sendMandatoryBit = sendM;
    this.type = type;
    this.enumValues = values == null ? Map.of() : AvpTable.parseValues(specName, values);
    this.abnf = members;
    this.scope = scope;
  }

  private static String[] values(String... numberedNames) { return numberedNames; }

  public String specName() { return specName; }
  public int code() { return code; }
  public long vendorId() { return vendorId; }
  /** M-bit rule from the AVP table. */
  public FlagRule mandatory() { return mandatory; }
  public AvpType type() { return type; }
  /** V bit set and Vendor-Id present in the AVP header (RFC 6733 4.1). */
  public boolean isVendorSpecific() { return vendorId != BASE; }
  /** Whether this implementation sets the M bit when sending the AVP. */
  public boolean sendMandatoryBit() { return sendMandatoryBit; }
  /** Enumerated values by number, in table order; empty when none are listed. */
  public Map<Integer, String> enumValues() { return enumValues; }
  /** Name of an enumerated value; unknown values are tolerated on receipt unless a procedure says otherwise. */
  public Optional<String> enumName(int value) { return Optional.ofNullable(enumValues.get(value)); }
  /** Value of an enumerated name; IllegalArgumentException if the table has none (a programming error). */
  public int enumValue(String name) { return AvpTable.enumValue(this, name); }
  /** The value a Java constant names (a '-' of the spec name written '_'); as {@link #enumValue(String)}. */
  public int enumValue(Enum<?> constant) { return enumValue(AvpTable.specValueName(this, constant.name())); }

  /** The constant of {@code type} named as the enumerated {@code value}, or null for a value not in the table. */
  public <E extends Enum<E>> E enumConstant(Class<E> type, int value) {
    return AvpTable.enumConstant(this, type, value);
  }

  /** Member ABNF of a grouped AVP as written in the spec, or null. */
  public String membersAbnf() { return abnf; }
  /** Grouped members; empty for non-grouped AVPs. */
  public List<AvpRule> members() { return ruleSet().list; }
  /** Whether the grouped ABNF has {@code *[ AVP ]}. */
  public boolean allowsOtherMembers() { return ruleSet().extensible; }
  /** Application whose commands use this entry when the spec name is shared (User-Data), else null. */
  public Application scope() { return scope; }
  RuleSet ruleSet() { return AvpTable.ruleSet(this); }

  /** Dictionary entry for (code, vendor). */
  public static Optional<Avp> lookup(int code, long vendorId) {
    return Optional.ofNullable(AvpTable.find(code, vendorId));
  }

  /**
   * Entry by spec name. "User-Data" is used by both Cx (606) and Sh (702); this returns the Cx one, use
   * {@link #bySpecName(String, Application)} to pick per application.
   */
  public static Optional<Avp> bySpecName(String name) {
    List<Avp> l = AvpTable.byName(name);
    return l == null ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Entry by spec name as used in the commands of {@code application}. */
  public static Optional<Avp> bySpecName(String name, Application application) {
    return Optional.ofNullable(AvpTable.byName(name, application));
  }
}
