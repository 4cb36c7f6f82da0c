package org.imshss.provisioning.store;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.imshss.provisioning.model.AaaRegistration;
import org.imshss.provisioning.model.ApnProfile;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.Usim;

/**
 * The EPS side of the subscriber data (S6a/S6d, TS 29.272; SWx, TS 29.273): USIMs by IMSI, the APN profiles they
 * refer to, the EPS registration (serving MME and SGSN) and the SWx registration (3GPP AAA server) of each USIM.
 * The SQN of a USIM is kept with the private identities' ({@link SubscriberStore#updateSequence} under
 * {@link Usim#sequenceKey}), so one allocation serves S6a, SWx and Cx.
 */
public interface EpsDataStore {

    Optional<Usim> usim(String imsi);

    /**
     * USIMs in ascending IMSI order, those whose IMSI starts with {@code prefix} (null: all), strictly after
     * {@code after}, at most {@code limit}.
     */
    List<Usim> usims(String prefix, String after, int limit);

    Optional<ApnProfile> apnProfile(String id);

    List<ApnProfile> apnProfiles();

    void putApnProfile(ApnProfile profile);

    boolean removeApnProfile(String id);

    /** Writes a USIM record as it is; whole subscribers are written through the provisioning store's claims. */
    void putUsim(Usim usim);

    boolean removeUsim(String imsi);

    /** Never null: {@link EpsRegistration#NONE} when nothing is stored. */
    EpsRegistration registration(String imsi);

    /** Applies the update in one atomic grid operation (run again on node loss: updates must be idempotent). */
    <R extends Serializable> R updateRegistration(String imsi, RecordUpdate<EpsRegistration, R> update);

    /** The USIM's 3GPP AAA server on SWx, or empty when none is stored. */
    Optional<AaaRegistration> aaaRegistration(String imsi);

    /** Applies the update in one atomic grid operation (run again on node loss: updates must be idempotent). */
    <R extends Serializable> R updateAaaRegistration(String imsi, RecordUpdate<AaaRegistration, R> update);

    /** IMSIs whose EPS subscription refers to one of these APN profiles, for IDR after a profile change. */
    List<String> usimsWithApnProfile(String apnProfileId);
}
