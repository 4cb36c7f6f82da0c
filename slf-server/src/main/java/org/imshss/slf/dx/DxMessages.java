package org.imshss.slf.dx;

import java.util.Map;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.AvpDecodeException;
import org.imshss.diameter.AvpGroup;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.slf.diameter.SubscriptionLocator;

/**
 * The Dx edge (TS 29.228 5.2, TS 29.229 6.1): the same UAR, SAR, LIR and MAR as Cx, checked against their ABNF
 * exactly as the HSS checks them, each located by its Public-Identity, or by User-Name when that is all a SAR
 * carries.
 */
public final class DxMessages {

    private final SubscriptionLocator locator;

    public DxMessages(SubscriptionLocator locator) {
        this.locator = locator;
    }

    /** The requests of Dx the SLF receives, each located the same way. */
    public DiameterApplication application() {
        return new DiameterApplication(Application.CX, Map.of(
                Command.UAR, this::locate,
                Command.SAR, this::locate,
                Command.LIR, this::locate,
                Command.MAR, this::locate));
    }

    private Answer locate(DiameterMessage request) {
        return locator.handle(request, identity(request.avps()));
    }

    /** Public-Identity, else User-Name (a SAR may carry either, TS 29.229 6.1.3); neither is DIAMETER_MISSING_AVP. */
    static String identity(AvpGroup avps) {
        String publicIdentity = avps.utf8(Avp.PUBLIC_IDENTITY);
        if (publicIdentity != null) {
            return publicIdentity;
        }
        String userName = avps.utf8(Avp.USER_NAME);
        if (userName == null) {
            throw AvpDecodeException.missing(Avp.PUBLIC_IDENTITY);
        }
        return userName;
    }
}
