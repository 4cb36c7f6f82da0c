package org.imshss.hss.sh;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.imshss.provisioning.model.Identities;

/**
 * This node's view of which identities have Sh subscriptions (TS 29.328 6.1.4) and which IMS subscriptions
 * they belong to, so that a change of subscriber data or registration state that nobody subscribed to costs
 * no grid read: a bulk import of new subscribers, or a SAR of a user no AS watches.
 *
 * <p>The view may say "maybe" wrongly (an entry whose subscriptions have just been dropped, an identity whose
 * IMS subscription is not known yet), never "no" wrongly: an identity is added before its subscription is
 * stored, through the grid's change feed, and stays "unresolved" (concerning every IMS subscription) until
 * the IMS subscription it belongs to is known.
 */
final class SubscribedIdentities {

    /** Marks an identity whose IMS subscription is not known yet. */
    private static final String UNRESOLVED = "";

    /** Identity key (as the Sh subscriptions are stored) to the id of its IMS subscription, or UNRESOLVED. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    /** How many subscribed identities each IMS subscription has; UNRESOLVED counts those not yet known. */
    private final Map<String, AtomicInteger> perSubscription = new ConcurrentHashMap<>();

    /** True when no identity in the cluster has a subscription: nothing to notify about. */
    boolean isEmpty() {
        return owners.isEmpty();
    }

    boolean contains(String identityKey) {
        return identityKey != null && owners.containsKey(identityKey);
    }

    /** The identity has subscriptions now; its IMS subscription is to be {@link #resolve resolved}. */
    synchronized void add(String identityKey) {
        if (!owners.containsKey(identityKey)) {
            owners.put(identityKey, UNRESOLVED);
            count(UNRESOLVED, 1);
        }
    }

    /** The identity has no subscription left. */
    synchronized void remove(String identityKey) {
        String owner = owners.remove(identityKey);
        if (owner != null) {
            count(owner, -1);
        }
    }

    /** The identity belongs to this IMS subscription (null: the identity is not provisioned). */
    synchronized void resolve(String identityKey, String subscriptionId) {
        String owner = owners.get(identityKey);
        String now = subscriptionId == null ? UNRESOLVED : subscriptionId;
        if (owner == null || owner.equals(now)) {
            return;
        }
        owners.put(identityKey, now);
        count(owner, -1);
        count(now, 1);
    }

    /** As {@link #resolve}, unless a change of the identity has resolved it meanwhile (that one is newer). */
    synchronized void resolveIfUnresolved(String identityKey, String subscriptionId) {
        if (UNRESOLVED.equals(owners.get(identityKey))) {
            resolve(identityKey, subscriptionId);
        }
    }

    /**
     * Whether a change of the IMS subscription's identities or state, touching these identities, may concern
     * a subscribed AS.
     */
    boolean mayConcern(String subscriptionId, Collection<String> touched) {
        if (owners.isEmpty()) {
            return false;
        }
        if (perSubscription.containsKey(UNRESOLVED)
                || (subscriptionId != null && perSubscription.containsKey(subscriptionId))) {
            return true;
        }
        for (String identity : touched) {
            if (identity != null && (owners.containsKey(identity.trim())
                    || owners.containsKey(Identities.normalise(identity)))) {
                return true;
            }
        }
        return false;
    }

    private void count(String subscriptionId, int delta) {
        AtomicInteger count = perSubscription.computeIfAbsent(subscriptionId, k -> new AtomicInteger());
        if (count.addAndGet(delta) <= 0) {
            perSubscription.remove(subscriptionId);
        }
    }
}
