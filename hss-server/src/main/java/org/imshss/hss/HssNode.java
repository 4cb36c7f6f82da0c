package org.imshss.hss;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.imshss.diameter.Application;
import org.imshss.diameter.MessageValidator;
import org.imshss.hss.auth.SequenceNumbers;
import org.imshss.hss.config.HssSettings;
import org.imshss.hss.cx.CxListener;
import org.imshss.hss.cx.CxUserData;
import org.imshss.hss.cx.LocationInfo;
import org.imshss.hss.cx.MultimediaAuth;
import org.imshss.hss.cx.PushProfile;
import org.imshss.hss.cx.RegistrationTermination;
import org.imshss.hss.cx.ServerAssignment;
import org.imshss.hss.cx.ServerSelection;
import org.imshss.hss.cx.UserAuthorization;
import org.imshss.hss.diameter.Answers;
import org.imshss.hss.diameter.DiameterServer;
import org.imshss.hss.diameter.LocalIdentity;
import org.imshss.hss.diameter.RequestSender;
import org.imshss.hss.sh.ShApplication;
import org.imshss.hss.userdata.CxUserDataWriter;
import org.imshss.hss.userdata.UserDataAssembler;
import org.imshss.provisioning.store.GridNode;
import org.imshss.provisioning.store.GridSettings;
import org.imshss.provisioning.store.IgniteShDataStore;
import org.imshss.provisioning.store.IgniteSubscriberStore;
import org.imshss.provisioning.store.RecordCodec;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.SubscriberData;
import org.imshss.provisioning.store.SubscriberStore;

/**
 * One HSS node: the grid node, the store over it, the Cx procedures and the Diameter server. All wiring
 * of the process happens here, in the constructor order below.
 */
public final class HssNode implements AutoCloseable {

    private final GridNode grid;
    private final SubscriberStore store;
    private final DiameterServer diameter;
    private final RegistrationTermination registrationTermination;
    private final PushProfile pushProfile;
    private final ShDataStore shStore;
    private final ShApplication sh;

    private HssNode(HssSettings settings, SubscriberData seed) throws Exception {
        grid = GridNode.start(gridSettings(settings.grid()));
        try {
            store = new IgniteSubscriberStore(grid.ignite(), RecordCodec.shared(),
                    settings.grid().decodedCacheEntries());
            if (seed != null) {
                store.load(seed);
            }
            Clock clock = Clock.systemUTC();
            HssSettings.CxSettings cx = settings.cx();
            LocalIdentity local = new LocalIdentity(settings.diameter().identity(), settings.diameter().realm());
            CxUserData userData = new CxUserData(new UserDataAssembler(store), new CxUserDataWriter(),
                    cx.sharedIfcSetsSupported());
            ServerSelection selection = new ServerSelection(store);
            CxListener cxListener = new CxListener(new Answers(local), new MessageValidator(),
                    new UserAuthorization(store, cx, selection, clock),
                    new ServerAssignment(store, cx, userData, clock),
                    new LocationInfo(store, selection),
                    new MultimediaAuth(store, cx, new SequenceNumbers(cx.sqnIndBits()), new SecureRandom(), clock,
                            settings.auth().sealer()));
            shStore = new IgniteShDataStore(grid.ignite());
            sh = new ShApplication(store, shStore, settings.sh(), cx.authPendingTimeout(), new Answers(local),
                    new MessageValidator(), clock);
            diameter = new DiameterServer(settings.diameter(),
                    Map.of(Application.CX, cxListener, Application.SH, sh.listener()));
            RequestSender sender = new RequestSender(diameter::sessionFactory, settings.diameter().requestTimeout());
            registrationTermination = new RegistrationTermination(store, sender);
            pushProfile = new PushProfile(store, userData, sender, registrationTermination);
            sh.startNotifications(sender);
            diameter.start();
        } catch (Exception | Error e) {
            grid.close();
            throw e;
        }
    }

    /** Starts a node; {@code seed} (may be null) is loaded into the store before Diameter starts listening. */
    public static HssNode start(HssSettings settings, SubscriberData seed) throws Exception {
        return new HssNode(settings, seed);
    }

    private static GridSettings gridSettings(HssSettings.GridConfig config) {
        GridSettings settings = GridSettings.defaults(config.instanceName())
                .withBindAddress(config.bindAddress())
                .withPorts(config.discoveryPort(), config.communicationPort())
                .withDiscoveryPortRange(config.discoveryPortRange())
                .withDiscoveryAddresses(config.discoveryAddresses())
                .withBackups(config.backups());
        return config.persistence()
                ? settings.withPersistence(config.workDirectory())
                : settings.withWorkDirectory(config.workDirectory());
    }

    public SubscriberStore store() {
        return store;
    }

    public RegistrationTermination registrationTermination() {
        return registrationTermination;
    }

    public PushProfile pushProfile() {
        return pushProfile;
    }

    public ShDataStore shStore() {
        return shStore;
    }

    public DiameterServer diameter() {
        return diameter;
    }

    @Override
    public void close() {
        sh.close();
        diameter.close();
        grid.close();
    }
}
