package org.imshss.hss.sh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.AvpGroup;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.UserIdentity;
import org.imshss.diameter.Vendors;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;

/**
 * The Sh edge: each request, already checked against its command's ABNF (TS 29.329 6.1), decoded into its request
 * record; the procedure called; its answer record encoded. Nothing is kept per request.
 */
final class ShMessages {

    private static final int SUBSCRIBE = Avp.SUBS_REQ_TYPE.enumValue("Subscribe");
    private static final int USER_DATA_REQUESTED = Avp.SEND_DATA_INDICATION.enumValue("USER_DATA_REQUESTED");
    private static final int ONE_TIME_NOTIFICATION_REQUESTED =
            Avp.ONE_TIME_NOTIFICATION.enumValue("ONE_TIME_NOTIFICATION_REQUESTED");
    private static final int UE_REACHABILITY_FOR_IP = Avp.DATA_REFERENCE.enumValue("UEReachabilityForIP");
    /** Feature-List-ID 1 of Sh (TS 29.329 7.3.1), and its Update-Eff bit: several repository elements per PUR. */
    private static final long SH_FEATURE_LIST_ID = 1;
    private static final long UPDATE_EFF = 1L << 1;

    private final UserData userData;
    private final ProfileUpdate profileUpdate;
    private final SubscribeNotifications subscribeNotifications;

    ShMessages(UserData userData, ProfileUpdate profileUpdate, SubscribeNotifications subscribeNotifications) {
        this.userData = userData;
        this.profileUpdate = profileUpdate;
        this.subscribeNotifications = subscribeNotifications;
    }

    /** The requests of Sh the HSS receives (TS 29.328 6.1), each with its handler. */
    DiameterApplication application() {
        return new DiameterApplication(Application.SH, Map.of(
                Command.UDR, this::userData,
                Command.PUR, this::profileUpdate,
                Command.SNR, this::subscribeNotifications));
    }

    private Answer userData(DiameterMessage request) {
        AvpGroup avps = request.avps();
        List<Integer> references = avps.int32All(Avp.DATA_REFERENCE);
        List<String> serviceIndications = serviceIndications(avps);
        String serverName = avps.utf8(Avp.SERVER_NAME);
        requireConditional(references, serviceIndications, serverName);
        UserDataAnswer result = userData.handle(new UserDataRequest(
                avps.utf8(Avp.ORIGIN_HOST),
                UserIdentity.from(avps),
                avps.utf8(Avp.WILDCARDED_PUBLIC_IDENTITY),
                serverName,
                serviceIndications,
                references,
                identitySets(avps),
                dsaiTags(avps)));
        return Answer.of(result.result(),
                out -> writeWildcardAndData(out, result.wildcardedIdentity(), result.userData()));
    }

    private Answer profileUpdate(DiameterMessage request) {
        AvpGroup avps = request.avps();
        ProfileUpdateAnswer result = profileUpdate.handle(new ProfileUpdateRequest(
                avps.utf8(Avp.ORIGIN_HOST),
                UserIdentity.from(avps),
                avps.utf8(Avp.WILDCARDED_PUBLIC_IDENTITY),
                avps.int32(Avp.DATA_REFERENCE).getAsInt(),
                avps.utf8(Avp.USER_DATA_SH)));
        OptionalLong features = shFeatures(avps);
        return Answer.of(result.result(), out -> writeProfileUpdate(out, result, features));
    }

    private static void writeProfileUpdate(MessageWriter out, ProfileUpdateAnswer result, OptionalLong features) {
        if (result.wildcardedIdentity() != null) {
            out.utf8(Avp.WILDCARDED_PUBLIC_IDENTITY, result.wildcardedIdentity());
        }
        boolean updateEff = features.isPresent() && (features.getAsLong() & UPDATE_EFF) != 0;
        // TS 29.328 6.1.2.1: Repository-Data-ID is present only when the AS supports Update-Eff and one instance
        // of a multi-instance update failed; it names that instance.
        if (updateEff && result.failed() != null) {
            int id = out.begin(Avp.REPOSITORY_DATA_ID);
            out.utf8(Avp.SERVICE_INDICATION, result.failed().serviceIndication());
            out.unsigned32(Avp.SEQUENCE_NUMBER, result.failed().sequenceNumber());
            out.end(id);
        }
        if (features.isPresent()) {
            // TS 29.229 7.2.1 feature negotiation: the answer lists the features of the request the HSS supports.
            int supported = out.begin(Avp.SUPPORTED_FEATURES);
            out.unsigned32(Avp.VENDOR_ID, Vendors.TGPP);
            out.unsigned32(Avp.FEATURE_LIST_ID, SH_FEATURE_LIST_ID);
            out.unsigned32(Avp.FEATURE_LIST, features.getAsLong() & UPDATE_EFF);
            out.end(supported);
        }
    }

    /** The Sh Feature-List (Vendor-Id 3GPP, Feature-List-ID 1) the request announces, if any. */
    private static OptionalLong shFeatures(AvpGroup avps) {
        for (AvpGroup group : avps.groups(Avp.SUPPORTED_FEATURES)) {
            OptionalLong vendor = group.unsigned32(Avp.VENDOR_ID);
            OptionalLong listId = group.unsigned32(Avp.FEATURE_LIST_ID);
            OptionalLong list = group.unsigned32(Avp.FEATURE_LIST);
            if (vendor.isPresent() && vendor.getAsLong() == Vendors.TGPP && listId.isPresent()
                    && listId.getAsLong() == SH_FEATURE_LIST_ID && list.isPresent()) {
                return list;
            }
        }
        return OptionalLong.empty();
    }

    private Answer subscribeNotifications(DiameterMessage request) {
        AvpGroup avps = request.avps();
        List<Integer> references = avps.int32All(Avp.DATA_REFERENCE);
        List<String> serviceIndications = serviceIndications(avps);
        String serverName = avps.utf8(Avp.SERVER_NAME);
        requireConditional(references, serviceIndications, serverName);
        OptionalInt sendData = avps.int32(Avp.SEND_DATA_INDICATION);
        OptionalInt oneTime = avps.int32(Avp.ONE_TIME_NOTIFICATION);
        boolean subscribe = avps.int32(Avp.SUBS_REQ_TYPE).getAsInt() == SUBSCRIBE;
        if (subscribe && oneTime.isPresent()
                && references.stream().anyMatch(reference -> reference != UE_REACHABILITY_FOR_IP)) {
            // TS 29.329 6.3.22: One-Time-Notification applies to UE reachability for IP only; a conditional IE
            // present without its condition may be refused with DIAMETER_AVP_NOT_ALLOWED (TS 29.328 6), which
            // tells the AS that it will not get a one-time subscription.
            throw AvpDecodeException.of(ResultCode.DIAMETER_AVP_NOT_ALLOWED, Avp.ONE_TIME_NOTIFICATION,
                    avps.first(Avp.ONE_TIME_NOTIFICATION).data(),
                    "One-Time-Notification applies to UEReachabilityForIP only");
        }
        SubscribeNotificationsAnswer result = subscribeNotifications.handle(new SubscribeNotificationsRequest(
                avps.utf8(Avp.ORIGIN_HOST),
                avps.utf8(Avp.ORIGIN_REALM),
                UserIdentity.from(avps),
                avps.utf8(Avp.WILDCARDED_PUBLIC_IDENTITY),
                serviceIndications,
                sendData.isPresent() && sendData.getAsInt() == USER_DATA_REQUESTED,
                serverName,
                subscribe,
                references,
                identitySets(avps),
                avps.time(Avp.EXPIRY_TIME),
                oneTime.isPresent() && oneTime.getAsInt() == ONE_TIME_NOTIFICATION_REQUESTED,
                dsaiTags(avps)));
        return Answer.of(result.result(), out -> {
            writeWildcardAndData(out, result.wildcardedIdentity(), result.userData());
            if (result.expiryTime() != null) {
                out.time(Avp.EXPIRY_TIME, result.expiryTime());
            }
        });
    }

    /** Service-Indication is an OctetString that carries text. */
    private static List<String> serviceIndications(AvpGroup avps) {
        return avps.utf8All(Avp.SERVICE_INDICATION);
    }

    private static List<String> dsaiTags(AvpGroup avps) {
        return avps.utf8All(Avp.DSAI_TAG);
    }

    private static List<IdentitySet> identitySets(AvpGroup avps) {
        List<IdentitySet> sets = new ArrayList<>();
        for (int value : avps.int32All(Avp.IDENTITY_SET)) {
            IdentitySet set = IdentitySet.fromWire(value);
            if (set == null) {
                throw AvpDecodeException.unknownValue(Avp.IDENTITY_SET, value);
            }
            if (!sets.contains(set)) {
                sets.add(set);
            }
        }
        return sets;
    }

    /**
     * AVPs the ABNF leaves optional but a Data-Reference needs (TS 29.328 Table 7.6.1): Service-Indication for
     * RepositoryData, Server-Name for InitialFilterCriteria and DSAI. Missing: DIAMETER_MISSING_AVP (RFC 6733
     * 7.1.5).
     */
    private static void requireConditional(List<Integer> references, List<String> serviceIndications,
            String serverName) {
        if (references.contains(DataReference.REPOSITORY_DATA.value()) && serviceIndications.isEmpty()) {
            throw AvpDecodeException.missing(Avp.SERVICE_INDICATION);
        }
        if ((references.contains(DataReference.INITIAL_FILTER_CRITERIA.value())
                || references.contains(DataReference.DSAI.value())) && serverName == null) {
            throw AvpDecodeException.missing(Avp.SERVER_NAME);
        }
    }


    /** Wildcarded-Public-Identity and Sh User-Data, each when present (UDA and SNA carry both). */
    private static void writeWildcardAndData(MessageWriter out, String wildcardedIdentity, String userData) {
        if (wildcardedIdentity != null) {
            out.utf8(Avp.WILDCARDED_PUBLIC_IDENTITY, wildcardedIdentity);
        }
        if (userData != null) {
            out.utf8(Avp.USER_DATA_SH, userData);
        }
    }
}
