package org.imshss.diameter;

import java.util.List;
import java.util.Optional;

/**
 * The command table with each command's AVP ABNF: base (RFC 6733 5.3, 5.4, 5.5), Cx/Dx (TS 29.229 6.1),
 * Sh/Dh (TS 29.329 6.1), S6a/S6d (TS 29.272 7.2) and SWx (TS 29.273 8.2.2). The ABNF is the command body after the
 * header. A command is named by (code, Application-Id, R bit): SWx reuses Cx's codes.
 */
public enum Command {

  // RFC 6733 5.3.1, 5.3.2
  CER(257, Application.COMMON, true, false,
      "{ Origin-Host } { Origin-Realm } 1*{ Host-IP-Address } { Vendor-Id } { Product-Name } [ Origin-State-Id ]"
          + " *[ Supported-Vendor-Id ] *[ Auth-Application-Id ] *[ Inband-Security-Id ] *[ Acct-Application-Id ]"
          + " *[ Vendor-Specific-Application-Id ] [ Firmware-Revision ] *[ AVP ]"),
  CEA(257, Application.COMMON, false, false,
      "{ Result-Code } { Origin-Host } { Origin-Realm } 1*{ Host-IP-Address } { Vendor-Id } { Product-Name }"
          + " [ Origin-State-Id ] [ Error-Message ] [ Failed-AVP ] *[ Supported-Vendor-Id ] *[ Auth-Application-Id ]"
          + " *[ Inband-Security-Id ] *[ Acct-Application-Id ] *[ Vendor-Specific-Application-Id ]"
          + " [ Firmware-Revision ] *[ AVP ]"),
  // RFC 6733 5.5.1, 5.5.2
  DWR(280, Application.COMMON, true, false,
      "{ Origin-Host } { Origin-Realm } [ Origin-State-Id ] *[ AVP ]"),
  DWA(280, Application.COMMON, false, false,
      "{ Result-Code } { Origin-Host } { Origin-Realm } [ Error-Message ] [ Failed-AVP ] [ Origin-State-Id ] *[ AVP ]"),
  // RFC 6733 5.4.1, 5.4.2
  DPR(282, Application.COMMON, true, false,
      "{ Origin-Host } { Origin-Realm } { Disconnect-Cause } *[ AVP ]"),
  DPA(282, Application.COMMON, false, false,
      "{ Result-Code } { Origin-Host } { Origin-Realm } [ Error-Message ] [ Failed-AVP ] *[ AVP ]"),

  // TS 29.229 6.1.1, 6.1.2
  UAR(300, Application.CX, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } { User-Name } [ OC-Supported-Features ]"
          + " *[ Supported-Features ] { Public-Identity } { Visited-Network-Identifier } [ User-Authorization-Type ]"
          + " [ UAR-Flags ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  UAA(300, Application.CX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } [ OC-Supported-Features ] [ OC-OLR ] *[ Load ]"
          + " *[ Supported-Features ] [ Server-Name ] [ Server-Capabilities ] *[ AVP ] [ Failed-AVP ]"
          + " *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.229 6.1.3, 6.1.4
  SAR(301, Application.CX, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } [ User-Name ] [ OC-Supported-Features ]"
          + " *[ Supported-Features ] *[ Public-Identity ] [ Wildcarded-Public-Identity ] { Server-Name }"
          + " { Server-Assignment-Type } { User-Data-Already-Available } [ SCSCF-Restoration-Info ]"
          + " [ Multiple-Registration-Indication ] [ Session-Priority ] [ SAR-Flags ] *[ AVP ] *[ Proxy-Info ]"
          + " *[ Route-Record ]"),
  SAA(301, Application.CX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } [ User-Name ] [ OC-Supported-Features ]"
          + " [ OC-OLR ] *[ Load ] *[ Supported-Features ] [ User-Data ] [ Charging-Information ]"
          + " [ Associated-Identities ] [ Loose-Route-Indication ] *[ SCSCF-Restoration-Info ]"
          + " [ Associated-Registered-Identities ] [ Server-Name ] [ Wildcarded-Public-Identity ]"
          + " [ Priviledged-Sender-Indication ] [ Allowed-WAF-WWSF-Identities ] *[ AVP ] [ Failed-AVP ]"
          + " *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.229 6.1.5, 6.1.6
  LIR(302, Application.CX, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } [ Originating-Request ]"
          + " [ OC-Supported-Features ] *[ Supported-Features ] { Public-Identity } [ User-Authorization-Type ]"
          + " [ Session-Priority ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  LIA(302, Application.CX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } [ OC-Supported-Features ] [ OC-OLR ] *[ Load ]"
          + " *[ Supported-Features ] [ Server-Name ] [ Server-Capabilities ] [ Wildcarded-Public-Identity ]"
          + " [ LIA-Flags ] *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.229 6.1.7, 6.1.8
  MAR(303, Application.CX, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Realm } [ Destination-Host ] { User-Name } [ OC-Supported-Features ]"
          + " *[ Supported-Features ] { Public-Identity } { SIP-Auth-Data-Item } { SIP-Number-Auth-Items }"
          + " { Server-Name } *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  MAA(303, Application.CX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } [ User-Name ] [ OC-Supported-Features ]"
          + " [ OC-OLR ] *[ Load ] *[ Supported-Features ] [ Public-Identity ] [ SIP-Number-Auth-Items ]"
          + " *[ SIP-Auth-Data-Item ] *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.229 6.1.9, 6.1.10 (RTR-Flags left out: code not verified)
  RTR(304, Application.CX, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Host } { Destination-Realm } { User-Name } [ Associated-Identities ]"
          + " *[ Supported-Features ] *[ Public-Identity ] { Deregistration-Reason } *[ AVP ] *[ Proxy-Info ]"
          + " *[ Route-Record ]"),
  RTA(304, Application.CX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } [ Associated-Identities ]"
          + " *[ Supported-Features ] *[ Identity-with-Emergency-Registration ] *[ AVP ] [ Failed-AVP ]"
          + " *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.229 6.1.11, 6.1.12
  PPR(305, Application.CX, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Host } { Destination-Realm } { User-Name } *[ Supported-Features ]"
          + " [ User-Data ] [ Charging-Information ] [ SIP-Auth-Data-Item ] [ Allowed-WAF-WWSF-Identities ]"
          + " *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  PPA(305, Application.CX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } *[ Supported-Features ] *[ AVP ]"
          + " [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),

  // TS 29.329 6.1.1, 6.1.2
  UDR(306, Application.SH, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } *[ Supported-Features ] { User-Identity }"
          + " [ Wildcarded-Public-Identity ] [ Wildcarded-IMPU ] [ Server-Name ] *[ Service-Indication ]"
          + " 1*{ Data-Reference } *[ Identity-Set ] [ Requested-Domain ] [ Current-Location ] *[ DSAI-Tag ]"
          + " [ Session-Priority ] [ User-Name ] [ Requested-Nodes ] [ Serving-Node-Indication ]"
          + " [ Pre-paging-Supported ] [ Local-Time-Zone-Indication ] [ UDR-Flags ] [ Call-Reference-Info ]"
          + " [ OC-Supported-Features ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  UDA(306, Application.SH, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } *[ Supported-Features ]"
          + " [ Wildcarded-Public-Identity ] [ Wildcarded-IMPU ] [ User-Data ] [ OC-Supported-Features ] [ OC-OLR ]"
          + " *[ Load ] *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.329 6.1.3, 6.1.4
  PUR(307, Application.SH, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } *[ Supported-Features ] { User-Identity }"
          + " [ Wildcarded-Public-Identity ] [ Wildcarded-IMPU ] [ User-Name ] { Data-Reference } { User-Data }"
          + " [ OC-Supported-Features ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  PUA(307, Application.SH, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } [ Wildcarded-Public-Identity ]"
          + " [ Wildcarded-IMPU ] [ Repository-Data-ID ] [ Data-Reference ] *[ Supported-Features ]"
          + " [ OC-Supported-Features ] [ OC-OLR ] *[ Load ] *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ]"
          + " *[ Route-Record ]"),
  // TS 29.329 6.1.5, 6.1.6
  SNR(308, Application.SH, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } *[ Supported-Features ] { User-Identity }"
          + " [ Wildcarded-Public-Identity ] [ Wildcarded-IMPU ] *[ Service-Indication ] [ Send-Data-Indication ]"
          + " [ Server-Name ] { Subs-Req-Type } 1*{ Data-Reference } *[ Identity-Set ] [ Expiry-Time ]"
          + " *[ DSAI-Tag ] [ One-Time-Notification ] [ User-Name ] [ OC-Supported-Features ] *[ AVP ]"
          + " *[ Proxy-Info ] *[ Route-Record ]"),
  SNA(308, Application.SH, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } [ Result-Code ]"
          + " [ Experimental-Result ] { Origin-Host } { Origin-Realm } [ Wildcarded-Public-Identity ]"
          + " [ Wildcarded-IMPU ] *[ Supported-Features ] [ User-Data ] [ Expiry-Time ] [ OC-Supported-Features ]"
          + " [ OC-OLR ] *[ Load ] *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.329 6.1.7, 6.1.8
  PNR(309, Application.SH, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Host } { Destination-Realm } *[ Supported-Features ] { User-Identity }"
          + " [ Wildcarded-Public-Identity ] [ Wildcarded-IMPU ] [ User-Name ] { User-Data } *[ AVP ]"
          + " *[ Proxy-Info ] *[ Route-Record ]"),
  PNA(309, Application.SH, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } *[ Supported-Features ] *[ AVP ]"
          + " [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),

  // TS 29.272 7.2.3, 7.2.4 (S6a/S6d)
  ULR(316, Application.S6A, true, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } { User-Name } [ OC-Supported-Features ]"
          + " *[ Supported-Features ] [ Terminal-Information ] { RAT-Type } { ULR-Flags } [ UE-SRVCC-Capability ]"
          + " { Visited-PLMN-Id } [ SGSN-Number ] [ Homogeneous-Support-of-IMS-Voice-Over-PS-Sessions ]"
          + " [ GMLC-Address ] *[ Active-APN ] [ Equivalent-PLMN-List ] [ MME-Number-for-MT-SMS ]"
          + " [ SMS-Register-Request ] [ SGs-MME-Identity ] [ Coupled-Node-Diameter-ID ] [ Adjacent-PLMNs ]"
          + " [ Supported-Services ] [ SF-ULR-Timestamp ] [ SF-Provisional-Indication ] *[ AVP ] *[ Proxy-Info ]"
          + " *[ Route-Record ]"),
  ULA(316, Application.S6A, false, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] [ Result-Code ] [ Experimental-Result ]"
          + " [ Error-Diagnostic ] { Auth-Session-State } { Origin-Host } { Origin-Realm } [ OC-Supported-Features ]"
          + " [ OC-OLR ] *[ Load ] *[ Supported-Features ] [ ULA-Flags ] [ Subscription-Data ] *[ Reset-ID ]"
          + " *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.272 7.2.7, 7.2.8
  CLR(317, Application.S6A, true, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Host } { Destination-Realm } { User-Name } *[ Supported-Features ]"
          + " { Cancellation-Type } [ CLR-Flags ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  CLA(317, Application.S6A, false, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] *[ Supported-Features ] [ Result-Code ]"
          + " [ Experimental-Result ] { Auth-Session-State } { Origin-Host } { Origin-Realm } *[ AVP ]"
          + " [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.272 7.2.5, 7.2.6
  AIR(318, Application.S6A, true, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } { User-Name } [ OC-Supported-Features ]"
          + " *[ Supported-Features ] [ Requested-EUTRAN-Authentication-Info ]"
          + " [ Requested-UTRAN-GERAN-Authentication-Info ] { Visited-PLMN-Id } [ AIR-Flags ] *[ AVP ]"
          + " *[ Proxy-Info ] *[ Route-Record ]"),
  AIA(318, Application.S6A, false, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] [ Result-Code ] [ Experimental-Result ]"
          + " [ Error-Diagnostic ] { Auth-Session-State } { Origin-Host } { Origin-Realm } [ OC-Supported-Features ]"
          + " [ OC-OLR ] *[ Load ] *[ Supported-Features ] [ Authentication-Info ] [ UE-Usage-Type ] *[ AVP ]"
          + " [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.272 7.2.9, 7.2.10
  IDR(319, Application.S6A, true, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Host } { Destination-Realm } { User-Name } *[ Supported-Features ]"
          + " { Subscription-Data } [ IDR-Flags ] *[ Reset-ID ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  IDA(319, Application.S6A, false, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] *[ Supported-Features ] [ Result-Code ]"
          + " [ Experimental-Result ] { Auth-Session-State } { Origin-Host } { Origin-Realm }"
          + " [ IMS-Voice-Over-PS-Sessions-Supported ] [ Last-UE-Activity-Time ] [ RAT-Type ] [ IDA-Flags ]"
          + " [ EPS-User-State ] [ EPS-Location-Information ] [ Local-Time-Zone ] [ Supported-Services ]"
          + " *[ Monitoring-Event-Report ] *[ Monitoring-Event-Config-Status ] *[ AVP ] [ Failed-AVP ]"
          + " *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.272 7.2.11, 7.2.12
  DSR(320, Application.S6A, true, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Host } { Destination-Realm } { User-Name } *[ Supported-Features ]"
          + " { DSR-Flags } [ SCEF-ID ] *[ Context-Identifier ] [ Trace-Reference ] *[ TS-Code ] *[ SS-Code ]"
          + " [ eDRX-Related-RAT ] *[ External-Identifier ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  DSA(320, Application.S6A, false, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] *[ Supported-Features ] [ Result-Code ]"
          + " [ Experimental-Result ] { Auth-Session-State } { Origin-Host } { Origin-Realm } [ DSA-Flags ] *[ AVP ]"
          + " [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.272 7.2.13, 7.2.14 (Purge-UE; Sh's Profile-Update is 307)
  S6A_PUR(321, Application.S6A, true, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } { User-Name } [ OC-Supported-Features ]"
          + " [ PUR-Flags ] *[ Supported-Features ] [ EPS-Location-Information ] *[ AVP ] *[ Proxy-Info ]"
          + " *[ Route-Record ]"),
  S6A_PUA(321, Application.S6A, false, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] *[ Supported-Features ] [ Result-Code ]"
          + " [ Experimental-Result ] { Auth-Session-State } { Origin-Host } { Origin-Realm }"
          + " [ OC-Supported-Features ] [ OC-OLR ] *[ Load ] [ PUA-Flags ] *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ]"
          + " *[ Route-Record ]"),
  // TS 29.272 7.2.15, 7.2.16
  RSR(322, Application.S6A, true, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Host } { Destination-Realm } *[ Supported-Features ] *[ User-Id ]"
          + " *[ Reset-ID ] [ Subscription-Data ] [ Subscription-Data-Deletion ] *[ AVP ] *[ Proxy-Info ]"
          + " *[ Route-Record ]"),
  RSA(322, Application.S6A, false, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] *[ Supported-Features ] [ Result-Code ]"
          + " [ Experimental-Result ] { Auth-Session-State } { Origin-Host } { Origin-Realm } *[ AVP ]"
          + " [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.272 7.2.17, 7.2.18
  NOR(323, Application.S6A, true, true,
      "< Session-Id > [ Vendor-Specific-Application-Id ] [ DRMP ] { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } { User-Name } [ OC-Supported-Features ]"
          + " *[ Supported-Features ] [ Terminal-Information ] [ MIP6-Agent-Info ] [ Visited-Network-Identifier ]"
          + " [ Context-Identifier ] [ Service-Selection ] [ Alert-Reason ] [ UE-SRVCC-Capability ] [ NOR-Flags ]"
          + " [ Homogeneous-Support-of-IMS-Voice-Over-PS-Sessions ] [ Maximum-UE-Availability-Time ]"
          + " *[ Monitoring-Event-Config-Status ] [ Emergency-Services ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  NOA(323, Application.S6A, false, true,
      "< Session-Id > [ DRMP ] [ Vendor-Specific-Application-Id ] [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } [ OC-Supported-Features ] [ OC-OLR ] *[ Load ]"
          + " *[ Supported-Features ] *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),

  // TS 29.273 8.2.2.1, 8.2.2.2 (SWx: Cx's codes, Application-Id 16777265). The spec elides each command's tail
  // ("..." then *[ AVP ]); Failed-AVP, Proxy-Info and Route-Record are listed as in Cx (RFC 6733 6.2, 6.7).
  SWX_MAR(303, Application.SWX, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Realm } [ Destination-Host ] { User-Name } [ RAT-Type ] [ AN-Trusted ]"
          + " [ ANID ] [ Visited-Network-Identifier ] [ Terminal-Information ] { SIP-Auth-Data-Item }"
          + " { SIP-Number-Auth-Items } [ AAA-Failure-Indication ] [ OC-Supported-Features ]"
          + " *[ Supported-Features ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  SWX_MAA(303, Application.SWX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } { User-Name } [ SIP-Number-Auth-Items ]"
          + " *[ SIP-Auth-Data-Item ] [ 3GPP-AAA-Server-Name ] [ OC-Supported-Features ] [ OC-OLR ] *[ Load ]"
          + " *[ Supported-Features ] *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.273 8.2.2.3, 8.2.2.4
  SWX_SAR(301, Application.SWX, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } [ Destination-Host ] { Destination-Realm } [ Service-Selection ]"
          + " [ Context-Identifier ] [ MIP6-Agent-Info ] [ Visited-Network-Identifier ] { User-Name }"
          + " { Server-Assignment-Type } *[ Active-APN ] [ OC-Supported-Features ] *[ Supported-Features ]"
          + " [ Terminal-Information ] [ Emergency-Services ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  SWX_SAA(301, Application.SWX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } { User-Name } [ Non-3GPP-User-Data ]"
          + " [ 3GPP-AAA-Server-Name ] [ OC-Supported-Features ] [ OC-OLR ] *[ Load ] *[ Supported-Features ]"
          + " *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.273 8.2.2.5, 8.2.2.6
  SWX_RTR(304, Application.SWX, true, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Host } { Destination-Realm } { User-Name } { Deregistration-Reason }"
          + " *[ Supported-Features ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  SWX_RTA(304, Application.SWX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } *[ Supported-Features ] *[ AVP ]"
          + " [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  // TS 29.273 8.2.2.7, 8.2.2.8 (the PPR header is written without the P bit)
  SWX_PPR(305, Application.SWX, true, false,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } { Auth-Session-State } { Origin-Host }"
          + " { Origin-Realm } { Destination-Host } { Destination-Realm } { User-Name } [ Non-3GPP-User-Data ]"
          + " [ PPR-Flags ] *[ Supported-Features ] *[ AVP ] *[ Proxy-Info ] *[ Route-Record ]"),
  SWX_PPA(305, Application.SWX, false, true,
      "< Session-Id > [ DRMP ] { Vendor-Specific-Application-Id } [ Result-Code ] [ Experimental-Result ]"
          + " { Auth-Session-State } { Origin-Host } { Origin-Realm } [ Access-Network-Info ] [ Local-Time-Zone ]"
          + " *[ Supported-Features ] *[ AVP ] [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]");

  private final int code;
  private final Application application;
  private final boolean request;
  private final boolean proxiable;
  private final String abnf;
  private final RuleSet ruleSet;

  Command(int code, Application application, boolean request, boolean proxiable, String abnf) {
    this.code = code;
    this.application = application;
    this.request = request;
    this.proxiable = proxiable;
    this.abnf = abnf;
    this.ruleSet = new RuleSet(Abnf.parse(abnf, name -> Avp.bySpecName(name, application)));
  }

  public int code() {
    return code;
  }

  public Application application() {
    return application;
  }

  /** R bit (RFC 6733 3). */
  public boolean isRequest() {
    return request;
  }

  /** P bit (RFC 6733 3). */
  public boolean isProxiable() {
    return proxiable;
  }

  /** The ABNF body after the header, as in the spec. */
  public String abnf() {
    return abnf;
  }

  public List<AvpRule> rules() {
    return ruleSet.list;
  }

  /** Whether the ABNF has {@code *[ AVP ]}. */
  public boolean allowsOtherAvps() {
    return ruleSet.extensible;
  }

  RuleSet ruleSet() {
    return ruleSet;
  }

  /** The answer to this request (UAR to UAA), of the same application. */
  public Command answer() {
    if (!request) {
      throw new IllegalStateException(name() + " is an answer");
    }
    return find(code, application.id(), false);
  }

  /** The request this answer belongs to (UAA to UAR), of the same application. */
  public Command request() {
    if (request) {
      throw new IllegalStateException(name() + " is a request");
    }
    return find(code, application.id(), true);
  }

  /** The command with this code and R bit in the application the header's Application-Id names. */
  public static Optional<Command> lookup(int code, long applicationId, boolean request) {
    return Optional.ofNullable(find(code, applicationId, request));
  }

  private static Command find(int code, long applicationId, boolean request) {
    if (code < 0 || code > MAX_CODE) {
      return null;
    }
    int i = Index.COMMANDS.get(key(code, applicationId, request));
    return i < 0 ? null : Index.ALL[i];
  }

  /** Command-Code is 24 bits (RFC 6733 3): code and R bit fit the low word, the Application-Id the high one. */
  private static long key(int code, long applicationId, boolean request) {
    return LongIntMap.key(code << 1 | (request ? 1 : 0), applicationId);
  }

  private static final int MAX_CODE = 0xFFFFFF;

  /** (code, application, R bit) index, built on first use. */
  private static final class Index {
    static final Command[] ALL = values();
    static final LongIntMap COMMANDS;

    static {
      long[] keys = new long[ALL.length];
      for (int i = 0; i < ALL.length; i++) {
        keys[i] = key(ALL[i].code, ALL[i].application.id(), ALL[i].request);
      }
      COMMANDS = new LongIntMap(keys);
    }
  }
}
