package org.imshss.slf.dx;

import java.util.Map;
import java.util.Optional;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.MessageValidator;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answers;
import org.imshss.node.diameter.RequestDispatcher;
import org.imshss.slf.diameter.SubscriptionLocator;
import org.jdiameter.api.Answer;
import org.jdiameter.api.NetworkReqListener;
import org.jdiameter.api.Request;

/**
 * The Dx edge (TS 29.228 5.2, TS 29.229 6.1): the same UAR, SAR, LIR and MAR as Cx, checked exactly as the HSS
 * checks them, each located by its Public-Identity, or by User-Name when that is all a SAR carries.
 */
public final class DxListener implements NetworkReqListener {

    private final RequestDispatcher dispatcher;
    private final SubscriptionLocator locator;

    public DxListener(Answers answers, MessageValidator validator, SubscriptionLocator locator) {
        this.locator = locator;
        this.dispatcher = new RequestDispatcher(answers, validator, Map.of(
                Command.UAR, this::locate,
                Command.SAR, this::locate,
                Command.LIR, this::locate,
                Command.MAR, this::locate));
    }

    @Override
    public Answer processRequest(Request request) {
        return dispatcher.dispatch(request);
    }

    private Answer locate(Request request) {
        return locator.handle(request, Application.CX, identity(request));
    }

    /** Public-Identity, else User-Name (a SAR may carry either, TS 29.229 6.1.3); neither is DIAMETER_MISSING_AVP. */
    static String identity(Request request) {
        Optional<String> publicIdentity = Avps.utf8(request.getAvps(), Avp.PUBLIC_IDENTITY);
        if (publicIdentity.isPresent()) {
            return publicIdentity.get();
        }
        return Avps.utf8(request.getAvps(), Avp.USER_NAME).orElseThrow(() -> new AvpDecodeException(
                ResultCode.DIAMETER_MISSING_AVP, Avp.PUBLIC_IDENTITY.code(), Avp.PUBLIC_IDENTITY.vendorId(),
                Avp.PUBLIC_IDENTITY.sendMandatoryBit(), new byte[0], "Public-Identity missing", null));
    }
}
