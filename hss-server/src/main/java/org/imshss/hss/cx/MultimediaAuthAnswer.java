package org.imshss.hss.cx;

import java.util.List;
import org.imshss.diameter.ResultCode;

/**
 * What the HSS answers to a MAR (TS 29.229 6.1.8). On success User-Name and Public-Identity are echoed
 * (Kamailio's S-CSCF refuses an MAA without them) and the items are numbered 1..n in order.
 */
public record MultimediaAuthAnswer(ResultCode result, String privateIdentity, String publicIdentity,
        List<AuthItem> items) {

    public MultimediaAuthAnswer {
        items = List.copyOf(items);
    }

    static MultimediaAuthAnswer of(ResultCode result) {
        return new MultimediaAuthAnswer(result, null, null, List.of());
    }
}
