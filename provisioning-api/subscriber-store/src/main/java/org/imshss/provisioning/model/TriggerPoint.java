package org.imshss.provisioning.model;

import java.util.List;

/**
 * A trigger point: service point triggers combined in conjunctive (CNF: groups ANDed, members of a
 * group ORed) or disjunctive normal form (DNF: groups ORed, members ANDed), TS 29.228 Annex B.2.2.
 */
public record TriggerPoint(boolean conditionTypeCnf, List<ServicePointTrigger> spts) {

    public TriggerPoint {
        spts = List.copyOf(spts);
    }
}
