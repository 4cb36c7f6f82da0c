package org.imshss.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.jdiameter.api.AvpSet;

/**
 * The Cx requests of a {@link LoadGenerator} run (TS 29.229 6.1): which command and user the n-th request is, and
 * its AVPs, from values encoded once.
 */
final class CxRequests {

  private final Command[] mixPattern;
  private final byte[][] impus;
  private final byte[][] impis;
  private final byte[] destRealm;
  private final byte[] originRealm;
  private final byte[] serverName;
  private final byte[] visitedNetwork;
  private final byte[] noStateMaintained;
  private final byte[] sarType;
  private final byte[] userDataNotAvailable;
  private final byte[] marScheme;
  private final byte[] marItems;

  CxRequests(LoadGenerator.Settings s) {
    this.mixPattern = mixPattern(s.mix());
    this.impus = new byte[s.users()][];
    this.impis = new byte[s.users()][];
    for (int i = 0; i < s.users(); i++) {
      impus[i] = String.format(Locale.ROOT, s.impuTemplate(), i).getBytes(StandardCharsets.UTF_8);
      impis[i] = String.format(Locale.ROOT, s.impiTemplate(), i).getBytes(StandardCharsets.UTF_8);
    }
    this.destRealm = utf8(s.destRealm());
    this.originRealm = utf8(s.originRealm());
    this.serverName = utf8(s.serverName());
    this.visitedNetwork = utf8(s.visitedNetwork());
    this.noStateMaintained = Cx.int32(Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED"));
    this.sarType = Cx.int32(s.sarType());
    this.userDataNotAvailable = Cx.int32(Avp.USER_DATA_ALREADY_AVAILABLE.enumValue("USER_DATA_NOT_AVAILABLE"));
    this.marScheme = utf8(s.marSchemeName());
    this.marItems = Cx.int32(s.marItems());
  }

  static Command[] mixPattern(String mix) {
    switch (mix) {
      case "uar":
        return new Command[] {Command.UAR};
      case "lir":
        return new Command[] {Command.LIR};
      case "sar":
        return new Command[] {Command.SAR};
      case "mar":
        return new Command[] {Command.MAR};
      case "mix":
        // UAR:LIR:SAR = 2:2:1, interleaved so that every short window sees the same mix. One user walks the whole
        // pattern (see user()) in the order of a registration followed by terminating traffic: UAR, SAR (which
        // registers the user at --server-name), LIR, then a re-registration UAR and another LIR. Against a real
        // HSS the answers are therefore successes (UAA E2001/E2002, SAA 2001, LIA 2001), not "user unknown" or
        // "not registered".
        return new Command[] {Command.UAR, Command.SAR, Command.LIR, Command.UAR, Command.LIR};
      default:
        throw new IllegalArgumentException("--mix must be uar, lir, sar, mar or mix, got '" + mix + "'");
    }
  }

  /** The command of request n. */
  Command command(long n) {
    return mixPattern[(int) (n % mixPattern.length)];
  }

  /**
   * The user of request n. Consecutive requests walk the mix pattern for one user, then move to the next user.
   * (n % users would tie each user to one command whenever users is a multiple of the pattern length: LIRs would
   * never see a user that a SAR registered.)
   */
  int user(long n) {
    return (int) ((n / mixPattern.length) % impus.length);
  }

  /** Adds the AVPs after Session-Id of a request for the user. */
  void fill(AvpSet avps, Command command, int user, byte[] originHost) {
    Cx.add(avps, Avp.AUTH_SESSION_STATE, noStateMaintained);
    Cx.add(avps, Avp.ORIGIN_HOST, originHost);
    Cx.add(avps, Avp.ORIGIN_REALM, originRealm);
    Cx.add(avps, Avp.DESTINATION_REALM, destRealm);
    switch (command) {
      case UAR:
        Cx.add(avps, Avp.USER_NAME, impis[user]);
        Cx.add(avps, Avp.PUBLIC_IDENTITY, impus[user]);
        Cx.add(avps, Avp.VISITED_NETWORK_IDENTIFIER, visitedNetwork);
        break;
      case LIR:
        Cx.add(avps, Avp.PUBLIC_IDENTITY, impus[user]);
        break;
      case MAR:
        Cx.add(avps, Avp.USER_NAME, impis[user]);
        Cx.add(avps, Avp.PUBLIC_IDENTITY, impus[user]);
        Cx.add(Avps.addGrouped(avps, Avp.SIP_AUTH_DATA_ITEM), Avp.SIP_AUTHENTICATION_SCHEME, marScheme);
        Cx.add(avps, Avp.SIP_NUMBER_AUTH_ITEMS, marItems);
        Cx.add(avps, Avp.SERVER_NAME, serverName);
        break;
      default:
        Cx.add(avps, Avp.USER_NAME, impis[user]);
        Cx.add(avps, Avp.PUBLIC_IDENTITY, impus[user]);
        Cx.add(avps, Avp.SERVER_NAME, serverName);
        Cx.add(avps, Avp.SERVER_ASSIGNMENT_TYPE, sarType);
        Cx.add(avps, Avp.USER_DATA_ALREADY_AVAILABLE, userDataNotAvailable);
        break;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
