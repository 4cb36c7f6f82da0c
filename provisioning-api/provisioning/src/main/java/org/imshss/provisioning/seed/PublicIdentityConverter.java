package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.IdentityType;

/**
 * The public identities of one subscription, checked and keyed; they become records once the subscription's
 * private identities and implicit registration sets are known ({@link SubscriptionConverter}).
 */
final class PublicIdentityConverter {

    /** RFC 3261 19.1.1 user@host (no spaces, a host name or an IP literal); RFC 3966 3 global or local number. */
    private static final Pattern SIP_URI = Pattern.compile(
            "(?i)sips?:(?:[^@\\s]+@)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.?"
                    + "|\\[[0-9a-f:.]+\\])(?::[0-9]{1,5})?(?:[;?]\\S*)?");
    private static final Pattern TEL_URI = Pattern.compile(
            "(?i)tel:(?:\\+[0-9().-]*[0-9][0-9().-]*|[0-9a-f*#().-]*[0-9a-f*#][0-9a-f*#().-]*(?=.*;phone-context=))"
                    + "(?:;[^\\s;]+)*");
    private static final Pattern MSISDN = Pattern.compile("[0-9]{1,15}");

    private final Conversion c;

    PublicIdentityConverter(Conversion c) {
        this.c = c;
    }

    /** A public identity of one subscription before its IMPIs and implicit set are known. */
    record PublicDraft(SeedDocument.PublicId source, String key, IdentityType type, String path) {
    }

    static boolean uriSyntax(String identity) {
        return SIP_URI.matcher(identity).matches() || TEL_URI.matcher(identity).matches();
    }

    /** The key an identity is stored and referenced by: normalised, or a wildcard as written. */
    static String identityKey(String identity) {
        return Identities.isWildcard(identity) ? identity.trim() : Identities.normalise(identity);
    }

    /** The identities of one subscription by key, in document order; one with a problem is left out. */
    Map<String, PublicDraft> drafts(String subscriptionId, List<SeedDocument.PublicId> list, String subscriptionPath) {
        Map<String, PublicDraft> drafts = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            SeedDocument.PublicId p = list.get(i);
            String path = subscriptionPath + ".publicIdentities[" + i + "]";
            if (blank(p.identity())) {
                c.problem(path + ".identity", "required");
                continue;
            }
            IdentityType type = type(p, path);
            if (type == null) {
                continue;
            }
            String identity = p.identity().trim();
            checkIdentity(identity, type, path);
            if (blank(p.serviceProfile())) {
                c.problem(path + ".serviceProfile", "required");
            } else if (!c.profiles.containsKey(p.serviceProfile()) && !c.stored.serviceProfile(p.serviceProfile())) {
                c.problem(path + ".serviceProfile", "unknown service profile " + p.serviceProfile());
            }
            if (p.psiAsName() != null && !type.isPsi()) {
                c.problem(path + ".psiAsName", "only allowed for a PSI");
            }
            if (p.psiActivated() != null && !type.isPsi()) {
                c.problem(path + ".psiActivated", "only allowed for a PSI");
            }
            String key = identityKey(identity);
            String owner = c.identityOwner.putIfAbsent(key, subscriptionId);
            if (owner != null) {
                c.problem(path + ".identity", "duplicate public identity " + key
                        + (owner.equals(subscriptionId) ? "" : " (already in subscription " + owner + ")"));
                continue;
            }
            drafts.put(key, new PublicDraft(p, key, type, path));
        }
        return drafts;
    }

    /** The identity type given, PUBLIC_USER_IDENTITY by default; null (with a problem) if unknown. */
    private IdentityType type(SeedDocument.PublicId p, String path) {
        if (p.type() == null) {
            return IdentityType.PUBLIC_USER_IDENTITY;
        }
        try {
            return IdentityType.valueOf(p.type());
        } catch (IllegalArgumentException e) {
            c.problem(path + ".type", "unknown identity type " + p.type() + ", expected one of "
                    + List.of(IdentityType.values()));
            return null;
        }
    }

    private void checkIdentity(String identity, IdentityType type, String path) {
        String lower = identity.toLowerCase(Locale.ROOT);
        boolean wildcard = Identities.isWildcard(identity);
        if (!lower.startsWith("sip:") && !lower.startsWith("sips:") && !lower.startsWith("tel:")) {
            c.problem(path + ".identity", "must be a sip:, sips: or tel: URI");
        } else if (!wildcard && !uriSyntax(identity)) {
            c.problem(path + ".identity", lower.startsWith("tel:")
                    ? "not a tel URI: a global number +digits, or a local number with phone-context (RFC 3966)"
                    : "not a SIP URI: [user@]host[:port][;parameters] (RFC 3261 19.1)");
        }
        // TS 23.003 13.5: the !...! regular expression marks a wildcarded PSI or IMPU.
        if (wildcard && !type.isWildcard()) {
            c.problem(path + ".type", "a wildcard identity needs type WILDCARDED_PSI or WILDCARDED_IMPU");
        } else if (!wildcard && type.isWildcard()) {
            c.problem(path + ".identity", "type " + type + " needs a wildcard (a regular expression between '!')");
        }
        if (wildcard) {
            try {
                Identities.wildcardPattern(identity);
            } catch (IllegalArgumentException e) {
                c.problem(path + ".identity", "invalid wildcard: " + e.getMessage());
            }
        }
    }

    /** E.164 digits, an optional leading '+' dropped (TS 23.003 3.3). */
    String msisdn(String msisdn, String path) {
        if (msisdn == null) {
            return null;
        }
        String digits = msisdn.trim().startsWith("+") ? msisdn.trim().substring(1) : msisdn.trim();
        if (!MSISDN.matcher(digits).matches()) {
            c.problem(path + ".msisdn", "must be 1 to 15 digits, optionally with a leading '+'");
            return null;
        }
        if (!c.msisdns.add(digits)) {
            c.problem(path + ".msisdn", "duplicate MSISDN " + digits);
        }
        return digits;
    }
}
