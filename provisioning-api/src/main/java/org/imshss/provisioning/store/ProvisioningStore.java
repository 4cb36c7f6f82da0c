package org.imshss.provisioning.store;

import java.util.List;
import java.util.Set;
import org.imshss.provisioning.model.ChargingInformation;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ServiceProfile;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.SharedIfcSet;

/**
 * What provisioning needs beyond the lookups of the network procedures: removal and listing. Listing scans
 * the grid, so it serves administration, never a Diameter request.
 */
public interface ProvisioningStore extends SubscriberStore {

    /** Removes the subscription record only; its identities are removed one by one. */
    boolean removeSubscription(String id);

    /** Removes a private identity and its authentication sequence. */
    boolean removePrivateIdentity(String impi);

    /** Removes a distinct identity (any spelling that normalises to it) or a wildcard, and its MSISDN entry. */
    boolean removePublicIdentity(String identity);

    boolean removeImplicitRegistrationSet(String id);

    void removeRegistration(String subscriptionId);

    boolean removeServiceProfile(String id);

    boolean removeInitialFilterCriteria(String id);

    boolean removeSharedIfcSet(int id);

    boolean removeChargingInformation(String id);

    boolean removeScscfServer(String name);

    /**
     * Subscription ids in ascending order, those starting with {@code prefix} (null: all), strictly after
     * {@code after} (null: from the first), at most {@code limit}.
     */
    List<String> subscriptionIds(String prefix, String after, int limit);

    List<ServiceProfile> serviceProfiles();

    List<InitialFilterCriteria> initialFilterCriteria();

    List<SharedIfcSet> sharedIfcSets();

    List<ChargingInformation> chargingInformation();

    List<ShApplicationServer> applicationServers();

    boolean removeApplicationServer(String diameterHost);

    /** Public identities (distinct and wildcarded) whose service profile is one of these. */
    List<PublicIdentity> publicIdentitiesWithProfiles(Set<String> serviceProfileIds);

    /** Ids of the subscriptions that use this charging information. */
    List<String> subscriptionsWithCharging(String chargingInformationId);
}
