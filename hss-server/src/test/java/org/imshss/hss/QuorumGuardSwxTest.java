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
 * SWx MAR allocates SQNs and stores the AAA server, SAR changes the AAA server registration: a part of the cluster
 * that accepts no writes refuses them before their handler runs.
 */
class QuorumGuardSwxTest {

    @Test
    void swxRequestsAreRefusedWhereWritesAreNotAccepted() {
        AtomicInteger handled = new AtomicInteger();
        RequestHandler handler = request -> {
            handled.incrementAndGet();
            return Answer.of(ResultCode.DIAMETER_SUCCESS);
        };
        DiameterApplication swx = new DiameterApplication(Application.SWX,
                Map.of(Command.SWX_MAR, handler, Command.SWX_SAR, handler));
        DiameterApplication guarded = QuorumGuard.wrap(swx, new QuorumGuard.Grid() {
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
        for (Command command : new Command[] {Command.SWX_MAR, Command.SWX_SAR}) {
            assertThat(guarded.handlers().get(command).handle(null).result()).as(command.name())
                    .isEqualTo(ResultCode.DIAMETER_TOO_BUSY);
        }
        assertThat(handled).hasValue(0);
    }
}
