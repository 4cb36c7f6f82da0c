package org.imshss.provisioning.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Usim;

/**
 * What a write of a subscriber changes of its USIMs that the MMEs and SGSNs serving them must hear of.
 *
 * @param removed IMSIs given up, or left without an EPS subscription: their serving nodes get a CLR with
 *                SUBSCRIPTION_WITHDRAWAL (TS 29.272 5.2.1.2)
 * @param changed IMSIs kept whose EPS subscription changed, each with what it was: an IDR (TS 29.272 5.2.2.1),
 *                after a DSR for what an IDR cannot take back (5.2.2.2)
 * @param gone IMSIs given up: their AAA server gets an RTR (TS 29.273 8.1.2.2.3)
 * @param non3gppChanged IMSIs kept, with or once with a non-3GPP subscription, whose non-3GPP subscription or EPS
 *                       subscription (whose APNs, MSISDN and AMBR the Non-3GPP-User-Data carries) changed: PPR, or
 *                       RTR when non-3GPP access went (TS 29.273 8.1.2.3)
 */
record EpsChanges(List<String> removed, Map<String, EpsSubscription> changed, List<String> gone,
        List<String> non3gppChanged) {

    EpsChanges {
        removed = List.copyOf(removed);
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
        gone = List.copyOf(gone);
        non3gppChanged = List.copyOf(non3gppChanged);
    }

    static EpsChanges between(List<Usim> before, List<Usim> after) {
        Map<String, Usim> next = new LinkedHashMap<>();
        after.forEach(u -> next.put(u.imsi(), u));
        List<String> removed = new ArrayList<>();
        Map<String, EpsSubscription> changed = new LinkedHashMap<>();
        List<String> gone = new ArrayList<>();
        List<String> non3gppChanged = new ArrayList<>();
        for (Usim old : before) {
            Usim now = next.get(old.imsi());
            if (now == null || old.eps() != null && now.eps() == null) {
                removed.add(old.imsi());
            } else if (old.eps() != null && !Objects.equals(old.eps(), now.eps())) {
                changed.put(old.imsi(), old.eps());
            }
            if (now == null) {
                gone.add(old.imsi());
            } else if (old.non3gpp() != null && (!Objects.equals(old.non3gpp(), now.non3gpp())
                    || !Objects.equals(old.eps(), now.eps()))) {
                non3gppChanged.add(old.imsi());
            }
        }
        return new EpsChanges(removed, changed, gone, non3gppChanged);
    }
}
