package org.imshss.hss.sh;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings.ShSettings;
import org.imshss.provisioning.model.DsaiValues;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.store.RecordUpdate;
import org.imshss.provisioning.store.ShDataStore;

/**
 * The HSS side of Sh-Update, TS 29.328 6.1.2: repository data, PSI activation and DSAI. Each PUR is one
 * atomic grid operation that checks the Sequence-Numbers against the stored ones; the change itself drives the
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
     * Every RepositoryData element of the Sh-Data, all or none, checked and written by one atomic grid operation
     * on the identity's repository data ({@link WriteRepositoryData}): readers and notifications see the PUR whole
     * or not at all.
     */
    private ProfileUpdateAnswer repositoryData(ProfileUpdateRequest request, ShTarget target)
            throws ShDataParser.NotRecognized {
        List<ShDataParser.Repository> updates = parser.repositoryData(request.userData());
        Set<String> serviceIndications = new HashSet<>();
        for (ShDataParser.Repository update : updates) {
            if (!serviceIndications.add(update.serviceIndication())) {
                throw new ShDataParser.NotRecognized("ServiceIndication " + update.serviceIndication() + " twice");
            }
            // TS 29.328 6.1.2.1: data bigger than the HSS can store is DIAMETER_ERROR_TOO_MUCH_DATA.
            if (update.serviceData() != null
                    && update.serviceData().getBytes(StandardCharsets.UTF_8).length > settings.maxRepositoryDataBytes()) {
                return ProfileUpdateAnswer.of(ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA);
            }
        }
        WriteRepositoryData.Result result = shStore.updateRepositoryData(target.key(), new WriteRepositoryData(
                target.key(), updates, request.originHost(), settings.maxRepositoryDataPerIdentity()));
        // TS 29.328 6.1.2.1: Repository-Data-ID names a failed instance of several only; a success carries none.
        ProfileUpdateAnswer.RepositoryDataId failed = null;
        if (updates.size() > 1 && result.failed() >= 0) {
            ShDataParser.Repository element = updates.get(result.failed());
            failed = new ProfileUpdateAnswer.RepositoryDataId(element.serviceIndication(), element.sequenceNumber());
        }
        return new ProfileUpdateAnswer(result.outcome().result, target.wildcarded(), failed);
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
