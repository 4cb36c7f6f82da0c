package org.imshss.hss.sh;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings.ShSettings;
import org.imshss.provisioning.model.RepositoryDataSet;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.model.ShSubscription;
import org.imshss.provisioning.model.ShSubscriptions;
import org.imshss.provisioning.store.RecordUpdate;
import org.imshss.provisioning.store.ShDataStore;

/**
 * The HSS side of Sh-Subs-Notif, TS 29.328 6.1.3: subscriptions are stored in the grid per identity,
 * keyed by (AS, Data-Reference, Service-Indication), and survive a restart when the grid persists. The checks
 * run in the order of 6.1.3.1: permission (5104), user (5001), Data-Reference and identity (5101), DSAI tag (5108),
 * repository data present (5106); unsubscribing from nothing succeeds. An identity has at most
 * {@code sh.max-subscriptions-per-identity} subscriptions; an SNR that would add more is refused whole.
 */
public final class SubscribeNotifications {

    private final ShDataStore shStore;
    private final IdentityResolver resolver;
    private final ShDataAssembler assembler;
    private final ShSettings settings;
    private final Clock clock;

    SubscribeNotifications(ShDataStore shStore, IdentityResolver resolver, ShDataAssembler assembler,
            ShSettings settings, Clock clock) {
        this.shStore = shStore;
        this.resolver = resolver;
        this.assembler = assembler;
        this.settings = settings;
        this.clock = clock;
    }

    public SubscribeNotificationsAnswer handle(SubscribeNotificationsRequest request) {
        // Step 1: the AS may subscribe to every requested Data-Reference.
        Optional<ShApplicationServer> as = shStore.applicationServer(request.originHost());
        for (int reference : request.dataReferences()) {
            if (as.isEmpty() || !as.get().maySubscribe(reference)) {
                return SubscribeNotificationsAnswer.of(ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_NOTIFIED);
            }
        }
        // Step 2: the user is known.
        Optional<ShTarget> found = resolver.resolve(request.userIdentity(), request.wildcardedIdentity());
        if (found.isEmpty()) {
            return SubscribeNotificationsAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        ShTarget target = found.get();
        // Step 3: notifications exist for this Data-Reference and this kind of identity.
        for (int reference : request.dataReferences()) {
            DataReference known = DataReference.of(reference);
            if (!known.subscribable() || !known.accessibleBy(target)) {
                return SubscribeNotificationsAnswer.of(ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
            }
        }
        long now = clock.millis();
        List<ShSubscription> subscriptions = subscriptions(request, target, now);
        if (!request.subscribe()) {
            shStore.updateSubscriptions(target.key(), new Unsubscribe(subscriptions, now));
            return new SubscribeNotificationsAnswer(ResultCode.DIAMETER_SUCCESS, null, null, target.wildcarded());
        }
        // DSAI can only be watched on tags of iFCs that point at the AS (TS 29.328 6.1.3).
        if (request.dataReferences().contains(DataReference.DSAI.value())) {
            List<String> available = assembler.dsaiTagsFor(target.identity(), request.serverName());
            if (available.isEmpty() || !available.containsAll(request.dsaiTags())) {
                return SubscribeNotificationsAnswer.of(ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE);
            }
        }
        // Step 4: repository data can only be watched once it exists (DIAMETER_ERROR_SUBS_DATA_ABSENT).
        if (request.dataReferences().contains(DataReference.REPOSITORY_DATA.value())) {
            RepositoryDataSet stored = shStore.repositoryData(target.key());
            for (String serviceIndication : request.serviceIndications()) {
                if (stored.get(serviceIndication).isEmpty()) {
                    return SubscribeNotificationsAnswer.of(ResultCode.DIAMETER_ERROR_SUBS_DATA_ABSENT);
                }
            }
        }
        // Send-Data-Indication (TS 29.328 6.1.3): the data is read before anything is stored, so that a request
        // that fails leaves the subscriptions as they were (all Data-References or none, 6.1.3.1 step 7).
        String userData = null;
        if (request.sendData()) {
            ShData data = new ShData();
            ShDataAssembler.Query query = new ShDataAssembler.Query(request.serverName(),
                    request.serviceIndications(), request.identitySets(), request.dsaiTags());
            for (int reference : request.dataReferences()) {
                ResultCode failure = assembler.add(data, target, DataReference.of(reference), query);
                if (failure != null) {
                    return SubscribeNotificationsAnswer.of(failure);
                }
            }
            userData = data.toXml();
        }
        Boolean accepted = shStore.updateSubscriptions(target.key(),
                new Subscribe(subscriptions, now, settings.maxSubscriptionsPerIdentity()));
        if (!accepted) {
            // TS 29.328 6.1.3.1: a request the HSS cannot fulfil for a reason not listed in its steps is answered
            // with Result-Code DIAMETER_UNABLE_TO_COMPLY; DIAMETER_ERROR_TOO_MUCH_DATA (TS 29.329 6.2.2) is about
            // data pushed to the HSS, which an SNR does not carry.
            return SubscribeNotificationsAnswer.of(ResultCode.DIAMETER_UNABLE_TO_COMPLY);
        }
        Instant granted = Instant.ofEpochMilli(subscriptions.get(0).expiresAtMillis());
        return new SubscribeNotificationsAnswer(ResultCode.DIAMETER_SUCCESS, userData, granted, target.wildcarded());
    }

    /**
     * One subscription per Data-Reference (and per Service-Indication for RepositoryData). The HSS grants
     * at most {@code sh.max-subscription-seconds}, also when the AS asks for none (TS 29.328 6.1.3: the HSS
     * may shorten the Expiry-Time and returns the one it granted).
     */
    private List<ShSubscription> subscriptions(SubscribeNotificationsRequest request, ShTarget target, long now) {
        long cap = now + settings.maxSubscription().toMillis();
        long expires = request.expiryTime() == null ? cap : Math.min(cap, request.expiryTime().toEpochMilli());
        // Whole seconds: Expiry-Time travels as NTP seconds.
        expires -= expires % 1000;
        String identity = target.viaMsisdn() ? target.identity().identity() : target.requested();
        List<Integer> identitySets = new ArrayList<>();
        for (IdentitySet set : request.identitySets()) {
            identitySets.add(set.value());
        }
        List<ShSubscription> subscriptions = new ArrayList<>();
        for (int reference : request.dataReferences()) {
            // RepositoryData is watched per Service-Indication, DSAI per tag ("" for every tag of the AS).
            List<String> keys = List.of("");
            if (reference == DataReference.REPOSITORY_DATA.value()) {
                keys = request.serviceIndications();
            } else if (reference == DataReference.DSAI.value() && !request.dsaiTags().isEmpty()) {
                keys = request.dsaiTags();
            }
            for (String key : keys) {
                subscriptions.add(new ShSubscription(identity, request.originHost(), request.originRealm(),
                        reference, key, request.serverName(), expires, request.oneTime(), identitySets));
            }
        }
        return subscriptions;
    }

    /**
     * Adds or refreshes subscriptions, dropping expired ones on the way. Refused (false, nothing written) when the
     * identity would have more than {@code max} live subscriptions and more than before: a refresh replaces its
     * subscription (same AS, Data-Reference and Service-Indication) and adds none.
     */
    record Subscribe(List<ShSubscription> added, long nowMillis, int max)
            implements RecordUpdate<ShSubscriptions, Boolean> {

        @Override
        public Outcome<ShSubscriptions, Boolean> apply(ShSubscriptions current) {
            ShSubscriptions live = current == null ? ShSubscriptions.none() : current.withoutExpired(nowMillis);
            ShSubscriptions next = live;
            for (ShSubscription subscription : added) {
                next = next.with(subscription);
            }
            int count = next.subscriptions().size();
            if (count > max && count > live.subscriptions().size()) {
                return Outcome.keep(false);
            }
            return next.isEmpty() ? Outcome.remove(true) : Outcome.put(next, true);
        }
    }

    /** Removes subscriptions; removing one that does not exist is not an error. */
    record Unsubscribe(List<ShSubscription> removed, long nowMillis) implements RecordUpdate<ShSubscriptions, Boolean> {

        @Override
        public Outcome<ShSubscriptions, Boolean> apply(ShSubscriptions current) {
            if (current == null) {
                return Outcome.keep(false);
            }
            ShSubscriptions next = current.withoutExpired(nowMillis);
            for (ShSubscription subscription : removed) {
                next = next.without(subscription);
            }
            if (next == current) {
                return Outcome.keep(false);
            }
            return next.isEmpty() ? Outcome.remove(true) : Outcome.put(next, true);
        }
    }
}
