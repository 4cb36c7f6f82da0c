package org.imshss.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wireshark's Diameter dissector as an independent decoder of what a node sends: the messages go into a capture
 * ({@link DiameterCapture}), {@code tshark} reads it, and each frame comes back with the commands it decoded and
 * what it found wrong (a malformed packet, an expert item of severity warning or error).
 */
public final class Tshark {

    /** Wireshark's expert severities (epan/proto.h PI_WARN, PI_ERROR). */
    private static final int WARNING = 0x00600000;
    private static final int ERROR = 0x00800000;
    private static final long TIMEOUT_SECONDS = 120;

    /**
     * One frame as decoded.
     *
     * @param number the frame number (the TCP handshake takes frames 1 to 3)
     * @param commands the Diameter messages of the frame as Wireshark names them, e.g.
     *     "User-Authorization Answer(300)"
     * @param problems expert items of severity warning or error, and "Malformed" if the frame is malformed
     */
    public record Frame(int number, List<String> commands, List<String> problems) {
        public Frame {
            commands = List.copyOf(commands);
            problems = List.copyOf(problems);
        }
    }

    /** The frames of one capture. */
    public record Decoded(List<Frame> frames) {
        public Decoded {
            frames = List.copyOf(frames);
        }

        /** The frames that are malformed or carry an expert warning or error. */
        public List<Frame> findings() {
            return frames.stream().filter(f -> !f.problems().isEmpty()).toList();
        }

        /** Every Diameter message decoded, in order, as Wireshark names it. */
        public List<String> commands() {
            return frames.stream().flatMap(f -> f.commands().stream()).toList();
        }
    }

    private Tshark() {
    }

    /** Whether tshark can be run here. */
    public static boolean available() {
        try {
            Process process = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Decodes the messages, each in its natural direction (requests to port 3868, answers from it). */
    public static Decoded check(List<byte[]> messages) throws IOException, InterruptedException {
        return decode(DiameterCapture.pcap(messages));
    }

    /** Decodes a pcap file's content. */
    public static Decoded decode(byte[] pcap) throws IOException, InterruptedException {
        Path file = Files.createTempFile("diameter", ".pcap");
        try {
            Files.write(file, pcap);
            return decode(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    public static Decoded decode(Path pcap) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-T", "fields",
                "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=\u001f",
                "-e", "frame.number", "-e", "diameter.cmd.code", "-e", "_ws.col.Info",
                "-e", "_ws.expert.severity", "-e", "_ws.expert.message", "-e", "_ws.malformed")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tshark did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("tshark exited with " + process.exitValue());
        }
        List<Frame> frames = new ArrayList<>();
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                frames.add(frame(line));
            }
        }
        return new Decoded(frames);
    }

    private static Frame frame(String line) {
        String[] fields = Arrays.copyOf(line.split("\\|", -1), 6);
        List<String> commands = new ArrayList<>();
        // The Info column holds "cmd=NAME(CODE) flags=..." for each Diameter message of the frame.
        String info = fields[2] == null ? "" : fields[2];
        for (int at = info.indexOf("cmd="); at >= 0; at = info.indexOf("cmd=", at + 4)) {
            int end = info.indexOf(" flags=", at);
            commands.add(info.substring(at + 4, end < 0 ? info.length() : end));
        }
        List<String> problems = new ArrayList<>();
        List<String> severities = values(fields[3]);
        List<String> messages = values(fields[4]);
        for (int i = 0; i < severities.size(); i++) {
            int severity = Integer.decode(severities.get(i).trim());
            if (severity >= WARNING) {
                String text = i < messages.size() ? messages.get(i) : "";
                problems.add((severity >= ERROR ? "error: " : "warning: ") + text);
            }
        }
        if (fields[5] != null && !fields[5].isBlank()) {
            problems.add("Malformed");
        }
        return new Frame(Integer.parseInt(fields[0].trim()), commands, problems);
    }

    private static List<String> values(String field) {
        if (field == null || field.isBlank()) {
            return List.of();
        }
        return List.of(field.split("\u001f"));
    }
}
