package org.imshss.bench;

/**
 * The few Diameter base and Cx (3GPP TS 29.229) codes the benchmark needs. Kept private to this module so it
 * builds without the project's dictionary.
 */
final class Cx {

  static final long VENDOR_3GPP = 10415L;
  static final long APP_ID = 16777216L;

  static final int UAR = 300;
  static final int SAR = 301;
  static final int LIR = 302;
  static final int MAR = 303;

  static final int USER_NAME = 1;
  static final int AUTH_APPLICATION_ID = 258;
  static final int VENDOR_SPECIFIC_APPLICATION_ID = 260;
  static final int SESSION_ID = 263;
  static final int ORIGIN_HOST = 264;
  static final int VENDOR_ID = 266;
  static final int RESULT_CODE = 268;
  static final int AUTH_SESSION_STATE = 277;
  static final int DESTINATION_REALM = 283;
  static final int ORIGIN_REALM = 296;
  static final int EXPERIMENTAL_RESULT = 297;
  static final int EXPERIMENTAL_RESULT_CODE = 298;

  static final int VISITED_NETWORK_IDENTIFIER = 600;
  static final int PUBLIC_IDENTITY = 601;
  static final int SERVER_NAME = 602;
  static final int USER_DATA = 606;
  static final int SERVER_ASSIGNMENT_TYPE = 614;
  static final int USER_DATA_ALREADY_AVAILABLE = 624;

  static final int NO_STATE_MAINTAINED = 1;
  static final long DIAMETER_SUCCESS = 2001L;
  static final long DIAMETER_FIRST_REGISTRATION = 2001L;

  private Cx() {
  }

  /** Short request name for reports. */
  static String commandName(int commandCode) {
    switch (commandCode) {
      case UAR:
        return "UAR";
      case SAR:
        return "SAR";
      case LIR:
        return "LIR";
      case MAR:
        return "MAR";
      default:
        return "CMD" + commandCode;
    }
  }
}
