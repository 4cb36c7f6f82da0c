package org.imshss.hss.diameter.transport;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdiameter.api.Configuration;
import org.jdiameter.api.OverloadException;
import org.jdiameter.api.app.State;
import org.jdiameter.api.app.StateEvent;
import org.jdiameter.client.api.fsm.EventTypes;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.impl.fsm.PeerFSMImpl;

/**
 * jDiameter's server peer state machine with two races of its event queue closed, both of which lose the first
 * request after a fast reconnect:
 * <ul>
 *   <li>Entering DOWN stops the queue's threads; a CER queued while they wind down is never processed (no CEA).
 *       A CER now waits until they have stopped, so the queue starts afresh.</li>
 *   <li>Several threads take events from the one queue: the request that follows a CER can be taken while the
 *       CER is still processed, is seen in state DOWN and dropped. The CER's sender (the connection's reader) now
 *       returns only once the CER has been processed, so the next message from that connection finds the peer
 *       open (RFC 6733 5.3: requests may follow the CEA at once).</li>
 * </ul>
 */
public final class ReconnectSafePeerFsm extends PeerFSMImpl {

    private static final long WIND_DOWN_MILLIS = 5000;

    private final Map<StateEvent, CountDownLatch> awaited = new IdentityHashMap<>();
    private volatile State[] signalling;

    public ReconnectSafePeerFsm(IContext context, IConcurrentFactory concurrentFactory, Configuration config,
            IStatisticManager statisticFactory) {
        super(context, concurrentFactory, config, statisticFactory);
    }

    @Override
    public boolean handleEvent(StateEvent event) throws InternalError, OverloadException {
        if (event.getType() != EventTypes.CER_EVENT) {
            return super.handleEvent(event);
        }
        awaitQueueThreadsStopped();
        CountDownLatch processed = new CountDownLatch(1);
        synchronized (awaited) {
            awaited.put(event, processed);
        }
        try {
            boolean queued = super.handleEvent(event);
            processed.await(Math.max(CEA_TIMEOUT, WIND_DOWN_MILLIS), TimeUnit.MILLISECONDS);
            return queued;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } finally {
            synchronized (awaited) {
                awaited.remove(event);
            }
        }
    }

    private void awaitQueueThreadsStopped() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WIND_DOWN_MILLIS);
        while (!mustRun && numberOfThreadsRunning.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    protected State[] getStates() {
        State[] current = signalling;
        return current != null ? current : wrapStates();
    }

    private synchronized State[] wrapStates() {
        if (signalling == null) {
            State[] original = super.getStates();
            State[] wrapped = new State[original.length];
            for (int i = 0; i < original.length; i++) {
                wrapped[i] = new Signalling(original[i]);
            }
            signalling = wrapped;
            states = wrapped;
        }
        return signalling;
    }

    /** A state that tells a waiting sender when its event has been processed. */
    private final class Signalling implements State {
        private final State state;

        Signalling(State state) {
            this.state = state;
        }

        @Override
        public void entryAction() {
            state.entryAction();
        }

        @Override
        public void exitAction() {
            state.exitAction();
        }

        @Override
        public boolean processEvent(StateEvent event) {
            try {
                return state.processEvent(event);
            } finally {
                CountDownLatch waiting;
                synchronized (awaited) {
                    waiting = awaited.get(event);
                }
                if (waiting != null) {
                    waiting.countDown();
                }
            }
        }
    }
}
