package org.imshss.hss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.imshss.diameter.Application;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.node.diameter.RequestHandler;
import org.junit.jupiter.api.Test;

/**
 * ULR, Purge-UE and NOR change the EPS registration, AIR allocates SQNs: a part of the cluster that accepts no writes
 * refuses them.
 */
class QuorumGuardS6aTest {

    @Test
    void s6aRequestsAreRefusedWhereWritesAreNotAccepted() {
        AtomicInteger handled = new AtomicInteger();
        RequestHandler handler = request -> {
            handled.incrementAndGet();
            return Answer.of(ResultCode.DIAMETER_SUCCESS);
        };
        DiameterApplication s6a = new DiameterApplication(Application.S6A,
                Map.of(Command.ULR, handler, Command.S6A_PUR, handler, Command.NOR, handler, Command.AIR, handler));
        DiameterApplication guarded = QuorumGuard.wrap(s6a, new QuorumGuard.Grid() {
            @Override
            public boolean writesAccepted() {
                return false;
            }

            @Override
            public long topologyVersion() {
                return 1;
            }

            @Override
            public boolean serverLeftSince(long version) {
                return false;
            }
        });
        for (Command command : new Command[] {Command.ULR, Command.S6A_PUR, Command.NOR, Command.AIR}) {
            assertThat(guarded.handlers().get(command).handle(null).result()).as(command.name())
                    .isEqualTo(ResultCode.DIAMETER_TOO_BUSY);
        }
        assertThat(handled).hasValue(0);
    }
}
