package org.imshss.provisioning.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * All Sh subscriptions on one identity: one grid entry, so adding, refreshing and removing them is one
 * atomic operation.
 */
public record ShSubscriptions(List<ShSubscription> subscriptions) implements Serializable {

    public ShSubscriptions {
        subscriptions = List.copyOf(subscriptions);
    }

    public static ShSubscriptions none() {
        return new ShSubscriptions(List.of());
    }

    public boolean isEmpty() {
        return subscriptions.isEmpty();
    }

    /** Adds the subscription, replacing one with the same key. */
    public ShSubscriptions with(ShSubscription subscription) {
        List<ShSubscription> next = new ArrayList<>(subscriptions.size() + 1);
        for (ShSubscription existing : subscriptions) {
            if (!existing.sameKey(subscription)) {
                next.add(existing);
            }
        }
        next.add(subscription);
        return new ShSubscriptions(next);
    }

    /** Without the subscription with the same key as {@code key}. */
    public ShSubscriptions without(ShSubscription key) {
        List<ShSubscription> next = new ArrayList<>(subscriptions.size());
        for (ShSubscription existing : subscriptions) {
            if (!existing.sameKey(key)) {
                next.add(existing);
            }
        }
        return next.size() == subscriptions.size() ? this : new ShSubscriptions(next);
    }

    /** Without the subscriptions expired at {@code nowMillis}. */
    public ShSubscriptions withoutExpired(long nowMillis) {
        List<ShSubscription> next = new ArrayList<>(subscriptions.size());
        for (ShSubscription existing : subscriptions) {
            if (!existing.expired(nowMillis)) {
                next.add(existing);
            }
        }
        return next.size() == subscriptions.size() ? this : new ShSubscriptions(next);
    }
}
