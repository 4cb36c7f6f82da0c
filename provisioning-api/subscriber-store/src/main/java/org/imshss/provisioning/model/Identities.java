package org.imshss.provisioning.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** Identity normalisation and wildcard matching shared by the store, the procedures and the REST API. */
public final class Identities {

    private Identities() {
    }

    /**
     * The key form of a public identity: scheme and host lower-cased (RFC 3261 19.1.4: they compare
     * case-insensitively, the user part does not), URI parameters and headers dropped, visual separators
     * removed from telephone numbers (RFC 3966 5.1.1). Anything that is not a SIP/TEL URI (an IMPI) is
     * only trimmed.
     */
    public static String normalise(String identity) {
        if (identity == null) {
            return null;
        }
        if (alreadyNormal(identity)) {
            return identity;
        }
        String id = identity.trim();
        int colon = id.indexOf(':');
        if (colon <= 0) {
            return id;
        }
        String scheme = id.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = id.substring(colon + 1);
        switch (scheme) {
            case "sip", "sips" -> {
                int at = rest.lastIndexOf('@');
                String user = at >= 0 ? rest.substring(0, at + 1) : "";
                String host = at >= 0 ? rest.substring(at + 1) : rest;
                host = cut(cut(host, ';'), '?').toLowerCase(Locale.ROOT);
                return scheme + ":" + user + host;
            }
            case "tel" -> {
                String number = cut(rest, ';');
                StringBuilder digits = new StringBuilder(number.length());
                for (int i = 0; i < number.length(); i++) {
                    char c = number.charAt(i);
                    if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
                        digits.append(c);
                    }
                }
                return "tel:" + digits;
            }
            default -> {
                return id;
            }
        }
    }

    /**
     * True for the common case, a SIP or TEL URI already in key form, which {@link #normalise} then returns
     * without copying it (a bulk import normalises each identity several times).
     */
    private static boolean alreadyNormal(String id) {
        int from;
        boolean tel = false;
        if (id.startsWith("sip:")) {
            int at = id.lastIndexOf('@');
            from = at >= 0 ? at + 1 : 4;
        } else if (id.startsWith("sips:")) {
            int at = id.lastIndexOf('@');
            from = at >= 0 ? at + 1 : 5;
        } else if (id.startsWith("tel:")) {
            from = 4;
            tel = true;
        } else {
            return false;
        }
        if (from == id.length()) {
            return false;
        }
        for (int i = from; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean changes = tel ? "-.()".indexOf(c) >= 0 : c == '?' || (c >= 'A' && c <= 'Z');
            if (changes || c <= ' ' || c >= 0x7f || c == ';') {
                return false;
            }
        }
        return true;
    }

    private static String cut(String s, char at) {
        int i = s.indexOf(at);
        return i >= 0 ? s.substring(0, i) : s;
    }

    /**
     * Compiles a wildcard identity (TS 23.003 13.5: the part between two '!' is a regular expression, the
     * rest is literal) into a pattern over normalised identities.
     */
    public static Pattern wildcardPattern(String wildcard) {
        StringBuilder regex = new StringBuilder();
        int pos = 0;
        while (pos < wildcard.length()) {
            int open = wildcard.indexOf('!', pos);
            if (open < 0) {
                regex.append(Pattern.quote(wildcard.substring(pos)));
                break;
            }
            int close = wildcard.indexOf('!', open + 1);
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced '!' in wildcard " + wildcard);
            }
            if (open > pos) {
                regex.append(Pattern.quote(wildcard.substring(pos, open)));
            }
            regex.append('(').append(wildcard, open + 1, close).append(')');
            pos = close + 1;
        }
        return Pattern.compile(regex.toString());
    }

    public static boolean isWildcard(String identity) {
        int open = identity.indexOf('!');
        return open >= 0 && identity.indexOf('!', open + 1) > open;
    }
}
