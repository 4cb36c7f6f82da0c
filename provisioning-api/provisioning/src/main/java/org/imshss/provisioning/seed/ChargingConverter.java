package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;
import static org.imshss.provisioning.seed.Conversion.orEmpty;

import java.util.List;
import org.imshss.provisioning.model.ChargingInformation;

/** The charging information sets of a seed document (TS 29.228 6.3.19). */
final class ChargingConverter {

    private ChargingConverter() {
    }

    static void convert(Conversion c) {
        List<SeedDocument.Charging> list = orEmpty(c.doc.chargingInformation());
        for (int i = 0; i < list.size(); i++) {
            SeedDocument.Charging ch = list.get(i);
            String path = "chargingInformation[" + i + "]";
            if (blank(ch.id())) {
                c.problem(path + ".id", "required");
                continue;
            }
            if (blank(ch.primaryEventChargingFunctionName()) && blank(ch.primaryChargingCollectionFunctionName())) {
                c.problem(path, "needs primaryEventChargingFunctionName or primaryChargingCollectionFunctionName");
            }
            ChargingInformation info = new ChargingInformation(ch.id(), ch.primaryEventChargingFunctionName(),
                    ch.secondaryEventChargingFunctionName(), ch.primaryChargingCollectionFunctionName(),
                    ch.secondaryChargingCollectionFunctionName());
            if (c.charging.putIfAbsent(ch.id(), info) != null) {
                c.problem(path + ".id", "duplicate id " + ch.id());
            }
        }
    }
}
