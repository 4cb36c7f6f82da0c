package org.imshss.hss.userdata;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imshss.provisioning.model.ApplicationServer;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.ServicePointTrigger.Condition;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.TriggerPoint;

/**
 * Writes the Cx User-Data AVP content (TS 29.229 6.3.6): an IMSSubscription document as TS 29.228 Annex D/E
 * define it, restricted to what the Rel-7 CxDataType schema accepts, because Kamailio's S-CSCF validates
 * every SAA against that schema and drops the whole profile on any violation.
 *
 * <p>Runs on every SAR, so it appends straight into one pre-sized StringBuilder: no DOM, no reflection.
 * Output is compact (no indentation), UTF-8, without namespace (the Rel-7 schema has no target namespace).
 * Elements follow the schema's xs:sequence order; booleans are written 0/1.
 *
 * <p>What the Rel-7 schema forces:
 * <ul>
 * <li>IdentityType is restricted to 0..2, so a wildcarded IMPU (a Rel-8+ type) is written without
 *     IdentityType: its Identity carries the wildcard string and a Rel-7 S-CSCF sees a plain IMPU.</li>
 * <li>Rel-8+ public identity data (DisplayName, AliasIdentityGroupID) goes in PublicIdentity/Extension/Extension,
 *     typed tExtension (lax xs:any) in Rel-7, so it validates there.</li>
 * <li>IncludeRegisterRequest/IncludeRegisterResponse (Rel-9+) go as empty marker elements in
 *     ApplicationServer/Extension, also tExtension.</li>
 * <li>SessionCase is restricted to 0..3: ORIGINATING_CDIV (4) has no valid encoding, and dropping the SPT
 *     would silently change what the trigger point means, so it is rejected.</li>
 * <li>RegistrationType may occur at most twice: all three values together match every REGISTER, which is
 *     what an SPT without RegistrationType means (TS 29.228 Annex B.2.2), so that case is written without any.</li>
 * <li>PrivateID, Identity, WildcardedPSI and ServerName are xs:anyURI; values libxml2 rejects as anyURI are
 *     refused before sending.</li>
 * </ul>
 *
 * <p>Text content: {@code &}, {@code <} and {@code >} are escaped, CR is written as {@code &#13;} so that
 * parsers do not normalise it away, TAB and LF pass through. Characters XML 1.0 forbids (C0 controls other
 * than TAB/LF/CR, U+FFFE, U+FFFF, unpaired surrogates) are rejected, not dropped: silently altering a
 * regular expression in an SPT or an identity would change routing.
 *
 * <p>Every violation raises {@link UserDataException}; the caller answers DIAMETER_UNABLE_TO_COMPLY (5012).
 * Instances hold no state and may be shared between threads.
 */
public final class CxUserDataWriter {

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private static final int MAX_SESSION_CASE_REL7 = 3;
    private static final int REGISTRATION_TYPES_ALL = 0b111;

    /** The document as a string; encode it with UTF-8 (see {@link #writeUtf8}). */
    public String write(ImsSubscriptionDocument doc) {
        if (doc == null) {
            throw new UserDataException("no document");
        }
        List<ProfileSection> sections = doc.sections();
        if (sections.isEmpty()) {
            throw new UserDataException("IMSSubscription needs at least one ServiceProfile");
        }
        StringBuilder sb = new StringBuilder(estimate(doc));
        sb.append(XML_DECLARATION).append("<IMSSubscription>");
        uri(sb, "PrivateID", doc.privateId());
        for (int i = 0; i < sections.size(); i++) {
            serviceProfile(sb, sections.get(i));
        }
        sb.append("</IMSSubscription>");
        return sb.toString();
    }

    /** The User-Data AVP value (OctetString carrying UTF-8 XML, TS 29.229 6.3.6). */
    public byte[] writeUtf8(ImsSubscriptionDocument doc) {
        return write(doc).getBytes(StandardCharsets.UTF_8);
    }

    private static int estimate(ImsSubscriptionDocument doc) {
        // Generous per-element figures: one resize costs more than a few hundred spare chars.
        int size = 192;
        for (ProfileSection section : doc.sections()) {
            size += 64 + 256 * section.identities().size();
            for (InitialFilterCriteria ifc : section.ifcs()) {
                size += 384;
                TriggerPoint tp = ifc.triggerPoint();
                if (tp != null) {
                    size += 128 * tp.spts().size();
                }
            }
        }
        return size;
    }

    private static void serviceProfile(StringBuilder sb, ProfileSection section) {
        ServiceProfile profile = section.profile();
        if (profile == null) {
            throw new UserDataException("ServiceProfile section without profile");
        }
        List<PublicIdentity> identities = section.identities();
        if (identities.isEmpty()) {
            throw new UserDataException("ServiceProfile " + profile.id() + " needs at least one PublicIdentity");
        }
        sb.append("<ServiceProfile>");
        for (int i = 0; i < identities.size(); i++) {
            publicIdentity(sb, identities.get(i));
        }
        Integer mediaProfile = profile.subscribedMediaProfileId();
        if (mediaProfile != null) {
            sb.append("<CoreNetworkServicesAuthorization>");
            nonNegative(sb, "SubscribedMediaProfileId", mediaProfile);
            sb.append("</CoreNetworkServicesAuthorization>");
        }
        List<InitialFilterCriteria> ifcs = section.ifcs();
        for (int i = 0; i < ifcs.size(); i++) {
            initialFilterCriteria(sb, ifcs.get(i));
        }
        List<Integer> sharedSets = profile.sharedIfcSetIds();
        if (!sharedSets.isEmpty()) {
            sb.append("<Extension>");
            for (int i = 0; i < sharedSets.size(); i++) {
                nonNegative(sb, "SharedIFCSetID", sharedSets.get(i));
            }
            sb.append("</Extension>");
        }
        sb.append("</ServiceProfile>");
    }

    private static void publicIdentity(StringBuilder sb, PublicIdentity identity) {
        sb.append("<PublicIdentity>");
        // BarringIndication defaults to 0 (tPublicIdentity), so it is only written when it changes something.
        if (identity.barred()) {
            sb.append("<BarringIndication>1</BarringIndication>");
        }
        uri(sb, "Identity", identity.identity());
        IdentityType type = identity.type();
        String displayName = identity.displayName();
        String aliasGroup = identity.aliasGroupId();
        boolean rel7Type = type != null && type != IdentityType.WILDCARDED_IMPU;
        boolean inner = displayName != null || aliasGroup != null;
        if (rel7Type || inner) {
            sb.append("<Extension>");
            if (rel7Type) {
                sb.append("<IdentityType>").append(type.xmlValue()).append("</IdentityType>");
                if (type == IdentityType.WILDCARDED_PSI) {
                    uri(sb, "WildcardedPSI", identity.identity());
                }
            }
            if (inner) {
                sb.append("<Extension>");
                if (displayName != null) {
                    text(sb, "DisplayName", displayName);
                }
                if (aliasGroup != null) {
                    text(sb, "AliasIdentityGroupID", aliasGroup);
                }
                sb.append("</Extension>");
            }
            sb.append("</Extension>");
        }
        sb.append("</PublicIdentity>");
    }

    private static void initialFilterCriteria(StringBuilder sb, InitialFilterCriteria ifc) {
        sb.append("<InitialFilterCriteria>");
        nonNegative(sb, "Priority", ifc.priority());
        // An iFC without TriggerPoint applies unconditionally (TS 29.228 Annex B.2.2).
        if (ifc.triggerPoint() != null) {
            triggerPoint(sb, ifc.triggerPoint(), ifc.id());
        }
        applicationServer(sb, ifc.applicationServer(), ifc.id());
        Integer part = ifc.profilePartIndicator();
        if (part != null) {
            if (part != InitialFilterCriteria.PROFILE_PART_REGISTERED
                    && part != InitialFilterCriteria.PROFILE_PART_UNREGISTERED) {
                throw new UserDataException("iFC " + ifc.id() + ": ProfilePartIndicator " + part + " is not 0 or 1");
            }
            sb.append("<ProfilePartIndicator>").append((int) part).append("</ProfilePartIndicator>");
        }
        sb.append("</InitialFilterCriteria>");
    }

    private static void triggerPoint(StringBuilder sb, TriggerPoint tp, String ifcId) {
        List<ServicePointTrigger> spts = tp.spts();
        if (spts.isEmpty()) {
            throw new UserDataException("iFC " + ifcId + ": TriggerPoint needs at least one SPT");
        }
        sb.append("<TriggerPoint><ConditionTypeCNF>").append(tp.conditionTypeCnf() ? '1' : '0')
                .append("</ConditionTypeCNF>");
        for (int i = 0; i < spts.size(); i++) {
            spt(sb, spts.get(i), ifcId);
        }
        sb.append("</TriggerPoint>");
    }

    private static void spt(StringBuilder sb, ServicePointTrigger spt, String ifcId) {
        List<Integer> groups = spt.groups();
        if (groups.isEmpty()) {
            throw new UserDataException("iFC " + ifcId + ": SPT needs at least one Group");
        }
        sb.append("<SPT><ConditionNegated>").append(spt.conditionNegated() ? '1' : '0').append("</ConditionNegated>");
        for (int i = 0; i < groups.size(); i++) {
            nonNegative(sb, "Group", groups.get(i));
        }
        Condition condition = spt.condition();
        int registrationTypes = 0;
        if (condition instanceof ServicePointTrigger.RequestUri requestUri) {
            requiredText(sb, "RequestURI", requestUri.uri());
        } else if (condition instanceof ServicePointTrigger.Method method) {
            requiredText(sb, "Method", method.method());
            // RegistrationType only qualifies REGISTER (TS 29.228 Annex B.2.2); on other methods it means nothing.
            if ("REGISTER".equalsIgnoreCase(method.method())) {
                registrationTypes = registrationTypeMask(method.registrationTypes(), ifcId);
            }
        } else if (condition instanceof ServicePointTrigger.SipHeader header) {
            sb.append("<SIPHeader>");
            requiredText(sb, "Header", header.header());
            if (header.content() != null) {
                text(sb, "Content", header.content());
            }
            sb.append("</SIPHeader>");
        } else if (condition instanceof ServicePointTrigger.SessionCase sessionCase) {
            int value = sessionCase.value();
            if (value < 0 || value > MAX_SESSION_CASE_REL7) {
                throw new UserDataException("iFC " + ifcId + ": SessionCase " + value
                        + " cannot be expressed in the Rel-7 schema (0..3)");
            }
            sb.append("<SessionCase>").append(value).append("</SessionCase>");
        } else if (condition instanceof ServicePointTrigger.SessionDescription sdp) {
            sb.append("<SessionDescription>");
            requiredText(sb, "Line", sdp.line());
            if (sdp.content() != null) {
                text(sb, "Content", sdp.content());
            }
            sb.append("</SessionDescription>");
        } else {
            throw new UserDataException("iFC " + ifcId + ": SPT without condition");
        }
        if (registrationTypes != 0 && registrationTypes != REGISTRATION_TYPES_ALL) {
            sb.append("<Extension>");
            for (int value = 0; value <= 2; value++) {
                if ((registrationTypes & (1 << value)) != 0) {
                    sb.append("<RegistrationType>").append(value).append("</RegistrationType>");
                }
            }
            sb.append("</Extension>");
        }
        sb.append("</SPT>");
    }

    /** Bit n set for RegistrationType n; duplicates collapse. */
    private static int registrationTypeMask(List<Integer> types, String ifcId) {
        int mask = 0;
        for (int i = 0; i < types.size(); i++) {
            Integer type = types.get(i);
            if (type == null || type < 0 || type > 2) {
                throw new UserDataException("iFC " + ifcId + ": RegistrationType " + type + " is not 0, 1 or 2");
            }
            mask |= 1 << type;
        }
        return mask;
    }

    private static void applicationServer(StringBuilder sb, ApplicationServer as, String ifcId) {
        if (as == null) {
            throw new UserDataException("iFC " + ifcId + " has no ApplicationServer");
        }
        int handling = as.defaultHandling();
        if (handling != ApplicationServer.SESSION_CONTINUED && handling != ApplicationServer.SESSION_TERMINATED) {
            throw new UserDataException("iFC " + ifcId + ": DefaultHandling " + handling + " is not 0 or 1");
        }
        sb.append("<ApplicationServer>");
        uri(sb, "ServerName", as.serverName());
        sb.append("<DefaultHandling>").append(handling).append("</DefaultHandling>");
        if (as.serviceInfo() != null) {
            text(sb, "ServiceInfo", as.serviceInfo());
        }
        if (as.includeRegisterRequest() || as.includeRegisterResponse()) {
            sb.append("<Extension>");
            if (as.includeRegisterRequest()) {
                sb.append("<IncludeRegisterRequest/>");
            }
            if (as.includeRegisterResponse()) {
                sb.append("<IncludeRegisterResponse/>");
            }
            sb.append("</Extension>");
        }
        sb.append("</ApplicationServer>");
    }

    private static void nonNegative(StringBuilder sb, String element, Integer value) {
        if (value == null) {
            throw new UserDataException(element + " is missing");
        }
        nonNegative(sb, element, value.intValue());
    }

    /** tPriority, tGroupID, tSharedIFCSetID and tSubscribedMediaProfileId are all xs:int with minInclusive 0. */
    private static void nonNegative(StringBuilder sb, String element, int value) {
        if (value < 0) {
            throw new UserDataException(element + " " + value + " is negative");
        }
        sb.append('<').append(element).append('>').append(value).append("</").append(element).append('>');
    }

    /**
     * For the xs:anyURI-typed elements (tPrivateID, tIdentity, tSIP_URL, WildcardedPSI). libxml2, which
     * Kamailio validates with, checks anyURI with an RFC 3986 parser and rejects what Xerces lets through:
     * '[' or ']' outside a "//" authority (IPv6 literals in SIP URIs, regex bracket expressions in wildcards),
     * a second '#', and '%' not followed by two hex digits. One such value would make the S-CSCF drop the
     * whole profile, so it is refused here with a message naming the element.
     */
    private static void uri(StringBuilder sb, String element, String value) {
        if (value == null || value.isEmpty()) {
            throw new UserDataException(element + " is missing");
        }
        boolean authority = value.contains("://");
        boolean fragment = false;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean bad = switch (c) {
                case '[', ']' -> !authority;
                case '#' -> {
                    boolean second = fragment;
                    fragment = true;
                    yield second;
                }
                case '%' -> i + 2 >= length || !isHex(value.charAt(i + 1)) || !isHex(value.charAt(i + 2));
                default -> false;
            };
            if (bad) {
                throw new UserDataException(String.format(
                        "%s: '%c' at index %d makes it an invalid anyURI for the S-CSCF's schema validator",
                        element, c, i));
            }
        }
        text(sb, element, value);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** For mandatory string elements that are meaningless when empty. */
    private static void requiredText(StringBuilder sb, String element, String value) {
        if (value == null || value.isEmpty()) {
            throw new UserDataException(element + " is missing");
        }
        text(sb, element, value);
    }

    private static void text(StringBuilder sb, String element, String value) {
        sb.append('<').append(element).append('>');
        escape(sb, value, element);
        sb.append("</").append(element).append('>');
    }

    private static void escape(StringBuilder sb, String s, String element) {
        int length = s.length();
        int clean = 0;
        while (clean < length && isPlain(s.charAt(clean))) {
            clean++;
        }
        // Identities, server names and most SPT values need no escaping: copy them in one go.
        sb.append(s, 0, clean);
        for (int i = clean; i < length; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#13;");
                case '\t', '\n' -> sb.append(c);
                default -> {
                    if (c < 0x20 || c == '\uFFFE' || c == '\uFFFF') {
                        throw forbidden(element, c, i);
                    }
                    if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < length
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            throw forbidden(element, c, i);
                        }
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    private static boolean isPlain(char c) {
        return c >= 0x20 && c != '&' && c != '<' && c != '>' && c < 0xD800;
    }

    private static UserDataException forbidden(String element, char c, int index) {
        return new UserDataException(String.format("%s: character U+%04X at index %d is not allowed in XML 1.0",
                element, (int) c, index));
    }
}
