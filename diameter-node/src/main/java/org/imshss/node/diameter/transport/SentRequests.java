package org.imshss.node.diameter.transport;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.imshss.diameter.DiameterMessage;

/**
 * The requests this node sent and awaits answers to, by hop-by-hop identifier (RFC 6733 3: unique on the connection
 * for as long as the request is outstanding; here unique on the node). An answer is matched on the connection the
 * request left by; one that matches nothing is dropped (RFC 6733 6.2.1). A request left unanswered past its deadline
 * completes with a {@link TimeoutException}; one whose connection closes, with {@link ConnectionClosedException}.
 */
final class SentRequests {

    private record Sent(Link link, long deadlineNanos, CompletableFuture<DiameterMessage> answer) {
    }

    private final Map<Integer, Sent> sent = new ConcurrentHashMap<>();
    private final AtomicInteger hopByHop = new AtomicInteger((int) System.nanoTime());

    /** Takes a hop-by-hop identifier for a request about to leave on {@code link}; the caller writes it in. */
    int register(Link link, long timeoutNanos, CompletableFuture<DiameterMessage> answer) {
        Sent entry = new Sent(link, System.nanoTime() + timeoutNanos, answer);
        while (true) {
            int id = hopByHop.incrementAndGet();
            if (sent.putIfAbsent(id, entry) == null) {
                return id;
            }
        }
    }

    void forget(int hopByHop) {
        sent.remove(hopByHop);
    }

    /** Whether {@code answer}, received on {@code link}, was awaited; if so its sender has it. */
    boolean answered(Link link, DiameterMessage answer) {
        Sent entry = sent.get(answer.hopByHop());
        if (entry == null || entry.link() != link || !sent.remove(answer.hopByHop(), entry)) {
            return false;
        }
        entry.answer().complete(answer);
        return true;
    }

    void expire(long now) {
        Iterator<Map.Entry<Integer, Sent>> entries = sent.entrySet().iterator();
        while (entries.hasNext()) {
            Sent entry = entries.next().getValue();
            if (now - entry.deadlineNanos() > 0) {
                entries.remove();
                entry.answer().completeExceptionally(new TimeoutException("no answer in time"));
            }
        }
    }

    /** The connection closed: what it still awaits can no longer be answered. */
    void closed(Link link) {
        Iterator<Map.Entry<Integer, Sent>> entries = sent.entrySet().iterator();
        while (entries.hasNext()) {
            Sent entry = entries.next().getValue();
            if (entry.link() == link) {
                entries.remove();
                entry.answer().completeExceptionally(new ConnectionClosedException());
            }
        }
    }

    /** The connection a request left by closed before its answer came. */
    static final class ConnectionClosedException extends RuntimeException {
        ConnectionClosedException() {
            super("the connection closed before the answer came");
        }
    }
}
