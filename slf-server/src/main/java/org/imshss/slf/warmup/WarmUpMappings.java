package org.imshss.slf.warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imshss.slf.mapping.HssHost;
import org.imshss.slf.mapping.HssTarget;
import org.imshss.slf.mapping.Mapping;
import org.imshss.slf.mapping.MappingKind;

/**
 * The synthetic HSSs, mappings and users of a warm-up, in a realm that cannot exist ({@value #REALM}, RFC 2606): one
 * HSS of two nodes per kind of mapping, and for each kind users that only a mapping of that kind locates, so that
 * every lookup path runs (identity, pattern, range, prefix, domain, default; TS 29.228 5.2, TS 29.328 5.2). The
 * users of the range and prefix families are tel URIs, the only ones with a number; every user's private identity
 * is in its family's domain.
 */
final class WarmUpMappings {

    static final String REALM = "warm-up.invalid";
    /** The warm-up client's Diameter identity: the CSCF and AS of every synthetic user. */
    static final String CLIENT_HOST = "client." + REALM;
    /** A family's numbers: 12 digits (E.164 country code 999 is spare), the user's number in the last three. */
    private static final String RANGE_FIRST = "999100000000";
    private static final String RANGE_LAST = "999100000999";
    private static final String PREFIX = "9992";
    private static final String PREFIX_NUMBERS = "999200000000";

    private final int users;

    WarmUpMappings(int users) {
        if (users < 1 || users > 1000) {
            throw new IllegalArgumentException("1 to 1000 users, not " + users);
        }
        this.users = users;
    }

    int users() {
        return users;
    }

    /** One HSS per kind, named after it. */
    List<HssTarget> targets() {
        List<HssTarget> targets = new ArrayList<>();
        for (MappingKind kind : MappingKind.values()) {
            targets.add(new HssTarget(target(kind), REALM, List.of(
                    new HssHost("hss1." + domain(kind), HssHost.DEFAULT_PORT, null),
                    new HssHost("hss2." + domain(kind), HssHost.DEFAULT_PORT, null))));
        }
        return targets;
    }

    /** Every user's public and private identity mapped one by one, and one mapping of every other kind. */
    List<Mapping> mappings() {
        List<Mapping> mappings = new ArrayList<>();
        for (int user = 0; user < users; user++) {
            String target = target(MappingKind.IDENTITY);
            mappings.add(Mapping.of(MappingKind.IDENTITY, publicIdentity(MappingKind.IDENTITY, user), target));
            mappings.add(Mapping.of(MappingKind.IDENTITY, privateIdentity(MappingKind.IDENTITY, user), target));
        }
        mappings.add(Mapping.of(MappingKind.PATTERN, "sip:psi!.*!@" + domain(MappingKind.PATTERN),
                target(MappingKind.PATTERN)));
        mappings.add(Mapping.range(RANGE_FIRST, RANGE_LAST, target(MappingKind.RANGE)));
        mappings.add(Mapping.of(MappingKind.PREFIX, PREFIX, target(MappingKind.PREFIX)));
        mappings.add(Mapping.of(MappingKind.DOMAIN, domain(MappingKind.DOMAIN), target(MappingKind.DOMAIN)));
        mappings.add(Mapping.globalDefault(target(MappingKind.DEFAULT)));
        return mappings;
    }

    /** The public identity of {@code user} of {@code kind}'s family: only a mapping of that kind locates it. */
    static String publicIdentity(MappingKind kind, int user) {
        return switch (kind) {
            case PATTERN -> "sip:psi" + user + "@" + domain(kind);
            case RANGE, PREFIX -> "tel:+" + number(kind, user);
            case DOMAIN -> "sip:user" + user + "@" + host(user);
            default -> "sip:user" + user + "@" + domain(kind);
        };
    }

    /**
     * The private identity (TS 23.003 13.3): mapped itself in the identity family, located by its domain in the
     * domain family, by the default in the others.
     */
    static String privateIdentity(MappingKind kind, int user) {
        return "user" + user + "@" + (kind == MappingKind.DOMAIN ? host(user) : domain(kind));
    }

    /** The MSISDN of a user of the range or prefix family, null for the others. */
    static String msisdn(MappingKind kind, int user) {
        return kind == MappingKind.RANGE || kind == MappingKind.PREFIX ? number(kind, user) : null;
    }

    /** The name of the HSS of {@code kind}'s family. */
    static String target(MappingKind kind) {
        return "warm-up-" + kind.name().toLowerCase(Locale.ROOT);
    }

    private static String number(MappingKind kind, int user) {
        String first = kind == MappingKind.RANGE ? RANGE_FIRST : PREFIX_NUMBERS;
        String last = Integer.toString(user);
        return first.substring(0, first.length() - last.length()) + last;
    }

    /** A host below the mapped domain: the lookup walks up to it. */
    private static String host(int user) {
        return "host" + user % 4 + "." + domain(MappingKind.DOMAIN);
    }

    private static String domain(MappingKind kind) {
        return kind.name().toLowerCase(Locale.ROOT) + "." + REALM;
    }
}
