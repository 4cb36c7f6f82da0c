package org.imshss.hss.sh;

import java.util.Optional;
import org.imshss.diameter.ResultCode;
import org.imshss.provisioning.model.ShApplicationServer;
import org.imshss.provisioning.store.ShDataStore;

/** The HSS side of Sh-Pull, TS 29.328 6.1.1. Reads only. */
public final class UserData {

    private final ShDataStore shStore;
    private final IdentityResolver resolver;
    private final ShDataAssembler assembler;

    UserData(ShDataStore shStore, IdentityResolver resolver, ShDataAssembler assembler) {
        this.shStore = shStore;
        this.resolver = resolver;
        this.assembler = assembler;
    }

    public UserDataAnswer handle(UserDataRequest request) {
        // Step 1: the AS may read every requested Data-Reference; an AS the HSS does not know may read nothing.
        Optional<ShApplicationServer> as = shStore.applicationServer(request.originHost());
        for (int reference : request.dataReferences()) {
            if (as.isEmpty() || !as.get().mayRead(reference)) {
                return UserDataAnswer.of(ResultCode.DIAMETER_ERROR_USER_DATA_CANNOT_BE_READ);
            }
        }
        // Step 2: the user is known.
        Optional<ShTarget> found = resolver.resolve(request.userIdentity(), request.wildcardedIdentity());
        if (found.isEmpty()) {
            return UserDataAnswer.of(ResultCode.DIAMETER_ERROR_USER_UNKNOWN);
        }
        ShTarget target = found.get();
        // Step 3: the identity is an access key of each Data-Reference (TS 29.328 Table 7.6.1).
        for (int reference : request.dataReferences()) {
            if (!DataReference.of(reference).accessibleBy(target)) {
                return UserDataAnswer.of(ResultCode.DIAMETER_ERROR_OPERATION_NOT_ALLOWED);
            }
        }
        ShData data = new ShData();
        ShDataAssembler.Query query = new ShDataAssembler.Query(request.serverName(), request.serviceIndications(),
                request.identitySets(), request.dsaiTags());
        for (int reference : request.dataReferences()) {
            ResultCode failure = assembler.add(data, target, DataReference.of(reference), query);
            if (failure != null) {
                return UserDataAnswer.of(failure);
            }
        }
        return new UserDataAnswer(ResultCode.DIAMETER_SUCCESS, data.toXml(), target.wildcarded());
    }
}
