package org.imshss.slf.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imshss.provisioning.model.Identities;

/**
 * How mapping keys are written and how the parts a lookup needs are taken from an identity. Identities are
 * normalised exactly as the HSS normalises them ({@link Identities#normalise}), so a mapping matches whatever
 * form a CSCF sends.
 */
public final class MappingKeys {

    /** E.164 numbers have at most 15 digits (ITU-T E.164 6.1). */
    public static final int MAX_DIGITS = 15;

    private MappingKeys() {
    }

    // ---- parts of a looked-up identity ----------------------------------------------------------------------

    /**
     * The E.164 digits of a global number: a tel URI ({@code tel:+4930...}, RFC 3966) or a SIP URI whose user
     * part is a global number ({@code sip:+4930...@host;user=phone}, RFC 3261 19.1.6). Null for anything
     * else, local numbers included: their digits mean nothing outside their phone-context.
     */
    public static String numberOf(String identity) {
        if (identity == null) {
            return null;
        }
        String id = identity.trim();
        int colon = id.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scheme = id.substring(0, colon).toLowerCase(Locale.ROOT);
        String user;
        if (scheme.equals("tel")) {
            user = cut(id.substring(colon + 1), ';');
        } else if (scheme.equals("sip") || scheme.equals("sips")) {
            int at = id.lastIndexOf('@');
            if (at < 0) {
                return null;
            }
            user = cut(id.substring(colon + 1, at), ';');
        } else {
            return null;
        }
        if (!user.startsWith("+")) {
            return null;
        }
        String digits = stripSeparators(user.substring(1));
        return isDigits(digits) && digits.length() <= MAX_DIGITS ? digits : null;
    }

    /**
     * The domain of an identity: the host of a SIP URI, the realm of an IMPI ({@code user@realm}, TS 23.003
     * 13.3); null for a tel URI.
     */
    public static String domainOf(String normalisedIdentity) {
        if (normalisedIdentity == null) {
            return null;
        }
        String id = normalisedIdentity;
        int colon = id.indexOf(':');
        String scheme = colon > 0 ? id.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        String rest;
        if (scheme.equals("sip") || scheme.equals("sips")) {
            rest = id.substring(colon + 1);
        } else if (id.indexOf('@') > 0 && colon < 0) {
            rest = id;
        } else {
            return null;
        }
        String host = rest.substring(rest.lastIndexOf('@') + 1);
        host = cut(cut(host, ';'), '?');
        if (!host.startsWith("[")) {
            host = cut(host, ':');
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.isEmpty() ? null : host;
    }

    /** The domain and each parent domain, longest first: a.b.c, b.c, c. */
    public static List<String> domainAndParents(String domain) {
        List<String> out = new ArrayList<>(4);
        String d = domain;
        while (true) {
            out.add(d);
            int dot = d.indexOf('.');
            if (dot < 0 || dot == d.length() - 1) {
                return out;
            }
            d = d.substring(dot + 1);
        }
    }

    // ---- keys as provisioned --------------------------------------------------------------------------------

    static String identity(String field, String value) {
        String v = required(field, value);
        if (Identities.isWildcard(v)) {
            throw new InvalidMappingException(field, "'" + v + "' is a wildcard: map it as a pattern");
        }
        return Identities.normalise(v);
    }

    static String pattern(String field, String value) {
        String v = required(field, value);
        if (!Identities.isWildcard(v)) {
            throw new InvalidMappingException(field, "a pattern needs a !regex! part (TS 23.003 13.5)");
        }
        try {
            Identities.wildcardPattern(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidMappingException(field, "not a valid wildcard: " + e.getMessage());
        }
        return v;
    }

    /** Digits of a number or prefix; '+', "tel:" and visual separators are dropped. */
    static String digits(String field, String value) {
        String v = required(field, value);
        if (v.regionMatches(true, 0, "tel:", 0, 4)) {
            v = v.substring(4);
        }
        if (v.startsWith("+")) {
            v = v.substring(1);
        }
        v = stripSeparators(v);
        if (!isDigits(v) || v.length() > MAX_DIGITS) {
            throw new InvalidMappingException(field, "must be 1 to " + MAX_DIGITS + " digits of an E.164 number");
        }
        return v;
    }

    static String domain(String field, String value) {
        String v = required(field, value).toLowerCase(Locale.ROOT);
        if (v.startsWith("*.")) {
            v = v.substring(2);
        }
        if (!v.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new InvalidMappingException(field, "'" + v + "' is not a domain name");
        }
        return v;
    }

    static String diameterIdentity(String field, String value) {
        String v = required(field, value);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '/' || c == ';') {
                throw new InvalidMappingException(field, "'" + v + "' is not a Diameter identity (an FQDN)");
            }
        }
        return v.toLowerCase(Locale.ROOT);
    }

    static String name(String field, String value) {
        String v = required(field, value);
        if (!v.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidMappingException(field, "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return v;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidMappingException(field, "required");
        }
        return value.trim();
    }

    private static String stripSeparators(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String cut(String s, char at) {
        int i = s.indexOf(at);
        return i >= 0 ? s.substring(0, i) : s;
    }
}
