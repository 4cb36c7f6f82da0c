package org.imshss.provisioning.seed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.SubscriberData;

/**
 * One pass over one document; collects problems instead of stopping at the first. Holds what the converters of
 * each record kind have produced so far, since later kinds refer to earlier ones (a profile to its iFCs, an
 * identity to its profile).
 */
final class Conversion {

    final SeedDocument doc;
    final SeedLoader.References stored;
    final SecretSealing sealing;
    private final List<String> problems = new ArrayList<>();

    final Map<String, ChargingInformation> charging = new LinkedHashMap<>();
    final Map<String, InitialFilterCriteria> ifcs = new LinkedHashMap<>();
    final Map<Integer, SharedIfcSet> sharedSets = new LinkedHashMap<>();
    final Map<String, ServiceProfile> profiles = new LinkedHashMap<>();
    final Map<String, ScscfServer> scscfs = new LinkedHashMap<>();
    final List<ImsSubscription> subscriptions = new ArrayList<>();
    final List<PrivateIdentity> privateIdentities = new ArrayList<>();
    final List<PublicIdentity> publicIdentities = new ArrayList<>();
    final List<ImplicitRegistrationSet> implicitSets = new ArrayList<>();
    final Map<String, ApnProfile> apnProfiles = new LinkedHashMap<>();
    final List<Usim> usims = new ArrayList<>();

    final Set<String> subscriptionIds = new HashSet<>();
    final Set<String> impis = new HashSet<>();
    final Map<String, String> identityOwner = new HashMap<>();
    final Set<String> setIds = new HashSet<>();
    final Set<String> msisdns = new HashSet<>();
    final Set<String> imsis = new HashSet<>();

    Conversion(SeedDocument doc, Keyring sealer, SeedLoader.References stored) {
        this.doc = doc;
        this.sealing = new SecretSealing(sealer);
        this.stored = stored;
    }

    SubscriberData run(String source) {
        if (doc == null) {
            throw new SeedException(source, List.of("$: empty document"));
        }
        if (doc.realm() != null && doc.realm().isBlank()) {
            problem("realm", "must not be blank");
        }
        ScscfConverter.convert(this);
        ChargingConverter.convert(this);
        new IfcConverter(this).convert();
        ServiceProfileConverter.convert(this);
        ApnProfileConverter.convert(this);
        SubscriptionConverter subscription = new SubscriptionConverter(this);
        List<SeedDocument.Subscription> subs = orEmpty(doc.subscriptions());
        for (int i = 0; i < subs.size(); i++) {
            subscription.convert(subs.get(i), "subscriptions[" + i + "]");
        }
        List<ShApplicationServer> applicationServers = ShApplicationServerConverter.convert(this);
        List<Dsai> dsai = DsaiConverter.convert(this);
        if (!problems.isEmpty()) {
            throw new SeedException(source, problems);
        }
        return new SubscriberData(subscriptions, privateIdentities, publicIdentities, implicitSets,
                List.copyOf(profiles.values()), List.copyOf(ifcs.values()), List.copyOf(sharedSets.values()),
                List.copyOf(charging.values()), List.copyOf(scscfs.values()), applicationServers, dsai, usims,
                List.copyOf(apnProfiles.values()));
    }

    /** How many problems were found so far: a converter tells whether its part added any. */
    int problemCount() {
        return problems.size();
    }

    void problem(String path, String message) {
        problems.add(path + ": " + message);
    }

    /** An iFC of the document, or else one already stored; null if neither. */
    InitialFilterCriteria ifc(String id) {
        InitialFilterCriteria ifc = ifcs.get(id);
        return ifc != null || id == null ? ifc : stored.ifc(id).orElse(null);
    }

    void ifcReferences(List<String> ids, String path) {
        for (int i = 0; i < ids.size(); i++) {
            if (ifc(ids.get(i)) == null) {
                problem(path + "[" + i + "]", "unknown iFC " + ids.get(i));
            }
        }
    }

    void nonNegative(List<Integer> values, String path) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || values.get(i) < 0) {
                problem(path + "[" + i + "]", "must be an integer >= 0");
            }
        }
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
