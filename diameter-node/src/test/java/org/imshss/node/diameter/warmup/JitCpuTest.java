package org.imshss.node.diameter.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler threads' CPU time, from a task directory laid out as Linux's and from this JVM's own. */
class JitCpuTest {

    @TempDir
    Path tasks;

    @Test
    void sumsTheCompilerThreadsOnly() throws IOException {
        thread("101", "C2 CompilerThre", "1500000000 20000 300");
        thread("102", "C1 CompilerThre", "499999999 1000 30");
        thread("103", "main", "9000000000 5 5");
        thread("104", "C2 CompilerThre", "1 0 1");
        assertThat(JitCpu.threadsMillis(tasks)).isEqualTo(2000);
    }

    @Test
    void noCompilerThreadMeansNoFigure() throws IOException {
        thread("103", "main", "9000000000 5 5");
        assertThat(JitCpu.threadsMillis(tasks)).isEqualTo(-1);
        assertThat(JitCpu.threadsMillis(tasks.resolve("absent"))).isEqualTo(-1);
    }

    @Test
    void aThreadWithoutItsFiguresIsLeftOut() throws IOException {
        thread("101", "C2 CompilerThre", "1500000000 20000 300");
        Files.createDirectories(tasks.resolve("102"));
        Files.writeString(tasks.resolve("102/comm"), "C1 CompilerThre\n");
        assertThat(JitCpu.threadsMillis(tasks)).isEqualTo(1500);
    }

    /** This JVM's compiler threads work while new code gets hot; their time grows, the JVM's tally or not. */
    @Test
    void thisJvmsCompilerThreadsAreFoundAndTheirTimeGrowsAsCodeIsCompiled() {
        Path own = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(own), "a Linux /proc");
        long before = JitCpu.threadsMillis(own);
        assertThat(before).as("compiler threads of this JVM").isGreaterThanOrEqualTo(0);
        long sum = 0;
        for (int round = 0; round < 50 && JitCpu.threadsMillis(own) <= before; round++) {
            sum += hotCode(round);
        }
        assertThat(JitCpu.threadsMillis(own)).as("after hot code (checksum %d)", sum).isGreaterThan(before);
    }

    /** Fresh lambdas each round, called often enough that the JIT compiles them. */
    private static long hotCode(int round) {
        List<IntUnaryOperator> operators = new ArrayList<>();
        operators.add(x -> x * 31 + round);
        operators.add(x -> Integer.rotateLeft(x, round % 31) ^ x);
        operators.add(x -> Integer.toString(x).hashCode());
        long sum = 0;
        for (int i = 0; i < 200_000; i++) {
            sum += operators.get(i % operators.size()).applyAsInt(i);
        }
        return sum;
    }

    private void thread(String id, String name, String schedstat) throws IOException {
        Path thread = Files.createDirectories(tasks.resolve(id));
        Files.writeString(thread.resolve("comm"), name + "\n");
        Files.writeString(thread.resolve("schedstat"), schedstat + "\n");
    }
}
