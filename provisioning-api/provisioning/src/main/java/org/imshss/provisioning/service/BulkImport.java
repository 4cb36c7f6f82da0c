package org.imshss.provisioning.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.imshss.http.ProvisioningException;
import org.imshss.provisioning.model.Identities;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.seed.SeedDocument;
import org.imshss.provisioning.store.AuditEntry;
import org.imshss.provisioning.store.AuditLog;
import org.imshss.provisioning.store.InitialLoad;
import org.imshss.provisioning.store.ProvisioningStore;
import org.imshss.provisioning.store.SubscriberData;

/**
 * Bulk import of subscriber documents, a batch at a time: what makes 20,000 subscribers a second possible
 * while each line still gets the checks of a single request.
 */
public final class BulkImport {

    private final SubscriberProvisioning subscribers;
    private final ProvisioningStore store;
    private final AuditLog audit;
    private final Clock clock;

    public BulkImport(SubscriberProvisioning subscribers, ProvisioningStore store, AuditLog audit, Clock clock) {
        this.subscribers = subscribers;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** One document of a bulk import, with its line number. */
    public record ImportLine(long line, SeedDocument.Subscription document) {
    }

    /**
     * What became of one imported line.
     *
     * @param result created, updated, unchanged or failed
     * @param error why it failed, else null
     */
    public record ImportResult(long line, String id, String result, ProvisioningException error) {
    }

    /**
     * A batch read and converted, not yet stored: what can be done before the previous batch is stored.
     *
     * @param converted the records of each document that converted, by line number
     * @param invalid why the others did not, by line number
     */
    public record Prepared(List<ImportLine> lines, Map<Long, SubscriberData> converted,
            Map<Long, ProvisioningException> invalid) {
    }

    /**
     * Upserts a batch of documents. New subscribers (the bulk of a first load) are validated one by one and
     * then written to the grid together, each claiming its keys atomically ({@link ProvisioningStore#insertNew});
     * documents for stored subscribers, naming an id twice or holding a wildcarded identity go through
     * {@link SubscriberProvisioning#put} one by one after that, in line order. Results come back in line order.
     */
    public List<ImportResult> importBatch(List<ImportLine> lines, String actor) {
        return store(prepare(lines), actor);
    }

    /**
     * Starts an initial load: the imports until the returned handle is closed write without the grid's
     * write-ahead log ({@link ProvisioningStore#initialLoad}). Refused while any subscriber is stored, because a
     * crash during the load empties the caches it writes.
     */
    public InitialLoad initialLoad() {
        if (store.hasSubscriptions()) {
            throw ProvisioningException.conflict("initialLoad", "subscribers are stored: an initial load is for an"
                    + " HSS that holds none (a crash during one empties the subscriber caches)");
        }
        return store.initialLoad();
    }

    /**
     * Validates and converts each document on its own (no grid write, reads of shared records only), so that
     * this can run while the batch before is being stored.
     */
    public Prepared prepare(List<ImportLine> lines) {
        Map<Long, SubscriberData> converted = new HashMap<>();
        Map<Long, ProvisioningException> invalid = new HashMap<>();
        for (ImportLine line : lines) {
            try {
                SubscriberProvisioning.requireId(line.document());
                converted.put(line.line(), subscribers.convert(line.document()));
            } catch (ProvisioningException e) {
                invalid.put(line.line(), e);
            }
        }
        return new Prepared(List.copyOf(lines), converted, invalid);
    }

    /** Stores a prepared batch; batches must be stored one after the other, in the order of the input. */
    public List<ImportResult> store(Prepared batch, String actor) {
        List<ImportLine> lines = batch.lines();
        List<String> ids = new ArrayList<>();
        lines.forEach(l -> ids.add(l.document().id()));
        Set<String> stored = store.existingSubscriptions(ids);
        Map<Long, ImportResult> results = new TreeMap<>();
        List<ImportLine> oneByOne = new ArrayList<>();
        Map<String, ImportLine> fresh = new LinkedHashMap<>();
        Map<String, SubscriberData> converted = new LinkedHashMap<>();
        for (ImportLine line : lines) {
            String id = line.document().id();
            SubscriberData data = batch.converted().get(line.line());
            // Wildcarded identities change an index every node rebuilds: written one subscriber at a time.
            if (stored.contains(id) || fresh.containsKey(id) || data != null && data.publicIdentities().stream()
                    .anyMatch(p -> p.type().isWildcard())) {
                oneByOne.add(line);
                continue;
            }
            ProvisioningException invalid = batch.invalid().get(line.line());
            if (invalid != null) {
                results.put(line.line(), new ImportResult(line.line(), id, FAILED, invalid));
                continue;
            }
            converted.put(id, data);
            fresh.put(id, line);
        }
        for (Map.Entry<String, ProvisioningException> rejected : batchConflicts(converted).entrySet()) {
            ImportLine line = fresh.remove(rejected.getKey());
            converted.remove(rejected.getKey());
            results.put(line.line(), new ImportResult(line.line(), rejected.getKey(), FAILED, rejected.getValue()));
        }
        Map<String, String> refused = converted.isEmpty() ? Map.of() : store.insertNew(List.copyOf(converted.values()));
        String now = clock.instant().toString();
        List<AuditEntry> created = new ArrayList<>();
        for (Map.Entry<String, ImportLine> entry : fresh.entrySet()) {
            String id = entry.getKey();
            long number = entry.getValue().line();
            String why = refused.get(id);
            if (why != null) {
                results.put(number, new ImportResult(number, id, FAILED, ProvisioningException.conflict("$", why)));
                continue;
            }
            results.put(number, new ImportResult(number, id, "created", null));
            created.add(new AuditEntry(0, now, actor, "CREATE", "subscriber", id, List.of("*")));
        }
        if (!created.isEmpty()) {
            audit.recordAll(created);
        }
        for (ImportLine line : oneByOne) {
            String id = line.document().id();
            try {
                SubscriberProvisioning.Written written = subscribers.put(id, line.document(), null, actor);
                String result = written.created() ? "created" : written.changed() ? "updated" : "unchanged";
                results.put(line.line(), new ImportResult(line.line(), id, result, null));
            } catch (ProvisioningException e) {
                results.put(line.line(), new ImportResult(line.line(), id, FAILED, e));
            }
        }
        return List.copyOf(results.values());
    }

    private static final String FAILED = "failed";

    /** New subscribers of a batch claiming an identity that an earlier line of the same batch claims, by id. */
    private static Map<String, ProvisioningException> batchConflicts(Map<String, SubscriberData> batch) {
        Map<String, String> claims = new HashMap<>();
        Map<String, ProvisioningException> conflicts = new LinkedHashMap<>();
        for (Map.Entry<String, SubscriberData> entry : batch.entrySet()) {
            String clash = null;
            for (String key : keysOf(entry.getValue())) {
                String earlier = claims.putIfAbsent(key, entry.getKey());
                if (earlier != null && clash == null) {
                    clash = key.substring(key.indexOf(' ') + 1) + " is also in subscriber " + earlier
                            + " of this import";
                }
            }
            if (clash != null) {
                conflicts.put(entry.getKey(), ProvisioningException.conflict("$", clash));
            }
        }
        return conflicts;
    }

    /** The keys a subscriber claims, each prefixed with its kind: two kinds may share a string. */
    private static List<String> keysOf(SubscriberData data) {
        List<String> keys = new ArrayList<>();
        data.privateIdentities().forEach(p -> keys.add("impi " + Identities.normalise(p.impi())));
        for (PublicIdentity identity : data.publicIdentities()) {
            keys.add("impu " + SubscriberSnapshots.key(identity));
            if (identity.msisdn() != null) {
                keys.add("msisdn " + identity.msisdn());
            }
        }
        data.implicitRegistrationSets().forEach(set -> keys.add("set " + set.id()));
        return keys;
    }
}
