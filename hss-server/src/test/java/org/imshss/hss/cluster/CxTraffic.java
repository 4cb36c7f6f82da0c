package org.imshss.hss.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.DiameterTestPeer;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;

/**
 * Cx traffic as S-CSCFs send it, pipelined over real jDiameter connections: registrations (UAR, MAR, SAR per user,
 * in that order) and a LIR per user to read the registration state back.
 */
final class CxTraffic {

    static final String SCSCF = "sip:scscf1.ims.example.org:6060";

    private CxTraffic() {
    }

    /** What a registration run achieved. */
    record Registrations(int attempted, List<Integer> registered, Map<String, Integer> failures) {

        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Registers users {@code from..to-1}, user {@code i} through {@code peers.get(i % peers.size())}, with at most
     * {@code window} users in progress per peer; {@code progress} counts finished users (registered or failed).
     */
    static Registrations register(List<DiameterTestPeer> peers, String prefix, int from, int to, int window,
            AtomicInteger progress) throws InterruptedException {
        List<Semaphore> slots = new ArrayList<>();
        peers.forEach(peer -> slots.add(new Semaphore(window)));
        List<Integer> registered = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        for (int i = from; i < to; i++) {
            int user = i;
            int lane = i % peers.size();
            DiameterTestPeer peer = peers.get(lane);
            slots.get(lane).acquire();
            String impi = Subscribers.impi(prefix, user);
            String impu = Subscribers.impu(prefix, user);
            step(peer, Command.UAR, avps -> {
                Avps.addUtf8(avps, Avp.USER_NAME, impi);
                Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
                Avps.addOctets(avps, Avp.VISITED_NETWORK_IDENTIFIER, "ims.example.org".getBytes());
            }, "UAR", ResultCode.DIAMETER_FIRST_REGISTRATION)
                    .thenCompose(ok -> step(peer, Command.MAR, avps -> {
                        Avps.addUtf8(avps, Avp.USER_NAME, impi);
                        Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
                        AvpSet item = Avps.addGrouped(avps, Avp.SIP_AUTH_DATA_ITEM);
                        Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "SIP Digest");
                        Avps.addUnsigned32(avps, Avp.SIP_NUMBER_AUTH_ITEMS, 1);
                        Avps.addUtf8(avps, Avp.SERVER_NAME, SCSCF);
                    }, "MAR", ResultCode.DIAMETER_SUCCESS))
                    .thenCompose(ok -> step(peer, Command.SAR, avps -> {
                        Avps.addUtf8(avps, Avp.USER_NAME, impi);
                        Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, impu);
                        Avps.addUtf8(avps, Avp.SERVER_NAME, SCSCF);
                        Avps.addEnumerated(avps, Avp.SERVER_ASSIGNMENT_TYPE,
                                Avp.SERVER_ASSIGNMENT_TYPE.enumValue("REGISTRATION"));
                        Avps.addEnumerated(avps, Avp.USER_DATA_ALREADY_AVAILABLE, 0);
                    }, "SAR", ResultCode.DIAMETER_SUCCESS))
                    .whenComplete((ok, error) -> {
                        if (error == null) {
                            registered.add(user);
                        } else {
                            Throwable cause = error instanceof java.util.concurrent.CompletionException
                                    && error.getCause() != null ? error.getCause() : error;
                            failures.merge(String.valueOf(cause.getMessage()), 1, Integer::sum);
                        }
                        progress.incrementAndGet();
                        slots.get(lane).release();
                    });
        }
        for (Semaphore slot : slots) {
            if (!slot.tryAcquire(window, 60, TimeUnit.SECONDS)) {
                throw new AssertionError("registrations still in progress after 60 s");
            }
        }
        return new Registrations(to - from, List.copyOf(registered), Map.copyOf(failures));
    }

    private static CompletableFuture<Answer> step(DiameterTestPeer peer, Command command,
            java.util.function.Consumer<AvpSet> body, String name, ResultCode expected) {
        CompletableFuture<Answer> sent;
        try {
            sent = peer.sendAsync(command, body);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new IllegalStateException(name + " not sent: " + e));
        }
        return sent.thenApply(answer -> {
            Optional<ResultCode> result = result(answer);
            if (result.isEmpty() || result.get() != expected) {
                throw new IllegalStateException(name + " answered " + result.map(Enum::name).orElse("no result"));
            }
            return answer;
        });
    }

    /** Result-Code or Experimental-Result of an answer. */
    static Optional<ResultCode> result(Answer answer) {
        return Avps.result(answer.getAvps());
    }

    /**
     * One LIR per user {@code from..to-1}, user {@code i} through {@code peers.get(i % size)}: the S-CSCF each
     * answer names (empty when the answer has none), or the failure ("result:CODE", "timeout").
     */
    static Map<Integer, String> locate(List<DiameterTestPeer> peers, String prefix, int from, int to, int window)
            throws InterruptedException {
        return each(peers, from, to, window, i -> avps -> Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY,
                Subscribers.impu(prefix, i)), Command.LIR, answer -> {
                    ResultCode code = result(answer).orElse(null);
                    if (code != ResultCode.DIAMETER_SUCCESS) {
                        return "result:" + code;
                    }
                    return Avps.utf8(answer.getAvps(), Avp.SERVER_NAME).orElse("");
                });
    }

    /** Sends one request per user and maps each answer; a request without answer maps to "timeout". */
    static Map<Integer, String> each(List<DiameterTestPeer> peers, int from, int to, int window,
            IntFunction<java.util.function.Consumer<AvpSet>> body, Command command,
            java.util.function.Function<Answer, String> reading) throws InterruptedException {
        Map<Integer, String> out = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(window * peers.size());
        for (int i = from; i < to; i++) {
            int user = i;
            slots.acquire();
            try {
                peers.get(i % peers.size()).sendAsync(command, body.apply(user)).whenComplete((answer, error) -> {
                    out.put(user, error == null ? reading.apply(answer) : "timeout");
                    slots.release();
                });
            } catch (Exception e) {
                out.put(user, "not sent: " + e);
                slots.release();
            }
        }
        if (!slots.tryAcquire(window * peers.size(), 60, TimeUnit.SECONDS)) {
            throw new AssertionError(command + " answers missing after 60 s");
        }
        return out;
    }
}
