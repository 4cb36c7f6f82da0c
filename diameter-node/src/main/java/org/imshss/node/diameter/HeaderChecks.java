package org.imshss.node.diameter;

import java.util.List;
import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.diameter.Violation;
import org.jdiameter.api.Message;

/**
 * Checks of a received request's header flags that jDiameter does not make (RFC 6733 3). The P bit is not checked:
 * a Cx request with it clear is still served.
 */
public final class HeaderChecks {

    private HeaderChecks() {
    }

    /**
     * The E bit must not be set in requests (RFC 6733 3); such a request is answered with
     * DIAMETER_INVALID_HDR_BITS (7.1.3). A header has no AVP to put into Failed-AVP.
     */
    public static Optional<Violation> check(Message request) {
        if (request.isError()) {
            return Optional.of(new Violation(ResultCode.DIAMETER_INVALID_HDR_BITS, List.of(),
                    "E bit set in a request"));
        }
        return Optional.empty();
    }
}
