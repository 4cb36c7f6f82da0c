package org.imshss.node.diameter.transport;

import org.jdiameter.api.Configuration;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.impl.fsm.FsmFactoryImpl;

/** jDiameter's {@code PeerFsmFactory} extension: every peer gets a {@link ReconnectSafePeerFsm}. */
public final class PeerFsmFactory extends FsmFactoryImpl {

    public PeerFsmFactory(IStatisticManager statisticFactory) {
        super(statisticFactory);
    }

    @Override
    public ReconnectSafePeerFsm createInstanceFsm(IContext context, IConcurrentFactory concurrentFactory,
            Configuration config) {
        ReconnectSafePeerFsm machine = new ReconnectSafePeerFsm(context, concurrentFactory, config, statisticFactory);
        if (config instanceof StackConfiguration stack) {
            stack.transport().register(machine);
        }
        return machine;
    }
}
