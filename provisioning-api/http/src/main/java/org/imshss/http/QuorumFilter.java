package org.imshss.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A write during which this node's part of the cluster lost the write quorum is answered 503, not 2xx: a write in
 * flight when a cut is noticed completes on the copies of one side only, and on the minority side the majority
 * never saw it (the Diameter edge does the same with 3004). A streamed import has already answered when its lines
 * are written, so this covers single writes only.
 */
public final class QuorumFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ACCEPTED_AT_START = QuorumFilter.class.getName() + ".accepted";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final BooleanSupplier writesAccepted;

    public QuorumFilter(BooleanSupplier writesAccepted) {
        this.writesAccepted = writesAccepted;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!READS.contains(request.getMethod())) {
            request.setProperty(ACCEPTED_AT_START, writesAccepted.getAsBoolean());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (Boolean.TRUE.equals(request.getProperty(ACCEPTED_AT_START)) && response.getStatus() < 300
                && !writesAccepted.getAsBoolean()) {
            response.setStatus(503);
            response.getHeaders().putSingle("Retry-After", "5");
            response.setEntity(new Problem(503, "this node's part of the cluster lost the write quorum during the"
                    + " request; it may not have been kept: send it again to a node of the part that writes",
                    List.of()), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
