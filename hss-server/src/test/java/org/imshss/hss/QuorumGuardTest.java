package org.imshss.hss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
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
 * In the part of a divided cluster that accepts no writes, every S6a request that writes is answered 3004 before its
 * handler runs: AIR allocates SQNs, ULR, PUR and NOR change the EPS registration.
 */
class QuorumGuardTest {

    private static final QuorumGuard.Grid MINORITY = new QuorumGuard.Grid() {
        @Override
        public boolean writesAccepted() {
            return false;
        }

        @Override
        public long topologyVersion() {
            return 7;
        }

        @Override
        public boolean serverLeftSince(long version) {
            return false;
        }
    };

    @Test
    void s6aWritesAreRefusedWhereWritesAreNotAccepted() {
        AtomicInteger ran = new AtomicInteger();
        RequestHandler handler = request -> {
            ran.incrementAndGet();
            return Answer.of(ResultCode.DIAMETER_SUCCESS);
        };
        Map<Command, RequestHandler> handlers = new EnumMap<>(Command.class);
        for (Command command : List.of(Command.AIR, Command.ULR, Command.S6A_PUR, Command.NOR)) {
            handlers.put(command, handler);
        }

        DiameterApplication guarded = QuorumGuard.wrap(new DiameterApplication(Application.S6A, handlers), MINORITY);

        for (Command command : handlers.keySet()) {
            assertThat(guarded.handlers().get(command).handle(null).result()).as(command.name())
                    .isEqualTo(ResultCode.DIAMETER_TOO_BUSY);
        }
        assertThat(ran).hasValue(0);
    }
}
