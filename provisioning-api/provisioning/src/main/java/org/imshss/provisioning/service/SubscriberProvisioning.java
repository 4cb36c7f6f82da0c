package org.imshss.provisioning.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.AuthProfile;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.InitialFilterCriteria;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.Usim;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.seed.SeedException;
import org.imshss.provisioning.seed.SeedLoader;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.ProvisioningStore;
import org.imshss.provisioning.store.SubscriberClaims;
import org.imshss.provisioning.store.SubscriberData;

/**
 * Subscribers as one document each (an IMS subscription with its private identities, credentials, implicit
 * registration sets and public identities), in the format of the seed files: what OSS scripts create,
 * replace, read and delete. Credentials are write-only; a document without them keeps the stored ones.
 *
 * <p>Changes reach the network: a registered user whose profile changes gets a PPR, a removed identity an
 * RTR PERMANENT_TERMINATION (TS 29.228 6.1.3, 6.2.2). Each write claims the subscriber's identities and passes
 * the subscriber's version with atomic grid operations ({@link SubscriberClaims}), so If-Match, create-only and the
 * ownership of identities hold cluster-wide; writes to one subscriber are also serialised on this node, which only
 * spares them from racing each other there.
 */
public final class SubscriberProvisioning {

    private static final int LOCK_STRIPES = 64;
    private static final String SUBSCRIBER = "subscriber";
    /** Attempts of an unconditional write that another write of the same subscriber keeps overtaking. */
    private static final int WRITE_ATTEMPTS = 10;

    /** What a write requires of the stored subscriber besides what it read. */
    private enum Condition { NONE, IF_MATCH, IF_ABSENT }

    /** Another write of the same subscriber got through first; an unconditional write reads again and retries. */
    private static final class Raced extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Raced() {
            super(null, null, false, false);
        }
    }

    private final ProvisioningStore store;
    private final SeedLoader loader;
    private final String realm;
    private final NetworkUpdates network;
    private final AuditLog audit;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final SubscriberSnapshots snapshots;
    private final SubscriberOwnership ownership;

    /** A document with the version (entity tag) of the stored state it shows. */
    public record Versioned(SeedDocument.Subscription document, String etag) {
    }

    /** What a write did: created, or replaced (changing something or not), and the document as now stored. */
    public record Written(boolean created, boolean changed, Versioned stored) {
    }

    /** One page of documents in id order; {@code next} is the cursor of the following page, or null. */
    public record Page(List<SeedDocument.Subscription> items, String next) {
    }

    /**
     * @param realm the realm of SIP Digest credentials a document does not name (the HSS's own)
     */
    public SubscriberProvisioning(ProvisioningStore store, SeedLoader loader, String realm, NetworkUpdates network,
            AuditLog audit, Clock clock) {
        this.store = store;
        this.loader = loader;
        this.realm = realm;
        this.network = network;
        this.audit = audit;
        this.clock = clock;
        this.snapshots = new SubscriberSnapshots(store);
        this.ownership = new SubscriberOwnership(store);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public Versioned get(String id) {
        return snapshots.snapshot(id).map(SubscriberSnapshots.Snapshot::versioned).orElseThrow(() -> ProvisioningException.notFound(SUBSCRIBER + " " + id));
    }

    public Page list(String prefix, String after, int limit) {
        List<String> ids = store.subscriptionIds(prefix, after, limit + 1);
        boolean more = ids.size() > limit;
        List<SeedDocument.Subscription> items = new ArrayList<>();
        for (String id : more ? ids.subList(0, limit) : ids) {
            snapshots.snapshot(id).ifPresent(s -> items.add(s.document()));
        }
        return new Page(items, more ? ids.get(limit - 1) : null);
    }

    /** Every stored subscriber with the prefix, in no particular order, as its document; one pass over the grid. */
    public void forEach(String prefix, Consumer<SeedDocument.Subscription> action) {
        store.forEachSubscriptionId(prefix, id -> snapshots.snapshot(id).ifPresent(s -> action.accept(s.document())));
    }

    /** Creates a subscriber; CONFLICT if the id, or any of its identities, exists already. */
    public Versioned create(SeedDocument.Subscription document, String actor) {
        String id = requireId(document);
        return locked(id, () -> {
            if (store.storedSubscription(id).isPresent()) {
                throw ProvisioningException.conflict("id", "subscriber " + id + " exists already");
            }
            return write(id, document, null, actor, Map.of(), Condition.IF_ABSENT).stored();
        });
    }

    /**
     * Creates or replaces a subscriber (an idempotent upsert).
     *
     * @param ifMatch the entity tag the client last saw, or null to write whatever is stored
     */
    public Written put(String id, SeedDocument.Subscription document, String ifMatch, String actor) {
        if (document.id() != null && !document.id().equals(id)) {
            throw ProvisioningException.invalid("id", "differs from the subscriber named in the path (" + id + ")");
        }
        SeedDocument.Subscription withId = document.id() == null ? withId(document, id) : document;
        return locked(id, () -> retrying(id, () -> {
            Optional<SubscriberSnapshots.Snapshot> current = snapshots.snapshot(id, true);
            checkVersion(current, ifMatch);
            return write(id, withId, current.orElse(null), actor, Map.of(),
                    ifMatch == null ? Condition.NONE : Condition.IF_MATCH);
        }));
    }

    /**
     * Replaces the credentials of one private identity (a password reset, new AKA keys); what the body leaves
     * out of password/ha1 and k/op/opc/amf is kept.
     */
    public Versioned setCredentials(String impi, Credentials credentials, String actor) {
        PrivateIdentity identity = store.privateIdentity(impi)
                .orElseThrow(() -> ProvisioningException.notFound("private identity " + impi));
        String id = identity.subscriptionId();
        return locked(id, () -> retrying(id, () -> {
            SubscriberSnapshots.Snapshot current = snapshots.snapshot(id, true)
                    .orElseThrow(() -> ProvisioningException.notFound(SUBSCRIBER + " " + id));
            AuthProfile auth = identity.auth();
            boolean newDigest = credentials.password() != null || credentials.ha1() != null;
            boolean newAka = credentials.k() != null || credentials.op() != null || credentials.opc() != null
                    || credentials.amf() != null;
            // What the body leaves out is taken over sealed as stored, never opened here.
            Map<String, SeedLoader.KeptCredentials> kept = Map.of(Identities.normalise(impi),
                    new SeedLoader.KeptCredentials(newDigest ? null : auth.digest(), newAka ? null : auth.aka(),
                            credentials.password() != null ? null : auth.sealedPassword()));
            List<SeedDocument.PrivateId> privates = new ArrayList<>();
            for (SeedDocument.PrivateId p : current.document().privateIdentities()) {
                if (!Identities.normalise(p.impi()).equals(Identities.normalise(impi))) {
                    privates.add(p);
                    continue;
                }
                String realmOf = credentials.realm() != null ? credentials.realm() : p.realm();
                privates.add(new SeedDocument.PrivateId(p.impi(), realmOf,
                        newDigest ? credentials.password() : null,
                        newDigest ? credentials.ha1() : null,
                        newAka ? credentials.k() : null,
                        newAka ? credentials.op() : null,
                        newAka ? credentials.opc() : null,
                        newAka ? credentials.amf() : null,
                        p.authSchemes(), p.defaultScheme(), p.publicIdentities(), p.lineIdentifier(), p.ipAddress(),
                        credentials.cleartextPassword() != null ? credentials.cleartextPassword()
                                : p.cleartextPassword()));
            }
            SeedDocument.Subscription d = current.document();
            SeedDocument.Subscription changed = new SeedDocument.Subscription(d.id(), d.allowedVisitedNetworks(),
                    d.chargingInformation(), d.mandatoryCapabilities(), d.optionalCapabilities(), d.preferredScscfs(),
                    d.looseRouteRequired(), privates, d.implicitRegistrationSets(), d.publicIdentities(), d.usims());
            try {
                return write(id, changed, current, actor, kept, Condition.NONE).stored();
            } catch (ProvisioningException e) {
                throw relocate(e);
            }
        }));
    }

    /** Write-only credentials of one private identity, as the seed format spells them. */
    public record Credentials(String realm, String password, String ha1, String k, String op, String opc, String amf,
            Boolean cleartextPassword) {

        @Override
        public String toString() {
            return "Credentials[realm=" + realm + "]";
        }
    }

    /** Errors of a credentials change name the fields of the credentials body, not of the whole document. */
    private static ProvisioningException relocate(ProvisioningException e) {
        List<ProvisioningException.FieldError> errors = new ArrayList<>();
        for (ProvisioningException.FieldError error : e.errors()) {
            String field = error.field().replaceFirst("^privateIdentities\\[\\d+\\]\\.?", "");
            errors.add(new ProvisioningException.FieldError(field.isEmpty() ? "$" : field, error.message()));
        }
        return new ProvisioningException(e.kind(), e.getMessage(), errors);
    }

    /** Removes a subscriber: its registered identities are de-registered first (RTR PERMANENT_TERMINATION). */
    public void delete(String id, String ifMatch, String actor) {
        locked(id, () -> retrying(id, () -> {
            Optional<SubscriberSnapshots.Snapshot> current = snapshots.snapshot(id, true);
            if (current.isEmpty()) {
                throw ProvisioningException.notFound(SUBSCRIBER + " " + id);
            }
            checkVersion(current, ifMatch);
            SubscriberSnapshots.Snapshot old = current.get();
            // De-registered once the delete has got through, before its identities and USIMs go.
            if (store.deleteSubscriber(old.subscription(), records(old), () -> {
                terminateRegistered(id, old.publicIdentityKeys());
                withdrawn(old.subscription().imsis(), old.subscription().imsis());
            }).stale()) {
                throw ifMatch == null ? new Raced() : ProvisioningException.stale();
            }
            store.removeRegistration(id);
            record("DELETE", id, actor, List.of("*"));
            return null;
        }));
    }

    private void checkVersion(Optional<SubscriberSnapshots.Snapshot> current, String ifMatch) {
        if (ifMatch == null) {
            return;
        }
        // RFC 9110 13.1.1: "*" matches any current representation, and none when there is none.
        boolean matches = current.isPresent()
                && ("*".equals(ifMatch.trim()) || EntityTags.matches(ifMatch, current.get().etag()));
        if (!matches) {
            throw ProvisioningException.stale();
        }
    }

    /** @param kept credentials of stored private identities taken over as they are, by normalised identity */
    private Written write(String id, SeedDocument.Subscription document, SubscriberSnapshots.Snapshot old,
            String actor, Map<String, SeedLoader.KeptCredentials> kept, Condition condition) {
        Map<String, SeedLoader.KeptCredentials> keep = new LinkedHashMap<>(storedCredentials(document, old));
        keep.putAll(kept);
        SubscriberData data = convert(document, keep, old == null ? List.of() : old.usims());
        ownership.check(id, document, data);
        if (old != null && storedAlready(old, data)) {
            // An unchanged upsert (a bulk import run again): no grid write, no change event, no audit entry.
            return new Written(false, false, old.versioned());
        }
        Set<String> newIdentities = new LinkedHashSet<>();
        data.publicIdentities().forEach(p -> newIdentities.add(SubscriberSnapshots.key(p)));
        List<String> dropped = old == null ? List.of()
                : old.publicIdentityKeys().stream().filter(k -> !newIdentities.contains(k)).toList();
        EpsChanges eps = EpsChanges.between(old == null ? List.of() : old.usims(), data.usims());
        // Identities and USIMs the write gives up are de-registered once it has got through, before they go.
        SubscriberClaims.Outcome outcome = store.writeSubscriber(old == null ? null : old.subscription(), data,
                records(old), () -> {
                    terminateRegistered(id, dropped);
                    withdrawn(eps.removed(), eps.gone());
                });
        if (!outcome.written()) {
            if (!outcome.refusals().isEmpty()) {
                throw SubscriberOwnership.refused(document, outcome.refusals());
            }
            if (condition == Condition.IF_ABSENT) {
                throw ProvisioningException.conflict("id", "subscriber " + id + " exists already");
            }
            throw condition == Condition.IF_MATCH ? ProvisioningException.stale() : new Raced();
        }
        SubscriberSnapshots.Snapshot now = snapshots.snapshot(id).orElseThrow(Raced::new);
        List<String> changes = old == null ? List.of("*") : snapshots.changes(old, now);
        if (old != null && !changes.isEmpty() && profileVisibleChange(changes)) {
            network.profileChanged(now.publicIdentityKeys());
        }
        eps.changed().forEach(network::epsSubscriptionChanged);
        if (!eps.non3gppChanged().isEmpty()) {
            network.non3gppSubscriptionChanged(eps.non3gppChanged());
        }
        if (old == null || !changes.isEmpty()) {
            record(old == null ? "CREATE" : "UPDATE", id, actor, changes);
        }
        return new Written(old == null, old == null || !changes.isEmpty(), now.versioned());
    }

    /** The records of a snapshot, as the store gives back those the subscriber no longer holds; none for null. */
    private static SubscriberData records(SubscriberSnapshots.Snapshot snapshot) {
        if (snapshot == null) {
            return new SubscriberData(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of());
        }
        return new SubscriberData(List.of(snapshot.subscription()), snapshot.privateIdentities(),
                snapshot.publicIdentities(), snapshot.sets(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), snapshot.usims(), List.of());
    }

    /**
     * USIMs given up: the MMEs and SGSNs serving them are told (CLR), before their registrations go; so are the AAA
     * servers of those that go altogether (RTR).
     */
    private void withdrawn(List<String> imsis, List<String> gone) {
        if (!imsis.isEmpty()) {
            network.epsSubscribersRemoved(imsis);
        }
        if (!gone.isEmpty()) {
            network.non3gppSubscribersRemoved(gone);
        }
    }

    /** Whether every record the document converts to is stored as it is, and nothing else of the subscriber. */
    private static boolean storedAlready(SubscriberSnapshots.Snapshot old, SubscriberData data) {
        ImsSubscription stored = old.subscription();
        return data.subscriptions().size() == 1
                && data.subscriptions().get(0).versioned(stored.incarnation(), stored.version()).equals(stored)
                && Set.copyOf(data.privateIdentities()).equals(Set.copyOf(old.privateIdentities()))
                && Set.copyOf(data.implicitRegistrationSets()).equals(Set.copyOf(old.sets()))
                && Set.copyOf(data.publicIdentities()).equals(Set.copyOf(old.publicIdentities()))
                && data.privateIdentities().size() == old.privateIdentities().size()
                && data.implicitRegistrationSets().size() == old.sets().size()
                && data.publicIdentities().size() == old.publicIdentities().size()
                && data.usims().equals(old.usims());
    }

    /**
     * Credential-only changes are the S-CSCF's business at the next authentication, not a PPR's; USIM changes are
     * the MME's (IDR).
     */
    private static boolean profileVisibleChange(List<String> changes) {
        return changes.stream().anyMatch(c -> !c.startsWith("privateIdentities") && !c.startsWith("usims"));
    }

    private void terminateRegistered(String subscriptionId, List<String> identities) {
        if (identities.isEmpty()) {
            return;
        }
        RegistrationState state = store.registration(subscriptionId);
        if (!state.anySetServed()) {
            return;
        }
        network.terminate(identities, NetworkUpdates.Reason.PERMANENT_TERMINATION);
    }

    SubscriberData convert(SeedDocument.Subscription document) {
        return convert(document, Map.of(), List.of());
    }

    /** @param storedUsims the subscriber's stored USIMs, whose keys and Context-Identifiers a document keeps */
    private SubscriberData convert(SeedDocument.Subscription document, Map<String, SeedLoader.KeptCredentials> kept,
            List<Usim> storedUsims) {
        SeedDocument wrapper = new SeedDocument(realm, null, null, null, null, null, List.of(document), null);
        SeedLoader.References references = references();
        Map<String, Usim> usims = new LinkedHashMap<>();
        storedUsims.forEach(u -> usims.put(u.imsi(), u));
        try {
            return loader.convert(wrapper, "request", new SeedLoader.References() {
                @Override
                public Optional<InitialFilterCriteria> ifc(String id) {
                    return references.ifc(id);
                }

                @Override
                public boolean sharedIfcSet(int id) {
                    return references.sharedIfcSet(id);
                }

                @Override
                public boolean serviceProfile(String id) {
                    return references.serviceProfile(id);
                }

                @Override
                public boolean chargingInformation(String id) {
                    return references.chargingInformation(id);
                }

                @Override
                public boolean apnProfile(String id) {
                    return references.apnProfile(id);
                }

                @Override
                public Usim storedUsim(String imsi) {
                    return usims.get(imsi);
                }

                @Override
                public SeedLoader.KeptCredentials kept(String impi) {
                    return kept.get(impi);
                }
            });
        } catch (SeedException e) {
            throw ProvisioningException.invalid(fieldErrors(e.problems(), "subscriptions[0]."));
        }
    }

    /** "path: message" problems of the seed loader as field errors, paths relative to the request body. */
    static List<ProvisioningException.FieldError> fieldErrors(List<String> problems, String prefix) {
        List<ProvisioningException.FieldError> errors = new ArrayList<>();
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            String path = colon < 0 ? "$" : problem.substring(0, colon);
            String message = colon < 0 ? problem : problem.substring(colon + 2);
            if (path.startsWith(prefix)) {
                path = path.substring(prefix.length());
            } else if (path.equals(prefix.substring(0, prefix.length() - 1))) {
                path = "$";
            }
            errors.add(new ProvisioningException.FieldError(path, message));
        }
        return errors;
    }

    SeedLoader.References references() {
        return new SeedLoader.References() {
            @Override
            public Optional<InitialFilterCriteria> ifc(String id) {
                return store.initialFilterCriteria(id);
            }

            @Override
            public boolean sharedIfcSet(int id) {
                return store.sharedIfcSet(id).isPresent();
            }

            @Override
            public boolean serviceProfile(String id) {
                return store.serviceProfile(id).isPresent();
            }

            @Override
            public boolean chargingInformation(String id) {
                return store.chargingInformation(id).isPresent();
            }

            @Override
            public boolean apnProfile(String id) {
                return store.eps().apnProfile(id).isPresent();
            }
        };
    }

    /**
     * A private identity given without any credential keeps what is stored for it, so a document read back
     * from the API (which never shows credentials) can be written again. The stored values are taken over sealed.
     */
    private static Map<String, SeedLoader.KeptCredentials> storedCredentials(SeedDocument.Subscription document,
            SubscriberSnapshots.Snapshot old) {
        if (old == null || document.privateIdentities() == null) {
            return Map.of();
        }
        Map<String, PrivateIdentity> stored = new LinkedHashMap<>();
        old.privateIdentities().forEach(p -> stored.put(Identities.normalise(p.impi()), p));
        Map<String, SeedLoader.KeptCredentials> kept = new LinkedHashMap<>();
        for (SeedDocument.PrivateId p : document.privateIdentities()) {
            PrivateIdentity previous = p.impi() == null ? null : stored.get(Identities.normalise(p.impi()));
            boolean noCredentials = p.password() == null && p.ha1() == null && p.k() == null && p.op() == null
                    && p.opc() == null && p.amf() == null;
            if (previous != null && noCredentials) {
                AuthProfile auth = previous.auth();
                kept.put(Identities.normalise(p.impi()),
                        new SeedLoader.KeptCredentials(auth.digest(), auth.aka(), auth.sealedPassword()));
            }
        }
        return kept;
    }

    private static SeedDocument.Subscription withId(SeedDocument.Subscription d, String id) {
        return new SeedDocument.Subscription(id, d.allowedVisitedNetworks(), d.chargingInformation(),
                d.mandatoryCapabilities(), d.optionalCapabilities(), d.preferredScscfs(), d.looseRouteRequired(),
                d.privateIdentities(), d.implicitRegistrationSets(), d.publicIdentities(), d.usims());
    }

    static String requireId(SeedDocument.Subscription document) {
        if (document.id() == null || document.id().isBlank()) {
            throw ProvisioningException.invalid("id", "required");
        }
        if (document.id().length() > 256 || document.id().chars().anyMatch(c -> c < 0x21 || c == '/')) {
            throw ProvisioningException.invalid("id", "at most 256 visible characters, no '/'");
        }
        return document.id();
    }

    /** Runs a write again, from its reads, while another write of the same subscriber gets in first. */
    private static <T> T retrying(String id, Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (Raced raced) {
                if (i == WRITE_ATTEMPTS) {
                    throw ProvisioningException.conflict("$", SUBSCRIBER + " " + id
                            + " is being changed by other writes at the same time; try again");
                }
            }
        }
    }

    private <T> T locked(String id, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(id.hashCode(), locks.length)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void record(String action, String id, String actor, List<String> changes) {
        audit.record(new AuditEntry(0, clock.instant().toString(), actor, action, SUBSCRIBER, id, changes));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
