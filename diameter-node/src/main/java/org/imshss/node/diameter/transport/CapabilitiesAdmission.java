package org.imshss.node.diameter.transport;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.imshss.diameter.ResultCode;

/**
 * Decides whether the CER that opens an accepted connection is let through to the stack (RFC 6733 5.3). A refusal
 * is answered with a CEA carrying the Result-Code given (e.g. DIAMETER_UNKNOWN_PEER) and the connection closes.
 */
@FunctionalInterface
public interface CapabilitiesAdmission {

    CapabilitiesAdmission ANY = (originHost, originRealm, remote) -> Optional.empty();

    /** @return empty to admit, or the Result-Code of the refusing CEA */
    Optional<ResultCode> check(String originHost, String originRealm, InetSocketAddress remote);
}
