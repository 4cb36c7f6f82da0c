package org.imshss.slf.dh;

import java.util.Map;
import org.imshss.diameter.Application;
import org.imshss.diameter.AvpGroup;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.UserIdentity;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.slf.diameter.SubscriptionLocator;

/**
 * The Dh edge (TS 29.328 5.2, TS 29.329 6.1): UDR, PUR and SNR checked against their ABNF as the HSS checks them
 * and located by their User-Identity, a Public-Identity or an MSISDN (TS 29.329 6.3.1); an MSISDN is looked up as
 * the global number it is ({@code tel:+digits}).
 */
public final class DhMessages {

    private final SubscriptionLocator locator;

    public DhMessages(SubscriptionLocator locator) {
        this.locator = locator;
    }

    /** The requests of Dh the SLF receives, each located the same way. */
    public DiameterApplication application() {
        return new DiameterApplication(Application.SH, Map.of(
                Command.UDR, this::locate,
                Command.PUR, this::locate,
                Command.SNR, this::locate));
    }

    private Answer locate(DiameterMessage request) {
        return locator.handle(request, identity(request.avps()));
    }

    /** Exactly one of Public-Identity and MSISDN, as the HSS requires; an empty User-Identity is an unknown user. */
    static String identity(AvpGroup avps) {
        UserIdentity identity = UserIdentity.from(avps);
        if (identity.publicIdentity() != null) {
            return identity.publicIdentity();
        }
        return identity.msisdn() != null ? "tel:+" + identity.msisdn() : "";
    }
}
