package org.imshss.slf.dh;

import java.util.Map;
import java.util.Optional;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.MessageValidator;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.UserIdentity;
import org.imshss.node.diameter.Answers;
import org.imshss.node.diameter.RequestDispatcher;
import org.imshss.slf.diameter.SubscriptionLocator;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.NetworkReqListener;
import org.jdiameter.api.Request;

/**
 * The Dh edge (TS 29.328 5.2, TS 29.329 6.1): UDR, PUR and SNR checked as the HSS checks them and located by
 * their User-Identity, a Public-Identity or an MSISDN (TS 29.329 6.3.1); an MSISDN is looked up as the global
 * number it is ({@code tel:+digits}).
 */
public final class DhListener implements NetworkReqListener {

    private final RequestDispatcher dispatcher;
    private final SubscriptionLocator locator;

    public DhListener(Answers answers, MessageValidator validator, SubscriptionLocator locator) {
        this.locator = locator;
        this.dispatcher = new RequestDispatcher(answers, validator, Map.of(
                Command.UDR, this::locate,
                Command.PUR, this::locate,
                Command.SNR, this::locate));
    }

    @Override
    public Answer processRequest(Request request) {
        return dispatcher.dispatch(request);
    }

    private Answer locate(Request request) {
        return locator.handle(request, Application.SH, identity(request.getAvps()));
    }

    /** Exactly one of Public-Identity and MSISDN, as the HSS requires; an empty User-Identity is an unknown user. */
    static String identity(AvpSet avps) {
        AvpSet group = Avps.grouped(avps, Avp.USER_IDENTITY).orElseThrow(() -> new AvpDecodeException(
                ResultCode.DIAMETER_MISSING_AVP, Avp.USER_IDENTITY.code(), Avp.USER_IDENTITY.vendorId(),
                Avp.USER_IDENTITY.sendMandatoryBit(), new byte[0], "User-Identity missing", null));
        Optional<String> publicIdentity = Avps.utf8(group, Avp.PUBLIC_IDENTITY);
        Optional<byte[]> msisdn = Avps.octets(group, Avp.MSISDN);
        if (publicIdentity.isPresent() && msisdn.isPresent()) {
            throw new AvpDecodeException(ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES, Avp.MSISDN.code(),
                    Avp.MSISDN.vendorId(), Avp.MSISDN.sendMandatoryBit(), msisdn.get(),
                    "User-Identity holds both Public-Identity and MSISDN", null);
        }
        if (publicIdentity.isPresent()) {
            return publicIdentity.get();
        }
        if (msisdn.isPresent()) {
            String digits = UserIdentity.decodeTbcd(msisdn.get());
            if (digits == null) {
                throw new AvpDecodeException(ResultCode.DIAMETER_INVALID_AVP_VALUE, Avp.MSISDN.code(),
                        Avp.MSISDN.vendorId(), Avp.MSISDN.sendMandatoryBit(), msisdn.get(),
                        "MSISDN is not TBCD-encoded digits", null);
            }
            return "tel:+" + digits;
        }
        return "";
    }
}
