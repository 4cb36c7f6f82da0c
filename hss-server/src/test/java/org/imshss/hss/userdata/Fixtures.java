package org.imshss.hss.userdata;

import java.util.List;
import org.imshss.provisioning.model.ApplicationServer;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServicePointTrigger;
import org.imshss.provisioning.model.ServicePointTrigger.Condition;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.TriggerPoint;

/** Domain objects shaped like the seed subscribers. */
final class Fixtures {

    static final String ALICE_IMPI = "alice@ims.example.org";
    static final String ALICE_SIP = "sip:alice@ims.example.org";
    static final String ALICE_TEL = "tel:+15551230001";
    static final String AS = "sip:as.ims.example.org:5070";

    private Fixtures() {
    }

    static PublicIdentity identity(String id, IdentityType type, String setId, String profileId) {
        return identity(id, type, setId, profileId, false, null, null);
    }

    static PublicIdentity identity(String id, IdentityType type, String setId, String profileId,
            boolean barred, String displayName, String aliasGroupId) {
        return new PublicIdentity(id, type, "sub-" + setId, setId, profileId, barred, displayName, aliasGroupId,
                type.isPsi(), null, List.of(ALICE_IMPI));
    }

    static PublicIdentity impu(String id, String profileId) {
        return identity(id, IdentityType.PUBLIC_USER_IDENTITY, "set-alice", profileId);
    }

    static ServicePointTrigger spt(boolean negated, List<Integer> groups, Condition condition) {
        return new ServicePointTrigger(negated, groups, condition);
    }

    static ApplicationServer as(String serverName) {
        return new ApplicationServer(serverName, ApplicationServer.SESSION_CONTINUED, null, false, false);
    }

    static InitialFilterCriteria ifc(String id, int priority, TriggerPoint tp, ApplicationServer as, Integer part) {
        return new InitialFilterCriteria(id, priority, tp, as, part);
    }

    /** INVITE AND (originating-registered OR originating-unregistered), CNF. */
    static InitialFilterCriteria aliceIfc() {
        TriggerPoint tp = new TriggerPoint(true, List.of(
                spt(false, List.of(0), new ServicePointTrigger.Method("INVITE", List.of())),
                spt(false, List.of(1), new ServicePointTrigger.SessionCase(0)),
                spt(false, List.of(1), new ServicePointTrigger.SessionCase(3))));
        return ifc("ifc-alice", 10, tp, as(AS), null);
    }

    static ServiceProfile profile(String id, List<String> ifcIds, List<Integer> sharedSets, Integer mediaProfile) {
        return new ServiceProfile(id, ifcIds, sharedSets, mediaProfile);
    }

    static ProfileSection section(ServiceProfile profile, List<PublicIdentity> identities, List<InitialFilterCriteria> ifcs) {
        return new ProfileSection(profile, identities, ifcs);
    }

    /** One profile, the given identities and iFCs. */
    static ImsSubscriptionDocument doc(List<PublicIdentity> identities, List<InitialFilterCriteria> ifcs) {
        ServiceProfile profile = profile("sp-alice", ifcs.stream().map(InitialFilterCriteria::id).toList(), List.of(), null);
        return new ImsSubscriptionDocument(ALICE_IMPI, List.of(section(profile, identities, ifcs)));
    }

    /** One profile, Alice's SIP identity, the given iFCs. */
    static ImsSubscriptionDocument docWithIfcs(InitialFilterCriteria... ifcs) {
        return doc(List.of(impu(ALICE_SIP, "sp-alice")), List.of(ifcs));
    }
}
