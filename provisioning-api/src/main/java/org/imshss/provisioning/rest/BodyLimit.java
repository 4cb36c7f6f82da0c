package org.imshss.provisioning.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds request bodies (413) before they are read, except NDJSON imports, which are streamed line by line
 * with a bound per line instead.
 */
@Priority(Priorities.ENTITY_CODER)
final class BodyLimit implements ContainerRequestFilter {

    private final int maxBytes;

    BodyLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getMediaType() != null
                && SubscribersResource.NDJSON.equals(request.getMediaType().getType() + "/"
                + request.getMediaType().getSubtype())) {
            return;
        }
        if (request.getLength() > maxBytes) {
            throw new WebApplicationException(413);
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
    }

    /** For bodies sent without a Content-Length (chunked). */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new WebApplicationException(413);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw new WebApplicationException(413);
            }
            return n;
        }
    }
}
