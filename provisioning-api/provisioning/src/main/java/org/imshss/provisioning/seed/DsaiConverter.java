package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;
import static org.imshss.provisioning.seed.Conversion.orEmpty;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imshss.provisioning.model.Dsai;

/** DSAI tags (TS 29.328 7.6.11): each names at least one iFC, defined in the document or stored. */
final class DsaiConverter {

    private DsaiConverter() {
    }

    static List<Dsai> convert(Conversion c) {
        Map<String, Dsai> tags = new LinkedHashMap<>();
        List<SeedDocument.Dsai> list = orEmpty(c.doc.dsai());
        for (int i = 0; i < list.size(); i++) {
            SeedDocument.Dsai d = list.get(i);
            String path = "dsai[" + i + "]";
            if (d == null || blank(d.tag())) {
                c.problem(path + ".tag", "required");
                continue;
            }
            List<String> ids = orEmpty(d.ifcs());
            if (ids.isEmpty()) {
                c.problem(path + ".ifcs", "must name at least one iFC");
            }
            c.ifcReferences(ids, path + ".ifcs");
            if (new HashSet<>(ids).size() != ids.size()) {
                c.problem(path + ".ifcs", "names an iFC twice");
            }
            if (tags.putIfAbsent(d.tag(), new Dsai(d.tag(), ids)) != null) {
                c.problem(path + ".tag", "duplicate tag " + d.tag());
            }
        }
        return List.copyOf(tags.values());
    }
}
