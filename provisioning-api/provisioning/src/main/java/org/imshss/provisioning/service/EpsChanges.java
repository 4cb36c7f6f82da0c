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
 */
record EpsChanges(List<String> removed, Map<String, EpsSubscription> changed) {

    EpsChanges {
        removed = List.copyOf(removed);
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
    }

    static EpsChanges between(List<Usim> before, List<Usim> after) {
        Map<String, Usim> next = new LinkedHashMap<>();
        after.forEach(u -> next.put(u.imsi(), u));
        List<String> removed = new ArrayList<>();
        Map<String, EpsSubscription> changed = new LinkedHashMap<>();
        for (Usim old : before) {
            Usim now = next.get(old.imsi());
            if (now == null || old.eps() != null && now.eps() == null) {
                removed.add(old.imsi());
            } else if (old.eps() != null && !Objects.equals(old.eps(), now.eps())) {
                changed.put(old.imsi(), old.eps());
            }
        }
        return new EpsChanges(removed, changed);
    }
}
