package org.imshss.hss.swx;

import java.time.Clock;
import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.cx.ServerAssignmentType;
import org.imshss.provisioning.model.Non3gppSubscription;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.store.EpsDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS side of the SWx registration procedure, TS 29.273 8.1.2.2.2 (Server-Assignment-Request from the 3GPP AAA
 * server): registration with the user's non-3GPP profile, profile download, and de-registration.
 *
 * <p>By Server-Assignment-Type:
 * <ul>
 *   <li>REGISTRATION: the sender becomes the USIM's registered AAA server (one atomic change; another registered
 *       server is DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED with its name), answered with Non-3GPP-User-Data.</li>
 *   <li>AAA_USER_DATA_REQUEST: Non-3GPP-User-Data only, nothing written.</li>
 *   <li>USER_DEREGISTRATION, ADMINISTRATIVE_DEREGISTRATION, AUTHENTICATION_FAILURE, AUTHENTICATION_TIMEOUT: the
 *       stored AAA server is removed if it is the sender (another server's registration stays).</li>
 *   <li>PGW_UPDATE: DIAMETER_SUCCESS; the PDN GW identity it reports (Service-Selection, Context-Identifier,
 *       MIP6-Agent-Info) is not stored: this HSS keeps no PDN GW of a non-3GPP session.</li>
 *   <li>Any other type (the Cx ones, and RESTORATION, which only follows an HSS restart that lost data, 8.1.2.4.2,
 *       which this HSS with its replicated store never announces): DIAMETER_INVALID_AVP_VALUE.</li>
 * </ul>
 */
public final class Registration {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);

    private final EpsDataStore usims;
    private final Clock clock;

    public Registration(EpsDataStore usims, Clock clock) {
        this.usims = usims;
        this.clock = clock;
    }

    public RegistrationAnswer handle(RegistrationRequest request) {
        ServerAssignmentType type = request.type();
        if (!served(type)) {
            return new RegistrationAnswer(ResultCode.DIAMETER_INVALID_AVP_VALUE, null, null, true);
        }
        Optional<String> imsi = SwxUserName.imsi(request.userName());
        Optional<Usim> found = imsi.flatMap(usims::usim);
        if (found.isEmpty()) {
            return RegistrationAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        Usim usim = found.get();
        if (type.isDeregistration() || type == ServerAssignmentType.AUTHENTICATION_FAILURE
                || type == ServerAssignmentType.AUTHENTICATION_TIMEOUT) {
            // TS 23.402 12.2.3: the HSS removes the AAA server it stored, if that is the one de-registering.
            usims.updateAaaRegistration(usim.imsi(), new AaaServerChanges.Deregister(request.originHost()));
            return RegistrationAnswer.of(ResultCode.DIAMETER_SUCCESS);
        }
        Non3gppSubscription non3gpp = usim.non3gpp();
        if (non3gpp == null || !non3gpp.accessAllowed()) {
            return RegistrationAnswer.of(ResultCode.DIAMETER_ERROR_USER_NO_NON_3GPP_SUBSCRIPTION);
        }
        if (type == ServerAssignmentType.PGW_UPDATE) {
            return RegistrationAnswer.of(ResultCode.DIAMETER_SUCCESS);
        }
        Optional<Non3gppProfile> profile = Non3gppProfile.resolve(usim, usims);
        if (profile.isEmpty()) {
            log.warn("SWx SAR: an APN profile of IMSI {} does not exist", usim.imsi());
            return RegistrationAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        if (type == ServerAssignmentType.REGISTRATION) {
            AaaServerChanges.Claim claim = usims.updateAaaRegistration(usim.imsi(),
                    new AaaServerChanges.Register(request.originHost(), request.originRealm(), clock.millis()));
            if (!claim.granted()) {
                return new RegistrationAnswer(ResultCode.DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED, null,
                        claim.host(), false);
            }
        }
        return new RegistrationAnswer(ResultCode.DIAMETER_SUCCESS, profile.get(), null, false);
    }

    /** The Server-Assignment-Types of SWx (TS 29.273 8.2.3.3 via TS 29.229 6.3.15). */
    private static boolean served(ServerAssignmentType type) {
        return switch (type) {
            case REGISTRATION, AAA_USER_DATA_REQUEST, PGW_UPDATE, USER_DEREGISTRATION,
                    ADMINISTRATIVE_DEREGISTRATION, AUTHENTICATION_FAILURE, AUTHENTICATION_TIMEOUT -> true;
            default -> false;
        };
    }
}
