package org.imshss.provisioning.seed;

import static org.imshss.provisioning.seed.Conversion.blank;
import static org.imshss.provisioning.seed.Conversion.orEmpty;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.imshss.provisioning.model.Ambr;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.PdnType;

/** The APN profiles of a seed document (TS 29.272 7.3.35), shared by the EPS subscriptions that name them. */
final class ApnProfileConverter {

    /** TS 23.003 9.1: labels of letters, digits and hyphens separated by dots; "*" is the wildcard APN. */
    private static final Pattern APN_NI = Pattern.compile("\\*|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern HEX4 = Pattern.compile("[0-9a-fA-F]{4}");
    /** TS 23.203 6.1.7.2: 0 is reserved, 1..9 standardised, up to 254 operator-specific; 255 reserved. */
    private static final int MAX_QCI = 254;
    private static final int MAX_APN_LENGTH = 100;

    private ApnProfileConverter() {
    }

    static void convert(Conversion c) {
        List<SeedDocument.ApnProfile> list = orEmpty(c.doc.apnProfiles());
        for (int i = 0; i < list.size(); i++) {
            ApnProfile profile = convert(c, list.get(i), "apnProfiles[" + i + "]");
            if (profile != null && c.apnProfiles.putIfAbsent(profile.id(), profile) != null) {
                c.problem("apnProfiles[" + i + "].id", "duplicate id " + profile.id());
            }
        }
    }

    private static ApnProfile convert(Conversion c, SeedDocument.ApnProfile p, String path) {
        boolean ok = true;
        if (blank(p.id())) {
            c.problem(path + ".id", "required");
            ok = false;
        }
        if (blank(p.serviceSelection())) {
            c.problem(path + ".serviceSelection", "required");
            ok = false;
        } else if (p.serviceSelection().length() > MAX_APN_LENGTH || !APN_NI.matcher(p.serviceSelection()).matches()) {
            c.problem(path + ".serviceSelection", "must be an APN Network Identifier (dot-separated labels of "
                    + "letters, digits and hyphens) or *");
            ok = false;
        }
        PdnType pdnType = pdnType(c, p.pdnType(), path + ".pdnType");
        ok &= pdnType != null;
        if (p.qci() == null || p.qci() < 1 || p.qci() > MAX_QCI) {
            c.problem(path + ".qci", "required, 1 to " + MAX_QCI);
            ok = false;
        }
        SeedDocument.Arp arp = p.arp();
        if (arp == null) {
            c.problem(path + ".arp", "required");
            ok = false;
        } else if (arp.priorityLevel() == null || arp.priorityLevel() < 1 || arp.priorityLevel() > 15) {
            c.problem(path + ".arp.priorityLevel", "required, 1 to 15");
            ok = false;
        }
        Ambr ambr = ambr(c, p.ambr(), path + ".ambr");
        ok &= p.ambr() == null || ambr != null;
        ok &= chargingCharacteristics(c, p.chargingCharacteristics(), path + ".chargingCharacteristics");
        if (!ok) {
            return null;
        }
        return new ApnProfile(p.id(), p.serviceSelection(), pdnType, p.qci(), arp.priorityLevel(),
                Boolean.TRUE.equals(arp.preemptionCapability()), !Boolean.FALSE.equals(arp.preemptionVulnerability()),
                ambr, Boolean.TRUE.equals(p.vplmnDynamicAddressAllowed()),
                p.chargingCharacteristics() == null ? null : p.chargingCharacteristics().toUpperCase(Locale.ROOT));
    }

    private static PdnType pdnType(Conversion c, String value, String path) {
        for (PdnType type : PdnType.values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        c.problem(path, value == null ? "required" : "must be one of " + Arrays.toString(PdnType.values()));
        return null;
    }

    /** An AMBR in bit/s (TS 29.272 7.3.41); null, with a problem, if absent or invalid. */
    static Ambr ambr(Conversion c, SeedDocument.Ambr ambr, String path) {
        if (ambr == null) {
            return null;
        }
        if (ambr.uplink() == null || ambr.uplink() < 0 || ambr.uplink() > 0xFFFFFFFFL) {
            c.problem(path + ".uplink", "required, 0 to 4294967295 bit/s");
            return null;
        }
        if (ambr.downlink() == null || ambr.downlink() < 0 || ambr.downlink() > 0xFFFFFFFFL) {
            c.problem(path + ".downlink", "required, 0 to 4294967295 bit/s");
            return null;
        }
        if (ambr.uplink() == 0 && ambr.downlink() == 0) {
            c.problem(path, "uplink and downlink may not both be 0");
            return null;
        }
        return new Ambr(ambr.uplink(), ambr.downlink());
    }

    /** 3GPP-Charging-Characteristics (TS 32.298 5.1.2.2.7): 4 hex digits, or absent. */
    static boolean chargingCharacteristics(Conversion c, String value, String path) {
        if (value != null && !HEX4.matcher(value).matches()) {
            c.problem(path, "must be 4 hex digits");
            return false;
        }
        return true;
    }
}
