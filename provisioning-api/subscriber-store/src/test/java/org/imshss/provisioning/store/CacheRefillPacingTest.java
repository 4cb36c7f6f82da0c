package org.imshss.provisioning.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The refill's pacing: half of one core at most, and while the machine is busy a wait of up to two seconds after each
 * batch.
 */
class CacheRefillPacingTest {

    private final List<Long> slept = new ArrayList<>();
    private final Deque<Double> loads = new ArrayDeque<>();

    private CacheRefill.Pacing pacing() {
        return CacheRefill.idleMachine(() -> loads.isEmpty() ? 0.0 : loads.poll(), slept::add);
    }

    @Test
    void onAnIdleMachineItRestsAsLongAsTheBatchWorked() throws InterruptedException {
        loads.add(0.3);
        pacing().pause(TimeUnit.MILLISECONDS.toNanos(7));
        assertThat(slept).containsExactly(TimeUnit.MILLISECONDS.toNanos(7));
        assertThat(loads).as("the load was read once").isEmpty();
    }

    @Test
    void whileTheMachineIsBusyItWaitsAndLooksAgain() throws InterruptedException {
        loads.addAll(List.of(0.95, 0.81, 1.0, 0.8));
        pacing().pause(TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(slept).containsExactly(TimeUnit.MILLISECONDS.toNanos(2), CacheRefill.BUSY_WAIT_NANOS,
                CacheRefill.BUSY_WAIT_NANOS, CacheRefill.BUSY_WAIT_NANOS);
        assertThat(loads).as("it went on once the load was 0.8, no more").isEmpty();
    }

    @Test
    void onAMachineBusyForGoodItStillGoesOnAfterTwoSeconds() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            loads.add(1.0);
        }
        pacing().pause(TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(slept).hasSize(1 + CacheRefill.MAX_BUSY_WAITS);
        assertThat(slept.stream().skip(1).mapToLong(Long::longValue).sum())
                .isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(loads).as("the load was read once per wait").hasSize(20 - CacheRefill.MAX_BUSY_WAITS);
    }

    @Test
    void anUnknownLoadDoesNotStopIt() throws InterruptedException {
        loads.add(-1.0);
        pacing().pause(0);
        assertThat(slept).as("a batch that took no time still rests 0.1 ms").containsExactly(100_000L);
    }
}
