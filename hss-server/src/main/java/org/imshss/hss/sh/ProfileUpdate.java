package org.imshss.hss.sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings.ShSettings;
import org.imshss.provisioning.model.DsaiValues;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.store.RecordUpdate;
import org.imshss.provisioning.store.ShDataStore;

/**
 * The HSS side of Sh-Update, TS 29.328 6.1.2: repository data, PSI activation and DSAI. Each write is one
 * atomic grid operation that checks the Sequence-Number against the stored one; the change itself drives the
 * notifications ({@link ShNotifier}). An Sh-Data with several elements is applied whole or not at all, as
 * Update-Eff requires (TS 29.328 6.1.2.1), and a failure names the element that failed.
 */
public final class ProfileUpdate {

    /** Sequence numbers run 0..65535; after 65535 comes 1, 0 only ever creates (TS 29.328 7.6.1). */
    static final int MAX_SEQUENCE_NUMBER = 65_535;

    private final ShDataStore shStore;
    private final IdentityResolver resolver;
    private final ShDataParser parser;
    private final ShDataAssembler assembler;
    private final ShSettings settings;

    ProfileUpdate(ShDataStore shStore, IdentityResolver resolver, ShDataParser parser, ShDataAssembler assembler,
            ShSettings settings) {
        this.shStore = shStore;
        this.resolver = resolver;
        this.parser = parser;
        this.assembler = assembler;
        this.settings = settings;
    }

    static int nextSequenceNumber(int current) {
        return current >= MAX_SEQUENCE_NUMBER ? 1 : current + 1;
    }

    public ProfileUpdateAnswer handle(ProfileUpdateRequest request) {
        // Step 1: the AS may update this Data-Reference.
        Optional<ShApplicationServer> as = shStore.applicationServer(request.originHost());
        if (as.isEmpty() || !as.get().mayUpdate(request.dataReference())) {
            return ProfileUpdateAnswer.of(ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_MODIFIED);
        }
        // Step 2: the user is known.
        Optional<ShTarget> found = resolver.resolve(request.userIdentity(), request.wildcardedIdentity());
        if (found.isEmpty()) {
            return ProfileUpdateAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        ShTarget target = found.get();
        // Step 3: only some Data-References can be updated, each by some identities (TS 29.328 Table 7.6.1).
        DataReference reference = DataReference.of(request.dataReference());
        if (!reference.updatable() || !reference.accessibleBy(target)) {
            return ProfileUpdateAnswer.of(ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
        }
        try {
            return switch (reference) {
                case REPOSITORY_DATA -> repositoryData(request, target);
                case DSAI -> dsai(request, target, as.get());
                default -> psiActivation(request, target);
            };
        } catch (ShDataParser.NotRecognized e) {
            return ProfileUpdateAnswer.of(ResultCode.DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED);
        }
    }

    /**
     * Every RepositoryData element of the Sh-Data, all or none: each is first checked against the stored data,
     * then written by an atomic operation that checks again; should another writer get in between, the
     * elements already written are put back.
     */
    private ProfileUpdateAnswer repositoryData(ProfileUpdateRequest request, ShTarget target)
            throws ShDataParser.NotRecognized {
        List<ShDataParser.Repository> updates = parser.repositoryData(request.userData());
        Set<String> serviceIndications = new HashSet<>();
        for (ShDataParser.Repository update : updates) {
            if (!serviceIndications.add(update.serviceIndication())) {
                throw new ShDataParser.NotRecognized("ServiceIndication " + update.serviceIndication() + " twice");
            }
            if (update.serviceData() != null
                    && update.serviceData().getBytes(StandardCharsets.UTF_8).length > settings.maxRepositoryDataBytes()) {
                return ProfileUpdateAnswer.of(ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA);
            }
        }
        boolean several = updates.size() > 1;
        List<WriteRepositoryData> writes = new ArrayList<>();
        for (ShDataParser.Repository update : updates) {
            WriteRepositoryData write = new WriteRepositoryData(target.key(), update.serviceIndication(),
                    update.sequenceNumber(), update.serviceData(), request.originHost());
            RepositoryOutcome outcome = write.apply(
                    shStore.repositoryData(target.key(), update.serviceIndication()).orElse(null)).result();
            if (outcome != RepositoryOutcome.WRITTEN) {
                return new ProfileUpdateAnswer(outcome.result, target.wildcarded(), several ? write.id() : null);
            }
            writes.add(write);
        }
        List<RestoreRepositoryData> undo = new ArrayList<>();
        for (WriteRepositoryData write : writes) {
            RepositoryData before = shStore.repositoryData(target.key(), write.serviceIndication()).orElse(null);
            RepositoryOutcome outcome = shStore.updateRepositoryData(target.key(), write.serviceIndication(), write);
            if (outcome != RepositoryOutcome.WRITTEN) {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    RestoreRepositoryData restore = undo.get(i);
                    shStore.updateRepositoryData(target.key(), restore.serviceIndication(), restore);
                }
                return new ProfileUpdateAnswer(outcome.result, target.wildcarded(), several ? write.id() : null);
            }
            undo.add(new RestoreRepositoryData(write.serviceIndication(), write.written(), before));
        }
        // TS 29.328 6.1.2.1: Repository-Data-ID names a failed instance only; a success carries none.
        return new ProfileUpdateAnswer(ResultCode.DIAMETER_SUCCESS, target.wildcarded(), null);
    }

    /**
     * DSAI-Values (TS 29.328 6.1.2, 7.6.11): the AS may set only tags of iFCs that point at it
     * (DIAMETER_ERROR_DSAI_NOT_AVAILABLE otherwise); all tags of the Sh-Data change in one atomic write.
     */
    private ProfileUpdateAnswer dsai(ProfileUpdateRequest request, ShTarget target, ShApplicationServer as)
            throws ShDataParser.NotRecognized {
        List<ShDataParser.DsaiUpdate> updates = parser.dsai(request.userData());
        List<String> available = assembler.dsaiTagsFor(target.identity(), as.serverName());
        Map<String, Boolean> values = new LinkedHashMap<>();
        for (ShDataParser.DsaiUpdate update : updates) {
            if (!available.contains(update.tag())) {
                return ProfileUpdateAnswer.of(ResultCode.DIAMETER_ERROR_DSAI_NOT_AVAILABLE);
            }
            values.put(update.tag(), update.active());
        }
        shStore.updateDsaiValues(target.key(), new SetDsaiValues(target.key(), values, request.originHost()));
        return new ProfileUpdateAnswer(ResultCode.DIAMETER_SUCCESS, target.wildcarded(), null);
    }

    private ProfileUpdateAnswer psiActivation(ProfileUpdateRequest request, ShTarget target)
            throws ShDataParser.NotRecognized {
        boolean active = parser.psiActivation(request.userData());
        Boolean written = shStore.updatePublicIdentity(target.identity(), new SetPsiActivation(active));
        return ProfileUpdateAnswer.of(Boolean.TRUE.equals(written)
                ? ResultCode.DIAMETER_SUCCESS : ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
    }

    /** How a repository write ended, with the result the PUR gets. */
    enum RepositoryOutcome {
        WRITTEN(ResultCode.DIAMETER_SUCCESS),
        OUT_OF_SYNC(ResultCode.DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC),
        NOTHING_TO_DELETE(ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);

        private final ResultCode result;

        RepositoryOutcome(ResultCode result) {
            this.result = result;
        }
    }

    /**
     * The Sequence-Number rule of TS 29.328 7.6.1 / TS 29.329 6.2.2.x (5105): new data comes with 0 and 0 on
     * existing data is a conflict; an update or deletion carries the successor of the stored number (65535 is
     * followed by 1). A RepositoryData without ServiceData deletes.
     */
    record WriteRepositoryData(String identity, String serviceIndication, int sequenceNumber, String serviceData,
            String writer) implements RecordUpdate<RepositoryData, RepositoryOutcome> {

        @Override
        public Outcome<RepositoryData, RepositoryOutcome> apply(RepositoryData current) {
            if (current == null) {
                if (sequenceNumber != 0) {
                    return Outcome.keep(RepositoryOutcome.OUT_OF_SYNC);
                }
                if (serviceData == null) {
                    return Outcome.keep(RepositoryOutcome.NOTHING_TO_DELETE);
                }
            } else if (sequenceNumber == 0 || sequenceNumber != nextSequenceNumber(current.sequenceNumber())) {
                return Outcome.keep(RepositoryOutcome.OUT_OF_SYNC);
            }
            return Outcome.put(written(), RepositoryOutcome.WRITTEN);
        }

        ProfileUpdateAnswer.RepositoryDataId id() {
            return new ProfileUpdateAnswer.RepositoryDataId(serviceIndication, sequenceNumber);
        }

        /** What this write stores; null for a deletion. */
        RepositoryData written() {
            return serviceData == null
                    ? null : new RepositoryData(identity, serviceIndication, sequenceNumber, serviceData, writer);
        }
    }

    /** Undoes a write of a multi-element PUR, unless someone else has written since. */
    record RestoreRepositoryData(String serviceIndication, RepositoryData written, RepositoryData previous)
            implements RecordUpdate<RepositoryData, Boolean> {

        @Override
        public Outcome<RepositoryData, Boolean> apply(RepositoryData current) {
            if (!Objects.equals(current, written)) {
                return Outcome.keep(false);
            }
            return Outcome.put(previous, true);
        }
    }

    /** Sets DSAI-Values; nothing is written when no value changes. */
    record SetDsaiValues(String identity, Map<String, Boolean> values, String writer)
            implements RecordUpdate<DsaiValues, Boolean> {

        @Override
        public Outcome<DsaiValues, Boolean> apply(DsaiValues current) {
            DsaiValues stored = current != null ? current : DsaiValues.allActive(identity);
            DsaiValues next = stored;
            for (Map.Entry<String, Boolean> value : values.entrySet()) {
                next = next.with(value.getKey(), value.getValue(), writer);
            }
            if (next.inactive().equals(stored.inactive())) {
                return Outcome.keep(false);
            }
            return Outcome.put(next, true);
        }
    }

    /** Sets PSI activation (TS 29.328 7.6.9); false when the identity is gone. */
    record SetPsiActivation(boolean active) implements RecordUpdate<PublicIdentity, Boolean> {

        @Override
        public Outcome<PublicIdentity, Boolean> apply(PublicIdentity current) {
            if (current == null) {
                return Outcome.keep(false);
            }
            if (current.psiActivated() == active) {
                return Outcome.keep(true);
            }
            return Outcome.put(current.withPsiActivated(active), true);
        }
    }
}
