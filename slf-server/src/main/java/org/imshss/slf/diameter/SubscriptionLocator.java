package org.imshss.slf.diameter;

import java.util.Optional;
import org.imshss.diameter.Avp;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answer;
import org.imshss.slf.config.SlfSettings.RoutingSettings;
import org.imshss.slf.lookup.HssLookup;
import org.imshss.slf.mapping.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SLF does with any located request, Dx or Dh: find the user's HSS, then redirect (the default, RFC
 * 6733 6.13) or relay (for the Origin-Realms configured so, or all). A user no mapping covers is answered
 * DIAMETER_ERROR_USER_UNKNOWN (TS 29.229 6.2.2.1, TS 29.329 6.2.2.1), as the HSS would answer it.
 */
public final class SubscriptionLocator {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionLocator.class);

    private final HssLookup lookup;
    private final RoutingSettings routing;
    private final Redirection redirection;
    private final Relaying relaying;

    public SubscriptionLocator(HssLookup lookup, RoutingSettings routing, Redirection redirection, Relaying relaying) {
        this.lookup = lookup;
        this.routing = routing;
        this.redirection = redirection;
        this.relaying = relaying;
    }

    /**
     * @param identity the identity the command is keyed on
     * @return the answer; for a relayed request, the HSS's answer to come
     */
    public Answer handle(DiameterMessage request, String identity) {
        Optional<Location> location = identity.isBlank() ? Optional.empty() : lookup.locate(identity);
        if (location.isEmpty()) {
            return Answer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        String originRealm = request.avps().utf8(Avp.ORIGIN_REALM);
        if (log.isDebugEnabled()) {
            log.debug("command {} for HSS {} ({} mapping)", request.commandCode(), location.get().target().name(),
                    location.get().matchedBy());
        }
        if (routing.relays(originRealm)) {
            return relaying.forward(request, location.get().target());
        }
        return redirection.answer(location.get().target());
    }
}
