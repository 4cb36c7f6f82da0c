package org.imshss.provisioning.store;

import java.util.Optional;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.Usim;

/**
 * The records of a subscriber a whole-subscriber write reads before it replaces them. The store's own reads may
 * answer from this node's decoded copies, which a write through another node reaches only when its change notice
 * arrives; a write must compare with and release what the grid holds.
 */
public interface SubscriberRecords {

    Optional<PrivateIdentity> privateIdentity(String impi);

    Optional<PublicIdentity> publicIdentity(String identity);

    Optional<ImplicitRegistrationSet> implicitRegistrationSet(String id);

    Optional<Usim> usim(String imsi);
}
