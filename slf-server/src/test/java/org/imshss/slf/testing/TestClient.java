package org.imshss.slf.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.EventListener;
import org.jdiameter.api.Request;
import org.jdiameter.api.Session;

/** A CSCF or AS for tests: sends Dx/Cx and Dh/Sh requests and can follow a redirect as RFC 6733 6.13 says. */
public final class TestClient implements AutoCloseable {

    /** A request as sent and its answer. */
    public record Exchange(Request request, Answer answer) {
    }

    private final TestStack stack;

    public TestClient(TestStack stack) {
        this.stack = stack;
    }

    public TestStack stack() {
        return stack;
    }

    /** @param destinationHost null for realm routing only (as Kamailio's cdp sends) */
    public Exchange send(Command command, String destinationRealm, String destinationHost, Consumer<AvpSet> body)
            throws Exception {
        Session session = stack.stack().getSessionFactory().getNewSession();
        Request request = session.createRequest(command.code(),
                ApplicationId.createByAuthAppId(command.application().vendorId(), command.application().id()),
                destinationRealm, destinationHost);
        request.setProxiable(true);
        Avps.addEnumerated(request.getAvps(), Avp.AUTH_SESSION_STATE, 1);
        body.accept(request.getAvps());
        CompletableFuture<Answer> result = new CompletableFuture<>();
        session.send(request, new EventListener<Request, Answer>() {
            @Override
            public void receivedSuccessMessage(Request sent, Answer answer) {
                result.complete(answer);
                session.release();
            }

            @Override
            public void timeoutExpired(Request sent) {
                result.completeExceptionally(new IllegalStateException(command + " timed out"));
                session.release();
            }
        }, 10, TimeUnit.SECONDS);
        return new Exchange(request, result.get(15, TimeUnit.SECONDS));
    }

    /**
     * Sends the request again to the first Redirect-Host this client is connected to (RFC 6733 6.13), in the realm
     * its identity names.
     */
    public Exchange follow(Answer redirect, Command command, Consumer<AvpSet> body) throws Exception {
        for (String uri : redirectHosts(redirect)) {
            String host = hostOf(uri);
            if (stack.isConnected(host)) {
                return send(command, host.substring(host.indexOf('.') + 1), host, body);
            }
        }
        throw new IllegalStateException("no Redirect-Host is connected: " + redirectHosts(redirect));
    }

    public static List<String> redirectHosts(Answer answer) {
        return Avps.utf8All(answer.getAvps(), Avp.REDIRECT_HOST);
    }

    /** aaa://host:port;transport=tcp → host */
    public static String hostOf(String diameterUri) {
        String rest = diameterUri.substring(diameterUri.indexOf("://") + 3);
        int end = rest.length();
        for (char c : new char[] {':', ';'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end);
    }

    @Override
    public void close() {
        stack.close();
    }
}
