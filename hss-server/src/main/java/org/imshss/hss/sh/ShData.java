package org.imshss.hss.sh;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.imshss.provisioning.model.ApplicationServer;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.TriggerPoint;

/**
 * One Sh-Data document (TS 29.328 Annex D, ShDataType.xsd) being filled by the procedures, written with a
 * StringBuilder in the element order of the schema:
 * <pre>
 * Sh-Data: PublicIdentifiers? (IMSPublicIdentity*, MSISDN*), RepositoryData*,
 *          Sh-IMS-Data? (SCSCFName?, IFCs?, IMSUserState?, ChargingInformation?,
 *                        Extension? (PSIActivation?, Extension? (DSAI*))),
 *          Extension? (RegisteredIdentities?, ImplicitIdentities?, AllIdentities?, AliasIdentities?,
 *                      Extension? / Extension? / Extension? / Extension? (IMSPrivateUserIdentity*))
 * </pre>
 * Not thread-safe; one per request.
 */
final class ShData {

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    /** The order of the identity-set elements in tSh-Data-Extension. */
    private static final List<IdentitySet> SCHEMA_ORDER = List.of(IdentitySet.REGISTERED_IDENTITIES,
            IdentitySet.IMPLICIT_IDENTITIES, IdentitySet.ALL_IDENTITIES, IdentitySet.ALIAS_IDENTITIES);

    private List<String> publicIdentities;
    private final Map<IdentitySet, List<String>> identitySets = new EnumMap<>(IdentitySet.class);
    private final List<String> msisdns = new ArrayList<>();
    private final List<RepositoryData> repositoryData = new ArrayList<>();
    private final List<DeletedRepositoryData> deletedRepositoryData = new ArrayList<>();
    private boolean imsData;
    private String scscfName;
    private List<InitialFilterCriteria> ifcs;
    private Integer imsUserState;
    private ChargingInformation chargingInformation;
    private Integer psiActivation;
    private final List<DsaiValue> dsai = new ArrayList<>();
    private final List<String> privateIdentities = new ArrayList<>();

    void publicIdentities(List<String> identities) {
        publicIdentities = List.copyOf(identities);
    }

    void identitySet(IdentitySet set, List<String> identities) {
        identitySets.put(set, List.copyOf(identities));
    }

    void msisdn(String msisdn) {
        msisdns.add(msisdn);
    }

    void repositoryData(RepositoryData data) {
        repositoryData.add(data);
    }

    /** A RepositoryData element without ServiceData: the data was deleted (PNR, TS 29.328 6.1.4). */
    void deletedRepositoryData(String serviceIndication, int sequenceNumber) {
        deletedRepositoryData.add(new DeletedRepositoryData(serviceIndication, sequenceNumber));
    }

    void scscfName(String name) {
        imsData = true;
        scscfName = name;
    }

    void initialFilterCriteria(List<InitialFilterCriteria> criteria) {
        imsData = true;
        ifcs = List.copyOf(criteria);
    }

    void imsUserState(int state) {
        imsData = true;
        imsUserState = state;
    }

    void chargingInformation(ChargingInformation charging) {
        imsData = true;
        chargingInformation = charging;
    }

    void psiActivation(boolean active) {
        imsData = true;
        psiActivation = active ? 1 : 0;
    }

    /** One DSAI element; tDSAI-Value is 0 ACTIVE, 1 INACTIVE (TS 29.328 Annex D). */
    void dsai(String tag, boolean active) {
        imsData = true;
        dsai.add(new DsaiValue(tag, active ? 0 : 1));
    }

    void privateIdentities(List<String> impis) {
        privateIdentities.addAll(impis);
    }

    String toXml() {
        StringBuilder sb = new StringBuilder(512);
        sb.append(XML_DECLARATION).append("<Sh-Data>");
        if (publicIdentities != null || !msisdns.isEmpty()) {
            sb.append("<PublicIdentifiers>");
            publicIdentityList(sb, publicIdentities == null ? List.of() : publicIdentities);
            for (String msisdn : msisdns) {
                text(sb, "MSISDN", msisdn);
            }
            sb.append("</PublicIdentifiers>");
        }
        for (RepositoryData data : repositoryData) {
            sb.append("<RepositoryData>");
            text(sb, "ServiceIndication", data.serviceIndication());
            sb.append("<SequenceNumber>").append(data.sequenceNumber()).append("</SequenceNumber>");
            // ServiceData is stored as the AS sent it, already well-formed XML content (checked at PUR).
            sb.append("<ServiceData>").append(data.serviceData()).append("</ServiceData>");
            sb.append("</RepositoryData>");
        }
        for (DeletedRepositoryData data : deletedRepositoryData) {
            sb.append("<RepositoryData>");
            text(sb, "ServiceIndication", data.serviceIndication());
            sb.append("<SequenceNumber>").append(data.sequenceNumber()).append("</SequenceNumber>");
            sb.append("</RepositoryData>");
        }
        if (imsData) {
            imsData(sb);
        }
        if (!identitySets.isEmpty() || !privateIdentities.isEmpty()) {
            sb.append("<Extension>");
            for (IdentitySet set : SCHEMA_ORDER) {
                List<String> identities = identitySets.get(set);
                if (identities != null) {
                    sb.append('<').append(set.element()).append('>');
                    publicIdentityList(sb, identities);
                    sb.append("</").append(set.element()).append('>');
                }
            }
            if (!privateIdentities.isEmpty()) {
                // tSh-Data-Extension -> 2 -> 3 -> 4 -> 5, which holds IMSPrivateUserIdentity (Rel-12+).
                sb.append("<Extension><Extension><Extension><Extension>");
                for (String impi : privateIdentities) {
                    text(sb, "IMSPrivateUserIdentity", impi);
                }
                sb.append("</Extension></Extension></Extension></Extension>");
            }
            sb.append("</Extension>");
        }
        sb.append("</Sh-Data>");
        return sb.toString();
    }

    private static void publicIdentityList(StringBuilder sb, List<String> identities) {
        for (String identity : identities) {
            text(sb, "IMSPublicIdentity", identity);
        }
    }

    private void imsData(StringBuilder sb) {
        sb.append("<Sh-IMS-Data>");
        if (scscfName != null) {
            text(sb, "SCSCFName", scscfName);
        }
        if (ifcs != null && !ifcs.isEmpty()) {
            sb.append("<IFCs>");
            for (InitialFilterCriteria ifc : ifcs) {
                initialFilterCriteria(sb, ifc);
            }
            sb.append("</IFCs>");
        }
        if (imsUserState != null) {
            sb.append("<IMSUserState>").append((int) imsUserState).append("</IMSUserState>");
        }
        if (chargingInformation != null) {
            ChargingInformation c = chargingInformation;
            sb.append("<ChargingInformation>");
            optional(sb, "PrimaryEventChargingFunctionName", c.primaryEventChargingFunctionName());
            optional(sb, "SecondaryEventChargingFunctionName", c.secondaryEventChargingFunctionName());
            optional(sb, "PrimaryChargingCollectionFunctionName", c.primaryChargingCollectionFunctionName());
            optional(sb, "SecondaryChargingCollectionFunctionName", c.secondaryChargingCollectionFunctionName());
            sb.append("</ChargingInformation>");
        }
        if (psiActivation != null || !dsai.isEmpty()) {
            sb.append("<Extension>");
            if (psiActivation != null) {
                sb.append("<PSIActivation>").append((int) psiActivation).append("</PSIActivation>");
            }
            if (!dsai.isEmpty()) {
                // DSAI sits in tShIMSDataExtension2, the Extension after PSIActivation.
                sb.append("<Extension>");
                for (DsaiValue value : dsai) {
                    sb.append("<DSAI>");
                    text(sb, "DSAI-Tag", value.tag());
                    sb.append("<DSAI-Value>").append(value.value()).append("</DSAI-Value></DSAI>");
                }
                sb.append("</Extension>");
            }
            sb.append("</Extension>");
        }
        sb.append("</Sh-IMS-Data>");
    }

    /** The iFC structure is the one of TS 29.228 Annex B, as in Cx User-Data. */
    private static void initialFilterCriteria(StringBuilder sb, InitialFilterCriteria ifc) {
        sb.append("<InitialFilterCriteria><Priority>").append(ifc.priority()).append("</Priority>");
        TriggerPoint tp = ifc.triggerPoint();
        if (tp != null && !tp.spts().isEmpty()) {
            sb.append("<TriggerPoint><ConditionTypeCNF>").append(tp.conditionTypeCnf() ? '1' : '0')
                    .append("</ConditionTypeCNF>");
            for (ServicePointTrigger spt : tp.spts()) {
                spt(sb, spt);
            }
            sb.append("</TriggerPoint>");
        }
        ApplicationServer as = ifc.applicationServer();
        sb.append("<ApplicationServer>");
        text(sb, "ServerName", as.serverName());
        sb.append("<DefaultHandling>").append(as.defaultHandling()).append("</DefaultHandling>");
        optional(sb, "ServiceInfo", as.serviceInfo());
        sb.append("</ApplicationServer>");
        if (ifc.profilePartIndicator() != null) {
            sb.append("<ProfilePartIndicator>").append((int) ifc.profilePartIndicator())
                    .append("</ProfilePartIndicator>");
        }
        sb.append("</InitialFilterCriteria>");
    }

    private static void spt(StringBuilder sb, ServicePointTrigger spt) {
        sb.append("<SPT><ConditionNegated>").append(spt.conditionNegated() ? '1' : '0').append("</ConditionNegated>");
        for (Integer group : spt.groups()) {
            sb.append("<Group>").append((int) group).append("</Group>");
        }
        ServicePointTrigger.Condition condition = spt.condition();
        if (condition instanceof ServicePointTrigger.RequestUri uri) {
            text(sb, "RequestURI", uri.uri());
        } else if (condition instanceof ServicePointTrigger.Method method) {
            text(sb, "Method", method.method());
        } else if (condition instanceof ServicePointTrigger.SipHeader header) {
            sb.append("<SIPHeader>");
            text(sb, "Header", header.header());
            optional(sb, "Content", header.content());
            sb.append("</SIPHeader>");
        } else if (condition instanceof ServicePointTrigger.SessionCase sessionCase) {
            sb.append("<SessionCase>").append(sessionCase.value()).append("</SessionCase>");
        } else if (condition instanceof ServicePointTrigger.SessionDescription sdp) {
            sb.append("<SessionDescription>");
            text(sb, "Line", sdp.line());
            optional(sb, "Content", sdp.content());
            sb.append("</SessionDescription>");
        }
        sb.append("</SPT>");
    }

    private static void optional(StringBuilder sb, String element, String value) {
        if (value != null) {
            text(sb, element, value);
        }
    }

    private static void text(StringBuilder sb, String element, String value) {
        sb.append('<').append(element).append('>');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        sb.append("</").append(element).append('>');
    }

    private record DeletedRepositoryData(String serviceIndication, int sequenceNumber) {
    }

    private record DsaiValue(String tag, int value) {
    }
}
