package org.imshss.diameter;

import java.util.List;
import java.util.Optional;

/**
 * The command table with each command's AVP ABNF: base (RFC 6733 5.3, 5.4, 5.5), Cx/Dx (TS 29.229 6.1) and
 * Sh/Dh (TS 29.329 6.1). The ABNF is the command body after the header.
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
          + " [ Failed-AVP ] *[ Proxy-Info ] *[ Route-Record ]");

  private static final int FIRST_CODE = 257;
  private static final int LAST_CODE = 309;

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

  /** The answer to this request (UAR to UAA). */
  public Command answer() {
    if (!request) {
      throw new IllegalStateException(name() + " is an answer");
    }
    return BY_CODE[slot(code, false)];
  }

  /** The request this answer belongs to (UAA to UAR). */
  public Command request() {
    if (request) {
      throw new IllegalStateException(name() + " is a request");
    }
    return BY_CODE[slot(code, true)];
  }

  public static Optional<Command> lookup(int code, boolean request) {
    if (code < FIRST_CODE || code > LAST_CODE) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_CODE[slot(code, request)]);
  }

  private static int slot(int code, boolean request) {
    return (code - FIRST_CODE) * 2 + (request ? 1 : 0);
  }

  private static final Command[] BY_CODE = new Command[(LAST_CODE - FIRST_CODE + 1) * 2];

  static {
    for (Command c : values()) {
      BY_CODE[slot(c.code, c.request)] = c;
    }
  }
}
