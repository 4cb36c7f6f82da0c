package org.imshss.hss.sh;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.imshss.diameter.Avp;
import org.imshss.diameter.Command;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings.ShSettings;
import org.imshss.node.diameter.RequestSender;
import org.imshss.provisioning.model.ShSubscription;
import org.imshss.provisioning.model.ShSubscriptions;
import org.imshss.provisioning.store.RecordUpdate;
import org.imshss.provisioning.store.ShDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Sh-Notif (PNR, TS 29.328 6.1.4, TS 29.329 6.1.7) to the AS of one subscription, at its Diameter
 * identity (the Origin-Host of its SNR). A PNR that is not answered, or answered with a transient or
 * protocol error, is sent again after a delay doubled each time, up to {@code sh.notification-attempts}.
 * A one-time subscription is removed once notified (TS 29.328 6.1.4; only UE reachability for IP has them, which
 * this HSS does not hold, so the SNR edge refuses One-Time-Notification elsewhere); a PNA
 * DIAMETER_ERROR_USER_UNKNOWN removes the subscription too.
 */
public final class PushNotification {

    private static final Logger log = LoggerFactory.getLogger(PushNotification.class);

    private final RequestSender sender;
    private final ShDataStore shStore;
    private final ShSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    PushNotification(RequestSender sender, ShDataStore shStore, ShSettings settings,
            ScheduledExecutorService scheduler, Clock clock) {
        this.sender = sender;
        this.shStore = shStore;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * @param identityKey the key the subscription is stored under
     * @param wildcarded the Wildcarded-Public-Identity to send, or null
     */
    public void send(String identityKey, ShSubscription subscription, String wildcarded, String userData) {
        attempt(identityKey, subscription, wildcarded, userData, 1);
    }

    private void attempt(String identityKey, ShSubscription subscription, String wildcarded, String userData,
            int attempt) {
        if (subscription.expired(clock.millis())) {
            return;
        }
        sender.send(Command.PNR, subscription.asHost(), subscription.asRealm(), out -> {
            int user = out.begin(Avp.USER_IDENTITY);
            out.utf8(Avp.PUBLIC_IDENTITY, subscription.userIdentity());
            out.end(user);
            if (wildcarded != null) {
                out.utf8(Avp.WILDCARDED_PUBLIC_IDENTITY, wildcarded);
            }
            out.utf8(Avp.USER_DATA_SH, userData);
        }).whenComplete((answer, failure) -> {
            Optional<ResultCode> result = failure == null ? Optional.ofNullable(answer.avps().result())
                    : Optional.empty();
            if (result.isPresent() && result.get().isSuccess()) {
                if (subscription.oneTime()) {
                    remove(identityKey, subscription);
                }
                return;
            }
            if (result.isPresent() && result.get() == ResultCode.DIAMETER_ERROR_USER_UNKNOWN) {
                remove(identityKey, subscription);
                return;
            }
            if (result.isPresent() && isPermanent(result.get())) {
                log.info("PNR to {} refused: {}", subscription.asHost(), result.get());
                return;
            }
            if (attempt >= settings.notificationAttempts()) {
                log.info("PNR to {} given up after {} attempts: {}", subscription.asHost(), attempt,
                        failure != null ? failure.toString() : result.map(Object::toString).orElse("no result"));
                return;
            }
            long delay = settings.notificationRetryDelay().toMillis() << (attempt - 1);
            scheduler.schedule(() -> attempt(identityKey, subscription, wildcarded, userData, attempt + 1),
                    delay, TimeUnit.MILLISECONDS);
        });
    }

    private static boolean isPermanent(ResultCode result) {
        return !result.isProtocolError() && result.code() >= 5000;
    }

    private void remove(String identityKey, ShSubscription subscription) {
        shStore.updateSubscriptions(identityKey, new RemoveSubscription(subscription));
    }

    record RemoveSubscription(ShSubscription subscription) implements RecordUpdate<ShSubscriptions, Boolean> {

        @Override
        public Outcome<ShSubscriptions, Boolean> apply(ShSubscriptions current) {
            if (current == null) {
                return Outcome.keep(false);
            }
            ShSubscriptions next = current.without(subscription);
            if (next == current) {
                return Outcome.keep(false);
            }
            return next.isEmpty() ? Outcome.remove(true) : Outcome.put(next, true);
        }
    }
}
