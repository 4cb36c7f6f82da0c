package org.imshss.hss.s6a;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.store.EpsDataStore;

/**
 * The EPS subscription of a USIM with its APN profiles looked up: everything Subscription-Data (TS 29.272 7.3.2)
 * is written from.
 *
 * @param imsi the USIM's IMSI
 * @param apns each APN configuration with its profile, in the subscription's order
 */
public record EpsProfile(String imsi, EpsSubscription eps, List<Apn> apns) {

    public EpsProfile {
        apns = List.copyOf(apns);
    }

    /** One APN-Configuration (7.3.35): the subscriber's part and the shared profile. */
    public record Apn(ApnConfiguration configuration, ApnProfile profile) {
    }

    /**
     * The profile of this subscription, or empty when an APN configuration names a profile that does not exist
     * (provisioning refuses that; a concurrent removal can still leave it for a moment).
     */
    public static Optional<EpsProfile> resolve(String imsi, EpsSubscription eps, EpsDataStore store) {
        List<Apn> apns = new ArrayList<>();
        for (ApnConfiguration configuration : eps.apns()) {
            Optional<ApnProfile> profile = store.apnProfile(configuration.apnProfile());
            if (profile.isEmpty()) {
                return Optional.empty();
            }
            apns.add(new Apn(configuration, profile.get()));
        }
        return Optional.of(new EpsProfile(imsi, eps, apns));
    }

    /**
     * A digest of the data sent, stored with the serving node at ULR so that a later Skip-Subscriber-Data
     * (7.3.7 bit 2) is honoured only when nothing changed since. Records print their components by name and value,
     * the same on every node.
     */
    public long version() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((eps + "|" + apns).getBytes(StandardCharsets.UTF_8));
            long version = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                version = version << 8 | (digest[i] & 0xFF);
            }
            return version;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
