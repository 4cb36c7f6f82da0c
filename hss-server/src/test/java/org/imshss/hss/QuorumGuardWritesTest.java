package org.imshss.hss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.imshss.diameter.Application;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.Answer;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.node.diameter.RequestHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The requests of S6a and SWx that write: AIR and SWx MAR allocate SQNs, ULR, Purge-UE and NOR change the EPS
 * registration, SWx MAR and SAR the AAA server's. A part of the cluster that accepts no writes refuses them before
 * their handler runs.
 */
class QuorumGuardWritesTest {

    static Stream<Arguments> writes() {
        return Stream.of(
                Arguments.of(Application.S6A, List.of(Command.AIR, Command.ULR, Command.S6A_PUR, Command.NOR)),
                Arguments.of(Application.SWX, List.of(Command.SWX_MAR, Command.SWX_SAR)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void writesAreRefusedWhereTheClusterAcceptsNone(Application application, List<Command> commands) {
        AtomicInteger handled = new AtomicInteger();
        RequestHandler handler = request -> {
            handled.incrementAndGet();
            return Answer.of(ResultCode.DIAMETER_SUCCESS);
        };
        Map<Command, RequestHandler> handlers = new HashMap<>();
        commands.forEach(command -> handlers.put(command, handler));
        DiameterApplication guarded = QuorumGuard.wrap(new DiameterApplication(application, handlers),
                new QuorumGuard.Grid() {
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
        for (Command command : commands) {
            assertThat(guarded.handlers().get(command).handle(null).result()).as(command.name())
                    .isEqualTo(ResultCode.DIAMETER_TOO_BUSY);
        }
        assertThat(handled).hasValue(0);
    }
}
