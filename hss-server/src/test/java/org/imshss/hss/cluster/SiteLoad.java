package org.imshss.hss.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Avps;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.testing.AkaItems;
import org.imshss.hss.testing.DiameterTestPeer;
import org.imshss.hss.testing.RestClient;
import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;

/**
 * The load the site tests run besides the registrations, each until told to stop: IMS-AKA MARs (every SQN the HSS
 * acknowledged, per user, in the order handed out) and bulk imports in small batches (every subscriber an answer
 * acknowledged as created).
 */
final class SiteLoad {

    private final AtomicBoolean stopped = new AtomicBoolean();
    /** SQNs acknowledged, per user, in the order each lane received them. */
    final Map<Integer, List<Long>> sqns = new ConcurrentHashMap<>();
    final Map<String, Integer> akaFailures = new ConcurrentHashMap<>();
    final List<String> imported = new CopyOnWriteArrayList<>();
    final Map<String, Integer> importFailures = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger importBatches = new java.util.concurrent.atomic.AtomicInteger();

    void stop() {
        stopped.set(true);
    }

    /** MARs for users {@code from..to-1} in turn through {@code peer}, one at a time. */
    Runnable aka(DiameterTestPeer peer, String prefix, int from, int to) {
        return () -> {
            for (int round = 0; !stopped.get(); round++) {
                int user = from + round % (to - from);
                try {
                    Answer answer = peer.send(Command.MAR, marBody(prefix, user));
                    Optional<ResultCode> code = Avps.result(answer.getAvps());
                    if (code.isPresent() && code.get() == ResultCode.DIAMETER_SUCCESS) {
                        sqns.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(sqnOf(answer, user));
                    } else {
                        akaFailures.merge("MAR " + code.map(Enum::name).orElse("no result"), 1, Integer::sum);
                    }
                } catch (Exception e) {
                    akaFailures.merge("MAR " + rootMessage(e), 1, Integer::sum);
                }
            }
        };
    }

    /** Imports subscribers {@code prefix} from {@code from} on, {@code batch} per request, through {@code rest}. */
    Runnable imports(RestClient rest, String prefix, int from, int batch) {
        return () -> {
            ObjectMapper json = new ObjectMapper();
            for (int start = from; !stopped.get(); start += batch) {
                importBatches.incrementAndGet();
                try {
                    RestClient.Reply reply = rest.post("/subscribers/import", "application/x-ndjson",
                            Subscribers.ndjson(prefix, start, start + batch));
                    if (reply.status() != 200) {
                        importFailures.merge("HTTP " + reply.status(), 1, Integer::sum);
                        continue;
                    }
                    for (String line : reply.body().split("\n")) {
                        if (line.isBlank()) {
                            continue;
                        }
                        var result = json.readTree(line);
                        if ("created".equals(result.path("result").asText())) {
                            imported.add(result.path("id").asText());
                        } else {
                            importFailures.merge("line " + result.path("status").asText(), 1, Integer::sum);
                        }
                    }
                } catch (Exception e) {
                    importFailures.merge("batch " + rootMessage(e), 1, Integer::sum);
                }
            }
        };
    }

    int importBatches() {
        return importBatches.get();
    }

    int akaFailed() {
        return akaFailures.values().stream().mapToInt(Integer::intValue).sum();
    }

    int importsFailed() {
        return importFailures.values().stream().mapToInt(Integer::intValue).sum();
    }

    int sqnCount() {
        return sqns.values().stream().mapToInt(List::size).sum();
    }

    /** The highest acknowledged SQN of each user. */
    Map<Integer, Long> lastSqns() {
        Map<Integer, Long> last = new TreeMap<>();
        sqns.forEach((user, list) -> last.put(user, list.stream().mapToLong(Long::longValue).max().orElseThrow()));
        return last;
    }

    /** SQNs handed out twice for one user (two lanes share no user, so this also covers the lanes). */
    List<String> duplicates() {
        List<String> duplicates = new ArrayList<>();
        sqns.forEach((user, list) -> {
            if (list.stream().distinct().count() != list.size()) {
                duplicates.add("user " + user + ": " + list);
            }
        });
        return duplicates;
    }

    static java.util.function.Consumer<AvpSet> marBody(String prefix, int user) {
        return avps -> {
            Avps.addUtf8(avps, Avp.USER_NAME, Subscribers.impi(prefix, user));
            Avps.addUtf8(avps, Avp.PUBLIC_IDENTITY, Subscribers.impu(prefix, user));
            AvpSet item = Avps.addGrouped(avps, Avp.SIP_AUTH_DATA_ITEM);
            Avps.addUtf8(item, Avp.SIP_AUTHENTICATION_SCHEME, "Digest-AKAv1-MD5");
            Avps.addUnsigned32(avps, Avp.SIP_NUMBER_AUTH_ITEMS, 1);
            Avps.addUtf8(avps, Avp.SERVER_NAME, CxTraffic.SCSCF);
        };
    }

    /** The SQN of the one AKA vector of a MAA, after checking the vector against the user's K and OPc. */
    static long sqnOf(Answer answer, int user) {
        List<AvpSet> items = Avps.groupedAll(answer.getAvps(), Avp.SIP_AUTH_DATA_ITEM);
        if (items.size() != 1) {
            throw new IllegalStateException("MAA with " + items.size() + " items");
        }
        return AkaItems.verify(Subscribers.milenage(user), items.get(0), "Digest-AKAv1-MD5",
                new byte[] {(byte) 0x80, 0});
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
