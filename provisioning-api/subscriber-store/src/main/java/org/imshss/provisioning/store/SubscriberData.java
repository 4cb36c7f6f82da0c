package org.imshss.provisioning.store;

import java.util.List;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.Dsai;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.SharedIfcSet;
import org.imshss.provisioning.model.Usim;

/**
 * A batch of subscriber data, as a seed file or a bulk import yields it; {@code dsai} are the Sh DSAI tags,
 * {@code usims} the subscribers' USIMs (each naming its subscription) and {@code apnProfiles} the shared APN profiles
 * they refer to.
 */
public record SubscriberData(
        List<ImsSubscription> subscriptions,
        List<PrivateIdentity> privateIdentities,
        List<PublicIdentity> publicIdentities,
        List<ImplicitRegistrationSet> implicitRegistrationSets,
        List<ServiceProfile> serviceProfiles,
        List<InitialFilterCriteria> initialFilterCriteria,
        List<SharedIfcSet> sharedIfcSets,
        List<ChargingInformation> chargingInformation,
        List<ScscfServer> scscfServers,
        List<ShApplicationServer> applicationServers,
        List<Dsai> dsai,
        List<Usim> usims,
        List<ApnProfile> apnProfiles) {

    public SubscriberData {
        subscriptions = List.copyOf(subscriptions);
        privateIdentities = List.copyOf(privateIdentities);
        publicIdentities = List.copyOf(publicIdentities);
        implicitRegistrationSets = List.copyOf(implicitRegistrationSets);
        serviceProfiles = List.copyOf(serviceProfiles);
        initialFilterCriteria = List.copyOf(initialFilterCriteria);
        sharedIfcSets = List.copyOf(sharedIfcSets);
        chargingInformation = List.copyOf(chargingInformation);
        scscfServers = List.copyOf(scscfServers);
        applicationServers = List.copyOf(applicationServers);
        dsai = List.copyOf(dsai);
        usims = List.copyOf(usims);
        apnProfiles = List.copyOf(apnProfiles);
    }

    /** Without EPS data. */
    public SubscriberData(List<ImsSubscription> subscriptions, List<PrivateIdentity> privateIdentities,
            List<PublicIdentity> publicIdentities, List<ImplicitRegistrationSet> implicitRegistrationSets,
            List<ServiceProfile> serviceProfiles, List<InitialFilterCriteria> initialFilterCriteria,
            List<SharedIfcSet> sharedIfcSets, List<ChargingInformation> chargingInformation,
            List<ScscfServer> scscfServers, List<ShApplicationServer> applicationServers, List<Dsai> dsai) {
        this(subscriptions, privateIdentities, publicIdentities, implicitRegistrationSets, serviceProfiles,
                initialFilterCriteria, sharedIfcSets, chargingInformation, scscfServers, applicationServers, dsai,
                List.of(), List.of());
    }

    /** Without DSAI tags. */
    public SubscriberData(List<ImsSubscription> subscriptions, List<PrivateIdentity> privateIdentities,
            List<PublicIdentity> publicIdentities, List<ImplicitRegistrationSet> implicitRegistrationSets,
            List<ServiceProfile> serviceProfiles, List<InitialFilterCriteria> initialFilterCriteria,
            List<SharedIfcSet> sharedIfcSets, List<ChargingInformation> chargingInformation,
            List<ScscfServer> scscfServers, List<ShApplicationServer> applicationServers) {
        this(subscriptions, privateIdentities, publicIdentities, implicitRegistrationSets, serviceProfiles,
                initialFilterCriteria, sharedIfcSets, chargingInformation, scscfServers, applicationServers, List.of());
    }

    /** Without Sh application servers. */
    public SubscriberData(List<ImsSubscription> subscriptions, List<PrivateIdentity> privateIdentities,
            List<PublicIdentity> publicIdentities, List<ImplicitRegistrationSet> implicitRegistrationSets,
            List<ServiceProfile> serviceProfiles, List<InitialFilterCriteria> initialFilterCriteria,
            List<SharedIfcSet> sharedIfcSets, List<ChargingInformation> chargingInformation,
            List<ScscfServer> scscfServers) {
        this(subscriptions, privateIdentities, publicIdentities, implicitRegistrationSets, serviceProfiles,
                initialFilterCriteria, sharedIfcSets, chargingInformation, scscfServers, List.of());
    }
}
