package org.imshss.provisioning.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.Usim;

/**
 * Writes and removes one subscriber so that no identity is ever held by two subscribers and of two conditional
 * writes exactly one gets through, whichever nodes they come through. Each step is one atomic grid operation:
 *
 * <ol>
 * <li>a new subscriber's subscription record is inserted only where its id is free ({@link InsertIfAbsent});</li>
 * <li>each private identity, public identity, MSISDN, implicit set and USIM (IMSI) is claimed ({@link InsertIfAbsent}); a key
 * another stored subscriber holds refuses the write, and the keys claimed so far are given back;</li>
 * <li>a stored subscriber's subscription record is replaced by the next version only if it is still at the version
 * the writer read ({@link SubscriptionGate}): the switch, and the gate of If-Match;</li>
 * <li>the records the subscriber already held are brought to what was written, and those it no longer holds are
 * removed, each by a compare-and-set that gives up once another subscriber holds the key or a later write of the
 * same subscriber has passed the gate (which then settles it).</li>
 * </ol>
 *
 * A writer that stops midway leaves keys that name their subscriber: a later write of that subscriber takes them
 * over, and so does anyone once that subscriber is no longer stored. A key never names two subscribers.
 */
public final class SubscriberClaims {

    /** Records are written in this order and removed in the reverse one. */
    private static final List<Kind> WRITE_ORDER = List.of(Kind.USIM, Kind.PUBLIC, Kind.WILDCARD, Kind.MSISDN,
            Kind.SET, Kind.PRIVATE);

    /** Attempts of a compare-and-set on a key other writers keep changing. */
    private static final int ATTEMPTS = 10;

    /** The kinds of record a subscriber holds, each in its own cache. */
    public enum Kind { SUBSCRIPTION, PRIVATE, PUBLIC, WILDCARD, MSISDN, SET, USIM }

    /** Told of each key written or removed, for the decoded copies a node keeps. */
    interface Changes {
        void changed(Kind kind, String key);
    }

    /** A key the write could not claim, and the subscriber that holds it. */
    public record Refusal(Kind kind, String key, String holder) {
    }

    /**
     * What became of a write.
     *
     * @param stored the subscription record as written, when it was
     * @param refusals the keys held by others, when refused
     * @param stale whether the subscriber was not at the expected version any more (or exists already, for a create)
     */
    public record Outcome(ImsSubscription stored, List<Refusal> refusals, boolean stale) {

        public boolean written() {
            return stored != null;
        }
    }

    private record Key(Kind kind, String key, byte[] value) {
    }

    private enum Claimed { CLAIMED, HELD_ALREADY }

    private final RecordCodec codec;
    private final IgniteCache<String, byte[]> subscriptions;
    private final IgniteCache<String, byte[]> privateIds;
    private final IgniteCache<String, byte[]> publicIds;
    private final IgniteCache<String, byte[]> wildcards;
    private final IgniteCache<String, byte[]> msisdns;
    private final IgniteCache<String, byte[]> implicitSets;
    private final IgniteCache<String, byte[]> sequences;
    private final IgniteCache<String, byte[]> usims;
    private final IgniteCache<String, byte[]> epsRegistrations;
    private final Changes changes;

    /** New subscribers of a bulk import written by one thread at least; fewer are not worth handing to another. */
    private static final int MIN_CLAIM_PART = 100;
    /** Threads writing parts of a batch of new subscribers besides the caller's: one per further core, up to 3. */
    private final int claimThreads = Math.min(3, Runtime.getRuntime().availableProcessors() - 1);
    private final ExecutorService claimers = Executors.newFixedThreadPool(Math.max(1, claimThreads), runnable -> {
        Thread thread = new Thread(runnable, "new-subscriber-writer");
        thread.setDaemon(true);
        return thread;
    });

    SubscriberClaims(Ignite ignite, RecordCodec codec, Changes changes, CacheLayout layout) {
        this.codec = codec;
        this.subscriptions = layout.cache(ignite, CacheNames.SUBSCRIPTIONS);
        this.privateIds = layout.cache(ignite, CacheNames.PRIVATE_IDS);
        this.publicIds = layout.cache(ignite, CacheNames.PUBLIC_IDS);
        this.wildcards = layout.cache(ignite, CacheNames.WILDCARDS);
        this.msisdns = layout.cache(ignite, CacheNames.MSISDNS);
        this.implicitSets = layout.cache(ignite, CacheNames.IMPLICIT_SETS);
        this.sequences = layout.cache(ignite, CacheNames.AUTH_SEQUENCES);
        this.usims = layout.cache(ignite, CacheNames.USIMS);
        this.epsRegistrations = layout.cache(ignite, CacheNames.EPS_REGISTRATIONS);
        this.changes = changes;
    }

    /** A new subscription's first version, under an incarnation of its own. */
    static ImsSubscription firstVersion(ImsSubscription subscription) {
        return subscription.versioned(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE), 1);
    }

    /** The subscription record as stored now, read from the grid (not from a node's decoded copy). */
    ImsSubscription stored(String id) {
        return codec.decode(subscriptions.get(id), ImsSubscription.class);
    }

    /**
     * Creates a subscriber ({@code expected} null) or replaces the stored one at version {@code expected}.
     *
     * @param next the subscriber's records; its one subscription is written at the next version
     * @param previous the records stored for it when {@code expected} was read (empty for a create)
     * @param switched run once the write has passed the gate, before any record is given up (a de-registration)
     */
    Outcome write(ImsSubscription expected, SubscriberData next, SubscriberData previous, Runnable switched) {
        ImsSubscription subscription = next.subscriptions().get(0);
        String id = subscription.id();
        ImsSubscription stamped = expected == null ? firstVersion(subscription)
                : subscription.versioned(expected.incarnation(), expected.version() + 1);
        byte[] record = codec.encode(stamped);
        if (expected == null) {
            if (subscriptions.invoke(id, new InsertIfAbsent(record)) != null) {
                return new Outcome(null, List.of(), true);
            }
            changes.changed(Kind.SUBSCRIPTION, id);
        }
        List<Key> keys = keys(next);
        List<Key> claimed = new ArrayList<>();
        List<Key> heldAlready = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        for (Key key : keys) {
            claim(id, key, claimed, heldAlready, refusals);
        }
        boolean through = refusals.isEmpty()
                && (expected == null || subscriptions.invoke(id, new SubscriptionGate(expected, record)));
        if (!through) {
            claimed.forEach(this::giveBack);
            if (expected == null) {
                // The create's own record goes last: until then its claims could not be mistaken for left-overs.
                subscriptions.invoke(id, new SubscriptionGate(stamped, null));
                changes.changed(Kind.SUBSCRIPTION, id);
            }
            return new Outcome(null, List.copyOf(refusals), refusals.isEmpty());
        }
        if (expected != null) {
            changes.changed(Kind.SUBSCRIPTION, id);
        }
        switched.run();
        // Identities before the records that refer to them: a lookup never finds a dangling reference.
        heldAlready.sort((a, b) -> Integer.compare(WRITE_ORDER.indexOf(a.kind()), WRITE_ORDER.indexOf(b.kind())));
        for (Key key : heldAlready) {
            settle(id, stamped, key.kind(), key.key(), key.value());
        }
        release(id, stamped, previous, keys);
        return new Outcome(stamped, List.of(), false);
    }

    /** Removes the stored subscriber at version {@code expected} and then the records it held. */
    Outcome delete(ImsSubscription expected, SubscriberData previous, Runnable switched) {
        String id = expected.id();
        if (!subscriptions.invoke(id, new SubscriptionGate(expected, null))) {
            return new Outcome(null, List.of(), true);
        }
        changes.changed(Kind.SUBSCRIPTION, id);
        switched.run();
        release(id, null, previous, List.of());
        return new Outcome(expected, List.of(), false);
    }

    /** What the subscriber held before and holds no more: references first, then what they referred to. */
    private void release(String id, ImsSubscription version, SubscriberData previous, List<Key> kept) {
        Set<String> keep = new HashSet<>();
        kept.forEach(k -> keep.add(k.kind() + " " + k.key()));
        List<Key> gone = new ArrayList<>(keys(previous));
        gone.removeIf(k -> keep.contains(k.kind() + " " + k.key()));
        gone.sort((a, b) -> Integer.compare(WRITE_ORDER.indexOf(b.kind()), WRITE_ORDER.indexOf(a.kind())));
        for (Key key : gone) {
            settle(id, version, key.kind(), key.key(), null);
            if (key.kind() == Kind.PRIVATE) {
                sequences.remove(key.key());
            } else if (key.kind() == Kind.USIM) {
                // A USIM given up takes its SQN and its EPS registration along (the caller has told its MME).
                sequences.remove(Identities.normalise(Usim.sequenceKey(key.key())));
                epsRegistrations.remove(key.key());
            }
        }
    }

    private void claim(String id, Key key, List<Key> claimed, List<Key> heldAlready, List<Refusal> refusals) {
        if (!refusals.isEmpty()) {
            return;
        }
        IgniteCache<String, byte[]> cache = cache(key.kind());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] found = cache.invoke(key.key(), new InsertIfAbsent(key.value()));
            if (found == null) {
                claimed.add(key);
                changes.changed(key.kind(), key.key());
                return;
            }
            String holder = holder(key.kind(), found);
            if (id.equals(holder)) {
                heldAlready.add(key);
                return;
            }
            if (holder != null && subscriptions.containsKey(holder)) {
                refusals.add(new Refusal(key.kind(), key.key(), holder));
                return;
            }
            // Left by a writer of a subscriber no longer stored (a delete or a refused create that stopped midway).
            if (cache.invoke(key.key(), new ReplaceIfUnchanged(found, key.value()))) {
                claimed.add(key);
                changes.changed(key.kind(), key.key());
                return;
            }
        }
        refusals.add(new Refusal(key.kind(), key.key(), null));
    }

    private void giveBack(Key key) {
        cache(key.kind()).invoke(key.key(), new RemoveIfUnchanged(key.value()));
        changes.changed(key.kind(), key.key());
    }

    /**
     * Brings a key the subscriber holds to {@code intended} (null: removed), by compare-and-set, until done, the key
     * is another's, or the subscriber is no longer at {@code version} (null: no longer stored).
     */
    private void settle(String id, ImsSubscription version, Kind kind, String key, byte[] intended) {
        IgniteCache<String, byte[]> cache = cache(kind);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] current = cache.get(key);
            if (Arrays.equals(current, intended)) {
                return;
            }
            String holder = current == null ? null : holder(kind, current);
            if (holder != null && !holder.equals(id) || !stillAt(id, version)) {
                return;
            }
            boolean done;
            if (intended == null) {
                done = cache.invoke(key, new RemoveIfUnchanged(current));
            } else if (current == null) {
                done = cache.invoke(key, new InsertIfAbsent(intended)) == null;
            } else {
                done = cache.invoke(key, new ReplaceIfUnchanged(current, intended));
            }
            if (done) {
                changes.changed(kind, key);
                return;
            }
        }
    }

    private boolean stillAt(String id, ImsSubscription version) {
        ImsSubscription stored = stored(id);
        return version == null ? stored == null : version.sameVersion(stored);
    }

    /** The subscriber a stored record names; for an MSISDN its identity's, null if that identity is gone. */
    private String holder(Kind kind, byte[] value) {
        return switch (kind) {
            case PRIVATE -> codec.decode(value, PrivateIdentity.class).subscriptionId();
            case PUBLIC, WILDCARD -> codec.decode(value, PublicIdentity.class).subscriptionId();
            case SET -> codec.decode(value, ImplicitRegistrationSet.class).subscriptionId();
            case USIM -> codec.decode(value, Usim.class).subscriptionId();
            case MSISDN -> msisdnHolder(new String(value, StandardCharsets.UTF_8));
            case SUBSCRIPTION -> codec.decode(value, ImsSubscription.class).id();
        };
    }

    private String msisdnHolder(String identityKey) {
        byte[] identity = publicIds.get(identityKey);
        if (identity == null && Identities.isWildcard(identityKey)) {
            identity = wildcards.get(identityKey);
        }
        return identity == null ? null : codec.decode(identity, PublicIdentity.class).subscriptionId();
    }

    private IgniteCache<String, byte[]> cache(Kind kind) {
        return switch (kind) {
            case SUBSCRIPTION -> subscriptions;
            case PRIVATE -> privateIds;
            case PUBLIC -> publicIds;
            case WILDCARD -> wildcards;
            case MSISDN -> msisdns;
            case SET -> implicitSets;
            case USIM -> usims;
        };
    }

    /**
     * A subscriber's keys in claim order: private identities, public identities, MSISDNs, implicit sets, USIMs
     * (by IMSI).
     */
    private List<Key> keys(SubscriberData data) {
        List<Key> keys = new ArrayList<>();
        for (PrivateIdentity identity : data.privateIdentities()) {
            keys.add(new Key(Kind.PRIVATE, Identities.normalise(identity.impi()), codec.encode(identity)));
        }
        List<Key> numbers = new ArrayList<>();
        for (PublicIdentity identity : data.publicIdentities()) {
            boolean wildcard = identity.type().isWildcard();
            keys.add(new Key(wildcard ? Kind.WILDCARD : Kind.PUBLIC, SubscriberCaches.identityKey(identity),
                    codec.encode(identity)));
            if (identity.msisdn() != null) {
                numbers.add(new Key(Kind.MSISDN, SubscriberCaches.msisdnKey(identity.msisdn()),
                        SubscriberCaches.msisdnValue(identity)));
            }
        }
        keys.addAll(numbers);
        for (ImplicitRegistrationSet set : data.implicitRegistrationSets()) {
            keys.add(new Key(Kind.SET, set.id(), codec.encode(set)));
        }
        for (Usim usim : data.usims()) {
            keys.add(new Key(Kind.USIM, usim.imsi(), codec.encode(usim)));
        }
        return keys;
    }

    /**
     * Writes the new subscribers of a bulk import. Each key is claimed with one atomic operation
     * ({@link InsertIfAbsent}), a cache at a time for the whole batch: the subscription id first, which makes the
     * subscriber this writer's alone, then its private identities, public identities, MSISDNs and implicit sets. A key
     * another stored subscriber holds fails its claimant, whose keys claimed so far are given back. A record naming
     * the claimant, a subscriber no longer stored or (an MSISDN) no stored identity is a left-over and taken over by
     * compare-and-set, as a single write does.
     *
     * @return why, for each subscriber (by subscription id) that was not written
     */
    Map<String, String> insertNew(List<SubscriberData> batch) {
        // The subscribers of a batch hold distinct keys (the caller sees to it), so parts of it can be written side
        // by side: each grid call runs in its caller's thread on a single node, and one thread leaves cores idle.
        int parts = Math.max(1, Math.min(claimThreads + 1, batch.size() / MIN_CLAIM_PART));
        int size = (batch.size() + parts - 1) / parts;
        List<Future<Map<String, String>>> others = new ArrayList<>();
        for (int part = 1; part < parts; part++) {
            List<SubscriberData> subscribers = batch.subList(part * size, Math.min(batch.size(), (part + 1) * size));
            others.add(claimers.submit(() -> insertPart(subscribers)));
        }
        Map<String, String> refused = insertPart(batch.subList(0, Math.min(batch.size(), size)));
        for (Future<Map<String, String>> other : others) {
            try {
                refused.putAll(other.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing new subscribers", e);
            }
        }
        return refused;
    }

    private Map<String, String> insertPart(List<SubscriberData> batch) {
        Map<Kind, List<Claim>> claims = new EnumMap<>(Kind.class);
        for (SubscriberData subscriber : batch) {
            for (ImsSubscription subscription : subscriber.subscriptions()) {
                claims.computeIfAbsent(Kind.SUBSCRIPTION, k -> new ArrayList<>()).add(new Claim(subscription.id(),
                        new Key(Kind.SUBSCRIPTION, subscription.id(), codec.encode(firstVersion(subscription)))));
            }
            for (PublicIdentity identity : subscriber.publicIdentities()) {
                if (identity.type().isWildcard()) {
                    throw new IllegalArgumentException("wildcarded identities are written one subscriber at a time: "
                            + identity.identity());
                }
            }
            String id = subscriber.subscriptions().get(0).id();
            for (Key key : keys(subscriber)) {
                claims.computeIfAbsent(key.kind(), k -> new ArrayList<>()).add(new Claim(id, key));
            }
        }
        Map<String, String> refused = new LinkedHashMap<>();
        Map<String, List<Key>> held = new HashMap<>();
        for (Kind kind : List.of(Kind.SUBSCRIPTION, Kind.PRIVATE, Kind.PUBLIC, Kind.MSISDN, Kind.SET, Kind.USIM)) {
            claimAll(claims.getOrDefault(kind, List.of()), refused, held);
        }
        for (String id : refused.keySet()) {
            held.getOrDefault(id, List.of()).forEach(this::giveBack);
        }
        return refused;
    }

    /** One key of a new subscriber's record. */
    private record Claim(String subscriber, Key key) {
    }

    /** Claims keys of one cache for the subscribers not refused yet, in one grid call. */
    private void claimAll(List<Claim> claims, Map<String, String> refused, Map<String, List<Key>> held) {
        // Sorted keys: batches claiming the same keys visit them in the same order.
        Map<String, EntryProcessor<String, byte[], byte[]>> inserts = new TreeMap<>();
        Map<String, String> claimants = new HashMap<>();
        List<Claim> attempted = new ArrayList<>();
        for (Claim claim : claims) {
            if (refused.containsKey(claim.subscriber())) {
                continue;
            }
            String earlier = claimants.putIfAbsent(claim.key().key(), claim.subscriber());
            if (earlier == null) {
                inserts.put(claim.key().key(), new InsertIfAbsent(claim.key().value()));
                attempted.add(claim);
            } else if (!earlier.equals(claim.subscriber())) {
                refused.putIfAbsent(claim.subscriber(), claim.key().key() + " is also claimed by subscriber " + earlier);
            }
        }
        if (inserts.isEmpty()) {
            return;
        }
        Map<String, EntryProcessorResult<byte[]>> found = cache(claims.get(0).key().kind()).invokeAll(inserts);
        for (Claim claim : attempted) {
            EntryProcessorResult<byte[]> result = found.get(claim.key().key());
            byte[] existing = result == null ? null : result.get();
            if (existing != null) {
                String why = takeOver(claim, existing);
                if (why != null) {
                    refused.putIfAbsent(claim.subscriber(), why);
                    continue;
                }
            }
            // Held even when another of its keys refuses the subscriber in this loop: it is written and must go.
            held.computeIfAbsent(claim.subscriber(), id -> new ArrayList<>()).add(claim.key());
            changes.changed(claim.key().kind(), claim.key().key());
        }
    }

    /** Takes a left-over over by compare-and-set; why not, if it is another's. */
    private String takeOver(Claim claim, byte[] existing) {
        Key key = claim.key();
        if (key.kind() == Kind.SUBSCRIPTION) {
            return "subscriber " + key.key() + " exists";
        }
        String holder = holder(key.kind(), existing);
        if (holder != null && !holder.equals(claim.subscriber()) && subscriptions.containsKey(holder)) {
            return key.key() + " belongs to subscriber " + holder;
        }
        return cache(key.kind()).invoke(key.key(), new ReplaceIfUnchanged(existing, key.value())) ? null
                : key.key() + " is being changed by another write";
    }

    void close() {
        claimers.shutdown();
    }
}
