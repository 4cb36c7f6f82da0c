package org.imshss.hss.sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.MessageValidator;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.UserIdentity;
import org.imshss.diameter.Vendors;
import org.imshss.node.diameter.Answers;
import org.imshss.node.diameter.RequestDispatcher;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.NetworkReqListener;
import org.jdiameter.api.Request;

/**
 * The Sh edge: validates a request against its command's ABNF (TS 29.329 6.1), decodes it into a request
 * record, calls the procedure and encodes the answer record. The answer is returned synchronously from
 * {@link #processRequest}: no jDiameter Sh session object is ever created, so nothing is kept per request.
 */
public final class ShListener implements NetworkReqListener {

    private static final int SUBSCRIBE = Avp.SUBS_REQ_TYPE.enumValue("Subscribe");
    private static final int USER_DATA_REQUESTED = Avp.SEND_DATA_INDICATION.enumValue("USER_DATA_REQUESTED");
    private static final int ONE_TIME_NOTIFICATION_REQUESTED =
            Avp.ONE_TIME_NOTIFICATION.enumValue("ONE_TIME_NOTIFICATION_REQUESTED");
    private static final int UE_REACHABILITY_FOR_IP = Avp.DATA_REFERENCE.enumValue("UEReachabilityForIP");
    /** Feature-List-ID 1 of Sh (TS 29.329 7.3.1), and its Update-Eff bit: several repository elements per PUR. */
    private static final long SH_FEATURE_LIST_ID = 1;
    private static final long UPDATE_EFF = 1L << 1;

    private final Answers answers;
    private final RequestDispatcher dispatcher;
    private final UserData userData;
    private final ProfileUpdate profileUpdate;
    private final SubscribeNotifications subscribeNotifications;

    ShListener(Answers answers, MessageValidator validator, UserData userData, ProfileUpdate profileUpdate,
            SubscribeNotifications subscribeNotifications) {
        this.answers = answers;
        this.userData = userData;
        this.profileUpdate = profileUpdate;
        this.subscribeNotifications = subscribeNotifications;
        this.dispatcher = new RequestDispatcher(answers, validator, Map.of(
                Command.UDR, this::userData,
                Command.PUR, this::profileUpdate,
                Command.SNR, this::subscribeNotifications));
    }

    @Override
    public Answer processRequest(Request request) {
        return dispatcher.dispatch(request);
    }

    private Answer userData(Request request) {
        AvpSet avps = request.getAvps();
        List<Integer> references = Avps.enumeratedAll(avps, Avp.DATA_REFERENCE);
        List<String> serviceIndications = serviceIndications(avps);
        String serverName = Avps.utf8(avps, Avp.SERVER_NAME).orElse(null);
        requireConditional(avps, references, serviceIndications, serverName);
        UserDataAnswer result = userData.handle(new UserDataRequest(
                required(avps, Avp.ORIGIN_HOST),
                userIdentity(avps),
                Avps.utf8(avps, Avp.WILDCARDED_PUBLIC_IDENTITY).orElse(null),
                serverName,
                serviceIndications,
                references,
                identitySets(avps),
                dsaiTags(avps)));
        Answer answer = answers.answer(request, result.result());
        AvpSet out = answer.getAvps();
        addWildcardAndData(out, result.wildcardedIdentity(), result.userData());
        return answer;
    }

    private Answer profileUpdate(Request request) {
        AvpSet avps = request.getAvps();
        ProfileUpdateAnswer result = profileUpdate.handle(new ProfileUpdateRequest(
                required(avps, Avp.ORIGIN_HOST),
                userIdentity(avps),
                Avps.utf8(avps, Avp.WILDCARDED_PUBLIC_IDENTITY).orElse(null),
                Avps.enumerated(avps, Avp.DATA_REFERENCE).getAsInt(),
                required(avps, Avp.USER_DATA_SH)));
        Answer answer = answers.answer(request, result.result());
        AvpSet out = answer.getAvps();
        if (result.wildcardedIdentity() != null) {
            Avps.addUtf8(out, Avp.WILDCARDED_PUBLIC_IDENTITY, result.wildcardedIdentity());
        }
        OptionalLong features = shFeatures(avps);
        boolean updateEff = features.isPresent() && (features.getAsLong() & UPDATE_EFF) != 0;
        // TS 29.328 6.1.2.1: Repository-Data-ID is present only when the AS supports Update-Eff and one instance
        // of a multi-instance update failed; it names that instance.
        if (updateEff && result.failed() != null) {
            AvpSet id = Avps.addGrouped(out, Avp.REPOSITORY_DATA_ID);
            Avps.addOctets(id, Avp.SERVICE_INDICATION,
                    result.failed().serviceIndication().getBytes(StandardCharsets.UTF_8));
            Avps.addUnsigned32(id, Avp.SEQUENCE_NUMBER, result.failed().sequenceNumber());
        }
        if (features.isPresent()) {
            // TS 29.229 7.2.1 feature negotiation: the answer lists the features of the request the HSS supports.
            AvpSet supported = Avps.addGrouped(out, Avp.SUPPORTED_FEATURES);
            Avps.addUnsigned32(supported, Avp.VENDOR_ID, Vendors.TGPP);
            Avps.addUnsigned32(supported, Avp.FEATURE_LIST_ID, SH_FEATURE_LIST_ID);
            Avps.addUnsigned32(supported, Avp.FEATURE_LIST, features.getAsLong() & UPDATE_EFF);
        }
        return answer;
    }

    /** The Sh Feature-List (Vendor-Id 3GPP, Feature-List-ID 1) the request announces, if any. */
    private static OptionalLong shFeatures(AvpSet avps) {
        for (AvpSet group : Avps.groupedAll(avps, Avp.SUPPORTED_FEATURES)) {
            OptionalLong vendor = Avps.unsigned32(group, Avp.VENDOR_ID);
            OptionalLong listId = Avps.unsigned32(group, Avp.FEATURE_LIST_ID);
            OptionalLong list = Avps.unsigned32(group, Avp.FEATURE_LIST);
            if (vendor.isPresent() && vendor.getAsLong() == Vendors.TGPP && listId.isPresent()
                    && listId.getAsLong() == SH_FEATURE_LIST_ID && list.isPresent()) {
                return list;
            }
        }
        return OptionalLong.empty();
    }

    private Answer subscribeNotifications(Request request) {
        AvpSet avps = request.getAvps();
        List<Integer> references = Avps.enumeratedAll(avps, Avp.DATA_REFERENCE);
        List<String> serviceIndications = serviceIndications(avps);
        String serverName = Avps.utf8(avps, Avp.SERVER_NAME).orElse(null);
        requireConditional(avps, references, serviceIndications, serverName);
        OptionalInt sendData = Avps.enumerated(avps, Avp.SEND_DATA_INDICATION);
        OptionalInt oneTime = Avps.enumerated(avps, Avp.ONE_TIME_NOTIFICATION);
        boolean subscribe = Avps.enumerated(avps, Avp.SUBS_REQ_TYPE).getAsInt() == SUBSCRIBE;
        if (subscribe && oneTime.isPresent()
                && references.stream().anyMatch(reference -> reference != UE_REACHABILITY_FOR_IP)) {
            // TS 29.329 6.3.22: One-Time-Notification applies to UE reachability for IP only; a conditional IE
            // present without its condition may be refused with DIAMETER_AVP_NOT_ALLOWED (TS 29.328 6), which
            // tells the AS that it will not get a one-time subscription.
            int value = oneTime.getAsInt();
            byte[] data = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
            throw new AvpDecodeException(ResultCode.DIAMETER_AVP_NOT_ALLOWED, Avp.ONE_TIME_NOTIFICATION.code(),
                    Avp.ONE_TIME_NOTIFICATION.vendorId(), Avp.ONE_TIME_NOTIFICATION.sendMandatoryBit(), data,
                    "One-Time-Notification applies to UEReachabilityForIP only", null);
        }
        SubscribeNotificationsAnswer result = subscribeNotifications.handle(new SubscribeNotificationsRequest(
                required(avps, Avp.ORIGIN_HOST),
                required(avps, Avp.ORIGIN_REALM),
                userIdentity(avps),
                Avps.utf8(avps, Avp.WILDCARDED_PUBLIC_IDENTITY).orElse(null),
                serviceIndications,
                sendData.isPresent() && sendData.getAsInt() == USER_DATA_REQUESTED,
                serverName,
                subscribe,
                references,
                identitySets(avps),
                Avps.time(avps, Avp.EXPIRY_TIME).orElse(null),
                oneTime.isPresent() && oneTime.getAsInt() == ONE_TIME_NOTIFICATION_REQUESTED,
                dsaiTags(avps)));
        Answer answer = answers.answer(request, result.result());
        AvpSet out = answer.getAvps();
        addWildcardAndData(out, result.wildcardedIdentity(), result.userData());
        if (result.expiryTime() != null) {
            Avps.addTime(out, Avp.EXPIRY_TIME, result.expiryTime());
        }
        return answer;
    }

    /**
     * User-Identity holds exactly one of Public-Identity and MSISDN (TS 29.329 6.3.1); External-Identifier
     * is not an IMS identity and is answered as an unknown user.
     */
    private static UserIdentity userIdentity(AvpSet avps) {
        AvpSet group = Avps.grouped(avps, Avp.USER_IDENTITY).orElseThrow(() -> missing(Avp.USER_IDENTITY));
        Optional<String> publicIdentity = Avps.utf8(group, Avp.PUBLIC_IDENTITY);
        Optional<byte[]> msisdn = Avps.octets(group, Avp.MSISDN);
        if (publicIdentity.isPresent() && msisdn.isPresent()) {
            throw new AvpDecodeException(ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES, Avp.MSISDN.code(),
                    Avp.MSISDN.vendorId(), Avp.MSISDN.sendMandatoryBit(), msisdn.get(),
                    "User-Identity holds both Public-Identity and MSISDN", null);
        }
        if (publicIdentity.isPresent()) {
            return UserIdentity.of(publicIdentity.get());
        }
        if (msisdn.isPresent()) {
            String digits = UserIdentity.decodeTbcd(msisdn.get());
            if (digits == null) {
                throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_VALUE, Avp.MSISDN.code(),
                        Avp.MSISDN.vendorId(), Avp.MSISDN.sendMandatoryBit(), msisdn.get(),
                        "MSISDN is not TBCD-encoded digits", null);
            }
            return UserIdentity.ofMsisdn(digits);
        }
        return new UserIdentity(null, null);
    }

    private static List<String> serviceIndications(AvpSet avps) {
        return utf8All(avps, Avp.SERVICE_INDICATION);
    }

    private static List<String> dsaiTags(AvpSet avps) {
        return utf8All(avps, Avp.DSAI_TAG);
    }

    /** OctetString AVPs that carry text. */
    private static List<String> utf8All(AvpSet avps, Avp avp) {
        List<String> values = new ArrayList<>();
        for (byte[] value : Avps.octetsAll(avps, avp)) {
            values.add(new String(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static List<IdentitySet> identitySets(AvpSet avps) {
        List<IdentitySet> sets = new ArrayList<>();
        for (int value : Avps.enumeratedAll(avps, Avp.IDENTITY_SET)) {
            IdentitySet set = IdentitySet.fromWire(value);
            if (set == null) {
                byte[] data = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
                throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_VALUE, Avp.IDENTITY_SET.code(),
                        Avp.IDENTITY_SET.vendorId(), Avp.IDENTITY_SET.sendMandatoryBit(), data,
                        "unknown Identity-Set value " + value, null);
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
    private static void requireConditional(AvpSet avps, List<Integer> references, List<String> serviceIndications,
            String serverName) {
        if (references.contains(DataReference.REPOSITORY_DATA.value()) && serviceIndications.isEmpty()) {
            throw missing(Avp.SERVICE_INDICATION);
        }
        if ((references.contains(DataReference.INITIAL_FILTER_CRITERIA.value())
                || references.contains(DataReference.DSAI.value())) && serverName == null) {
            throw missing(Avp.SERVER_NAME);
        }
    }

    private static String required(AvpSet avps, Avp avp) {
        return Avps.utf8(avps, avp).orElseThrow(() -> missing(avp));
    }

    private static AvpDecodeException missing(Avp avp) {
        return new AvpDecodeException(ResultCode.DIAMETER_MISSING_AVP, avp.code(), avp.vendorId(),
                avp.sendMandatoryBit(), new byte[0], avp.specName() + " missing", null);
    }

    /** Wildcarded-Public-Identity and Sh User-Data, each when present (UDA and SNA carry both). */
    private static void addWildcardAndData(AvpSet out, String wildcardedIdentity, String userData) {
        if (wildcardedIdentity != null) {
            Avps.addUtf8(out, Avp.WILDCARDED_PUBLIC_IDENTITY, wildcardedIdentity);
        }
        if (userData != null) {
            Avps.addOctets(out, Avp.USER_DATA_SH, userData.getBytes(StandardCharsets.UTF_8));
        }
    }
}
