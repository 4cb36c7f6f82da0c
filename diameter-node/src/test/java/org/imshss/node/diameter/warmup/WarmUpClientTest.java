package org.imshss.node.diameter.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.MessageDecoder;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.LocalIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up client against a peer on a real socket: capabilities first, then each batch answered before the next
 * starts, answers counted by command and result, the unexpected ones counted apart, a watchdog answered, and any
 * other request from the node a failure.
 */
class WarmUpClientTest {

    private static final LocalIdentity CLIENT = new LocalIdentity("client.warm-up.invalid", "warm-up.invalid");
    private static final Map<Integer, String> NAMES = Map.of(Command.CER.code(), "CER", Command.DWR.code(), "DWR",
            Command.DPR.code(), "DPR", Command.UAR.code(), "UAR");

    private ServerSocket listener;
    private final List<Integer> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    @Test
    void batchesAreAnsweredInTurnAndCountedByCommandAndResult() throws Exception {
        // The peer answers UARs 2001 and LIRs 5001, and sends a watchdog request before its first answer.
        CompletableFuture<Void> peer = serve(request -> request.commandCode() == Command.UAR.code()
                ? ResultCode.DIAMETER_SUCCESS : ResultCode.DIAMETER_ERROR_USER_UNKNOWN, true);
        try (WarmUpClient client = WarmUpClient.connect(address(), CLIENT, List.of(Application.CX),
                Duration.ofSeconds(5))) {
            List<List<WarmUpRequest>> batches = List.of(
                    List.of(request(Command.UAR, 2001), request(Command.UAR, 2001), request(Command.UAR, 2001)),
                    List.of(request(Command.LIR, 2001), request(Command.LIR, 5001)));
            WarmUpTally tally = client.run(batches.iterator(), 2);
            assertThat(tally.answers()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("UAR 2001", 3L, "LIR 5001", 2L));
            assertThat(tally.total()).isEqualTo(5);
            assertThat(tally.unexpected()).isEqualTo(1);
            assertThat(tally.allExpected()).isFalse();
        }
        peer.join();
        // CER first; every UAR before any LIR, since the second batch waits for the first.
        assertThat(received).containsExactly(Command.CER.code(), 300, 300, 300, 302, 302);
    }

    /**
     * The peer holds its answers until the whole first batch is in, then looks for 300 ms whether anything of the
     * next batch comes before those answers: with room for ten in flight, only the wait for the batch stops it.
     */
    @Test
    void theNextBatchStartsOnlyOnceThisOneIsAnswered() throws Exception {
        CompletableFuture<Boolean> early = CompletableFuture.supplyAsync(() -> {
            try (Socket socket = listener.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(answer(MessageDecoder.decode(read(in)).message(), ResultCode.DIAMETER_SUCCESS));
                List<DiameterMessage> held = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    held.add(MessageDecoder.decode(read(in)).message());
                }
                socket.setSoTimeout(300);
                boolean sentEarly;
                try {
                    sentEarly = read(in) != null;
                } catch (java.net.SocketTimeoutException nothing) {
                    sentEarly = false;
                }
                socket.setSoTimeout(0);
                for (DiameterMessage request : held) {
                    out.write(answer(request, ResultCode.DIAMETER_SUCCESS));
                }
                for (int i = sentEarly ? 1 : 0; i < 2; i++) {
                    out.write(answer(MessageDecoder.decode(read(in)).message(), ResultCode.DIAMETER_SUCCESS));
                }
                return sentEarly;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (WarmUpClient client = WarmUpClient.connect(address(), CLIENT, List.of(Application.CX),
                Duration.ofSeconds(5))) {
            WarmUpTally tally = client.run(List.of(
                    List.of(request(Command.SAR, 2001), request(Command.SAR, 2001), request(Command.SAR, 2001)),
                    List.of(request(Command.LIR, 2001), request(Command.LIR, 2001))).iterator(), 10);
            assertThat(tally.answers()).containsEntry("SAR 2001", 3L);
        } catch (IOException answerLost) {
            // Only when a request of the second batch came early and its answer was not sent: asserted below.
        }
        assertThat(early.join()).as("a request of the next batch before this batch was answered").isFalse();
    }

    @Test
    void aRequestFromTheNodeOtherThanAWatchdogEndsTheRun() throws Exception {
        serve(request -> ResultCode.DIAMETER_SUCCESS, false);
        try (WarmUpClient client = WarmUpClient.connect(address(), CLIENT, List.of(Application.CX),
                Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.run(List.of(List.of(request(Command.SAR, 2001))).iterator(), 1))
                    .isInstanceOf(IOException.class).hasMessageContaining("304");
        }
    }

    @Test
    void probeConnectionsOfAnotherPeerComeEveryEightBatchesWithCerDwrAndDpr() throws Exception {
        Map<Integer, List<String>> connections = new ConcurrentHashMap<>();
        CompletableFuture.runAsync(() -> {
            for (int index = 0; ; index++) {
                try {
                    Socket socket = listener.accept();
                    int connection = index;
                    CompletableFuture.runAsync(() -> answerAll(socket, connections
                            .computeIfAbsent(connection, c -> Collections.synchronizedList(new ArrayList<>()))));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        LocalIdentity probe = new LocalIdentity("probe.warm-up.invalid", "warm-up.invalid");
        try (WarmUpClient client = WarmUpClient.connect(address(), CLIENT, List.of(Application.CX),
                Duration.ofSeconds(5)).withProbes(probe)) {
            List<List<WarmUpRequest>> ten = Collections.nCopies(10, List.of(request(Command.UAR, 2001)));
            List<List<WarmUpRequest>> more = List.of(List.of(request(Command.LIR, 2001)));
            // A settle limit of zero: the further batches are never sent.
            WarmUpTally tally = client.run(ten.iterator(), more.iterator(), 1, Duration.ZERO);
            assertThat(tally.answers()).isEqualTo(Map.of("UAR 2001", 10L));
        }
        // Connection 0 is the client's; probes before its first and ninth batch, each closed after its DPA.
        List<String> probeExchange = List.of("probe.warm-up.invalid CER", "probe.warm-up.invalid DWR",
                "probe.warm-up.invalid DPR");
        assertThat(connections.get(1)).isEqualTo(probeExchange);
        assertThat(connections.get(2)).isEqualTo(probeExchange);
        assertThat(connections.get(0)).hasSize(11).first().isEqualTo(CLIENT.host() + " CER");
        assertThat(connections.get(0).subList(1, 11)).allMatch(line -> line.equals(CLIENT.host() + " UAR"));
        assertThat(connections).hasSize(3);
    }

    /** Answers every request of one connection 2001, noting its Origin-Host and command. */
    private static void answerAll(Socket socket, List<String> seen) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (byte[] frame = read(in); frame != null; frame = read(in)) {
                DiameterMessage message = MessageDecoder.decode(frame).message();
                seen.add(message.avps().utf8(Avp.ORIGIN_HOST) + " " + NAMES.get(message.commandCode()));
                out.write(answer(message, ResultCode.DIAMETER_SUCCESS));
            }
        } catch (IOException closed) {
            // The client went away.
        }
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private static WarmUpRequest request(Command command, long expected) {
        byte[] octets = MessageWriter.request(command, 0)
                .utf8(Avp.SESSION_ID, CLIENT.host() + ";test;" + command)
                .identity(Avp.ORIGIN_HOST, CLIENT.host())
                .identity(Avp.ORIGIN_REALM, CLIENT.realm())
                .identity(Avp.DESTINATION_REALM, "ims.example.org")
                .toBytes();
        return WarmUpRequest.of(command, octets, expected);
    }

    /**
     * One connection: CEA 2001, then each request answered with {@code result}; with {@code watchdog} a DWR goes
     * out before the first answer (and its DWA is read back), without it an RTR goes out instead.
     */
    private CompletableFuture<Void> serve(Function<DiameterMessage, ResultCode> result, boolean watchdog) {
        return CompletableFuture.runAsync(() -> {
            try (Socket socket = listener.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                boolean first = true;
                while (true) {
                    byte[] frame = read(in);
                    if (frame == null) {
                        return;
                    }
                    DiameterMessage message = MessageDecoder.decode(frame).message();
                    if (!message.isRequest()) {
                        continue;
                    }
                    received.add(message.commandCode());
                    if (message.commandCode() == Command.CER.code()) {
                        out.write(answer(message, ResultCode.DIAMETER_SUCCESS));
                        continue;
                    }
                    if (first) {
                        first = false;
                        Command command = watchdog ? Command.DWR : Command.RTR;
                        byte[] request = MessageWriter.request(command, 7)
                                .identity(Avp.ORIGIN_HOST, "hss.ims.example.org")
                                .identity(Avp.ORIGIN_REALM, "ims.example.org").toBytes();
                        DiameterMessage.setHopByHop(request, 99);
                        out.write(request);
                    }
                    out.write(answer(message, result.apply(message)));
                }
            } catch (IOException closed) {
                // The client went away.
            }
        });
    }

    private static byte[] answer(DiameterMessage request, ResultCode result) {
        return MessageWriter.answerTo(request, false).result(result)
                .identity(Avp.ORIGIN_HOST, "hss.ims.example.org")
                .identity(Avp.ORIGIN_REALM, "ims.example.org").toBytes();
    }

    private static byte[] read(DataInputStream in) throws IOException {
        byte[] header = new byte[4];
        try {
            in.readFully(header);
        } catch (java.io.EOFException end) {
            return null;
        }
        int length = (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        byte[] frame = new byte[length];
        System.arraycopy(header, 0, frame, 0, 4);
        in.readFully(frame, 4, length - 4);
        return frame;
    }
}
