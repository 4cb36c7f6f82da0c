package org.imshss.hss.sh;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.ShSubscription;
import org.imshss.provisioning.model.ShSubscriptions;
import org.imshss.provisioning.store.ShDataStore;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns changes of subscribed data into Sh-Notif (TS 29.328 6.1.4). It is driven by the changes themselves
 * (continuous queries of the grid on repository data, registration state and public identities), whoever
 * makes them: a PUR from another AS, a SAR or MAR over Cx, a PSI activation. Events are handed to one
 * worker thread so the grid threads never wait for the network; PNRs then go out asynchronously.
 *
 * <p>Notified: RepositoryData (to every subscribed AS except the one that wrote the change), IMSUserState,
 * S-CSCFName and PSIActivation. The content is the changed Data-Reference only.
 */
public final class ShNotifier implements ShDataStore.ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ShNotifier.class);

    private final SubscriberStore store;
    private final ShDataStore shStore;
    private final ShDataAssembler assembler;
    private final PushNotification push;
    private final ExecutorService worker;
    private final Clock clock;

    ShNotifier(SubscriberStore store, ShDataStore shStore, ShDataAssembler assembler, PushNotification push,
            ExecutorService worker, Clock clock) {
        this.store = store;
        this.shStore = shStore;
        this.assembler = assembler;
        this.push = push;
        this.worker = worker;
        this.clock = clock;
    }

    private void later(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Sh notification failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.debug("Sh notification dropped: the node is stopping");
        }
    }

    @Override
    public void repositoryDataChanged(RepositoryData before, RepositoryData after) {
        later(() -> {
            RepositoryData any = after != null ? after : before;
            for (ShSubscription subscription : live(any.identity())) {
                if (subscription.dataReference() != DataReference.REPOSITORY_DATA.value()
                        || !subscription.serviceIndication().equals(any.serviceIndication())
                        || (after != null && subscription.asHost().equalsIgnoreCase(after.updatedBy()))) {
                    continue;
                }
                ShData data = new ShData();
                if (after != null) {
                    data.repositoryData(after);
                } else {
                    // Deleted: the RepositoryData element without ServiceData, with the deleting number.
                    data.deletedRepositoryData(before.serviceIndication(),
                            ProfileUpdate.nextSequenceNumber(before.sequenceNumber()));
                }
                push.send(any.identity(), subscription, wildcarded(any.identity()), data.toXml());
            }
        });
    }

    @Override
    public void registrationChanged(RegistrationState before, RegistrationState after) {
        later(() -> {
            RegistrationState any = after != null ? after : before;
            RegistrationState old = before != null ? before : RegistrationState.empty(any.subscriptionId());
            RegistrationState now = after != null ? after : RegistrationState.empty(any.subscriptionId());
            for (String member : identitiesOf(any.subscriptionId())) {
                Optional<PublicIdentity> identity = store.publicIdentity(member);
                if (identity.isEmpty()) {
                    continue;
                }
                String key = Identities.normalise(member);
                for (ShSubscription subscription : live(key)) {
                    ShData data = new ShData();
                    if (subscription.dataReference() == DataReference.IMS_USER_STATE.value()) {
                        int state = assembler.imsUserState(identity.get(), now);
                        if (state == assembler.imsUserState(identity.get(), old)) {
                            continue;
                        }
                        data.imsUserState(state);
                    } else if (subscription.dataReference() == DataReference.S_CSCF_NAME.value()) {
                        if (Objects.equals(old.scscfName(), now.scscfName())) {
                            continue;
                        }
                        data.scscfName(now.scscfName());
                    } else {
                        continue;
                    }
                    push.send(key, subscription, null, data.toXml());
                }
            }
        });
    }

    @Override
    public void publicIdentityChanged(PublicIdentity before, PublicIdentity after) {
        if (before == null || after == null || before.psiActivated() == after.psiActivated()) {
            return;
        }
        later(() -> {
            String key = after.type().isWildcard() ? after.identity().trim() : Identities.normalise(after.identity());
            for (ShSubscription subscription : live(key)) {
                if (subscription.dataReference() == DataReference.PSI_ACTIVATION.value()) {
                    ShData data = new ShData();
                    data.psiActivation(after.psiActivated());
                    push.send(key, subscription, after.type().isWildcard() ? after.identity() : null, data.toXml());
                }
            }
        });
    }

    /** The subscriptions on an identity that have not expired; expired ones are dropped from the grid. */
    private Iterable<ShSubscription> live(String identityKey) {
        ShSubscriptions subscriptions = shStore.subscriptions(identityKey);
        long now = clock.millis();
        ShSubscriptions live = subscriptions.withoutExpired(now);
        if (live != subscriptions) {
            shStore.updateSubscriptions(identityKey, new SubscribeNotifications.Subscribe(List.of(), now));
        }
        return live.subscriptions();
    }

    private String wildcarded(String identityKey) {
        return Identities.isWildcard(identityKey) ? identityKey : null;
    }

    /** Every public identity of the IMS subscription (through its private identities). */
    private Set<String> identitiesOf(String subscriptionId) {
        Set<String> identities = new LinkedHashSet<>();
        store.subscription(subscriptionId).ifPresent(subscription -> {
            for (String impi : subscription.privateIdentities()) {
                store.privateIdentity(impi).ifPresent(p -> identities.addAll(p.publicIdentities()));
            }
        });
        return identities;
    }
}
