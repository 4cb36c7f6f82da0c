package org.imshss.node.diameter.transport;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Configuration;
import org.jdiameter.api.Message;
import org.jdiameter.api.OverloadException;
import org.jdiameter.api.app.State;
import org.jdiameter.api.app.StateEvent;
import org.jdiameter.client.api.fsm.EventTypes;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.impl.fsm.PeerFSMImpl;

/**
 * jDiameter's server peer state machine with the races of its event queue closed that lose the first request after
 * a fast reconnect. Several threads take events from the one queue, and a peer that goes DOWN stops them:
 * <ul>
 *   <li>A CER queued while the threads wind down is never processed (no CEA). Entering DOWN sets the state before
 *       it stops the threads, so a CER that sees DOWN can still be queued to threads about to stop.</li>
 *   <li>An event of the previous connection (its close) still queued or in progress when the CER is processed
 *       takes the reopened peer DOWN again, and the request after the CER is dropped.</li>
 *   <li>The request that follows a CER can be taken by another thread while the CER is still processed, is seen
 *       in state DOWN and dropped.</li>
 * </ul>
 * A CER therefore waits (bounded) until the machine is idle — nothing queued, nothing in progress, no thread
 * winding down — and its sender (the connection's reader) returns only once the CER has been processed, so the
 * next message from that connection finds the peer open (RFC 6733 5.3: requests may follow the CEA at once).
 */
public final class ReconnectSafePeerFsm extends PeerFSMImpl {

    private static final long WIND_DOWN_MILLIS = 5000;

    private final Map<StateEvent, CountDownLatch> awaited = new IdentityHashMap<>();
    /** Events taken from the queue and being processed. */
    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile State[] signalling;
    /** The Origin-Host of the peer, known from its first CER. */
    private volatile String peerHost;

    public ReconnectSafePeerFsm(IContext context, IConcurrentFactory concurrentFactory, Configuration config,
            IStatisticManager statisticFactory) {
        super(context, concurrentFactory, config, statisticFactory);
    }

    @Override
    public boolean handleEvent(StateEvent event) throws InternalError, OverloadException {
        if (event.getType() == EventTypes.DISCONNECT_EVENT) {
            dropQueuedRequests();
        }
        if (event.getType() != EventTypes.CER_EVENT) {
            return super.handleEvent(event);
        }
        if (event.getData() instanceof Message cer) {
            peerHost = originHost(cer);
        }
        awaitIdle();
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

    /**
     * The connection is gone, so requests still queued from it can never be answered: processing them would only
     * hold up the close, and with it the peer's next connection (whose CER waits for this machine to be idle).
     * Queued answers stay: they may still be relayed to whoever asked.
     */
    private void dropQueuedRequests() {
        eventQueue.removeIf(queued -> queued.getType() == EventTypes.RECEIVE_MSG_EVENT
                && queued.getData() instanceof Message message && message.isRequest());
    }

    private void awaitIdle() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WIND_DOWN_MILLIS);
        int idleChecks = 0;
        // Two idle readings a moment apart: a thread may hold an event it has just taken from the queue.
        while (idleChecks < 2 && System.nanoTime() < deadline) {
            idleChecks = idle() ? idleChecks + 1 : 0;
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The Origin-Host of the peer this machine serves, null before its first CER. */
    String peerHost() {
        return peerHost;
    }

    private static String originHost(Message message) {
        try {
            org.jdiameter.api.Avp host = message.getAvps().getAvp(org.jdiameter.api.Avp.ORIGIN_HOST);
            return host == null ? null : host.getDiameterIdentity();
        } catch (AvpDataException e) {
            return null;
        }
    }

    /**
     * Idle: no event in progress and either no queue thread left (whatever is still queued is cleared when the next
     * event restarts the queue; it belongs to a connection that is gone), or threads that run on
     * (a restarted queue) with nothing queued. Threads that are stopping (a transition into DOWN cleared the flag
     * they run by) are waited for.
     */
    boolean idle() {
        int running = numberOfThreadsRunning.get();
        return inProgress.get() == 0 && (running == 0 || mustRun && eventQueue.isEmpty());
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
            inProgress.incrementAndGet();
            try {
                return state.processEvent(event);
            } finally {
                inProgress.decrementAndGet();
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
