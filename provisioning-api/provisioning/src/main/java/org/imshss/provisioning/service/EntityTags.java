package org.imshss.provisioning.service;

/** Entity-tag comparison of RFC 9110 8.8.3 and 13.1.1 (If-Match uses the strong comparison). */
public final class EntityTags {

    private EntityTags() {
    }

    /** The header form of a tag: the opaque value in double quotes. */
    public static String quoted(String tag) {
        return '"' + tag + '"';
    }

    /** Whether an If-Match list ({@code "a", "b"}) names this tag; weak tags never match strongly. */
    public static boolean matches(String ifMatch, String tag) {
        for (String candidate : ifMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals(quoted(tag))) {
                return true;
            }
        }
        return false;
    }
}
