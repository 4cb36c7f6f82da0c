package org.imshss.hss.sh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imshss.hss.userdata.IfcMask;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.DsaiValues;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.store.ShDataStore;

/**
 * The iFCs DSAI masks (TS 29.328 7.6.11): an iFC goes to the S-CSCF only if no DSAI tag is bound to it or at least
 * one of its tags is ACTIVE for the identity. Most identities have no DSAI-Values stored (every tag ACTIVE), so the
 * common case costs one grid read per User-Data document and no scan of the tags.
 */
public final class DsaiIfcMask implements IfcMask {

    private final ShDataStore shStore;

    public DsaiIfcMask(ShDataStore shStore) {
        this.shStore = shStore;
    }

    /** The key DSAI-Values are stored under: as the Sh procedures address the identity. */
    static String key(PublicIdentity identity) {
        return identity.type().isWildcard() ? identity.identity().trim() : Identities.normalise(identity.identity());
    }

    @Override
    public Map<String, Set<String>> masked(List<PublicIdentity> identities) {
        Map<String, PublicIdentity> byKey = new LinkedHashMap<>();
        for (PublicIdentity identity : identities) {
            byKey.put(key(identity), identity);
        }
        Map<String, DsaiValues> stored = shStore.dsaiValues(byKey.keySet());
        Map<String, Set<String>> masked = new HashMap<>();
        Map<String, List<String>> tagsOfIfc = null;
        for (Map.Entry<String, DsaiValues> entry : stored.entrySet()) {
            if (entry.getValue() == null || entry.getValue().inactive().isEmpty()) {
                continue;
            }
            if (tagsOfIfc == null) {
                tagsOfIfc = tagsOfIfc(shStore.allDsai());
            }
            Set<String> off = maskedBy(entry.getValue(), tagsOfIfc);
            if (!off.isEmpty()) {
                masked.put(byKey.get(entry.getKey()).identity(), off);
            }
        }
        return masked;
    }

    /** iFC id to the tags bound to it. */
    static Map<String, List<String>> tagsOfIfc(List<Dsai> tags) {
        Map<String, List<String>> bound = new HashMap<>();
        for (Dsai dsai : tags) {
            for (String ifcId : dsai.ifcIds()) {
                bound.computeIfAbsent(ifcId, k -> new ArrayList<>(1)).add(dsai.tag());
            }
        }
        return bound;
    }

    /** The iFCs all of whose tags are INACTIVE in {@code values}. */
    static Set<String> maskedBy(DsaiValues values, Map<String, List<String>> tagsOfIfc) {
        Set<String> off = new HashSet<>();
        for (Map.Entry<String, List<String>> ifc : tagsOfIfc.entrySet()) {
            if (ifc.getValue().stream().noneMatch(values::isActive)) {
                off.add(ifc.getKey());
            }
        }
        return off;
    }
}
