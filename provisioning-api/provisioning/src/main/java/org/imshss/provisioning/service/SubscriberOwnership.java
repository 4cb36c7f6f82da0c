package org.imshss.provisioning.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.store.ProvisioningStore;
import org.imshss.provisioning.store.SubscriberClaims;
import org.imshss.provisioning.store.SubscriberData;

/**
 * Which keys of a subscriber document other subscribers hold (identities, MSISDNs, implicit sets, IMSIs), as
 * conflicts on the fields that name them: checked before a write to name every field at once, and reported again
 * from what the write's atomic claims found ({@link SubscriberClaims}).
 */
final class SubscriberOwnership {

    private final ProvisioningStore store;

    SubscriberOwnership(ProvisioningStore store) {
        this.store = store;
    }

    /**
     * An identity, private identity, implicit set, MSISDN or IMSI of another subscriber is a conflict; checked here to name
     * every field at once, and again atomically when the write claims them.
     */
    void check(String id, SeedDocument.Subscription document, SubscriberData data) {
        List<ProvisioningException.FieldError> conflicts = new ArrayList<>();
        List<SeedDocument.PrivateId> privates = orEmpty(document.privateIdentities());
        for (int i = 0; i < privates.size(); i++) {
            Optional<PrivateIdentity> other = store.privateIdentity(privates.get(i).impi());
            if (other.isPresent() && heldByAnother(other.get().subscriptionId(), id)) {
                conflicts.add(new ProvisioningException.FieldError("privateIdentities[" + i + "].impi",
                        "private identity " + other.get().impi() + " belongs to subscriber " + other.get().subscriptionId()));
            }
        }
        List<SeedDocument.PublicId> publics = orEmpty(document.publicIdentities());
        for (int i = 0; i < publics.size(); i++) {
            Optional<PublicIdentity> other = store.publicIdentity(publics.get(i).identity());
            if (other.isPresent() && heldByAnother(other.get().subscriptionId(), id)) {
                conflicts.add(new ProvisioningException.FieldError("publicIdentities[" + i + "].identity",
                        "public identity " + other.get().identity() + " belongs to subscriber "
                                + other.get().subscriptionId()));
            }
            if (publics.get(i).msisdn() != null) {
                Optional<PublicIdentity> holder = store.publicIdentityByMsisdn(publics.get(i).msisdn());
                if (holder.isPresent() && heldByAnother(holder.get().subscriptionId(), id)) {
                    conflicts.add(new ProvisioningException.FieldError("publicIdentities[" + i + "].msisdn",
                            "MSISDN " + publics.get(i).msisdn() + " belongs to " + holder.get().identity()));
                }
            }
        }
        for (ImplicitRegistrationSet set : data.implicitRegistrationSets()) {
            Optional<ImplicitRegistrationSet> other = store.implicitRegistrationSet(set.id());
            if (other.isPresent() && heldByAnother(other.get().subscriptionId(), id)) {
                conflicts.add(new ProvisioningException.FieldError("implicitRegistrationSets",
                        "implicit registration set " + set.id() + " belongs to subscriber "
                                + other.get().subscriptionId()));
            }
        }
        List<SeedDocument.Usim> usims = orEmpty(document.usims());
        for (int i = 0; i < usims.size(); i++) {
            Optional<Usim> other = store.eps().usim(usims.get(i).imsi());
            if (other.isPresent() && heldByAnother(other.get().subscriptionId(), id)) {
                conflicts.add(new ProvisioningException.FieldError("usims[" + i + "].imsi",
                        "IMSI " + other.get().imsi() + " belongs to subscriber " + other.get().subscriptionId()));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ProvisioningException(ProvisioningException.Kind.CONFLICT, "identities held by another subscriber",
                    conflicts);
        }
    }

    /** Whether a record naming {@code holder} is another stored subscriber's; a left-over of a gone one is not. */
    private boolean heldByAnother(String holder, String id) {
        return !holder.equals(id) && store.storedSubscription(holder).isPresent();
    }

    /** Keys the grid found held by other subscribers, as errors on the fields of the document that name them. */
    static ProvisioningException refused(SeedDocument.Subscription document,
            List<SubscriberClaims.Refusal> refusals) {
        List<ProvisioningException.FieldError> errors = new ArrayList<>();
        for (SubscriberClaims.Refusal refusal : refusals) {
            String owner = refusal.holder() == null ? "is being changed by another write; try again"
                    : "belongs to subscriber " + refusal.holder();
            String what = switch (refusal.kind()) {
                case PRIVATE -> "private identity ";
                case PUBLIC, WILDCARD -> "public identity ";
                case MSISDN -> "MSISDN ";
                case SET -> "implicit registration set ";
                case USIM -> "IMSI ";
                case SUBSCRIPTION -> "subscriber ";
            };
            errors.add(new ProvisioningException.FieldError(fieldOf(document, refusal),
                    what + refusal.key() + " " + owner));
        }
        return new ProvisioningException(ProvisioningException.Kind.CONFLICT, "identities held by another subscriber",
                errors);
    }

    private static String fieldOf(SeedDocument.Subscription document, SubscriberClaims.Refusal refusal) {
        List<SeedDocument.PrivateId> privates = orEmpty(document.privateIdentities());
        List<SeedDocument.PublicId> publics = orEmpty(document.publicIdentities());
        switch (refusal.kind()) {
            case PRIVATE -> {
                for (int i = 0; i < privates.size(); i++) {
                    if (refusal.key().equals(Identities.normalise(privates.get(i).impi()))) {
                        return "privateIdentities[" + i + "].impi";
                    }
                }
            }
            case PUBLIC, WILDCARD, MSISDN -> {
                boolean msisdn = refusal.kind() == SubscriberClaims.Kind.MSISDN;
                for (int i = 0; i < publics.size(); i++) {
                    String named = msisdn ? publics.get(i).msisdn() : publics.get(i).identity();
                    if (named != null && refusal.key().equals(msisdn ? named.trim().replaceFirst("^\\+", "")
                            : Identities.isWildcard(named) ? named.trim() : Identities.normalise(named))) {
                        return "publicIdentities[" + i + (msisdn ? "].msisdn" : "].identity");
                    }
                }
            }
            case SET -> {
                return "implicitRegistrationSets";
            }
            case USIM -> {
                List<SeedDocument.Usim> usims = orEmpty(document.usims());
                for (int i = 0; i < usims.size(); i++) {
                    if (refusal.key().equals(usims.get(i).imsi())) {
                        return "usims[" + i + "].imsi";
                    }
                }
            }
            default -> {
                return "id";
            }
        }
        return "$";
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
