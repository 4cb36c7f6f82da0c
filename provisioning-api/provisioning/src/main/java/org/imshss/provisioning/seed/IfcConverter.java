package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;
import static org.imshss.provisioning.seed.Conversion.orEmpty;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.imshss.provisioning.model.ApplicationServer;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.TriggerPoint;

/** The iFCs of a seed document with their trigger points and application servers (TS 29.228 Annex B). */
final class IfcConverter {

    private final Conversion c;

    IfcConverter(Conversion c) {
        this.c = c;
    }

    void convert() {
        List<SeedDocument.Ifc> list = orEmpty(c.doc.ifcs());
        for (int i = 0; i < list.size(); i++) {
            SeedDocument.Ifc f = list.get(i);
            String path = "ifcs[" + i + "]";
            if (blank(f.id())) {
                c.problem(path + ".id", "required");
                continue;
            }
            int priority = f.priority() == null ? 0 : f.priority();
            if (priority < 0) {
                c.problem(path + ".priority", "must be >= 0");
            }
            Integer part = f.profilePartIndicator();
            if (part != null && part != InitialFilterCriteria.PROFILE_PART_REGISTERED
                    && part != InitialFilterCriteria.PROFILE_PART_UNREGISTERED) {
                c.problem(path + ".profilePartIndicator", "must be 0 (REGISTERED) or 1 (UNREGISTERED)");
            }
            TriggerPoint trigger = f.triggerPoint() == null ? null
                    : triggerPoint(f.triggerPoint(), path + ".triggerPoint");
            ApplicationServer server = applicationServer(f.applicationServer(), path + ".applicationServer");
            InitialFilterCriteria ifc = new InitialFilterCriteria(f.id(), priority, trigger, server, part);
            if (c.ifcs.putIfAbsent(f.id(), ifc) != null) {
                c.problem(path + ".id", "duplicate id " + f.id());
            }
        }
    }

    private TriggerPoint triggerPoint(SeedDocument.TriggerPoint tp, String path) {
        List<SeedDocument.Spt> list = orEmpty(tp.spts());
        if (list.isEmpty()) {
            c.problem(path + ".spts", "at least one service point trigger is required");
        }
        List<ServicePointTrigger> spts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ServicePointTrigger spt = spt(list.get(i), path + ".spts[" + i + "]");
            if (spt != null) {
                spts.add(spt);
            }
        }
        return new TriggerPoint(Boolean.TRUE.equals(tp.conditionTypeCnf()), spts);
    }

    private ServicePointTrigger spt(SeedDocument.Spt s, String path) {
        List<Integer> groups = s.groups() == null ? List.of(0) : s.groups();
        if (groups.isEmpty()) {
            c.problem(path + ".groups", "at least one group is required");
        }
        c.nonNegative(groups, path + ".groups");
        int conditions = (s.requestUri() != null ? 1 : 0) + (s.method() != null ? 1 : 0)
                + (s.sipHeader() != null ? 1 : 0) + (s.sessionCase() != null ? 1 : 0)
                + (s.sessionDescription() != null ? 1 : 0);
        if (conditions != 1) {
            c.problem(path, "needs exactly one of requestUri, method, sipHeader, sessionCase, sessionDescription");
            return null;
        }
        if (s.registrationTypes() != null && s.method() == null) {
            c.problem(path + ".registrationTypes", "only allowed with method REGISTER");
        }
        return new ServicePointTrigger(Boolean.TRUE.equals(s.conditionNegated()), groups, condition(s, path));
    }

    /** The one condition of a service point trigger. */
    private ServicePointTrigger.Condition condition(SeedDocument.Spt s, String path) {
        if (s.requestUri() != null) {
            if (s.requestUri().isBlank()) {
                c.problem(path + ".requestUri", "must not be blank");
            }
            return new ServicePointTrigger.RequestUri(s.requestUri());
        } else if (s.method() != null) {
            return method(s, path);
        } else if (s.sipHeader() != null) {
            if (blank(s.sipHeader().header())) {
                c.problem(path + ".sipHeader.header", "required");
            }
            regex(s.sipHeader().content(), path + ".sipHeader.content");
            return new ServicePointTrigger.SipHeader(s.sipHeader().header(), s.sipHeader().content());
        } else if (s.sessionCase() != null) {
            if (s.sessionCase() < 0 || s.sessionCase() > 4) {
                c.problem(path + ".sessionCase", "must be 0..4 (TS 29.228 Annex B SessionCase)");
            }
            return new ServicePointTrigger.SessionCase(s.sessionCase());
        }
        if (blank(s.sessionDescription().line())) {
            c.problem(path + ".sessionDescription.line", "required");
        }
        regex(s.sessionDescription().content(), path + ".sessionDescription.content");
        return new ServicePointTrigger.SessionDescription(s.sessionDescription().line(),
                s.sessionDescription().content());
    }

    private ServicePointTrigger.Condition method(SeedDocument.Spt s, String path) {
        if (s.method().isBlank()) {
            c.problem(path + ".method", "must not be blank");
        }
        List<Integer> types = orEmpty(s.registrationTypes());
        // TS 29.228 Annex B: RegistrationType qualifies a REGISTER method trigger only.
        if (!types.isEmpty() && !"REGISTER".equalsIgnoreCase(s.method())) {
            c.problem(path + ".registrationTypes", "only allowed with method REGISTER");
        }
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == null || types.get(i) < 0 || types.get(i) > 2) {
                c.problem(path + ".registrationTypes[" + i + "]",
                        "must be 0 (INITIAL), 1 (RE-REGISTRATION) or 2 (DE-REGISTRATION)");
            }
        }
        return new ServicePointTrigger.Method(s.method(), types);
    }

    private void regex(String value, String path) {
        if (value != null) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                c.problem(path, "not a regular expression: " + e.getDescription());
            }
        }
    }

    private ApplicationServer applicationServer(SeedDocument.ApplicationServer as, String path) {
        if (as == null) {
            c.problem(path, "required");
            return null;
        }
        if (blank(as.serverName())) {
            c.problem(path + ".serverName", "required");
        }
        int handling = as.defaultHandling() == null ? ApplicationServer.SESSION_CONTINUED : as.defaultHandling();
        if (handling != ApplicationServer.SESSION_CONTINUED && handling != ApplicationServer.SESSION_TERMINATED) {
            c.problem(path + ".defaultHandling", "must be 0 (SESSION_CONTINUED) or 1 (SESSION_TERMINATED)");
        }
        return new ApplicationServer(as.serverName(), handling, as.serviceInfo(),
                Boolean.TRUE.equals(as.includeRegisterRequest()), Boolean.TRUE.equals(as.includeRegisterResponse()));
    }
}
