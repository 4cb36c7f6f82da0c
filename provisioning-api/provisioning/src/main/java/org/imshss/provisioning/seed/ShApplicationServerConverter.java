package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;
import static org.imshss.provisioning.seed.Conversion.orEmpty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.imshss.provisioning.model.ShApplicationServer;

/** The Sh application servers of a seed document and the Data-References each may read, update and subscribe to. */
final class ShApplicationServerConverter {

    /**
     * Data-Reference names and values of TS 29.329 6.3.4, accepted by name or number in the seed. A copy of the
     * dictionary's table: this module does not depend on the Diameter modules.
     */
    static final Map<String, Integer> DATA_REFERENCES = dataReferenceTable();

    private ShApplicationServerConverter() {
    }

    static List<ShApplicationServer> convert(Conversion c) {
        List<ShApplicationServer> servers = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        List<SeedDocument.ShApplicationServer> list = orEmpty(c.doc.applicationServers());
        for (int i = 0; i < list.size(); i++) {
            SeedDocument.ShApplicationServer as = list.get(i);
            String path = "applicationServers[" + i + "]";
            if (blank(as.diameterHost())) {
                c.problem(path + ".diameterHost", "required");
                continue;
            }
            if (!hosts.add(as.diameterHost().trim().toLowerCase(Locale.ROOT))) {
                c.problem(path + ".diameterHost", "duplicate application server " + as.diameterHost());
            }
            servers.add(new ShApplicationServer(as.diameterHost().trim(), as.serverName(),
                    dataReferences(c, as.read(), path + ".read"), dataReferences(c, as.update(), path + ".update"),
                    dataReferences(c, as.subscribe(), path + ".subscribe")));
        }
        return servers;
    }

    private static Set<Integer> dataReferences(Conversion c, List<String> names, String path) {
        Set<Integer> values = new LinkedHashSet<>();
        List<String> list = orEmpty(names);
        for (int i = 0; i < list.size(); i++) {
            Integer value = DATA_REFERENCES.get(list.get(i) == null ? "" : list.get(i).trim());
            if (value == null) {
                c.problem(path + "[" + i + "]", "unknown Data-Reference " + list.get(i)
                        + ", expected a TS 29.329 name or number such as RepositoryData or 0");
            } else {
                values.add(value);
            }
        }
        return values;
    }

    private static Map<String, Integer> dataReferenceTable() {
        String[] names = {"0 RepositoryData", "10 IMSPublicIdentity", "11 IMSUserState", "12 S-CSCFName",
            "13 InitialFilterCriteria", "14 LocationInformation", "15 UserState", "16 ChargingInformation",
            "17 MSISDN", "18 PSIActivation", "19 DSAI", "21 ServiceLevelTraceInfo",
            "22 IPAddressSecureBindingInformation", "23 ServicePriorityLevel", "24 SMSRegistrationInfo",
            "25 UEReachabilityForIP", "26 TADSinformation", "27 STN-SR", "28 UE-SRVCC-Capability",
            "29 ExtendedPriority", "30 CSRN", "31 ReferenceLocationInformation", "32 IMSI",
            "33 IMSPrivateUserIdentity", "34 IMEISV", "35 UE-5G-SRVCC-Capability"};
        Map<String, Integer> map = new HashMap<>();
        for (String entry : names) {
            int space = entry.indexOf(' ');
            int value = Integer.parseInt(entry.substring(0, space));
            map.put(entry.substring(space + 1), value);
            map.put(Integer.toString(value), value);
        }
        return Map.copyOf(map);
    }
}
