package org.imshss.provisioning.service;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.seed.SeedException;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.EpsDataStore;

/**
 * APN profiles, shared by the EPS subscriptions of many USIMs like service profiles by public identities. Each is
 * validated by the seed loader, as in a seed file. A change reaches the MMEs and SGSNs serving the USIMs that refer
 * to it (IDR, TS 29.272 5.2.2.1); removing one still referred to is a conflict.
 */
public final class ApnProfileProvisioning {

    private static final String TYPE = "apn-profile";
    private static final int NAMED_USIMS = 5;

    private final EpsDataStore eps;
    private final SeedLoader loader;
    private final NetworkUpdates network;
    private final AuditLog audit;
    private final Clock clock;

    public ApnProfileProvisioning(EpsDataStore eps, SeedLoader loader, NetworkUpdates network, AuditLog audit,
            Clock clock) {
        this.eps = eps;
        this.loader = loader;
        this.network = network;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ApnProfile> apnProfiles() {
        return eps.apnProfiles().stream().sorted(Comparator.comparing(ApnProfile::id)).toList();
    }

    public ApnProfile apnProfile(String id) {
        return eps.apnProfile(id).orElseThrow(() -> ProvisioningException.notFound("APN profile " + id));
    }

    /** Creates or replaces a profile; returns whether it was created. */
    public boolean putApnProfile(String id, SeedDocument.ApnProfile body, String actor) {
        if (body.id() != null && !body.id().equals(id)) {
            throw ProvisioningException.invalid("id", "differs from the id in the path (" + id + ")");
        }
        SeedDocument.ApnProfile named = new SeedDocument.ApnProfile(id, body.serviceSelection(), body.pdnType(),
                body.qci(), body.arp(), body.ambr(), body.vplmnDynamicAddressAllowed(), body.chargingCharacteristics());
        SeedDocument document = new SeedDocument(null, null, null, null, null, null, null, null, null,
                List.of(named));
        ApnProfile profile;
        try {
            profile = loader.convert(document, "request").apnProfiles().get(0);
        } catch (SeedException e) {
            throw ProvisioningException.invalid(SubscriberProvisioning.fieldErrors(e.problems(), "apnProfiles[0]."));
        }
        Optional<ApnProfile> previous = eps.apnProfile(id);
        if (previous.isPresent() && previous.get().equals(profile)) {
            return false;
        }
        eps.putApnProfile(profile);
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, previous.isEmpty() ? "CREATE" : "UPDATE",
                TYPE, id, List.of("*")));
        if (previous.isPresent()) {
            List<String> imsis = eps.usimsWithApnProfile(id);
            if (!imsis.isEmpty()) {
                network.epsSubscriptionChanged(imsis);
                non3gppUsing(id, imsis);
            }
        }
        return previous.isEmpty();
    }

    public void removeApnProfile(String id, String actor) {
        List<String> imsis = eps.usimsWithApnProfile(id);
        if (!imsis.isEmpty()) {
            throw ProvisioningException.conflict("id", "APN profile " + id + " is used by the USIMs "
                    + imsis.stream().sorted().limit(NAMED_USIMS).toList()
                    + (imsis.size() > NAMED_USIMS ? " and " + (imsis.size() - NAMED_USIMS) + " more" : ""));
        }
        if (!eps.removeApnProfile(id)) {
            throw ProvisioningException.notFound("APN profile " + id);
        }
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, "DELETE", TYPE, id, List.of("*")));
    }

    /**
     * The USIMs among these that may use the profile over non-3GPP access get their Non-3GPP-User-Data again (PPR,
     * TS 29.273 8.1.2.3): its APN-Configurations carry the profile.
     */
    private void non3gppUsing(String profileId, List<String> imsis) {
        List<String> affected = imsis.stream().map(eps::usim).flatMap(Optional::stream)
                .filter(u -> u.non3gpp() != null && u.non3gpp().accessAllowed() && u.eps() != null)
                .filter(u -> u.eps().apns().stream().anyMatch(a -> a.apnProfile().equals(profileId)
                        && u.non3gpp().contextIdentifiers().contains(a.contextIdentifier())))
                .map(Usim::imsi).toList();
        if (!affected.isEmpty()) {
            network.non3gppSubscriptionChanged(affected);
        }
    }
}
