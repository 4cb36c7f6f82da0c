package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.orEmpty;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imshss.diameter.Avp;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Non3gppSubscription;

/**
 * The non-3GPP access subscription of a USIM (TS 29.273 8.2.3.1): its APNs are APN profiles of the USIM's EPS
 * subscription, stored as their Context-Identifiers there; its barred access types are RAT-Type names the dictionary
 * knows (TS 29.212 5.3.31), none dropped.
 */
final class Non3gppConverter {

    private static final Set<String> RAT_TYPES = new TreeSet<>(Avp.RAT_TYPE.enumValues().values());

    private final Conversion c;

    Non3gppConverter(Conversion c) {
        this.c = c;
    }

    /**
     * @param eps the USIM's EPS subscription as converted, null when it has none
     * @return the subscription, or null with a problem for each error
     */
    Non3gppSubscription convert(SeedDocument.Non3gpp n, EpsSubscription eps, String path) {
        int before = c.problemCount();
        List<String> profiles = orEmpty(n.apns());
        List<Integer> contextIdentifiers = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < profiles.size(); i++) {
            String profile = profiles.get(i);
            String at = path + ".apns[" + i + "]";
            ApnConfiguration apn = configuration(eps, profile);
            if (profile == null) {
                c.problem(at, "required");
            } else if (!listed.add(profile)) {
                c.problem(at, "APN profile " + profile + " is listed twice");
            } else if (apn == null) {
                c.problem(at, "APN profile " + profile + " is not among eps.apns");
            } else {
                contextIdentifiers.add(apn.contextIdentifier());
            }
        }
        int defaultContext = defaultContext(n.defaultApn(), profiles, contextIdentifiers, eps, path + ".defaultApn");
        List<String> ratTypes = orEmpty(n.ratTypesNotAllowed());
        Set<String> barred = new HashSet<>();
        for (int i = 0; i < ratTypes.size(); i++) {
            String at = path + ".ratTypesNotAllowed[" + i + "]";
            if (ratTypes.get(i) == null || !RAT_TYPES.contains(ratTypes.get(i))) {
                c.problem(at, "must be one of " + RAT_TYPES);
            } else if (!barred.add(ratTypes.get(i))) {
                c.problem(at, "RAT type " + ratTypes.get(i) + " is listed twice");
            }
        }
        if (c.problemCount() > before) {
            return null;
        }
        return new Non3gppSubscription(orTrue(n.ipAccessAllowed()), orTrue(n.apnsEnabled()), contextIdentifiers,
                defaultContext, orTrue(n.trustedAccessAllowed()), orTrue(n.untrustedAccessAllowed()), ratTypes);
    }

    /** The default's Context-Identifier: as named; else the EPS default when listed, else the first; 0 for none. */
    private int defaultContext(String defaultApn, List<String> profiles, List<Integer> contextIdentifiers,
            EpsSubscription eps, String path) {
        if (defaultApn != null) {
            if (!profiles.contains(defaultApn)) {
                c.problem(path, "APN profile " + defaultApn + " is not among apns");
                return 0;
            }
            ApnConfiguration apn = configuration(eps, defaultApn);
            return apn == null ? 0 : apn.contextIdentifier();
        }
        if (contextIdentifiers.isEmpty()) {
            return 0;
        }
        return contextIdentifiers.contains(eps.defaultContextIdentifier()) ? eps.defaultContextIdentifier()
                : contextIdentifiers.get(0);
    }

    private static ApnConfiguration configuration(EpsSubscription eps, String profile) {
        if (eps == null || profile == null) {
            return null;
        }
        return eps.apns().stream().filter(a -> a.apnProfile().equals(profile)).findFirst().orElse(null);
    }

    private static boolean orTrue(Boolean value) {
        return value == null || value;
    }
}
