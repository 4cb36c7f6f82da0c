package org.imshss.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imshss.diameter.Avp;
import org.imshss.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks the distribution archive into an empty directory and runs it the way an operator would: the launcher
 * with only Java (JAVA_HOME) and basic shell tools on the PATH, no Maven, no source tree. The HSS starts as a
 * daemon with the demo data on free ports and answers a CER and a UAR over TCP; a bad configuration fails with
 * exit status 2.
 */
class DistributionIT {

    private static final String HOST = "client.ims.example.org";
    private static final String REALM = "ims.example.org";
    private static final long CX = 16_777_216L;
    private static final long TGPP = 10_415L;
    /** What the launchers call; everything else is missing from the PATH, Maven and java among them. */
    private static final List<String> TOOLS = List.of("bash", "env", "readlink", "dirname", "sed", "head", "cut",
            "find", "grep", "tr", "wc", "tail", "mkdir", "touch", "nohup", "sleep", "kill", "rm", "cat", "stat", "cksum",
            "mv");

    @TempDir
    Path dir;

    private Path home;
    private final Map<String, String> env = new HashMap<>();
    private int diameterPort;

    @BeforeEach
    void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("dist.archive", "target/archive-missing.tar.gz"));
        assertThat(archive).exists();
        Path unpacked = Files.createDirectories(dir.resolve("opt"));
        assertThat(run(List.of("tar", "-xzf", archive.toString(), "-C", unpacked.toString()), Map.of(), 60).status)
                .isZero();
        try (Stream<Path> top = Files.list(unpacked)) {
            home = top.findFirst().orElseThrow();
        }

        Path path = Files.createDirectories(dir.resolve("path"));
        for (String tool : TOOLS) {
            Path real = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + tool));
            Files.createSymbolicLink(path.resolve(tool), real);
        }
        diameterPort = freePort();
        int discovery = freePort();
        env.put("PATH", path.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", "-Xms128m -Xmx512m");
        env.put("HSS_PID_FILE", dir.resolve("run/hss.pid").toString());
        env.put("HSS_LOG_FILE", dir.resolve("logs/hss.log").toString());
        env.put("HSS_DIAMETER_PORT", Integer.toString(diameterPort));
        env.put("HSS_GRID_INSTANCE_NAME", "dist-it-" + diameterPort);
        env.put("HSS_GRID_DISCOVERY_PORT", Integer.toString(discovery));
        env.put("HSS_GRID_DISCOVERY_PORT_RANGE", "0");
        env.put("HSS_GRID_DISCOVERY_ADDRESSES", "127.0.0.1:" + discovery);
        env.put("HSS_GRID_COMMUNICATION_PORT", Integer.toString(freePort()));
        env.put("HSS_GRID_WORK_DIRECTORY", dir.resolve("data").toString());
        env.put("HSS_REST_PORT", Integer.toString(freePort()));
        // Each test starts a node: the requested warm-up runs, not the wait for the JIT (WarmUpIT tests that).
        env.put("HSS_WARM_UP_SETTLE_SECONDS", "0");
        // The class-data-sharing archive's training run costs seconds: only its own test makes one.
        env.put("IMSHSS_CDS", "off");
    }

    @AfterEach
    void stop() throws Exception {
        if (home != null) {
            hss("stop");
        }
        // the links, not the tools they point at (JUnit would warn about each)
        try (Stream<Path> links = Files.list(dir.resolve("path"))) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }
    }

    @Test
    void holdsTheLaunchersEveryJarAndTheDefaultConfiguration() throws Exception {
        for (String file : List.of("bin/hss", "bin/slf", "bin/hssctl", "bin/lib/launcher.sh", "conf/jvm.options",
                "conf/logback.xml", "conf/hss.properties", "systemd/imshss-hss.service",
                "systemd/imshss-slf.service", "docs/CONFIGURATION.md", "LICENSE", "README.md")) {
            assertThat(home.resolve(file)).as(file).isRegularFile();
        }
        assertThat(home.resolve("bin/hss")).isExecutable();
        assertThat(home.resolve("bin/slf")).isExecutable();
        assertThat(home.resolve("bin/hssctl")).isExecutable();
        List<String> jars;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(jars).anyMatch(j -> j.startsWith("hss-server-")).anyMatch(j -> j.startsWith("slf-server-"))
                .anyMatch(j -> j.startsWith("subscriber-store-")).anyMatch(j -> j.matches("http-\\d.*\\.jar"))
                .anyMatch(j -> j.matches("provisioning-\\d.*\\.jar"))
                .anyMatch(j -> j.startsWith("diameter-dictionary-"))
                .anyMatch(j -> j.startsWith("jdiameter-impl-")).anyMatch(j -> j.startsWith("ignite-core-"));
        // one SLF4J binding (logback); log4j, Ignite and JUL go through bridges
        assertThat(jars).anyMatch(j -> j.startsWith("logback-classic-")).anyMatch(j -> j.startsWith("log4j-over-slf4j-"))
                .anyMatch(j -> j.startsWith("ignite-slf4j-")).anyMatch(j -> j.startsWith("jul-to-slf4j-"))
                .noneMatch(j -> j.startsWith("slf4j-simple") || j.startsWith("slf4j-log4j12")
                        || j.startsWith("slf4j-reload4j") || j.startsWith("log4j-1") || j.startsWith("slf4j-jdk14"));
    }

    @Test
    void startsAsADaemonAnswersCxAndStops() throws Exception {
        Result start = hss("start", "--demo");
        assertThat(start.status).as(start.output).isZero();
        assertThat(start.output).contains("hss: ready");
        assertThat(hss("status").status).isZero();
        assertThat(hss("start", "--demo").output).as("a second start").contains("already running");

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", diameterPort), 5_000);
            socket.setSoTimeout(10_000);
            Message cea = exchange(socket, capabilitiesExchange());
            assertThat(cea.u32(Avp.RESULT_CODE)).isEqualTo(2001L);
            assertThat(cea.text(Avp.ORIGIN_HOST)).isEqualTo("hss.ims.example.org");

            Message uaa = exchange(socket, userAuthorization("alice@ims.example.org", "sip:alice@ims.example.org"));
            Message experimental = uaa.grouped(Avp.EXPERIMENTAL_RESULT);
            assertThat(experimental).as("UAA for alice's first registration").isNotNull();
            assertThat(experimental.u32(Avp.EXPERIMENTAL_RESULT_CODE)).isEqualTo(2001L); // DIAMETER_FIRST_REGISTRATION

            Message unknown = exchange(socket, userAuthorization("nobody@ims.example.org", "sip:nobody@ims.example.org"));
            assertThat(unknown.grouped(Avp.EXPERIMENTAL_RESULT).u32(Avp.EXPERIMENTAL_RESULT_CODE))
                    .isEqualTo(5001L); // DIAMETER_ERROR_USER_UNKNOWN
        }

        Result stop = hss("stop");
        assertThat(stop.status).as(stop.output).isZero();
        assertThat(hss("status").status).isEqualTo(3);
        assertThat(Path.of(env.get("HSS_PID_FILE"))).doesNotExist();
        assertThat(Files.readString(Path.of(env.get("HSS_LOG_FILE")))).contains("HSS ready").contains("stopping");
    }

    /**
     * The first start makes the class-data-sharing archive where the distribution is, and the process maps it;
     * the next start uses it without a training run; an archive the JVM refuses is ignored without a word.
     */
    @Test
    void theFirstStartMakesTheClassDataSharingArchiveTheNextUseIt() throws Exception {
        env.remove("IMSHSS_CDS");
        Path archive = home.resolve("cds/hss.jsa");
        Result first = hss("start", "--demo");
        assertThat(first.status).as(first.output).isZero();
        assertThat(first.output).contains("making the class-data-sharing archive");
        assertThat(archive).isNotEmptyFile();
        archive = archive.toRealPath();
        assertThat(mappedFiles()).as("the daemon's mapped files").contains(archive.toString());
        assertThat(hss("stop").status).isZero();

        Result second = hss("start", "--demo");
        assertThat(second.status).as(second.output).isZero();
        assertThat(second.output).doesNotContain("class-data-sharing");
        assertThat(mappedFiles()).contains(archive.toString());
        assertThat(hss("stop").status).isZero();

        // Same key, unusable content (as after a JVM update under the same version string): started without it.
        Files.delete(archive);
        Files.writeString(archive, "not an archive");
        Result refused = hss("start", "--demo");
        assertThat(refused.status).as(refused.output).isZero();
        assertThat(refused.output).doesNotContainIgnoringCase("cds").doesNotContainIgnoringCase("archive");
        assertThat(mappedFiles()).doesNotContain(archive.toString());
        assertThat(Files.readString(Path.of(env.get("HSS_LOG_FILE")))).doesNotContainIgnoringCase("shared archive");
    }

    /** What the daemon of the pid file maps (/proc/PID/maps). */
    private String mappedFiles() throws IOException {
        String pid = Files.readString(Path.of(env.get("HSS_PID_FILE"))).trim();
        return Files.readString(Path.of("/proc", pid, "maps"));
    }

    @Test
    void aBadConfigurationStopsStartUpAndNamesTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"), "cx.sqn-ind-bits = 99\n");
        Result foreground = hss("run", "--config", config.toString());
        assertThat(foreground.status).as(foreground.output).isEqualTo(2);
        assertThat(foreground.output).contains("cx.sqn-ind-bits").contains("99");

        Result daemon = hss("start", "--config", dir.resolve("absent.properties").toString());
        assertThat(daemon.status).as(daemon.output).isEqualTo(2);
        assertThat(daemon.output).contains("absent.properties");
        assertThat(Path.of(env.get("HSS_PID_FILE"))).doesNotExist();
        assertThat(hss("status").status).isEqualTo(3);
    }

    @Test
    void theSlfLauncherExplainsWhatItLacks() throws Exception {
        assertThat(launcher("bin/slf", "help").status).isZero();
        Path jar;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jar = lib.filter(p -> p.getFileName().toString().startsWith("slf-server-")).findFirst().orElseThrow();
        }
        boolean hasMain;
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            hasMain = zip.getEntry("org/imshss/slf/SlfMain.class") != null;
        }
        if (!hasMain) {
            Result slf = launcher("bin/slf", "run");
            assertThat(slf.status).isEqualTo(1);
            assertThat(slf.output).contains("no SLF").contains("org.imshss.slf.SlfMain");
        }
    }

    // --- processes

    private record Result(int status, String output) {
    }

    private Result hss(String... args) throws Exception {
        return launcher("bin/hss", args);
    }

    private Result launcher(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve(script).toString());
        command.addAll(List.of(args));
        return run(command, env, 180);
    }

    private Result run(List<String> command, Map<String, String> environment, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (!environment.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        Path output = Files.createTempFile(dir, "out", ".txt");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeoutSeconds + " s: "
                    + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    private static int freePort() {
        return FreePorts.next();
    }

    // --- a minimal Diameter client (RFC 6733 3, 4)

    private int hopByHop = 1;

    private byte[] capabilitiesExchange() {
        return message(257, 0, 0x80, List.of(
                utf8(Avp.ORIGIN_HOST, HOST), utf8(Avp.ORIGIN_REALM, REALM),
                avp(Avp.HOST_IP_ADDRESS, new byte[] {0, 1, 127, 0, 0, 1}),
                u32(Avp.VENDOR_ID, TGPP), utf8(Avp.PRODUCT_NAME, "dist-it"),
                u32(Avp.SUPPORTED_VENDOR_ID, TGPP),
                grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID, u32(Avp.VENDOR_ID, TGPP), u32(Avp.AUTH_APPLICATION_ID, CX))));
    }

    private byte[] userAuthorization(String impi, String impu) {
        return message(300, CX, 0xC0, List.of(
                utf8(Avp.SESSION_ID, HOST + ";dist-it;" + hopByHop),
                grouped(Avp.VENDOR_SPECIFIC_APPLICATION_ID, u32(Avp.VENDOR_ID, TGPP), u32(Avp.AUTH_APPLICATION_ID, CX)),
                u32(Avp.AUTH_SESSION_STATE, 1), utf8(Avp.ORIGIN_HOST, HOST), utf8(Avp.ORIGIN_REALM, REALM),
                utf8(Avp.DESTINATION_REALM, REALM), utf8(Avp.USER_NAME, impi), utf8(Avp.PUBLIC_IDENTITY, impu),
                utf8(Avp.VISITED_NETWORK_IDENTIFIER, REALM)));
    }

    private byte[] message(int command, long application, int flags, List<byte[]> avps) {
        int length = 20 + avps.stream().mapToInt(a -> a.length).sum();
        var out = java.nio.ByteBuffer.allocate(length);
        out.putInt((1 << 24) | length).putInt((flags << 24) | command).putInt((int) application)
                .putInt(hopByHop).putInt(hopByHop++);
        avps.forEach(out::put);
        return out.array();
    }

    private static byte[] avp(Avp avp, byte[] data) {
        int headerLength = avp.isVendorSpecific() ? 12 : 8;
        int length = headerLength + data.length;
        var out = java.nio.ByteBuffer.allocate((length + 3) & ~3);
        int flags = (avp.isVendorSpecific() ? 0x80 : 0) | (avp.sendMandatoryBit() ? 0x40 : 0);
        out.putInt(avp.code()).putInt((flags << 24) | length);
        if (avp.isVendorSpecific()) {
            out.putInt((int) avp.vendorId());
        }
        out.put(data);
        return out.array();
    }

    private static byte[] utf8(Avp avp, String value) {
        return avp(avp, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] u32(Avp avp, long value) {
        return avp(avp, java.nio.ByteBuffer.allocate(4).putInt((int) value).array());
    }

    private static byte[] grouped(Avp avp, byte[]... members) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] member : members) {
            out.writeBytes(member);
        }
        return avp(avp, out.toByteArray());
    }

    private static Message exchange(Socket socket, byte[] request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int expected = java.nio.ByteBuffer.wrap(request, 16, 4).getInt(); // end-to-end id
        while (true) {
            int versionAndLength = in.readInt();
            byte[] rest = new byte[(versionAndLength & 0xFFFFFF) - 4];
            in.readFully(rest);
            var header = java.nio.ByteBuffer.wrap(rest);
            boolean isRequest = (header.get(0) & 0x80) != 0;
            if (!isRequest && header.getInt(12) == expected) {
                return Message.parse(java.util.Arrays.copyOfRange(rest, 16, rest.length));
            }
            // a DWR or anything else from the HSS before the answer: not what this test checks
        }
    }

    /** The AVPs of an answer (or of a grouped AVP), by code and vendor. */
    private record Message(Map<String, byte[]> avps) {

        static Message parse(byte[] data) {
            Map<String, byte[]> avps = new HashMap<>();
            var in = java.nio.ByteBuffer.wrap(data);
            while (in.remaining() >= 8) {
                int code = in.getInt();
                int flagsAndLength = in.getInt();
                int length = flagsAndLength & 0xFFFFFF;
                long vendor = (flagsAndLength & 0x80000000) != 0 ? in.getInt() & 0xFFFFFFFFL : 0;
                byte[] value = new byte[length - (vendor != 0 ? 12 : 8)];
                in.get(value);
                in.position(Math.min(in.limit(), in.position() + ((4 - length % 4) % 4)));
                avps.putIfAbsent(code + "/" + vendor, value);
            }
            return new Message(avps);
        }

        byte[] raw(Avp avp) {
            return avps.get(avp.code() + "/" + avp.vendorId());
        }

        long u32(Avp avp) {
            byte[] value = raw(avp);
            return value == null ? -1 : java.nio.ByteBuffer.wrap(value).getInt() & 0xFFFFFFFFL;
        }

        String text(Avp avp) {
            byte[] value = raw(avp);
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        Message grouped(Avp avp) {
            byte[] value = raw(avp);
            return value == null ? null : parse(value);
        }
    }
}
