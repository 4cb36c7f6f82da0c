package org.imshss.hss.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Values of the SIP-Authentication-Scheme AVP (TS 29.229, schemes of TS 33.203) with their exact spelling, which
 * is what the HSS must echo back in the MAA.
 */
public final class AuthSchemes {

    public static final String DIGEST_AKA_V1_MD5 = "Digest-AKAv1-MD5";
    public static final String DIGEST_AKA_V2_MD5 = "Digest-AKAv2-MD5";
    public static final String SIP_DIGEST = "SIP Digest";
    public static final String HTTP_DIGEST_MD5 = "HTTP_DIGEST_MD5";
    public static final String DIGEST_MD5 = "Digest-MD5";
    public static final String NASS_BUNDLED = "NASS-Bundled";
    public static final String EARLY_IMS_SECURITY = "Early-IMS-Security";
    /** Sent by the S-CSCF when it leaves the choice to the HSS, which then uses the subscriber's stored scheme. */
    public static final String UNKNOWN = "Unknown";

    public static final List<String> ALL = List.of(DIGEST_AKA_V1_MD5, DIGEST_AKA_V2_MD5, SIP_DIGEST,
            HTTP_DIGEST_MD5, DIGEST_MD5, NASS_BUNDLED, EARLY_IMS_SECURITY, UNKNOWN);

    private static final Map<String, String> BY_LOWER_CASE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(s -> s.toLowerCase(Locale.ROOT), Function.identity()));

    private AuthSchemes() {
    }

    /**
     * Case-insensitive lookup, ignoring surrounding whitespace.
     *
     * @return the canonical spelling, or empty for null or an unrecognised name
     */
    public static Optional<String> canonical(String scheme) {
        if (scheme == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_LOWER_CASE.get(scheme.strip().toLowerCase(Locale.ROOT)));
    }

    /** True for the IMS-AKA schemes, which are answered with Milenage vectors. */
    public static boolean isAka(String scheme) {
        return canonical(scheme).filter(s -> s.equals(DIGEST_AKA_V1_MD5) || s.equals(DIGEST_AKA_V2_MD5)).isPresent();
    }
}
