package org.imshss.hss.sh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.hss.config.HssSettings.ShSettings;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RepositoryData;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.store.RecordUpdate;
import org.imshss.provisioning.store.ShDataStore;

/**
 * The HSS side of Sh-Update, TS 29.328 6.1.2: repository data and PSI activation. Each write is one atomic
 * grid operation that checks the Sequence-Number against the stored one; the change itself drives the
 * notifications ({@link ShNotifier}).
 */
public final class ProfileUpdate {

    /** Sequence numbers run 0..65535; after 65535 comes 1, 0 only ever creates (TS 29.328 7.6.1). */
    static final int MAX_SEQUENCE_NUMBER = 65_535;

    private final ShDataStore shStore;
    private final IdentityResolver resolver;
    private final ShDataParser parser;
    private final ShSettings settings;

    ProfileUpdate(ShDataStore shStore, IdentityResolver resolver, ShDataParser parser, ShSettings settings) {
        this.shStore = shStore;
        this.resolver = resolver;
        this.parser = parser;
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
            return reference == DataReference.REPOSITORY_DATA
                    ? repositoryData(request, target)
                    : psiActivation(request, target);
        } catch (ShDataParser.NotRecognized e) {
            return ProfileUpdateAnswer.of(ResultCode.DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED);
        }
    }

    private ProfileUpdateAnswer repositoryData(ProfileUpdateRequest request, ShTarget target)
            throws ShDataParser.NotRecognized {
        List<ShDataParser.Repository> updates = parser.repositoryData(request.userData());
        for (ShDataParser.Repository update : updates) {
            if (update.serviceData() != null
                    && update.serviceData().getBytes(StandardCharsets.UTF_8).length > settings.maxRepositoryDataBytes()) {
                return ProfileUpdateAnswer.of(ResultCode.DIAMETER_ERROR_TOO_MUCH_DATA);
            }
        }
        ShDataParser.Repository last = null;
        for (ShDataParser.Repository update : updates) {
            RepositoryOutcome outcome = shStore.updateRepositoryData(target.key(), update.serviceIndication(),
                    new WriteRepositoryData(target.key(), update.serviceIndication(), update.sequenceNumber(),
                            update.serviceData(), request.originHost()));
            if (outcome != RepositoryOutcome.WRITTEN) {
                return new ProfileUpdateAnswer(outcome.result, target.wildcarded(), null, null);
            }
            last = update;
        }
        return new ProfileUpdateAnswer(ResultCode.DIAMETER_SUCCESS, target.wildcarded(), last.serviceIndication(),
                last.sequenceNumber());
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
            if (serviceData == null) {
                return Outcome.remove(RepositoryOutcome.WRITTEN);
            }
            return Outcome.put(new RepositoryData(identity, serviceIndication, sequenceNumber, serviceData, writer),
                    RepositoryOutcome.WRITTEN);
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
