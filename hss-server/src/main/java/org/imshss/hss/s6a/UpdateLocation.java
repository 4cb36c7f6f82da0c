package org.imshss.hss.s6a;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.model.EpsRegistration.ServingNode;
import org.imshss.provisioning.model.EpsSubscription;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.EpsDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Update-Location procedure, HSS side (TS 29.272 5.2.1.1.3): checks the subscription, makes the requesting MME
 * (S6a) or SGSN (S6d) the serving one in one atomic change, has the node it replaced cancelled (CLR, not waited
 * for), and answers with the subscription data.
 */
public final class UpdateLocation {

    private static final Logger log = LoggerFactory.getLogger(UpdateLocation.class);

    /** RAT-Type (TS 29.212 5.3.31) to the Access-Restriction-Data bit (7.3.31) that forbids it. */
    private static final Map<String, Long> RESTRICTION_BY_RAT = Map.of(
            "UTRAN", EpsSubscription.UTRAN_NOT_ALLOWED,
            "GERAN", EpsSubscription.GERAN_NOT_ALLOWED,
            "GAN", 1L << 2,
            "HSPA_EVOLUTION", 1L << 3,
            "EUTRAN", EpsSubscription.E_UTRAN_NOT_ALLOWED,
            "EUTRAN-NB-IoT", 1L << 6,
            "LTE-M", 1L << 11);

    private final EpsDataStore store;
    private final CancelLocation cancelLocation;
    private final Clock clock;

    public UpdateLocation(EpsDataStore store, CancelLocation cancelLocation, Clock clock) {
        this.store = store;
        this.cancelLocation = cancelLocation;
        this.clock = clock;
    }

    public UpdateLocationAnswer handle(UpdateLocationRequest request) {
        Optional<Usim> usim = store.usim(request.imsi());
        if (usim.isEmpty()) {
            return UpdateLocationAnswer.failed(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        EpsSubscription eps = usim.get().eps();
        boolean s6a = request.flag(UpdateLocationRequest.S6A);
        // An MME needs an APN configuration; an SGSN may serve with GPRS data alone.
        if (eps == null || s6a && eps.apns().isEmpty()) {
            return UpdateLocationAnswer.failed(ResultCode.DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION);
        }
        Long restriction = RESTRICTION_BY_RAT.get(request.ratType());
        if (restriction != null && (eps.accessRestrictionData() & restriction) != 0) {
            return UpdateLocationAnswer.failed(ResultCode.DIAMETER_ERROR_RAT_NOT_ALLOWED);
        }
        if (!eps.allowsPlmn(request.visitedPlmn())) {
            return UpdateLocationAnswer.failed(ResultCode.DIAMETER_ERROR_ROAMING_NOT_ALLOWED);
        }
        Optional<EpsProfile> profile = EpsProfile.resolve(request.imsi(), eps, store);
        if (profile.isEmpty()) {
            log.warn("ULR for {}: an APN configuration names an APN profile that does not exist", request.imsi());
            return UpdateLocationAnswer.failed(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        ServingNode node = new ServingNode(request.originHost(), request.originRealm(), request.visitedPlmn(),
                request.ratType(), request.imei(), request.softwareVersion(), request.srvccSupported(),
                clock.millis(), profile.get().version());
        EpsRegistrationChanges.Located located = store.updateRegistration(request.imsi(),
                new EpsRegistrationChanges.UpdateLocation(node, s6a,
                        request.flag(UpdateLocationRequest.INITIAL_ATTACH),
                        request.flag(UpdateLocationRequest.SINGLE_REGISTRATION)));
        for (EpsRegistrationChanges.Cancel cancel : located.cancels()) {
            cancelLocation.cancel(request.imsi(), cancel.node(), cancel.mme(), cancel.type(), false);
        }
        boolean skip = located.unchanged() && request.flag(UpdateLocationRequest.SKIP_SUBSCRIBER_DATA);
        return new UpdateLocationAnswer(ResultCode.DIAMETER_SUCCESS, skip ? null : profile.get(),
                UpdateLocationAnswer.SEPARATION_INDICATION);
    }
}
