package org.imshss.node.diameter.warmup;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * How long the JIT has been compiling, compilations under way included. The JVM's own figure
 * ({@link CompilationMXBean#getTotalCompilationTime}) grows only when a compilation ends, so one long C2 compilation
 * looks like an idle JIT: on the 2-core reference machine single compilations took up to 1.2 s, longer than a
 * {@link JitSettling} window, and a warm-up that stops on such a "quiet" window leaves the hot paths to be compiled
 * under the first traffic (docs/BENCHMARKS.md, runs R4 and R5). On Linux, HotSpot's compiler threads are named
 * "C1 CompilerThreadN" and "C2 CompilerThreadN" (the kernel keeps the first 15 characters) and each thread's
 * {@code schedstat} gives its time on a CPU in nanoseconds; elsewhere the JVM's figure is used.
 */
final class JitCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private JitCpu() {
    }

    /** Milliseconds the JIT has compiled so far, or -1 where neither source tells. */
    static LongSupplier millis() {
        return threadsMillis(TASKS) >= 0 ? () -> threadsMillis(TASKS) : JitCpu::finishedCompilationsMillis;
    }

    /** CPU time of the compiler threads among {@code tasks} in milliseconds; -1 if there are none or no schedstat. */
    static long threadsMillis(Path tasks) {
        long nanos = 0;
        boolean found = false;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                long cpu = compilerCpuNanos(thread);
                if (cpu >= 0) {
                    nanos += cpu;
                    found = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return found ? nanos / 1_000_000 : -1;
    }

    /** A compiler thread's time on a CPU, -1 for any other thread or one that has just ended. */
    private static long compilerCpuNanos(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm"));
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return -1;
            }
            String schedstat = Files.readString(thread.resolve("schedstat"));
            return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long finishedCompilationsMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }
}
