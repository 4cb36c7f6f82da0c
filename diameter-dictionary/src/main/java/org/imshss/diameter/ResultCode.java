package org.imshss.diameter;

import java.util.Optional;

/**
 * Result codes: base Result-Code values (RFC 6733 7.1, vendor 0) and 3GPP Experimental-Result-Code values
 * (vendor 10415) of Cx/Dx (TS 29.229 6.2), Sh/Dh (TS 29.329 6.2), S6a/S6d (TS 29.272 7.4) and SWx (TS 29.273).
 * The same number means different things in the two AVPs, so a code is always paired with its vendor; an
 * experimental code that several interfaces define with the same number and meaning is one constant.
 */
public enum ResultCode {

  // RFC 6733 7.1.2 success
  DIAMETER_SUCCESS(2001, Vendors.BASE),
  DIAMETER_LIMITED_SUCCESS(2002, Vendors.BASE),
  // RFC 6733 7.1.3 protocol errors (E bit set in the answer)
  DIAMETER_COMMAND_UNSUPPORTED(3001, Vendors.BASE),
  DIAMETER_UNABLE_TO_DELIVER(3002, Vendors.BASE),
  DIAMETER_REALM_NOT_SERVED(3003, Vendors.BASE),
  DIAMETER_TOO_BUSY(3004, Vendors.BASE),
  DIAMETER_LOOP_DETECTED(3005, Vendors.BASE),
  DIAMETER_REDIRECT_INDICATION(3006, Vendors.BASE),
  DIAMETER_APPLICATION_UNSUPPORTED(3007, Vendors.BASE),
  DIAMETER_INVALID_HDR_BITS(3008, Vendors.BASE),
  DIAMETER_INVALID_AVP_BITS(3009, Vendors.BASE),
  DIAMETER_UNKNOWN_PEER(3010, Vendors.BASE),
  // RFC 6733 7.1.4 transient failures
  DIAMETER_AUTHENTICATION_REJECTED(4001, Vendors.BASE),
  DIAMETER_OUT_OF_SPACE(4002, Vendors.BASE),
  ELECTION_LOST(4003, Vendors.BASE),
  // RFC 6733 7.1.5 permanent failures
  DIAMETER_AVP_UNSUPPORTED(5001, Vendors.BASE),
  DIAMETER_UNKNOWN_SESSION_ID(5002, Vendors.BASE),
  DIAMETER_AUTHORIZATION_REJECTED(5003, Vendors.BASE),
  DIAMETER_INVALID_AVP_VALUE(5004, Vendors.BASE),
  DIAMETER_MISSING_AVP(5005, Vendors.BASE),
  DIAMETER_RESOURCES_EXCEEDED(5006, Vendors.BASE),
  DIAMETER_CONTRADICTING_AVPS(5007, Vendors.BASE),
  DIAMETER_AVP_NOT_ALLOWED(5008, Vendors.BASE),
  DIAMETER_AVP_OCCURS_TOO_MANY_TIMES(5009, Vendors.BASE),
  DIAMETER_NO_COMMON_APPLICATION(5010, Vendors.BASE),
  DIAMETER_UNSUPPORTED_VERSION(5011, Vendors.BASE),
  DIAMETER_UNABLE_TO_COMPLY(5012, Vendors.BASE),
  DIAMETER_INVALID_BIT_IN_HEADER(5013, Vendors.BASE),
  DIAMETER_INVALID_AVP_LENGTH(5014, Vendors.BASE),
  DIAMETER_INVALID_MESSAGE_LENGTH(5015, Vendors.BASE),
  DIAMETER_INVALID_AVP_BIT_COMBO(5016, Vendors.BASE),
  DIAMETER_NO_COMMON_SECURITY(5017, Vendors.BASE),
  /** RFC 4006 8.1 value; not for Cx/Sh "user unknown", which is Experimental 5001. */
  DIAMETER_USER_UNKNOWN(5030, Vendors.BASE),

  // TS 29.229 6.2.1 success
  DIAMETER_FIRST_REGISTRATION(2001, Vendors.TGPP),
  DIAMETER_SUBSEQUENT_REGISTRATION(2002, Vendors.TGPP),
  DIAMETER_UNREGISTERED_SERVICE(2003, Vendors.TGPP),
  DIAMETER_SUCCESS_SERVER_NAME_NOT_STORED(2004, Vendors.TGPP),
  // TS 29.329 6.2.3 transient failures
  DIAMETER_USER_DATA_NOT_AVAILABLE(4100, Vendors.TGPP),
  DIAMETER_PRIOR_UPDATE_IN_PROGRESS(4101, Vendors.TGPP),
  // TS 29.272 7.4.4 transient failures
  DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE(4181, Vendors.TGPP),
  DIAMETER_ERROR_CAMEL_SUBSCRIPTION_PRESENT(4182, Vendors.TGPP),
  // TS 29.229 6.2.2 permanent failures (Sh reuses them, TS 29.329 6.2.2)
  /** Also S6a (TS 29.272 7.4.3.1) and SWx: unknown IMSI / user. */
  DIAMETER_ERROR_USER_UNKNOWN(5001, Vendors.TGPP),
  DIAMETER_ERROR_IDENTITIES_DONT_MATCH(5002, Vendors.TGPP),
  /** Also SWx (TS 29.273 reuses the TS 29.229 codes 5003, 5005-5007). */
  DIAMETER_ERROR_IDENTITY_NOT_REGISTERED(5003, Vendors.TGPP),
  /** Also S6a (TS 29.272 7.4.3.2): roaming in the VPLMN not allowed, e.g. by ODB. */
  DIAMETER_ERROR_ROAMING_NOT_ALLOWED(5004, Vendors.TGPP),
  DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED(5005, Vendors.TGPP),
  DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED(5006, Vendors.TGPP),
  DIAMETER_ERROR_IN_ASSIGNMENT_TYPE(5007, Vendors.TGPP),
  DIAMETER_ERROR_TOO_MUCH_DATA(5008, Vendors.TGPP),
  DIAMETER_ERROR_NOT_SUPPORTED_USER_DATA(5009, Vendors.TGPP),
  DIAMETER_MISSING_USER_ID(5010, Vendors.TGPP),
  DIAMETER_ERROR_FEATURE_UNSUPPORTED(5011, Vendors.TGPP),
  DIAMETER_ERROR_SERVING_NODE_FEATURE_UNSUPPORTED(5012, Vendors.TGPP),
  // TS 29.329 6.2.2 permanent failures
  DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED(5100, Vendors.TGPP),
  DIAMETER_ERROR_OPERATION_NOT_ALLOWED(5101, Vendors.TGPP),
  DIAMETER_ERROR_USER_DATA_CANNOT_BE_READ(5102, Vendors.TGPP),
  DIAMETER_ERROR_USER_DATA_CANNOT_BE_MODIFIED(5103, Vendors.TGPP),
  DIAMETER_ERROR_USER_DATA_CANNOT_BE_NOTIFIED(5104, Vendors.TGPP),
  DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC(5105, Vendors.TGPP),
  DIAMETER_ERROR_SUBS_DATA_ABSENT(5106, Vendors.TGPP),
  DIAMETER_ERROR_NO_SUBSCRIPTION_TO_DATA(5107, Vendors.TGPP),
  DIAMETER_ERROR_DSAI_NOT_AVAILABLE(5108, Vendors.TGPP),
  // TS 29.272 7.4.3 permanent failures
  DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION(5420, Vendors.TGPP),
  DIAMETER_ERROR_RAT_NOT_ALLOWED(5421, Vendors.TGPP),
  /** S13 (EIR) only, never sent by the HSS. */
  DIAMETER_ERROR_EQUIPMENT_UNKNOWN(5422, Vendors.TGPP),
  DIAMETER_ERROR_UNKNOWN_SERVING_NODE(5423, Vendors.TGPP),
  // TS 29.273 permanent failures of the non-3GPP access interfaces
  DIAMETER_ERROR_USER_NO_NON_3GPP_SUBSCRIPTION(5450, Vendors.TGPP),
  DIAMETER_ERROR_USER_NO_APN_SUBSCRIPTION(5451, Vendors.TGPP),
  DIAMETER_ERROR_RAT_TYPE_NOT_ALLOWED(5452, Vendors.TGPP),
  DIAMETER_ERROR_LATE_OVERLAPPING_REQUEST(5453, Vendors.TGPP),
  DIAMETER_ERROR_TIMED_OUT_REQUEST(5454, Vendors.TGPP);

  private final int code;
  private final long vendorId;

  ResultCode(int code, long vendorId) {
    this.code = code;
    this.vendorId = vendorId;
  }

  public int code() {
    return code;
  }

  /** 0 for Result-Code values, 10415 for Experimental-Result-Code values. */
  public long vendorId() {
    return vendorId;
  }

  /** Carried in Experimental-Result rather than Result-Code (RFC 6733 7.6). */
  public boolean isExperimental() {
    return vendorId != Vendors.BASE;
  }

  /** Base 3xxx: the answer has the E bit set and uses the error answer format (RFC 6733 7.1.3, 7.2). */
  public boolean isProtocolError() {
    return !isExperimental() && code >= 3000 && code < 4000;
  }

  /** 2xxx (RFC 6733 7.1.2). */
  public boolean isSuccess() {
    return code >= 2000 && code < 3000;
  }

  /** The code for a (value, vendor) pair, as read from Result-Code (vendor 0) or Experimental-Result. */
  public static Optional<ResultCode> lookup(long code, long vendorId) {
    for (ResultCode r : values()) {
      if (r.code == code && r.vendorId == vendorId) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
