package org.imshss.hss.swx;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imshss.provisioning.model.Usim;

/**
 * The IMSI a SWx User-Name names (TS 29.273 8.2.3: the user's IMSI). A 3GPP AAA server sends either the IMSI itself
 * or the permanent user identity of EAP-AKA/EAP-AKA' as an NAI (TS 23.003 19.3.2): {@code 0<IMSI>@<realm>} for
 * EAP-AKA, {@code 6<IMSI>@<realm>} for EAP-AKA', the realm usually {@code nai.epc.mnc<MNC>.mcc<MCC>.3gppnetwork.org}.
 * An NAI whose user part is the IMSI without a prefix is accepted too. Pseudonyms and fast re-authentication
 * identities never reach the HSS (the AAA server resolves them), so anything else names no USIM.
 */
final class SwxUserName {

    private static final Pattern NAI = Pattern.compile("([0-9]{6,16})@([^@]+)");
    private static final Pattern REALM_MCC = Pattern.compile("(?:^|\\.)mcc([0-9]{3})(?:\\.|$)");
    private static final int LONGEST_IMSI = 15;

    private SwxUserName() {
    }

    /** The IMSI, or empty when the User-Name is neither an IMSI nor such an NAI. */
    static Optional<String> imsi(String userName) {
        if (userName == null) {
            return Optional.empty();
        }
        if (Usim.isImsi(userName)) {
            return Optional.of(userName);
        }
        Matcher nai = NAI.matcher(userName);
        if (!nai.matches()) {
            return Optional.empty();
        }
        String user = nai.group(1);
        boolean prefixed = user.charAt(0) == '0' || user.charAt(0) == '6';
        Matcher mcc = REALM_MCC.matcher(nai.group(2).toLowerCase(java.util.Locale.ROOT));
        if (mcc.find()) {
            // The IMSI starts with the realm's MCC (TS 23.003 19.3.2): that tells a prefix from a first digit.
            String code = mcc.group(1);
            if (user.startsWith(code) && Usim.isImsi(user)) {
                return Optional.of(user);
            }
            String rest = user.substring(1);
            return prefixed && rest.startsWith(code) && Usim.isImsi(rest) ? Optional.of(rest) : Optional.empty();
        }
        if (prefixed && user.length() == LONGEST_IMSI + 1) {
            return Optional.of(user.substring(1));
        }
        return Usim.isImsi(user) ? Optional.of(user) : Optional.empty();
    }
}
