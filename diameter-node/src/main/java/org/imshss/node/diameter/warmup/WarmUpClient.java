package org.imshss.node.diameter.warmup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageDecoder;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.LocalIdentity;

/**
 * A small pipelined Diameter client that drives a node's request paths before it serves (a warm-up): it connects,
 * exchanges capabilities, then sends batches of pre-encoded requests keeping up to {@code inFlight} of a batch
 * outstanding, reads the answers and counts them by command and result. A batch starts once the previous one is
 * answered, so requests that change state (a registration, then a de-registration) can follow one another. The
 * node's watchdog requests are answered; anything else it sends is a fault of the warm-up and ends it.
 *
 * <p>With {@link #withProbes} it also opens, every so many batches, a short second connection of another peer: CER,
 * DWR, DPR. What a node does once per peer connection (the capabilities exchange with its Address AVP, admission,
 * the watchdog, the disconnect) must be in the profile the JIT compiles the request path with: a branch never taken
 * by then is compiled as a trap, and the first real peer's CER would deoptimise the reader and decoder it shares
 * with every request, sending them back to the interpreter for seconds under load.
 */
public final class WarmUpClient implements AutoCloseable {

    private static final int HEADER = DiameterMessage.HEADER_BYTES;
    /** Batches between probe connections: a few dozen over a warm-up, each a few milliseconds. */
    private static final int PROBE_EVERY = 8;
    /** Disconnect-Cause DO_NOT_WANT_TO_TALK_TO_YOU (RFC 6733 5.4.3). */
    private static final int DO_NOT_WANT_TO_TALK_TO_YOU = 2;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final LocalIdentity self;
    private final InetSocketAddress server;
    private final List<Application> applications;
    private final Duration timeout;
    private LocalIdentity probe;
    private int hopByHop = 1;
    private int endToEnd = 1;
    /** Version and length, the first four octets of every message (RFC 6733 3). */
    private final byte[] prefix = new byte[4];

    private WarmUpClient(Socket socket, LocalIdentity self, List<Application> applications, Duration timeout)
            throws IOException {
        this.socket = socket;
        this.server = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.applications = List.copyOf(applications);
        this.timeout = timeout;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.self = self;
    }

    /**
     * Connects and exchanges capabilities advertising {@code applications}; fails unless the CEA says 2001.
     *
     * @param timeout for the connection and for each read
     */
    public static WarmUpClient connect(InetSocketAddress server, LocalIdentity self, List<Application> applications,
            Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            WarmUpClient client = new WarmUpClient(socket, self, applications, timeout);
            client.exchangeCapabilities();
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Before every {@value #PROBE_EVERY}th batch of {@link #run}, a probe connection of {@code peer} (which the node
     * must admit, for instance by its realm, so that admission by realm runs too): CER, DWR, DPR, each answered 2001.
     */
    public WarmUpClient withProbes(LocalIdentity peer) {
        this.probe = peer;
        return this;
    }

    private void exchangeCapabilities() throws IOException {
        MessageWriter cer = MessageWriter.request(Command.CER, endToEnd++)
                .identity(Avp.ORIGIN_HOST, self.host())
                .identity(Avp.ORIGIN_REALM, self.realm())
                .address(Avp.HOST_IP_ADDRESS, InetAddress.getLoopbackAddress())
                .unsigned32(Avp.VENDOR_ID, 0)
                .utf8(Avp.PRODUCT_NAME, "warm-up");
        applications.stream().map(Application::vendorId).distinct()
                .forEach(vendor -> cer.unsigned32(Avp.SUPPORTED_VENDOR_ID, vendor));
        for (Application application : applications) {
            cer.vendorSpecificApplicationId(application);
        }
        exchange(cer, "capabilities exchange");
    }

    /** Sends a base protocol request and reads its answer, which must say 2001 (RFC 6733 5.3, 5.4, 5.5). */
    private void exchange(MessageWriter writer, String what) throws IOException {
        byte[] request = writer.toBytes();
        DiameterMessage.setHopByHop(request, hopByHop++);
        out.write(request);
        out.flush();
        DiameterMessage answer = MessageDecoder.decode(readFrame()).message();
        long result = answer == null ? -1 : answer.avps().resultValue();
        if (result != 2001) {
            throw new IOException(what + " answered " + result);
        }
    }

    /** One probe connection: CER, DWR, DPR (DO_NOT_WANT_TO_TALK_TO_YOU), then closed. */
    private void probe() throws IOException {
        try (WarmUpClient peer = connect(server, probe, applications, timeout)) {
            peer.exchange(MessageWriter.request(Command.DWR, peer.endToEnd++)
                    .identity(Avp.ORIGIN_HOST, probe.host())
                    .identity(Avp.ORIGIN_REALM, probe.realm()), "watchdog");
            peer.exchange(MessageWriter.request(Command.DPR, peer.endToEnd++)
                    .identity(Avp.ORIGIN_HOST, probe.host())
                    .identity(Avp.ORIGIN_REALM, probe.realm())
                    .enumerated(Avp.DISCONNECT_CAUSE, DO_NOT_WANT_TO_TALK_TO_YOU), "disconnect");
        }
    }

    /**
     * Sends every batch, each with up to {@code inFlight} requests outstanding, and waits for all their answers.
     *
     * @throws IOException when the connection fails, an answer does not come within the timeout, or the node sends
     *                     a request other than a watchdog
     */
    public WarmUpTally run(Iterator<List<WarmUpRequest>> batches, int inFlight) throws IOException {
        return run(batches, inFlight, () -> false);
    }

    /**
     * Sends {@code batches}, then {@code more} (which may never end) for as long as the JIT is still compiling, at
     * most {@code settleLimit} ({@link JitSettling}; zero: none of {@code more}).
     */
    public WarmUpTally run(Iterator<List<WarmUpRequest>> batches, Iterator<List<WarmUpRequest>> more, int inFlight,
            Duration settleLimit) throws IOException {
        WarmUpTally tally = run(batches, inFlight);
        if (tally.total() == 0 || settleLimit.isZero()) {
            return tally;
        }
        return tally.plus(run(more, inFlight, new JitSettling(settleLimit)));
    }

    /**
     * As {@link #run(Iterator, int)}, but stops before the next batch once {@code enough} says so (checked between
     * batches, so that an endless source of batches can be given).
     */
    public WarmUpTally run(Iterator<List<WarmUpRequest>> batches, int inFlight, BooleanSupplier enough)
            throws IOException {
        Map<String, Long> answers = new TreeMap<>();
        long unexpected = 0;
        Map<Integer, WarmUpRequest> pending = new HashMap<>();
        for (int sent = 0; batches.hasNext() && !enough.getAsBoolean(); sent++) {
            if (probe != null && sent % PROBE_EVERY == 0) {
                probe();
            }
            Iterator<WarmUpRequest> batch = batches.next().iterator();
            while (batch.hasNext() || !pending.isEmpty()) {
                while (batch.hasNext() && pending.size() < inFlight) {
                    WarmUpRequest request = batch.next();
                    pending.put(send(request.octets()), request);
                }
                out.flush();
                DiameterMessage answer = nextAnswer();
                WarmUpRequest request = pending.remove(answer.hopByHop());
                if (request == null) {
                    throw new IOException("an answer to no request sent (hop-by-hop " + answer.hopByHop() + ")");
                }
                long result = answer.avps().resultValue();
                answers.merge(request.command().name() + " " + (result < 0 ? "none" : Long.toString(result)), 1L,
                        Long::sum);
                if (!request.expected().contains(result)) {
                    unexpected++;
                }
            }
        }
        return new WarmUpTally(answers, unexpected);
    }

    /** Writes a copy of the request with fresh identifiers; returns its hop-by-hop identifier. */
    private int send(byte[] octets) throws IOException {
        byte[] request = octets.clone();
        int id = hopByHop++;
        DiameterMessage.setHopByHop(request, id);
        int e2e = endToEnd++;
        request[16] = (byte) (e2e >>> 24);
        request[17] = (byte) (e2e >>> 16);
        request[18] = (byte) (e2e >>> 8);
        request[19] = (byte) e2e;
        out.write(request);
        return id;
    }

    /** The next answer; the node's watchdog requests are answered on the way. */
    private DiameterMessage nextAnswer() throws IOException {
        while (true) {
            byte[] frame = readFrame();
            if (!DiameterMessage.isRequest(frame)) {
                DiameterMessage answer = MessageDecoder.decode(frame).message();
                if (answer == null) {
                    throw new IOException("an answer that does not decode (command " + DiameterMessage.commandCode(frame)
                            + ")");
                }
                return answer;
            }
            if (DiameterMessage.commandCode(frame) != Command.DWR.code()) {
                throw new IOException("the node sent request " + DiameterMessage.commandCode(frame)
                        + " to the warm-up client");
            }
            DiameterMessage watchdog = MessageDecoder.decode(frame).message();
            out.write(MessageWriter.answerTo(watchdog, false).result(ResultCode.DIAMETER_SUCCESS)
                    .identity(Avp.ORIGIN_HOST, self.host()).identity(Avp.ORIGIN_REALM, self.realm()).toBytes());
            out.flush();
        }
    }

    private byte[] readFrame() throws IOException {
        in.readFully(prefix);
        int length = (prefix[1] & 0xFF) << 16 | (prefix[2] & 0xFF) << 8 | prefix[3] & 0xFF;
        if (length < HEADER || length > 16 * 1024 * 1024) {
            throw new IOException("a frame of " + length + " octets");
        }
        byte[] frame = new byte[length];
        System.arraycopy(prefix, 0, frame, 0, 4);
        in.readFully(frame, 4, length - 4);
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
