package org.imshss.provisioning.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnConfiguration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.model.TriggerPoint;
import org.imshss.provisioning.model.Usim;

/**
 * Stored service data in the form it is written in ({@link SeedDocument}): what the provisioning API reads back
 * can be written back unchanged. References are ids, Data-References their TS 29.329 names.
 */
public final class WrittenForms {

    private static final Map<Integer, String> DATA_REFERENCE_NAMES = dataReferenceNames();

    private WrittenForms() {
    }

    public static SeedDocument.ApnProfile apnProfile(ApnProfile p) {
        return new SeedDocument.ApnProfile(p.id(), p.serviceSelection(), p.pdnType().name(), p.qci(),
                new SeedDocument.Arp(p.priorityLevel(), p.preemptionCapable(), p.preemptionVulnerable()),
                ambr(p.ambr()), p.vplmnDynamicAddressAllowed(), p.chargingCharacteristics());
    }

    /** A USIM without its keys, which are write-only. */
    public static SeedDocument.Usim usim(Usim u) {
        EpsSubscription e = u.eps();
        if (e == null) {
            return new SeedDocument.Usim(u.imsi(), null, null, null, null, null, non3gpp(u.non3gpp(), null));
        }
        ApnConfiguration defaultApn = e.apn(e.defaultContextIdentifier());
        List<SeedDocument.Apn> apns = e.apns().stream().map(a -> new SeedDocument.Apn(a.apnProfile(),
                a.contextIdentifier(), a.staticAddresses().isEmpty() ? null : a.staticAddresses())).toList();
        return new SeedDocument.Usim(u.imsi(), null, null, null, null, new SeedDocument.Eps(e.msisdn(),
                e.additionalMsisdns().isEmpty() ? null : e.additionalMsisdns(), e.subscriberStatus().name(),
                e.operatorDeterminedBarring(), e.networkAccessMode().name(), e.accessRestrictionData(),
                ambr(e.ueAmbr()), defaultApn == null ? null : defaultApn.apnProfile(), apns,
                e.allowedVisitedPlmns(), e.subscribedPeriodicTauTimer(), e.chargingCharacteristics()),
                non3gpp(u.non3gpp(), e));
    }

    /** The non-3GPP access subscription with its APNs named by their profiles, as written. */
    private static SeedDocument.Non3gpp non3gpp(Non3gppSubscription n, EpsSubscription e) {
        if (n == null) {
            return null;
        }
        List<String> apns = n.contextIdentifiers().stream().map(id -> profile(e, id)).toList();
        String defaultApn = n.contextIdentifiers().isEmpty() ? null : profile(e, n.defaultContextIdentifier());
        return new SeedDocument.Non3gpp(n.accessAllowed(), n.apnsEnabled(), apns, defaultApn, n.trustedAllowed(),
                n.untrustedAllowed(), n.ratTypesNotAllowed());
    }

    private static String profile(EpsSubscription e, int contextIdentifier) {
        ApnConfiguration apn = e == null ? null : e.apn(contextIdentifier);
        return apn == null ? null : apn.apnProfile();
    }

    private static SeedDocument.Ambr ambr(Ambr ambr) {
        return ambr == null ? null : new SeedDocument.Ambr(ambr.uplink(), ambr.downlink());
    }

    public static SeedDocument.Scscf scscf(ScscfServer s) {
        return new SeedDocument.Scscf(s.name(), sorted(s.capabilities()));
    }

    public static SeedDocument.Charging charging(ChargingInformation c) {
        return new SeedDocument.Charging(c.id(), c.primaryEventChargingFunctionName(),
                c.secondaryEventChargingFunctionName(), c.primaryChargingCollectionFunctionName(),
                c.secondaryChargingCollectionFunctionName());
    }

    public static SeedDocument.SharedIfcSet sharedIfcSet(SharedIfcSet s) {
        return new SeedDocument.SharedIfcSet(s.id(), s.name(), s.ifcIds());
    }

    public static SeedDocument.ServiceProfile serviceProfile(ServiceProfile p) {
        return new SeedDocument.ServiceProfile(p.id(), p.ifcIds(), p.sharedIfcSetIds(), p.subscribedMediaProfileId());
    }

    public static SeedDocument.Dsai dsai(Dsai d) {
        return new SeedDocument.Dsai(d.tag(), d.ifcIds());
    }

    public static SeedDocument.ShApplicationServer applicationServer(ShApplicationServer as) {
        return new SeedDocument.ShApplicationServer(as.diameterHost(), as.serverName(), names(as.readable()),
                names(as.updatable()), names(as.subscribable()));
    }

    public static SeedDocument.Ifc ifc(InitialFilterCriteria ifc) {
        var as = ifc.applicationServer();
        SeedDocument.ApplicationServer server = as == null ? null : new SeedDocument.ApplicationServer(
                as.serverName(), as.defaultHandling(), as.serviceInfo(), as.includeRegisterRequest(),
                as.includeRegisterResponse());
        return new SeedDocument.Ifc(ifc.id(), ifc.priority(), triggerPoint(ifc.triggerPoint()), server,
                ifc.profilePartIndicator());
    }

    private static SeedDocument.TriggerPoint triggerPoint(TriggerPoint tp) {
        if (tp == null) {
            return null;
        }
        List<SeedDocument.Spt> spts = new ArrayList<>();
        for (ServicePointTrigger spt : tp.spts()) {
            spts.add(spt(spt));
        }
        return new SeedDocument.TriggerPoint(tp.conditionTypeCnf(), spts);
    }

    private static SeedDocument.Spt spt(ServicePointTrigger spt) {
        Boolean negated = spt.conditionNegated();
        List<Integer> groups = spt.groups();
        ServicePointTrigger.Condition condition = spt.condition();
        if (condition instanceof ServicePointTrigger.RequestUri c) {
            return new SeedDocument.Spt(negated, groups, c.uri(), null, null, null, null, null);
        }
        if (condition instanceof ServicePointTrigger.Method c) {
            return new SeedDocument.Spt(negated, groups, null, c.method(),
                    c.registrationTypes().isEmpty() ? null : c.registrationTypes(), null, null, null);
        }
        if (condition instanceof ServicePointTrigger.SipHeader c) {
            return new SeedDocument.Spt(negated, groups, null, null, null,
                    new SeedDocument.SipHeader(c.header(), c.content()), null, null);
        }
        if (condition instanceof ServicePointTrigger.SessionCase c) {
            return new SeedDocument.Spt(negated, groups, null, null, null, null, c.value(), null);
        }
        ServicePointTrigger.SessionDescription c = (ServicePointTrigger.SessionDescription) condition;
        return new SeedDocument.Spt(negated, groups, null, null, null, null, null,
                new SeedDocument.SessionDescription(c.line(), c.content()));
    }

    /** Every Data-Reference name of TS 29.329 6.3.4, in the order of their values. */
    public static List<String> dataReferences() {
        return List.copyOf(new TreeMap<>(DATA_REFERENCE_NAMES).values());
    }

    /** TS 29.329 names in the order of their values; a value without a name stays a number. */
    private static List<String> names(Set<Integer> references) {
        return sorted(references).stream()
                .map(value -> DATA_REFERENCE_NAMES.getOrDefault(value, Integer.toString(value)))
                .toList();
    }

    private static List<Integer> sorted(Set<Integer> values) {
        return values.stream().sorted().toList();
    }

    private static Map<Integer, String> dataReferenceNames() {
        Map<Integer, String> names = new TreeMap<>();
        ShApplicationServerConverter.DATA_REFERENCES.forEach((name, value) -> {
            if (!name.equals(Integer.toString(value))) {
                names.put(value, name);
            }
        });
        return Map.copyOf(names);
    }
}
