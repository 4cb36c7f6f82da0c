package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;
import static org.imshss.provisioning.seed.Conversion.orEmpty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.SharedIfcSet;

/** The shared iFC sets and service profiles of a seed document, each checked against the iFCs it names. */
final class ServiceProfileConverter {

    private ServiceProfileConverter() {
    }

    static void convert(Conversion c) {
        sharedIfcSets(c);
        serviceProfiles(c);
    }

    private static void sharedIfcSets(Conversion c) {
        List<SeedDocument.SharedIfcSet> list = orEmpty(c.doc.sharedIfcSets());
        for (int i = 0; i < list.size(); i++) {
            SeedDocument.SharedIfcSet s = list.get(i);
            String path = "sharedIfcSets[" + i + "]";
            if (s.id() == null || s.id() < 0) {
                c.problem(path + ".id", "required, an integer >= 0");
                continue;
            }
            List<String> ids = orEmpty(s.ifcs());
            c.ifcReferences(ids, path + ".ifcs");
            if (c.sharedSets.putIfAbsent(s.id(), new SharedIfcSet(s.id(), s.name(), ids)) != null) {
                c.problem(path + ".id", "duplicate id " + s.id());
            }
        }
    }

    private static void serviceProfiles(Conversion c) {
        List<SeedDocument.ServiceProfile> list = orEmpty(c.doc.serviceProfiles());
        for (int i = 0; i < list.size(); i++) {
            SeedDocument.ServiceProfile p = list.get(i);
            String path = "serviceProfiles[" + i + "]";
            if (blank(p.id())) {
                c.problem(path + ".id", "required");
                continue;
            }
            List<String> ifcIds = orEmpty(p.ifcs());
            c.ifcReferences(ifcIds, path + ".ifcs");
            uniquePriorities(c, ifcIds, path);
            List<Integer> shared = orEmpty(p.sharedIfcSets());
            for (int j = 0; j < shared.size(); j++) {
                if (shared.get(j) == null
                        || !c.sharedSets.containsKey(shared.get(j)) && !c.stored.sharedIfcSet(shared.get(j))) {
                    c.problem(path + ".sharedIfcSets[" + j + "]", "unknown shared iFC set " + shared.get(j));
                }
            }
            if (p.subscribedMediaProfileId() != null && p.subscribedMediaProfileId() < 0) {
                c.problem(path + ".subscribedMediaProfileId", "must be >= 0");
            }
            if (c.profiles.putIfAbsent(p.id(), new ServiceProfile(p.id(), ifcIds, shared,
                    p.subscribedMediaProfileId())) != null) {
                c.problem(path + ".id", "duplicate id " + p.id());
            }
        }
    }

    /** TS 29.228 Annex B.2.2: Priority is unique among the iFCs of one service profile. */
    private static void uniquePriorities(Conversion c, List<String> ifcIds, String path) {
        Map<Integer, String> priorities = new HashMap<>();
        for (int j = 0; j < ifcIds.size(); j++) {
            InitialFilterCriteria ifc = c.ifc(ifcIds.get(j));
            if (ifc != null) {
                String clash = priorities.putIfAbsent(ifc.priority(), ifc.id());
                if (clash != null) {
                    c.problem(path + ".ifcs[" + j + "]", "priority " + ifc.priority()
                            + " already used by iFC " + clash + " in this profile");
                }
            }
        }
    }
}
