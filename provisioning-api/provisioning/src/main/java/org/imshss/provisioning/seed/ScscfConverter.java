package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;
import static org.imshss.provisioning.seed.Conversion.orEmpty;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.imshss.provisioning.model.ScscfServer;

/** The S-CSCFs of a seed document and their capabilities (TS 29.228 6.3.4). */
final class ScscfConverter {

    private ScscfConverter() {
    }

    static void convert(Conversion c) {
        List<SeedDocument.Scscf> list = orEmpty(c.doc.scscfs());
        for (int i = 0; i < list.size(); i++) {
            SeedDocument.Scscf s = list.get(i);
            String path = "scscfs[" + i + "]";
            if (blank(s.name())) {
                c.problem(path + ".name", "required");
                continue;
            }
            String name = s.name().trim();
            if (!name.toLowerCase(Locale.ROOT).startsWith("sip:")
                    && !name.toLowerCase(Locale.ROOT).startsWith("sips:")) {
                c.problem(path + ".name", "must be a SIP URI");
            }
            c.nonNegative(orEmpty(s.capabilities()), path + ".capabilities");
            if (c.scscfs.putIfAbsent(name, new ScscfServer(name, Set.copyOf(orEmpty(s.capabilities())))) != null) {
                c.problem(path + ".name", "duplicate S-CSCF " + name);
            }
        }
    }
}
