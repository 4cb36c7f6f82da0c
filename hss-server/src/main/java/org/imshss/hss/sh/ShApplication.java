package org.imshss.hss.sh;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.imshss.hss.config.HssSettings.ShSettings;
import org.imshss.node.diameter.DiameterApplication;
import org.imshss.node.diameter.RequestSender;
import org.imshss.provisioning.service.NetworkUpdates;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sh interface of one HSS node, wired in one place: the requests it receives (UDR, PUR, SNR) and, once the
 * Diameter stack can send, the notifications (PNR).
 */
public final class ShApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShApplication.class);

    private final SubscriberStore store;
    private final ShDataStore shStore;
    private final ShSettings settings;
    private final Clock clock;
    private final ShDataAssembler assembler;
    private final ShMessages messages;
    private final ExecutorService worker;
    private final ScheduledExecutorService retries;
    private AutoCloseable watch;

    /**
     * @param authPendingTimeout after this a MAR challenge no longer counts as AUTHENTICATION_PENDING
     */
    public ShApplication(SubscriberStore store, ShDataStore shStore, ShSettings settings, Duration authPendingTimeout,
            Clock clock) {
        this.store = store;
        this.shStore = shStore;
        this.settings = settings;
        this.clock = clock;
        IdentityResolver resolver = new IdentityResolver(store);
        assembler = new ShDataAssembler(store, shStore, authPendingTimeout, clock);
        messages = new ShMessages(
                new UserData(shStore, resolver, assembler),
                new ProfileUpdate(shStore, resolver, new ShDataParser(), assembler, settings),
                new SubscribeNotifications(shStore, resolver, assembler, settings, clock));
        worker = Executors.newSingleThreadExecutor(daemon("sh-notifier"));
        retries = Executors.newSingleThreadScheduledExecutor(daemon("sh-pnr-retry"));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** UDR, PUR and SNR with their handlers. */
    public DiameterApplication application() {
        return messages.application();
    }

    /**
     * Starts sending PNR for changes of subscribed data, and the sweep that drops expired subscriptions even
     * when nothing happens to their data (TS 29.328 6.1.3: the HSS removes a subscription once it expires).
     *
     * @param cx takes the DSAI changes that mask or unmask iFCs to the serving S-CSCF (PPR)
     */
    public synchronized void startNotifications(RequestSender sender, NetworkUpdates cx) {
        PushNotification push = new PushNotification(sender, shStore, settings, retries, clock);
        watch = shStore.watch(new ShNotifier(store, shStore, assembler, push, cx, worker, retries, clock));
        long sweep = settings.subscriptionSweep().toMillis();
        retries.scheduleWithFixedDelay(this::dropExpiredSubscriptions, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    private void dropExpiredSubscriptions() {
        try {
            int dropped = shStore.purgeExpiredSubscriptions(clock.millis());
            if (dropped > 0) {
                log.debug("Dropped the expired Sh subscriptions of {} identities", dropped);
            }
        } catch (RuntimeException e) {
            // The grid may be stopping or rebalancing; the next sweep tries again.
            log.warn("Sh subscription sweep failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                log.debug("Sh watch close: {}", e.toString());
            }
            watch = null;
        }
        worker.shutdownNow();
        retries.shutdownNow();
        try {
            worker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
