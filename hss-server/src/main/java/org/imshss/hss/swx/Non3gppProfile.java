package org.imshss.hss.swx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imshss.hss.s6a.EpsProfile;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.EpsDataStore;

/**
 * A USIM's non-3GPP access subscription with the EPS subscription's parts it uses and the APN profiles looked up:
 * everything Non-3GPP-User-Data (TS 29.273 8.2.3.1) is written from.
 *
 * @param eps the EPS subscription (MSISDN, UE-AMBR, APN configurations), or null
 * @param apns the APN configurations allowed over non-3GPP access, each with its profile, in the allowed order
 */
public record Non3gppProfile(String imsi, Non3gppSubscription non3gpp, EpsSubscription eps,
        List<EpsProfile.Apn> apns) {

    public Non3gppProfile {
        apns = List.copyOf(apns);
    }

    /**
     * The profile of this USIM, or empty when an allowed APN configuration names a profile that does not exist (a
     * concurrent removal). An allowed Context-Identifier that the EPS subscription no longer has is left out.
     */
    public static Optional<Non3gppProfile> resolve(Usim usim, EpsDataStore store) {
        EpsSubscription eps = usim.eps();
        List<EpsProfile.Apn> apns = new ArrayList<>();
        for (int contextIdentifier : usim.non3gpp().contextIdentifiers()) {
            ApnConfiguration configuration = eps == null ? null : eps.apn(contextIdentifier);
            if (configuration == null) {
                continue;
            }
            Optional<ApnProfile> profile = store.apnProfile(configuration.apnProfile());
            if (profile.isEmpty()) {
                return Optional.empty();
            }
            apns.add(new EpsProfile.Apn(configuration, profile.get()));
        }
        return Optional.of(new Non3gppProfile(usim.imsi(), usim.non3gpp(), eps, apns));
    }

    /** The default APN's Context-Identifier when that APN is among those sent, else 0 (none sent). */
    public int defaultContextIdentifier() {
        int wanted = non3gpp.defaultContextIdentifier();
        return apns.stream().anyMatch(a -> a.configuration().contextIdentifier() == wanted) ? wanted : 0;
    }
}
