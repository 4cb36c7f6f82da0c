package org.imshss.hss.sh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imshss.hss.sh.Sh.AS1;
import static org.imshss.hss.sh.Sh.AS1_NAME;
import static org.imshss.hss.sh.Sh.DAVE;
import static org.imshss.hss.sh.Sh.DAVE_TEL;
import static org.imshss.hss.sh.Sh.DAVE_WORK;
import static org.imshss.hss.sh.Sh.assertResult;
import static org.imshss.hss.sh.Sh.shData;
import static org.imshss.hss.sh.Sh.xpath;
import static org.imshss.hss.sh.Sh.xpathAll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.TestHss;
import org.imshss.provisioning.model.ApplicationServer;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.IdentityType;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.store.SubscriberStore;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Provisioning changes made through the subscriber store reach a subscribed AS as PNR within a second, with the
 * Sh-Data of the subscribed Data-Reference as it is after the change (TS 29.328 6.1.4).
 */
class ShProvisioningNotificationIT {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    private static TestHss hss;
    private static DiameterTestPeer as1;
    private static SubscriberStore store;

    @BeforeAll
    static void start() throws Exception {
        hss = TestHss.start();
        Sh.seed(hss);
        store = hss.node().store();
        as1 = DiameterTestPeer.connect(Application.SH, AS1, TestHss.REALM, TestHss.freePort(), TestHss.HOST,
                hss.port());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {as1, hss}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @BeforeEach
    void noSubscriptions() throws Exception {
        for (String reference : List.of("InitialFilterCriteria", "ChargingInformation", "MSISDN",
                "IMSPublicIdentity")) {
            Sh.snr(as1, DAVE, false, List.of(), null, false, false, reference);
        }
        Sh.drain(as1);
    }

    @Test
    void ifcChangesReachTheAsTheyPointAt() throws Exception {
        subscribe("InitialFilterCriteria");
        InitialFilterCriteria invite = store.initialFilterCriteria("sh-as1-invite").orElseThrow();
        long start = System.nanoTime();
        store.putInitialFilterCriteria(new InitialFilterCriteria(invite.id(), 6, invite.triggerPoint(),
                invite.applicationServer(), invite.profilePartIndicator()));
        Document pnr = shData(pnrWithin(start).getAvps());
        assertThat(xpathAll(pnr, "/Sh-Data/Sh-IMS-Data/IFCs/InitialFilterCriteria/Priority")).containsExactly("3", "6");
        assertThat(xpathAll(pnr, "//ApplicationServer/ServerName")).containsOnly(AS1_NAME);

        // An iFC of another AS is none of as1's business.
        InitialFilterCriteria other = store.initialFilterCriteria("sh-other").orElseThrow();
        store.putInitialFilterCriteria(new InitialFilterCriteria(other.id(), 8, other.triggerPoint(),
                other.applicationServer(), other.profilePartIndicator()));
        assertThat(as1.nextReceived(400, TimeUnit.MILLISECONDS)).isNull();

        // An iFC moved away from as1 leaves only the other one.
        store.putInitialFilterCriteria(new InitialFilterCriteria(invite.id(), 6, invite.triggerPoint(),
                new ApplicationServer("sip:elsewhere.ims.example.org", 0, null, false, false), null));
        Document moved = shData(Sh.nextPnr(as1).getAvps());
        assertThat(xpathAll(moved, "//IFCs/InitialFilterCriteria/Priority")).containsExactly("3");
        store.putInitialFilterCriteria(invite);
        Sh.nextPnr(as1);
    }

    @Test
    void profileChangesAreNotifiedWithTheIfcsOfTheAs() throws Exception {
        subscribe("InitialFilterCriteria");
        ServiceProfile profile = store.serviceProfile("sh-profile").orElseThrow();
        List<String> fewer = new ArrayList<>(profile.ifcIds());
        fewer.remove("sh-as1-message");
        long start = System.nanoTime();
        store.putServiceProfile(new ServiceProfile(profile.id(), fewer, profile.sharedIfcSetIds(),
                profile.subscribedMediaProfileId()));
        Document pnr = shData(pnrWithin(start).getAvps());
        assertThat(xpathAll(pnr, "//IFCs/InitialFilterCriteria/Priority")).containsExactly("5");
        store.putServiceProfile(profile);
        assertThat(xpathAll(shData(Sh.nextPnr(as1).getAvps()), "//InitialFilterCriteria/Priority"))
                .containsExactly("3", "5");
    }

    @Test
    void sharedIfcSetChangesReachTheAsTheirIfcsPointAt() throws Exception {
        subscribe("InitialFilterCriteria");
        store.putInitialFilterCriteria(new InitialFilterCriteria("sh-shared-as1", 9, null,
                new ApplicationServer(AS1_NAME, 0, null, false, false), null));
        store.putSharedIfcSet(new SharedIfcSet(41, "sh-shared", List.of()));
        ServiceProfile profile = store.serviceProfile("sh-profile").orElseThrow();
        store.putServiceProfile(new ServiceProfile(profile.id(), profile.ifcIds(), List.of(41),
                profile.subscribedMediaProfileId()));
        // The empty set adds no iFC of as1.
        assertThat(as1.nextReceived(400, TimeUnit.MILLISECONDS)).isNull();

        long start = System.nanoTime();
        store.putSharedIfcSet(new SharedIfcSet(41, "sh-shared", List.of("sh-shared-as1")));
        Document added = shData(pnrWithin(start).getAvps());
        assertThat(xpathAll(added, "/Sh-Data/Sh-IMS-Data/IFCs/InitialFilterCriteria/Priority"))
                .containsExactly("3", "5", "9");

        // An iFC of another AS joining the set changes nothing for as1.
        store.putSharedIfcSet(new SharedIfcSet(41, "sh-shared", List.of("sh-shared-as1", "sh-other")));
        assertThat(as1.nextReceived(400, TimeUnit.MILLISECONDS)).isNull();

        store.putSharedIfcSet(new SharedIfcSet(41, "sh-shared", List.of("sh-other")));
        assertThat(xpathAll(shData(Sh.nextPnr(as1).getAvps()), "//IFCs/InitialFilterCriteria/Priority"))
                .containsExactly("3", "5");
        store.putServiceProfile(profile);
        Sh.drain(as1);
    }

    @Test
    void chargingInformationChanges() throws Exception {
        subscribe("ChargingInformation");
        ChargingInformation charging = store.chargingInformation("sh-charging").orElseThrow();
        long start = System.nanoTime();
        store.putChargingInformation(new ChargingInformation(charging.id(), "aaa://ecf2.sh.ims.example.org:3868",
                null, charging.primaryChargingCollectionFunctionName(), null));
        Document pnr = shData(pnrWithin(start).getAvps());
        assertThat(xpath(pnr, "/Sh-Data/Sh-IMS-Data/ChargingInformation/PrimaryEventChargingFunctionName"))
                .isEqualTo("aaa://ecf2.sh.ims.example.org:3868");
        assertThat(xpath(pnr, "//PrimaryChargingCollectionFunctionName"))
                .isEqualTo("aaa://ccf.sh.ims.example.org:3868");
        store.putChargingInformation(charging);
        Sh.nextPnr(as1);
    }

    @Test
    void msisdnChanges() throws Exception {
        subscribe("MSISDN");
        PublicIdentity dave = store.publicIdentity(DAVE).orElseThrow();
        long start = System.nanoTime();
        store.putPublicIdentity(withMsisdn(dave, "15550299"));
        Document pnr = shData(pnrWithin(start).getAvps());
        assertThat(xpathAll(pnr, "/Sh-Data/PublicIdentifiers/MSISDN")).containsExactly("15550299");
        store.putPublicIdentity(dave);
        Sh.nextPnr(as1);
    }

    @Test
    void identitySetChanges() throws Exception {
        Sh.snr(as1, DAVE, AS1_NAME, List.of(), List.of("ALL_IDENTITIES"), true, List.of(), null, false, false,
                "IMSPublicIdentity");
        Sh.drain(as1);
        PublicIdentity work = store.publicIdentity(DAVE_WORK).orElseThrow();
        PrivateIdentity impi = store.privateIdentity("dave@ims.example.org").orElseThrow();
        String added = "sip:dave.new@ims.example.org";
        long start = System.nanoTime();
        store.putPublicIdentity(new PublicIdentity(added, IdentityType.PUBLIC_USER_IDENTITY, work.subscriptionId(),
                work.implicitSetId(), work.serviceProfileId(), false, null, null, false, null,
                List.of(impi.impi())));
        List<String> identities = new ArrayList<>(impi.publicIdentities());
        identities.add(added);
        store.putPrivateIdentity(new PrivateIdentity(impi.impi(), impi.subscriptionId(), identities, impi.auth()));
        Request pnr = pnrWithin(start);
        assertThat(Avps.grouped(pnr.getAvps(), Avp.USER_IDENTITY).flatMap(u -> Avps.utf8(u, Avp.PUBLIC_IDENTITY)))
                .contains(DAVE);
        // The PNR may have been built between the two writes; the last one has the new identity.
        Document doc = shData(pnr.getAvps());
        Request later;
        while ((later = as1.nextReceived(300, TimeUnit.MILLISECONDS)) != null) {
            doc = shData(later.getAvps());
        }
        assertThat(xpathAll(doc, "/Sh-Data/PublicIdentifiers/IMSPublicIdentity"))
                .containsExactly(DAVE, DAVE_TEL, DAVE_WORK, added);
    }

    private static void subscribe(String reference) throws Exception {
        assertResult(Sh.snr(as1, DAVE, true, List.of(), null, false, false, reference), ResultCode.DIAMETER_SUCCESS);
        Sh.drain(as1);
    }

    private static Request pnrWithin(long startNanos) throws InterruptedException {
        Request pnr = Sh.nextPnr(as1);
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(WITHIN);
        return pnr;
    }

    private static PublicIdentity withMsisdn(PublicIdentity p, String msisdn) {
        return new PublicIdentity(p.identity(), p.type(), p.subscriptionId(), p.implicitSetId(),
                p.serviceProfileId(), p.barred(), p.displayName(), p.aliasGroupId(), p.psiActivated(),
                p.psiAsName(), p.privateIdentities(), msisdn);
    }
}
