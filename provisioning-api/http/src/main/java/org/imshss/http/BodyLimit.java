package org.imshss.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Bounds request bodies (413) before they are read, except NDJSON imports, which are streamed line by line
 * with a bound per line instead.
 */
@Priority(Priorities.ENTITY_CODER)
public final class BodyLimit implements ContainerRequestFilter {

    /** The media type of streamed imports, which bound each line themselves rather than the whole body. */
    public static final String NDJSON = "application/x-ndjson";

    private final int maxBytes;

    BodyLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getMediaType() != null
                && NDJSON.equals(request.getMediaType().getType() + "/"
                + request.getMediaType().getSubtype())) {
            return;
        }
        if (request.getLength() > maxBytes) {
            drain(request.getEntityStream(), request.getLength());
            throw new WebApplicationException(Response.status(413).header("Connection", "close").build());
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
    }

    /**
     * Reads and drops a body that is too large but not absurdly so: a client that is still sending when the
     * connection closes may never see the 413. Beyond {@link #DRAIN_FACTOR} times the limit it is not worth it.
     */
    private void drain(InputStream body, long declared) {
        if (declared > (long) maxBytes * DRAIN_FACTOR) {
            return;
        }
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The client went away: nothing to answer.
        }
    }

    private static final int DRAIN_FACTOR = 8;

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
