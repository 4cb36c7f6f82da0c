package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;
import static org.imshss.provisioning.seed.Conversion.orEmpty;
import static org.imshss.provisioning.seed.PublicIdentityConverter.identityKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.seed.PublicIdentityConverter.PublicDraft;

/**
 * One subscription of a seed document with everything it holds: its public identities, USIMs, private identities
 * and implicit registration sets, tied to one another.
 */
final class SubscriptionConverter {

    private final Conversion c;
    private final PublicIdentityConverter publics;
    private final PrivateIdentityConverter privates;
    private final UsimConverter usims;

    SubscriptionConverter(Conversion c) {
        this.c = c;
        this.publics = new PublicIdentityConverter(c);
        this.privates = new PrivateIdentityConverter(c);
        this.usims = new UsimConverter(c);
    }

    void convert(SeedDocument.Subscription s, String path) {
        if (blank(s.id())) {
            c.problem(path + ".id", "required");
            return;
        }
        String id = s.id();
        if (!c.subscriptionIds.add(id)) {
            c.problem(path + ".id", "duplicate subscription id " + id);
        }
        if (s.chargingInformation() != null && !c.charging.containsKey(s.chargingInformation())
                && !c.stored.chargingInformation(s.chargingInformation())) {
            c.problem(path + ".chargingInformation", "unknown charging information " + s.chargingInformation());
        }
        c.nonNegative(orEmpty(s.mandatoryCapabilities()), path + ".mandatoryCapabilities");
        c.nonNegative(orEmpty(s.optionalCapabilities()), path + ".optionalCapabilities");

        Map<String, PublicDraft> drafts = publics.drafts(id, orEmpty(s.publicIdentities()), path);
        List<String> imsis = usims.convert(id, orEmpty(s.usims()), path);

        Map<String, List<String>> impisOf = new HashMap<>();
        List<String> subscriptionImpis = new ArrayList<>();
        List<SeedDocument.PrivateId> listed = orEmpty(s.privateIdentities());
        for (int i = 0; i < listed.size(); i++) {
            PrivateIdentity impi = privates.convert(id, listed.get(i), drafts.keySet(), Set.copyOf(imsis),
                    path + ".privateIdentities[" + i + "]");
            if (impi != null) {
                subscriptionImpis.add(impi.impi());
                c.privateIdentities.add(impi);
                for (String impu : impi.publicIdentities()) {
                    impisOf.computeIfAbsent(impu, k -> new ArrayList<>()).add(impi.impi());
                }
            }
        }
        // A user identity is registered by a UE authenticating with a private identity (TS 23.228
        // 4.3.3.4); only PSIs may live in a subscription of their own without one.
        for (PublicDraft draft : drafts.values()) {
            if (!draft.type().isPsi() && !impisOf.containsKey(draft.key())) {
                c.problem(draft.path() + ".identity", "public user identity " + draft.key()
                        + " is not listed by any private identity of the subscription");
            }
        }

        Map<String, String> setOf = implicitSets(id, s, drafts, path);
        publicIdentities(id, drafts, impisOf, setOf);
        List<String> visited = orEmpty(s.allowedVisitedNetworks());
        for (int i = 0; i < visited.size(); i++) {
            if (blank(visited.get(i))) {
                c.problem(path + ".allowedVisitedNetworks[" + i + "]", "must not be blank");
            }
        }
        c.subscriptions.add(new ImsSubscription(id, subscriptionImpis,
                Set.copyOf(orEmpty(s.mandatoryCapabilities())), Set.copyOf(orEmpty(s.optionalCapabilities())),
                orEmpty(s.preferredScscfs()), visited, s.chargingInformation(),
                Boolean.TRUE.equals(s.looseRouteRequired()), List.copyOf(new LinkedHashSet<>(setOf.values())))
                .withImsis(imsis));
    }

    private void publicIdentities(String id, Map<String, PublicDraft> drafts, Map<String, List<String>> impisOf,
            Map<String, String> setOf) {
        for (PublicDraft draft : drafts.values()) {
            SeedDocument.PublicId p = draft.source();
            c.publicIdentities.add(new PublicIdentity(draft.key(), draft.type(), id, setOf.get(draft.key()),
                    p.serviceProfile(), Boolean.TRUE.equals(p.barred()), p.displayName(), p.aliasGroup(),
                    p.psiActivated() == null || p.psiActivated(), p.psiAsName(),
                    impisOf.getOrDefault(draft.key(), List.of()), publics.msisdn(p.msisdn(), draft.path())));
        }
    }

    /** Returns the implicit set id of every public identity of the subscription. */
    private Map<String, String> implicitSets(String subscriptionId, SeedDocument.Subscription s,
            Map<String, PublicDraft> drafts, String path) {
        Map<String, String> setOf = new HashMap<>();
        List<SeedDocument.ImplicitSet> listed = orEmpty(s.implicitRegistrationSets());
        for (int i = 0; i < listed.size(); i++) {
            SeedDocument.ImplicitSet set = listed.get(i);
            String setPath = path + ".implicitRegistrationSets[" + i + "]";
            String memberPath = set.id() == null ? setPath : setPath + ".publicIdentities";
            String setId = set.id() != null ? set.id() : subscriptionId + "/" + i;
            if (!c.setIds.add(setId)) {
                c.problem(setPath, "duplicate implicit registration set id " + setId);
            }
            List<String> members = orEmpty(set.publicIdentities());
            if (members.isEmpty()) {
                c.problem(memberPath, "an implicit registration set needs at least one public identity");
            }
            List<String> keys = new ArrayList<>();
            for (int j = 0; j < members.size(); j++) {
                String ref = members.get(j);
                String key = ref == null ? null : identityKey(ref);
                String at = memberPath + "[" + j + "]";
                if (key == null || !drafts.containsKey(key)) {
                    c.problem(at, "public identity " + ref + " is not defined in this subscription's publicIdentities");
                    continue;
                }
                // TS 23.228 5.2.1a: a public identity belongs to at most one implicit registration set.
                String previous = setOf.putIfAbsent(key, setId);
                if (previous != null) {
                    c.problem(at, "public identity " + key + " is already in implicit registration set " + previous);
                    continue;
                }
                keys.add(key);
            }
            c.implicitSets.add(new ImplicitRegistrationSet(setId, subscriptionId, keys));
        }
        int next = listed.size();
        for (String key : drafts.keySet()) {
            if (!setOf.containsKey(key)) {
                String setId = subscriptionId + "/" + next++;
                while (!c.setIds.add(setId)) {
                    setId = subscriptionId + "/" + next++;
                }
                setOf.put(key, setId);
                c.implicitSets.add(new ImplicitRegistrationSet(setId, subscriptionId, List.of(key)));
            }
        }
        return setOf;
    }
}
