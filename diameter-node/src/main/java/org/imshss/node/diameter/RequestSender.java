package org.imshss.node.diameter;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.transport.DiameterTransport;

/**
 * Sends the requests a node originates (RTR, PPR, PNR) to a peer by its Diameter identity and completes with the
 * decoded answer, or exceptionally: {@link PeerTimeoutException} when none comes in time. Never blocks the caller: a
 * peer that does not answer (as Kamailio's S-CSCF does for PPR) costs an entry in the node's ledger of sent
 * requests, not a thread.
 */
public final class RequestSender {

    private static final int NO_STATE_MAINTAINED = Avp.AUTH_SESSION_STATE.enumValue("NO_STATE_MAINTAINED");

    private final LocalIdentity local;
    private final Supplier<DiameterTransport> transport;
    private final Duration timeout;
    private final BiConsumer<Command, String> outcomes;
    /** RFC 6733 8.8: {@code <DiameterIdentity>;<high 32 bits>;<low 32 bits>}, high from the start time. */
    private final long sessionHigh = System.currentTimeMillis() / 1000 & 0xFFFFFFFFL;
    private final AtomicLong sessionLow = new AtomicLong();
    /** RFC 6733 3: the low 12 bits of the time in the high 12 bits, a random value in the low 20, then counting. */
    private final AtomicInteger endToEnd = new AtomicInteger((int) (System.currentTimeMillis() / 1000 & 0xFFF) << 20
            | ThreadLocalRandom.current().nextInt(1 << 20));

    /**
     * @param transport the node's transport, once its server has started
     * @param outcomes told how each request ended: the answer's result code, {@code timeout} or {@code failed}
     */
    public RequestSender(LocalIdentity local, Supplier<DiameterTransport> transport, Duration timeout,
            BiConsumer<Command, String> outcomes) {
        this.local = local;
        this.transport = transport;
        this.timeout = timeout;
        this.outcomes = outcomes;
    }

    /**
     * @param body adds the command's own AVPs after Session-Id, Vendor-Specific-Application-Id, Auth-Session-State,
     *             Origin-Host/Realm and Destination-Host/Realm
     */
    public CompletableFuture<DiameterMessage> send(Command command, String destinationHost, String destinationRealm,
            Consumer<MessageWriter> body) {
        CompletableFuture<DiameterMessage> result = new CompletableFuture<>();
        result.whenComplete((answer, error) -> outcomes.accept(command, error instanceof PeerTimeoutException
                ? "timeout" : error != null ? "failed" : outcome(answer)));
        try {
            MessageWriter request = MessageWriter.request(command, endToEnd.incrementAndGet())
                    .utf8(Avp.SESSION_ID, local.host() + ";" + sessionHigh + ";" + sessionLow.incrementAndGet())
                    .vendorSpecificApplicationId(command.application())
                    .enumerated(Avp.AUTH_SESSION_STATE, NO_STATE_MAINTAINED)
                    .identity(Avp.ORIGIN_HOST, local.host())
                    .identity(Avp.ORIGIN_REALM, local.realm())
                    .identity(Avp.DESTINATION_HOST, destinationHost)
                    .identity(Avp.DESTINATION_REALM, destinationRealm);
            body.accept(request);
            transport.get().send(destinationHost, request.toBytes(), timeout).whenComplete((answer, error) -> {
                if (error == null) {
                    result.complete(answer);
                } else {
                    result.completeExceptionally(timedOut(error) ? new PeerTimeoutException(command + " to "
                            + destinationHost + " not answered within " + timeout.toMillis() + " ms") : error);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private static boolean timedOut(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof TimeoutException;
    }

    private static String outcome(DiameterMessage answer) {
        ResultCode result = answer.avps().result();
        if (result != null) {
            return Integer.toString(result.code());
        }
        long value = answer.avps().resultValue();
        return value < 0 ? "none" : Long.toString(value);
    }

    /** The peer did not answer in time. */
    public static final class PeerTimeoutException extends RuntimeException {
        public PeerTimeoutException(String message) {
            super(message);
        }
    }
}
