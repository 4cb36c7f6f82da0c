package org.imshss.hss.userdata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.store.SubscriberStore;

/**
 * Collects from the store what one User-Data document needs: the public identities of an implicit
 * registration set grouped by service profile, and each profile's iFCs. TS 29.228 6.1.2 requires the
 * profile to cover the whole implicit set, so a dangling reference anywhere yields {@link Optional#empty()}
 * and the caller answers DIAMETER_UNABLE_TO_COMPLY (5012) instead of sending a partial profile.
 *
 * <p>PrivateID is mandatory in the schema (tIMSSubscription) but a PSI may be provisioned without any IMPI.
 * When {@code privateId} is null the first identity of the set is used without its URI scheme
 * ({@code sip:}, {@code sips:} or {@code tel:}): {@code sip:conf@ims.example.org} gives
 * {@code conf@ims.example.org}, which is a valid tPrivateID (anyURI) and reads like an NAI.
 *
 * <p>Shared iFC sets (SharedIFCSetID, TS 29.228 Annex B.2; the SiFC feature of TS 29.229): SharedIFCSetID
 * only points at iFCs the S-CSCF administers locally, so it is useful only when the S-CSCF announced SiFC.
 * Otherwise the sets are expanded into the profile's own iFC list and their ids dropped. (Kamailio 5.6 does
 * not read SharedIFCSetID from ServiceProfile/Extension at all.)
 *
 * <p>DSAI (TS 29.328 7.6.11): an iFC masked for an identity ({@link IfcMask}) is left out of that identity's
 * service profile. Identities of one profile with different masks get one ServiceProfile element each, and a
 * profile whose shared iFC set holds a masked iFC has its sets expanded: the S-CSCF's copy of a shared set
 * cannot leave one iFC out.
 */
public final class UserDataAssembler {

    private static final Comparator<InitialFilterCriteria> BY_PRIORITY =
            Comparator.comparingInt(InitialFilterCriteria::priority);

    private final SubscriberStore store;
    private final IfcMask mask;

    /** Without DSAI: every provisioned iFC is sent. */
    public UserDataAssembler(SubscriberStore store) {
        this(store, IfcMask.NONE);
    }

    public UserDataAssembler(SubscriberStore store, IfcMask mask) {
        this.store = Objects.requireNonNull(store, "store");
        this.mask = Objects.requireNonNull(mask, "mask");
    }

    /** The document for an implicit set, shared iFC sets referenced by id. */
    public Optional<ImsSubscriptionDocument> forImplicitSet(String privateId, String implicitSetId) {
        return forImplicitSet(privateId, implicitSetId, true);
    }

    /**
     * @param sharedIfcSetsSupported whether the S-CSCF announced the SiFC feature; if not, shared sets are
     *                               expanded into their iFCs
     */
    public Optional<ImsSubscriptionDocument> forImplicitSet(
            String privateId, String implicitSetId, boolean sharedIfcSetsSupported) {
        if (implicitSetId == null) {
            return Optional.empty();
        }
        Optional<ImplicitRegistrationSet> set = store.implicitRegistrationSet(implicitSetId);
        if (set.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = set.get().publicIdentities();
        List<PublicIdentity> identities = new ArrayList<>(ids.size());
        for (String id : ids) {
            Optional<PublicIdentity> identity = store.publicIdentity(id);
            if (identity.isEmpty()) {
                return Optional.empty();
            }
            identities.add(identity.get());
        }
        return forIdentities(privateId, identities, sharedIfcSetsSupported);
    }

    /** The document for identities the caller already holds (in the order given), shared sets by id. */
    public Optional<ImsSubscriptionDocument> forIdentities(String privateId, List<PublicIdentity> identities) {
        return forIdentities(privateId, identities, true);
    }

    /** As {@link #forIdentities(String, List)}, expanding shared iFC sets unless the S-CSCF supports SiFC. */
    public Optional<ImsSubscriptionDocument> forIdentities(
            String privateId, List<PublicIdentity> identities, boolean sharedIfcSetsSupported) {
        if (identities == null || identities.isEmpty()) {
            return Optional.empty();
        }
        // One ServiceProfile element per distinct profile, in order of first appearance: the S-CSCF takes
        // the first non-barred identity in document order as the default IMPU (TS 29.228 6.5.1.1).
        Map<String, Set<String>> masked = mask.masked(identities);
        Map<SectionKey, List<PublicIdentity>> byProfile = new LinkedHashMap<>();
        for (PublicIdentity identity : identities) {
            if (identity.serviceProfileId() == null) {
                return Optional.empty();
            }
            Set<String> off = new TreeSet<>(masked.getOrDefault(identity.identity(), Set.of()));
            byProfile.computeIfAbsent(new SectionKey(identity.serviceProfileId(), off), k -> new ArrayList<>(2))
                    .add(identity);
        }
        List<ProfileSection> sections = new ArrayList<>(byProfile.size());
        for (Map.Entry<SectionKey, List<PublicIdentity>> entry : byProfile.entrySet()) {
            Optional<ProfileSection> section = section(entry.getKey().profileId(), entry.getValue(),
                    sharedIfcSetsSupported, entry.getKey().masked());
            if (section.isEmpty()) {
                return Optional.empty();
            }
            sections.add(section.get());
        }
        String impi = privateId != null ? privateId : withoutScheme(identities.get(0).identity());
        return Optional.of(new ImsSubscriptionDocument(impi, sections));
    }

    /** One ServiceProfile element: a profile and the iFCs masked for the identities it lists. */
    private record SectionKey(String profileId, Set<String> masked) {
    }

    private Optional<ProfileSection> section(String profileId, List<PublicIdentity> identities,
            boolean sharedIfcSetsSupported, Set<String> masked) {
        Optional<ServiceProfile> found = store.serviceProfile(profileId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ServiceProfile profile = found.get();
        Map<String, InitialFilterCriteria> ifcs = new LinkedHashMap<>();
        if (!addIfcs(profile.ifcIds(), ifcs)) {
            return Optional.empty();
        }
        if (!profile.sharedIfcSetIds().isEmpty() && (!sharedIfcSetsSupported || !masked.isEmpty())) {
            List<SharedIfcSet> sets = new ArrayList<>();
            boolean masksShared = false;
            for (Integer setId : profile.sharedIfcSetIds()) {
                Optional<SharedIfcSet> set = setId == null ? Optional.empty() : store.sharedIfcSet(setId);
                if (set.isEmpty()) {
                    return Optional.empty();
                }
                sets.add(set.get());
                masksShared |= set.get().ifcIds().stream().anyMatch(masked::contains);
            }
            if (!sharedIfcSetsSupported || masksShared) {
                for (SharedIfcSet set : sets) {
                    if (!addIfcs(set.ifcIds(), ifcs)) {
                        return Optional.empty();
                    }
                }
                profile = new ServiceProfile(profile.id(), profile.ifcIds(), List.of(),
                        profile.subscribedMediaProfileId());
            }
        }
        ifcs.keySet().removeAll(masked);
        List<InitialFilterCriteria> sorted = new ArrayList<>(ifcs.values());
        sorted.sort(BY_PRIORITY);
        return Optional.of(new ProfileSection(profile, identities, sorted));
    }

    /** Adds each iFC once (a profile and a shared set may name the same one); false if one is missing. */
    private boolean addIfcs(List<String> ids, Map<String, InitialFilterCriteria> into) {
        for (String id : ids) {
            if (into.containsKey(id)) {
                continue;
            }
            Optional<InitialFilterCriteria> ifc = id == null ? Optional.empty() : store.initialFilterCriteria(id);
            if (ifc.isEmpty()) {
                return false;
            }
            into.put(id, ifc.get());
        }
        return true;
    }

    static String withoutScheme(String identity) {
        if (identity == null) {
            return null;
        }
        int colon = identity.indexOf(':');
        if (colon > 0) {
            String scheme = identity.substring(0, colon);
            if (scheme.equalsIgnoreCase("sip") || scheme.equalsIgnoreCase("sips") || scheme.equalsIgnoreCase("tel")) {
                return identity.substring(colon + 1);
            }
        }
        return identity;
    }
}
