package org.imshss.http;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Answers 400 to a request whose URI cannot be decoded (a NUL, an encoded slash, a malformed escape; no
 * identity or id contains a slash), before Grizzly's own handler would answer it with a bare 500.
 */
final class UndecodableUriFilter extends BaseFilter {

    private static final byte[] PROBLEM = "{\"status\":400,\"title\":\"the request URI cannot be decoded\",\"errors\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    /** Puts the filter just before the HTTP server filter of each listener it is registered with. */
    static final AddOn ADD_ON = new AddOn() {
        @Override
        public void setup(NetworkListener listener, FilterChainBuilder builder) {
            builder.add(builder.indexOfType(HttpServerFilter.class), new UndecodableUriFilter());
        }
    };

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
            return ctx.getInvokeAction();
        }
        Object dropped = request.getAttribute(DROPPED);
        if (dropped == null) {
            try {
                request.getRequestURIRef().getDecodedRequestURIBC(false);
                return ctx.getInvokeAction();
            } catch (CharConversionException e) {
                answer(ctx, request);
                dropped = 0L;
            }
        }
        // The rest of the body is read and dropped, so that a client still sending sees the answer; the
        // connection closes at its end, or once more than the drain limit has come.
        long total = (Long) dropped + content.getContent().remaining();
        request.setAttribute(DROPPED, total);
        if (content.isLast() || total > DRAIN_LIMIT) {
            ctx.getConnection().closeSilently();
        }
        return ctx.getStopAction();
    }

    private static final String DROPPED = UndecodableUriFilter.class.getName() + ".dropped";
    private static final long DRAIN_LIMIT = 8L << 20;

    private static void answer(FilterChainContext ctx, HttpRequestPacket request) {
        HttpResponsePacket response = request.getResponse();
        response.setStatus(HttpStatus.BAD_REQUEST_400);
        response.setContentType("application/json");
        response.setContentLength(PROBLEM.length);
        response.getHeaders().setValue("Connection").setString("close");
        ctx.write(HttpContent.builder(response).content(Buffers.wrap(ctx.getMemoryManager(), PROBLEM)).last(true)
                .build());
    }
}
