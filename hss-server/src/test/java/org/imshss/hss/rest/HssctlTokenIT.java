package org.imshss.hss.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imshss.hss.testing.TestHss;
import org.imshss.http.ApiToken;
import org.imshss.http.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hssctl never puts its token on a command line, where every local user can read it ({@code ps},
 * {@code /proc/PID/cmdline}): a {@code curl} first on the PATH records the arguments it is given and runs the real
 * one, and the calls, with and without a request body, still reach the API with the token.
 */
class HssctlTokenIT {

    private static final String TOKEN = "hssctl-token-secret-0042";

    @TempDir
    Path dir;

    private record Run(int status, String output) {
    }

    @Test
    void theTokenReachesTheApiButNoCommandLine() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path arguments = dir.resolve("curl-arguments");
        Path curl = bin.resolve("curl");
        Files.writeString(curl, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" >> '" + arguments + "'\nexec '"
                + realCurl() + "' \"$@\"\n");
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwx------"));
        Path ndjson = Files.writeString(dir.resolve("import.ndjson"), """
                {"id": "ctl-a", "privateIdentities": [{"impi": "ctl-a@ims.example.org", "password": "pw-ctl-a", \
                "publicIdentities": ["sip:ctl-a@ims.example.org"]}], "publicIdentities": [{"identity": \
                "sip:ctl-a@ims.example.org", "serviceProfile": "default"}]}
                """);

        try (TestHss hss = TestHss.startWithRest(List.of(new ApiToken("ops", Role.ADMIN, TOKEN)))) {
            String url = hss.node().restUri().toString().replaceAll("/$", "");
            Run imported = hssctl(bin, url, "import", ndjson.toString());
            assertThat(imported.status).as(imported.output).isZero();
            assertThat(imported.output).contains("\"created\"");
            Run show = hssctl(bin, url, "show", "ctl-a");
            assertThat(show.status).as(show.output).isZero();
            assertThat(show.output).contains("sip:ctl-a@ims.example.org");
            Run audit = hssctl(bin, url, "audit", "ctl-a");
            assertThat(audit.status).as(audit.output).isZero();
            assertThat(audit.output).contains("ops");
            Run impis = hssctl(bin, url, "impis", "ctl-");
            assertThat(impis.status).as(impis.output).isZero();
            assertThat(impis.output).contains("\"impi\":\"ctl-a@ims.example.org\"").doesNotContain("alice")
                    .doesNotContain("pw-ctl-a");
            Run imsis = hssctl(bin, url, "imsis", "00101");
            assertThat(imsis.status).as(imsis.output).isZero();
            assertThat(imsis.output).contains("\"imsi\":\"001010000000001\"", "\"subscriptionId\":\"alice\"");
            Run badPrefix = hssctl(bin, url, "imsis", "mcc");
            assertThat(badPrefix.status).isEqualTo(1);
            assertThat(badPrefix.output).contains("prefix");
        }

        String recorded = Files.readString(arguments);
        assertThat(recorded).as("the calls went through the recording curl").contains("/subscribers/import",
                "/subscribers/ctl-a", "/audit", "/private-identities?limit=1000&prefix=ctl-", "/imsis?limit=1000&prefix=00101");
        assertThat(recorded).doesNotContain(TOKEN);
    }

    private Run hssctl(Path bin, String url, String... arguments) throws Exception {
        Path root = Path.of(System.getProperty("imshss.root", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("ops/bin/hssctl").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("HSSCTL_URL", url);
        builder.environment().put("HSSCTL_TOKEN", TOKEN);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("hssctl did not end: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    /** The curl the PATH names, which the recording one runs. */
    private static Path realCurl() {
        for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "curl");
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new AssertionError("no curl on the PATH");
    }
}
