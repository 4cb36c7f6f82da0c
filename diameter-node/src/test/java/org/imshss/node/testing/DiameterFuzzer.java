package org.imshss.node.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.node.testing.RawMessage.RawAvp;

/**
 * A black-box Diameter fuzzer over real TCP: from valid requests of the sample users it makes mutated messages
 * of known classes, sends them pipelined on several connections and checks each outcome against what the class
 * determines: ill-framed input closes the connection (then a new one is opened with CER); a well-framed request
 * gets exactly one answer with a result from the class's set (the exact code where the mutation determines it,
 * with Failed-AVP naming the AVP); an answer gets none. Deterministic for a given seed.
 */
public final class DiameterFuzzer {

    /** The mutation classes, each with its weight per 1000 messages. */
    public enum Mutation {
        NONE(90), BIT_FLIP_HEADER(60), BIT_FLIP_AVPS(200), AVP_LENGTH_PAST_END(55), AVP_LENGTH_BELOW_HEADER(50),
        TRUNCATED_AVP(50), RESERVED_AVP_BIT(50), ERROR_BIT(40), UNKNOWN_COMMAND(50), UNKNOWN_APPLICATION(50),
        MISSING_MANDATORY(80), UNKNOWN_M_AVP(60), DUPLICATED_AVP(60), DEEP_NESTING(10), ANSWER_NOT_REQUEST(25),
        ILL_FRAMED_VERSION(2), ILL_FRAMED_LENGTH(2), HUGE_LENGTH(2), TRUNCATED_HEADER(2), TRUNCATED_MESSAGE(2);

        final int weight;

        Mutation(int weight) {
            this.weight = weight;
        }

        boolean illFramed() {
            return ordinal() >= ILL_FRAMED_VERSION.ordinal();
        }
    }

    /**
     * A valid request to mutate.
     *
     * @param removable mandatory AVPs whose absence the validator must report (5005)
     * @param singletons AVPs allowed once, whose duplicate must be reported (5009)
     */
    public record Template(String name, Command command, Function<String, List<RawAvp>> avps, List<Avp> removable,
            List<Avp> singletons) {
    }

    /**
     * One message to send and what must come of it.
     *
     * @param codes the exact results allowed, or null for any but 3004 (and 5012 unless {@code mayBeUnableToComply})
     */
    private record Case(Mutation mutation, byte[] bytes, long ids, boolean expectAnswer, Set<Long> codes,
            Integer failedAvpCode, boolean mayBeUnableToComply) {
    }

    /** The S-CSCF the templates' SAR and MAR name (the HSS's test data knows it). */
    private static final String SCSCF = "sip:scscf1.ims.example.org:6060";
    /** The authentication scheme of the MAR template (TS 29.229 6.3.9). */
    private static final String DIGEST_AKA_V1_MD5 = "Digest-AKAv1-MD5";
    private static final int BATCH = 48;
    private static final int ANSWER_TIMEOUT_MILLIS = 10_000;

    private final String host;
    private final int port;
    private final String realm;
    private final List<Template> templates;
    private final int maxMessageBytes;
    private final Map<String, LongAdder> byClass = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byResult = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile long slowestBatchNanos;

    public DiameterFuzzer(String host, int port, String realm, List<Template> templates, int maxMessageBytes) {
        this.host = host;
        this.port = port;
        this.realm = realm;
        this.templates = List.copyOf(templates);
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Sends {@code messages} mutated messages over {@code connections} connections; returns when all are checked. */
    public void run(long seed, int messages, int connections, String hostPrefix) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < connections; w++) {
                int worker = w;
                int quota = messages / connections + (w < messages % connections ? 1 : 0);
                done.add(workers.submit(() -> {
                    work(new Random(seed * 31 + worker), quota, hostPrefix + "-" + worker + "." + realm);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** Heap in use after a forced GC (the least of three tries), to compare before and after a run. */
    public static long heapAfterGc() throws InterruptedException {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            Thread.sleep(200);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    public long total() {
        return byClass.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public String report() {
        Map<String, Long> classes = new TreeMap<>();
        byClass.forEach((k, v) -> classes.put(k, v.sum()));
        Map<String, Long> results = new TreeMap<>();
        byResult.forEach((k, v) -> results.put(k, v.sum()));
        return "messages " + total() + ", reconnects " + reconnects.get() + ", slowest batch "
                + slowestBatchNanos / 1_000_000 + " ms\n  by class: " + classes + "\n  by result: " + results;
    }

    private void work(Random random, int quota, String originHost) throws IOException {
        RawDiameterClient client = connect(originHost);
        int sent = 0;
        try {
            while (sent < quota) {
                Map<Long, Case> outstanding = new HashMap<>();
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                Case illFramed = null;
                int expected = 0;
                while (sent < quota && outstanding.size() < BATCH) {
                    Case c = make(random, originHost);
                    sent++;
                    count(byClass, c.mutation().name());
                    if (c.mutation().illFramed()) {
                        illFramed = c;
                        break;
                    }
                    if (outstanding.putIfAbsent(c.ids(), c) != null) {
                        continue;
                    }
                    batch.writeBytes(c.bytes());
                    if (c.expectAnswer()) {
                        expected++;
                    }
                }
                long started = System.nanoTime();
                client.send(batch.toByteArray());
                for (int i = 0; i < expected; i++) {
                    RawMessage answer;
                    try {
                        answer = nextAnswer(client);
                    } catch (SocketTimeoutException e) {
                        fail("no answer within " + ANSWER_TIMEOUT_MILLIS + " ms on " + originHost + " to "
                                + outstanding.values().stream().filter(Case::expectAnswer)
                                        .map(u -> u.mutation() + " command " + (u.bytes().length >= 8
                                                ? (ByteBuffer.wrap(u.bytes()).getInt(4) & 0xFFFFFF) : -1)
                                                + " " + java.util.HexFormat.of().formatHex(u.bytes(), 0,
                                                        Math.min(u.bytes().length, 400)))
                                        .toList());
                        client.close();
                        client = connect(originHost);
                        break;
                    }
                    check(outstanding, answer);
                }
                slowestBatchNanos = Math.max(slowestBatchNanos, System.nanoTime() - started);
                if (illFramed != null) {
                    client.send(illFramed.bytes());
                    if (illFramed.mutation() == Mutation.TRUNCATED_HEADER
                            || illFramed.mutation() == Mutation.TRUNCATED_MESSAGE) {
                        client.shutdownOutput();
                    }
                    if (!client.closedByPeer(5000)) {
                        fail(illFramed.mutation() + ": connection not closed");
                    } else {
                        count(byResult, "connection closed");
                    }
                    client.close();
                    client = connect(originHost);
                }
            }
            // Anything still to come (an answer to an answer, a late duplicate) would arrive before this one.
            RawMessage uar = RawRequests.request(client, Command.UAR, RawRequests.uarAvps(originHost));
            client.send(uar.encode());
            RawMessage last = nextAnswer(client);
            if (last.hopByHop() != uar.hopByHop()) {
                fail("unexpected message after the run: command " + last.commandCode());
            }
        } finally {
            client.close();
        }
    }

    /**
     * The next answer from the HSS. A request it sends meanwhile is answered 2001, as an S-CSCF would, and counted:
     * a fuzzed SAR or MAR can make this connection's peer the user's S-CSCF, or take the user from another
     * connection's (RTR NEW_SERVER_ASSIGNED, TS 29.228 8.1.1).
     */
    private RawMessage nextAnswer(RawDiameterClient client) throws IOException {
        while (true) {
            RawMessage message = client.receive();
            if (!message.isRequest()) {
                return message;
            }
            count(byResult, "request " + message.commandCode() + " from the HSS");
            List<RawAvp> avps = new ArrayList<>();
            message.avp(Avp.SESSION_ID).ifPresent(avps::add);
            avps.add(RawAvp.u32(Avp.RESULT_CODE, ResultCode.DIAMETER_SUCCESS.code()));
            avps.add(RawAvp.u32(Avp.AUTH_SESSION_STATE, 1));
            avps.add(RawAvp.utf8(Avp.ORIGIN_HOST, client.originHost()));
            avps.add(RawAvp.utf8(Avp.ORIGIN_REALM, client.originRealm()));
            client.send(new RawMessage(message.flags() & RawMessage.FLAG_PROXIABLE, message.commandCode(),
                    message.applicationId(), message.hopByHop(), message.endToEnd(), avps).encode());
        }
    }

    private RawDiameterClient connect(String originHost) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                RawDiameterClient client = RawDiameterClient.connect(host, port, originHost, realm);
                client.setTimeout(ANSWER_TIMEOUT_MILLIS);
                reconnects.incrementAndGet();
                return client;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private void check(Map<Long, Case> outstanding, RawMessage answer) {
        long ids = (long) answer.hopByHop() << 32 | answer.endToEnd() & 0xFFFFFFFFL;
        Case c = outstanding.remove(ids);
        if (c == null) {
            fail("answer " + answer.commandCode() + " matches no outstanding request (duplicate or unasked)");
            return;
        }
        if (answer.isRequest()) {
            fail(c.mutation() + ": a request came back");
            return;
        }
        if (!c.expectAnswer()) {
            fail(c.mutation() + ": an answer was answered");
            return;
        }
        // RFC 6733 7.1: one result per answer; a second Result-Code, or one that is not an Unsigned32, can only be
        // an AVP of the request sent back.
        int results = answer.all(Avp.RESULT_CODE).size() + answer.all(Avp.EXPERIMENTAL_RESULT).size();
        if (results > 1 || answer.avp(Avp.RESULT_CODE).filter(r -> r.data().length != 4).isPresent()) {
            fail(c.mutation() + ": answer with " + results + " results or a malformed Result-Code (request echoed?)");
            return;
        }
        Long code = answer.avp(Avp.RESULT_CODE).map(RawAvp::u32)
                .or(() -> answer.avp(Avp.EXPERIMENTAL_RESULT).flatMap(e -> e.member(Avp.EXPERIMENTAL_RESULT_CODE))
                        .map(r -> 10_000 + r.u32()))
                .orElse(null);
        String label = code == null ? "none" : code >= 10_000 ? "exp " + (code - 10_000) : Long.toString(code);
        count(byResult, label);
        if (code == null) {
            fail(c.mutation() + ": answer without result");
            return;
        }
        boolean allowed = c.codes() != null ? c.codes().contains(code)
                : code != ResultCode.DIAMETER_TOO_BUSY.code()
                        && (code != ResultCode.DIAMETER_UNABLE_TO_COMPLY.code() || c.mayBeUnableToComply());
        if (!allowed) {
            fail(c.mutation() + ": result " + label + ", expected " + (c.codes() == null ? "any but 3004/5012"
                    : c.codes()));
            return;
        }
        boolean protocolError = code >= 3000 && code < 4000;
        if (answer.isError() != protocolError) {
            fail(c.mutation() + ": E bit " + answer.isError() + " with result " + label);
        }
        if (c.failedAvpCode() != null) {
            List<RawAvp> failed = answer.avp(Avp.FAILED_AVP).map(RawAvp::members).orElse(List.of());
            if (failed.stream().noneMatch(a -> a.code() == c.failedAvpCode())) {
                fail(c.mutation() + ": Failed-AVP does not name AVP " + c.failedAvpCode());
            }
        }
    }

    private void fail(String what) {
        if (failures.size() < 50) {
            failures.add(what);
        }
        count(byResult, "FAILED");
    }

    private static void count(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    // ---- making cases ----

    private Case make(Random random, String originHost) {
        Mutation mutation = draw(random);
        Template t = templates.get(random.nextInt(templates.size()));
        List<RawAvp> avps = new ArrayList<>(t.avps().apply(originHost));
        int flags = RawMessage.FLAG_REQUEST | RawMessage.FLAG_PROXIABLE;
        int command = t.command().code();
        long application = t.command().application().id();
        Set<Long> codes = null;
        Integer failed = null;
        switch (mutation) {
            case ERROR_BIT -> {
                flags |= RawMessage.FLAG_ERROR;
                codes = codes(ResultCode.DIAMETER_INVALID_HDR_BITS);
            }
            case UNKNOWN_COMMAND -> {
                command = 1000 + random.nextInt(0xFFFFFF - 1000);
                codes = codes(ResultCode.DIAMETER_COMMAND_UNSUPPORTED);
            }
            case UNKNOWN_APPLICATION -> {
                do {
                    application = random.nextInt() & 0xFFFFFFFFL;
                } while (application == Application.CX.id() || application == Application.SH.id());
                codes = codes(ResultCode.DIAMETER_APPLICATION_UNSUPPORTED);
            }
            case MISSING_MANDATORY -> {
                // The template's own mandatory AVPs, or one that routing needs in every request (RFC 6733 6.1).
                List<Avp> removable = new ArrayList<>(t.removable());
                removable.addAll(List.of(Avp.ORIGIN_HOST, Avp.ORIGIN_REALM, Avp.DESTINATION_REALM));
                Avp removed = removable.get(random.nextInt(removable.size()));
                avps.removeIf(a -> a.is(removed));
                codes = codes(ResultCode.DIAMETER_MISSING_AVP);
                failed = removed.code();
            }
            case UNKNOWN_M_AVP -> {
                int code = 65_000 + random.nextInt(500);
                avps.add(1 + random.nextInt(avps.size()), new RawAvp(code,
                        RawAvp.FLAG_VENDOR | RawAvp.FLAG_MANDATORY, Application.CX.vendorId(), randomBytes(random, 12)));
                codes = codes(ResultCode.DIAMETER_AVP_UNSUPPORTED);
                failed = code;
            }
            case DUPLICATED_AVP -> {
                Avp twice = t.singletons().get(random.nextInt(t.singletons().size()));
                avps.add(avps.stream().filter(a -> a.is(twice)).findFirst().orElseThrow());
                codes = codes(ResultCode.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES);
                failed = twice.code();
            }
            case ANSWER_NOT_REQUEST -> flags &= ~RawMessage.FLAG_REQUEST;
            default -> {
            }
        }
        int hbh = random.nextInt();
        int e2e = random.nextInt();
        byte[] bytes = new RawMessage(flags, command, application, hbh, e2e, avps).encode();
        boolean expectAnswer = (flags & RawMessage.FLAG_REQUEST) != 0;
        switch (mutation) {
            case BIT_FLIP_HEADER -> {
                // Flags, command, application and identifiers; never version or length (that is ill-framing).
                int bit = 32 + random.nextInt(128);
                bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                expectAnswer = (bytes[4] & RawMessage.FLAG_REQUEST) != 0;
            }
            case BIT_FLIP_AVPS -> {
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int bit = 160 + random.nextInt((bytes.length - 20) * 8);
                    bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                }
            }
            case AVP_LENGTH_PAST_END, AVP_LENGTH_BELOW_HEADER, RESERVED_AVP_BIT, TRUNCATED_AVP -> {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                List<Integer> starts = avpStarts(bytes);
                if (mutation == Mutation.TRUNCATED_AVP) {
                    // Only AVPs with data to cut into.
                    starts.removeIf(s -> (b.getInt(s + 4) & 0xFFFFFF) < 16);
                } else {
                    starts.remove(0);
                }
                int at = starts.get(random.nextInt(starts.size()));
                failed = b.getInt(at);
                int flagsLength = b.getInt(at + 4);
                int avpFlags = flagsLength >>> 24;
                int length = flagsLength & 0xFFFFFF;
                int header = (avpFlags & RawAvp.FLAG_VENDOR) != 0 ? 12 : 8;
                switch (mutation) {
                    case AVP_LENGTH_PAST_END -> {
                        b.putInt(at + 4, avpFlags << 24 | bytes.length - at + 1 + random.nextInt(4096));
                        codes = codes(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
                    }
                    case AVP_LENGTH_BELOW_HEADER -> {
                        b.putInt(at + 4, avpFlags << 24 | random.nextInt(header));
                        codes = codes(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
                    }
                    case RESERVED_AVP_BIT -> {
                        bytes[at + 4] |= (byte) (1 << random.nextInt(5));
                        codes = codes(ResultCode.DIAMETER_INVALID_AVP_BITS);
                    }
                    default -> {
                        // Cut the message inside this AVP's data: its length now runs past the end.
                        int dataEnd = at + length;
                        int cut = ((at + header + 3) & ~3) + 4 * random.nextInt(Math.max(1, (dataEnd - at - header) / 4));
                        if (cut >= dataEnd || cut <= at + 8) {
                            cut = at + 8;
                        }
                        bytes = withLength(Arrays.copyOf(bytes, cut), cut);
                        codes = codes(ResultCode.DIAMETER_INVALID_AVP_LENGTH);
                    }
                }
            }
            case DEEP_NESTING -> {
                int room = Math.min(maxMessageBytes, 1 << 20) - bytes.length - 64;
                int depth = 20 + random.nextInt(Math.max(1, Math.min(room / 8, 4000) - 20));
                ByteBuffer nested = ByteBuffer.allocate(depth * 8);
                for (int level = 0; level < depth; level++) {
                    nested.putInt(Avp.PROXY_INFO.code()).putInt(RawAvp.FLAG_MANDATORY << 24 | (depth - level) * 8);
                }
                byte[] grown = Arrays.copyOf(bytes, bytes.length + nested.capacity());
                System.arraycopy(nested.array(), 0, grown, bytes.length, nested.capacity());
                bytes = withLength(grown, grown.length);
                codes = codes(ResultCode.DIAMETER_INVALID_AVP_VALUE);
            }
            case ILL_FRAMED_VERSION -> bytes[0] = (byte) (2 + random.nextInt(254));
            case ILL_FRAMED_LENGTH -> bytes = withLength(bytes, random.nextBoolean() ? random.nextInt(20)
                    : bytes.length - 1 - random.nextInt(3));
            case HUGE_LENGTH -> bytes = withLength(Arrays.copyOf(bytes, 20),
                    maxMessageBytes + 4 + (random.nextInt(0xFFFFFF - maxMessageBytes - 4) & ~3));
            case TRUNCATED_HEADER -> bytes = Arrays.copyOf(bytes, 1 + random.nextInt(19));
            case TRUNCATED_MESSAGE -> bytes = Arrays.copyOf(bytes, 20 + random.nextInt(bytes.length - 20));
            default -> {
            }
        }
        long ids = ByteBuffer.wrap(bytes.length >= 20 ? bytes : Arrays.copyOf(bytes, 20)).getLong(12);
        // TS 29.228 6.1.2, 6.1.4, 6.3: SAR, MAR and LIR answer 5012 themselves in some states (another S-CSCF
        // assigned, a failed resynchronisation); a changed value can bring a request there. Elsewhere 5012 means a
        // procedure failed on its input.
        boolean mayBeUnableToComply = mutation.ordinal() <= Mutation.BIT_FLIP_AVPS.ordinal()
                && (t.command() == Command.SAR || t.command() == Command.MAR || t.command() == Command.LIR
                        || mutation == Mutation.BIT_FLIP_HEADER);
        return new Case(mutation, bytes, ids, expectAnswer, codes, failed, mayBeUnableToComply);
    }

    private static Mutation draw(Random random) {
        int total = Arrays.stream(Mutation.values()).mapToInt(m -> m.weight).sum();
        int pick = random.nextInt(total);
        for (Mutation m : Mutation.values()) {
            pick -= m.weight;
            if (pick < 0) {
                return m;
            }
        }
        throw new IllegalStateException();
    }

    private static Set<Long> codes(ResultCode... results) {
        return Arrays.stream(results).map(r -> (long) r.code()).collect(java.util.stream.Collectors.toSet());
    }

    private static List<Integer> avpStarts(byte[] m) {
        List<Integer> starts = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(m);
        int pos = 20;
        while (pos + 8 <= m.length) {
            starts.add(pos);
            pos += ((b.getInt(pos + 4) & 0xFFFFFF) + 3) & ~3;
        }
        return starts;
    }

    private static byte[] withLength(byte[] message, int length) {
        ByteBuffer.wrap(message).putInt(1 << 24 | length);
        return message;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Valid requests of the sample user alice: UAR, LIR, SAR (unregistered user), MAR (IMS-AKA) and an Sh UDR. */
    public static List<Template> sampleUserRequests() {
        return List.of(
                new Template("UAR", Command.UAR, RawRequests::uarAvps,
                        List.of(Avp.USER_NAME, Avp.PUBLIC_IDENTITY, Avp.VISITED_NETWORK_IDENTIFIER,
                                Avp.AUTH_SESSION_STATE),
                        List.of(Avp.USER_NAME, Avp.PUBLIC_IDENTITY, Avp.VISITED_NETWORK_IDENTIFIER)),
                new Template("LIR", Command.LIR, host -> {
                    List<RawAvp> avps = RawRequests.base(host, Application.CX);
                    avps.add(RawAvp.utf8(Avp.PUBLIC_IDENTITY, RawRequests.IMPU));
                    return avps;
                }, List.of(Avp.PUBLIC_IDENTITY, Avp.AUTH_SESSION_STATE), List.of(Avp.PUBLIC_IDENTITY)),
                new Template("SAR", Command.SAR, host -> {
                    List<RawAvp> avps = RawRequests.base(host, Application.CX);
                    avps.add(RawAvp.utf8(Avp.USER_NAME, RawRequests.IMPI));
                    avps.add(RawAvp.utf8(Avp.PUBLIC_IDENTITY, RawRequests.IMPU));
                    avps.add(RawAvp.utf8(Avp.SERVER_NAME, SCSCF));
                    avps.add(RawAvp.u32(Avp.SERVER_ASSIGNMENT_TYPE,
                            Avp.SERVER_ASSIGNMENT_TYPE.enumValue("UNREGISTERED_USER")));
                    avps.add(RawAvp.u32(Avp.USER_DATA_ALREADY_AVAILABLE,
                            Avp.USER_DATA_ALREADY_AVAILABLE.enumValue("USER_DATA_NOT_AVAILABLE")));
                    return avps;
                }, List.of(Avp.SERVER_NAME, Avp.SERVER_ASSIGNMENT_TYPE, Avp.USER_DATA_ALREADY_AVAILABLE),
                        List.of(Avp.USER_NAME, Avp.SERVER_NAME, Avp.SERVER_ASSIGNMENT_TYPE)),
                new Template("MAR", Command.MAR, host -> {
                    List<RawAvp> avps = RawRequests.base(host, Application.CX);
                    avps.add(RawAvp.utf8(Avp.USER_NAME, RawRequests.IMPI));
                    avps.add(RawAvp.utf8(Avp.PUBLIC_IDENTITY, RawRequests.IMPU));
                    avps.add(RawAvp.grouped(Avp.SIP_AUTH_DATA_ITEM,
                            RawAvp.utf8(Avp.SIP_AUTHENTICATION_SCHEME, DIGEST_AKA_V1_MD5)));
                    avps.add(RawAvp.u32(Avp.SIP_NUMBER_AUTH_ITEMS, 1));
                    avps.add(RawAvp.utf8(Avp.SERVER_NAME, SCSCF));
                    return avps;
                }, List.of(Avp.USER_NAME, Avp.PUBLIC_IDENTITY, Avp.SIP_AUTH_DATA_ITEM, Avp.SIP_NUMBER_AUTH_ITEMS,
                        Avp.SERVER_NAME), List.of(Avp.USER_NAME, Avp.SIP_NUMBER_AUTH_ITEMS, Avp.SERVER_NAME)),
                new Template("UDR", Command.UDR, host -> {
                    List<RawAvp> avps = RawRequests.base(host, Application.SH);
                    avps.add(RawAvp.grouped(Avp.USER_IDENTITY, RawAvp.utf8(Avp.PUBLIC_IDENTITY, RawRequests.IMPU)));
                    avps.add(RawAvp.u32(Avp.DATA_REFERENCE, Avp.DATA_REFERENCE.enumValue("IMSPublicIdentity")));
                    return avps;
                }, List.of(Avp.USER_IDENTITY, Avp.DATA_REFERENCE, Avp.AUTH_SESSION_STATE),
                        List.of(Avp.USER_IDENTITY)));
    }
}
