package org.imshss.hss;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import org.imshss.hss.auth.SequenceNumbers;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.cx.CxMessages;
import org.imshss.hss.cx.CxUserData;
import org.imshss.hss.cx.LocationInfo;
import org.imshss.hss.cx.MultimediaAuth;
import org.imshss.hss.cx.RegistrationTermination;
import org.imshss.hss.cx.ServerAssignment;
import org.imshss.hss.cx.ServerSelection;
import org.imshss.hss.cx.UserAuthorization;
import org.imshss.hss.s6a.AuthenticationInformation;
import org.imshss.hss.s6a.CancelLocation;
import org.imshss.hss.s6a.Notify;
import org.imshss.hss.s6a.PurgeUe;
import org.imshss.hss.s6a.S6aMessages;
import org.imshss.hss.s6a.SubscriptionDataWriter;
import org.imshss.hss.s6a.UpdateLocation;
import org.imshss.hss.sh.DsaiIfcMask;
import org.imshss.hss.sh.ShApplication;
import org.imshss.hss.swx.Authentication;
import org.imshss.hss.swx.Registration;
import org.imshss.hss.swx.SwxMessages;
import org.imshss.hss.userdata.CxUserDataWriter;
import org.imshss.hss.userdata.UserDataAssembler;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.node.diameter.RequestSender;
import org.imshss.provisioning.model.Keyring;
import org.imshss.provisioning.store.IgniteEpsStore;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.IgniteSubscriberStore;

/**
 * The Cx, Sh, S6a and SWx procedures over one set of stores, wired once: what the node serves, and (over a throwaway
 * store) what its warm-up drives, so that both run the same code. Closing it stops the Sh workers.
 *
 * @param diameter the applications a Diameter server serves, each guarded as the node requires
 * @param sh the Sh application, whose notifications the node starts
 * @param userData the Cx User-Data of a subscriber (PPR)
 * @param registrationTermination RTR (also sent by MAR when a new S-CSCF replaces one, TS 29.228 8.1.1)
 * @param cancelLocation CLR (sent by ULR when another MME takes the UE)
 * @param subscriptionData the S6a Subscription-Data (ULA, IDR)
 */
public record HssApplications(List<DiameterApplication> diameter, ShApplication sh, CxUserData userData,
        RegistrationTermination registrationTermination, CancelLocation cancelLocation,
        SubscriptionDataWriter subscriptionData) implements AutoCloseable {

    /**
     * @param sender where the procedures' own requests (RTR, CLR) leave
     * @param guard wraps each application (the node's write-quorum guard), or leaves it as it is
     */
    public static HssApplications wire(HssSettings settings, IgniteSubscriberStore store, ShDataStore shStore,
            Keyring keyring, RequestSender sender, Clock clock, UnaryOperator<DiameterApplication> guard) {
        HssSettings.CxSettings cxSettings = settings.cx();
        IgniteEpsStore epsStore = store.eps();
        CxUserData userData = new CxUserData(new UserDataAssembler(store, new DsaiIfcMask(shStore)),
                new CxUserDataWriter(), cxSettings.sharedIfcSetsSupported());
        ServerSelection selection = new ServerSelection(store);
        RegistrationTermination registrationTermination = new RegistrationTermination(store, sender);
        // One SQN_HE per USIM for Cx, S6a and SWx: the same SequenceNumbers (IND length) and random source.
        SequenceNumbers sequenceNumbers = new SequenceNumbers(cxSettings.sqnIndBits());
        SecureRandom random = new SecureRandom();
        CxMessages cx = new CxMessages(
                new UserAuthorization(store, cxSettings, selection, clock),
                new ServerAssignment(store, cxSettings, userData, clock),
                new LocationInfo(store, selection),
                new MultimediaAuth(store, epsStore, cxSettings, sequenceNumbers, random, clock, keyring,
                        registrationTermination::cancelReplaced));
        ShApplication sh = new ShApplication(store, shStore, settings.sh(), cxSettings.authPendingTimeout(), clock);
        CancelLocation cancelLocation = new CancelLocation(sender);
        SubscriptionDataWriter subscriptionData = new SubscriptionDataWriter();
        HssSettings.S6aSettings s6a = settings.s6a();
        S6aMessages s6aMessages = new S6aMessages(
                new UpdateLocation(epsStore, cancelLocation, clock),
                new PurgeUe(epsStore),
                new Notify(epsStore),
                subscriptionData,
                new AuthenticationInformation(epsStore, store, s6a, sequenceNumbers, random, keyring));
        // s6a.max-vectors caps SWx MAAs too.
        SwxMessages swx = new SwxMessages(
                new Authentication(epsStore, store, s6a.maxVectors(), sequenceNumbers, random, keyring, clock),
                new Registration(epsStore, clock));
        return new HssApplications(
                List.of(guard.apply(cx.application()), guard.apply(sh.application()),
                        guard.apply(s6aMessages.application()), guard.apply(swx.application())),
                sh, userData, registrationTermination, cancelLocation, subscriptionData);
    }

    @Override
    public void close() {
        sh.close();
    }
}
