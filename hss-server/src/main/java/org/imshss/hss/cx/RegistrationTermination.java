package org.imshss.hss.cx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.imshss.diameter.Application;
import org.imshss.diameter.Avp;
import org.imshss.diameter.MessageWriter;
import org.imshss.diameter.Command;
import org.imshss.diameter.DiameterMessage;
import org.imshss.diameter.ResultCode;
import org.imshss.node.diameter.RequestSender;
import org.imshss.provisioning.model.ImplicitRegistrationSet;
import org.imshss.provisioning.model.PrivateIdentity;
import org.imshss.provisioning.model.PublicIdentity;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS-initiated Registration-Termination procedure, TS 29.228 6.1.3: the HSS marks the identities
 * NOT_REGISTERED (one atomic change) and then tells the S-CSCF that held them. The RTR always lists the
 * Public-Identity AVPs: Kamailio's S-CSCF ignores an RTR that names only a private identity.
 */
public final class RegistrationTermination {

    private static final Logger log = LoggerFactory.getLogger(RegistrationTermination.class);

    private final SubscriberStore store;
    private final RequestSender sender;

    public RegistrationTermination(SubscriberStore store, RequestSender sender) {
        this.store = store;
        this.sender = sender;
    }

    /** De-registers the implicit registration sets of these public identities. */
    public CompletableFuture<NetworkOutcome> deregisterPublicIdentities(List<String> publicIdentities,
            DeregistrationReason reason, String reasonInfo) {
        Map<String, Set<String>> setsBySubscription = new LinkedHashMap<>();
        for (String identity : publicIdentities) {
            Optional<PublicIdentity> found = store.publicIdentity(identity);
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(NetworkOutcome.notServed());
            }
            setsBySubscription.computeIfAbsent(found.get().subscriptionId(), id -> new LinkedHashSet<>())
                    .add(found.get().implicitSetId());
        }
        return terminateAll(setsBySubscription, reason, reasonInfo);
    }

    /** De-registers every public identity of a private identity (e.g. the subscription is being removed). */
    public CompletableFuture<NetworkOutcome> deregisterPrivateIdentity(String impi, DeregistrationReason reason,
            String reasonInfo) {
        Optional<PrivateIdentity> found = store.privateIdentity(impi);
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(NetworkOutcome.notServed());
        }
        Set<String> sets = new LinkedHashSet<>();
        for (String identity : found.get().publicIdentities()) {
            store.publicIdentity(identity).ifPresent(id -> sets.add(id.implicitSetId()));
        }
        return terminateAll(Map.of(found.get().subscriptionId(), sets), reason, reasonInfo);
    }

    private CompletableFuture<NetworkOutcome> terminateAll(Map<String, Set<String>> setsBySubscription,
            DeregistrationReason reason, String reasonInfo) {
        List<CompletableFuture<NetworkOutcome>> sent = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : setsBySubscription.entrySet()) {
            sent.add(terminate(entry.getKey(), List.copyOf(entry.getValue()), reason, reasonInfo));
        }
        return combined(sent);
    }

    /** One RTR is the usual case; with several, the outcome is the first that is not a plain success. */
    private static CompletableFuture<NetworkOutcome> combined(List<CompletableFuture<NetworkOutcome>> sent) {
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(done -> {
            NetworkOutcome combined = NetworkOutcome.notServed();
            for (CompletableFuture<NetworkOutcome> future : sent) {
                NetworkOutcome outcome = future.join();
                if (outcome.status() == NetworkOutcome.Status.FAILED
                        || combined.status() == NetworkOutcome.Status.NOT_SERVED) {
                    combined = outcome;
                }
            }
            return combined;
        });
    }

    private CompletableFuture<NetworkOutcome> terminate(String subscriptionId, List<String> setIds,
            DeregistrationReason reason, String reasonInfo) {
        RegistrationState before = store.updateRegistration(subscriptionId, new RegistrationChanges.Terminate(setIds));
        Map<String, Set<String>> served = new LinkedHashMap<>();
        setIds.stream().filter(before.sets()::containsKey).forEach(id -> served.put(id, before.set(id).impis()));
        if (served.isEmpty() || before.scscfDiameterHost() == null) {
            return CompletableFuture.completedFuture(NetworkOutcome.notServed());
        }
        return send(before.scscfDiameterHost(), before.scscfDiameterRealm(), served, reason, reasonInfo);
    }

    /**
     * TS 29.228 8.1.1: a MAR from another S-CSCF made it the user's; the registrations the replaced one still holds
     * are ended there: the implicit set the MAR is for with NEW_SERVER_ASSIGNED, any other (one S-CSCF serves the
     * whole subscription, and this HSS does not run the IMS restoration procedures) with SERVER_CHANGE, which has
     * the user register again, now at the new one. The stored state, now the new S-CSCF's, stays as it is.
     */
    public CompletableFuture<NetworkOutcome> cancelReplaced(RegistrationChanges.Replaced replaced) {
        if (!replaced.any() || replaced.sets().isEmpty()) {
            return CompletableFuture.completedFuture(NetworkOutcome.notServed());
        }
        Map<String, Set<String>> moved = new LinkedHashMap<>();
        Map<String, Set<String>> others = new LinkedHashMap<>();
        replaced.sets().forEach((setId, impis) -> (setId.equals(replaced.movedSetId()) ? moved : others)
                .put(setId, impis));
        List<CompletableFuture<NetworkOutcome>> sent = new ArrayList<>();
        if (!moved.isEmpty()) {
            sent.add(send(replaced.diameterHost(), replaced.diameterRealm(), moved,
                    DeregistrationReason.NEW_SERVER_ASSIGNED, null));
        }
        if (!others.isEmpty()) {
            sent.add(send(replaced.diameterHost(), replaced.diameterRealm(), others,
                    DeregistrationReason.SERVER_CHANGE, null));
        }
        return combined(sent);
    }

    /** One RTR to {@code host} for the sets, each with the private identities registered in it. */
    private CompletableFuture<NetworkOutcome> send(String host, String realm, Map<String, Set<String>> sets,
            DeregistrationReason reason, String reasonInfo) {
        Set<String> impis = new LinkedHashSet<>();
        List<String> identities = new ArrayList<>();
        for (Map.Entry<String, Set<String>> set : sets.entrySet()) {
            impis.addAll(set.getValue().stream().sorted().toList());
            store.implicitRegistrationSet(set.getKey()).map(ImplicitRegistrationSet::publicIdentities)
                    .ifPresent(identities::addAll);
        }
        if (impis.isEmpty() && !identities.isEmpty()) {
            // An UNREGISTERED set has no registered IMPI: name one the identity belongs to.
            store.publicIdentity(identities.get(0)).ifPresent(id -> impis.addAll(id.privateIdentities()));
        }
        List<String> privateIds = List.copyOf(impis);
        log.debug("RTR to {} for {} ({})", host, identities, reason);
        return sender.send(Command.RTR, host, realm, out -> write(out, privateIds, identities, reason, reasonInfo))
                .thenApply(answer -> NetworkOutcome.answered(resultOf(answer)))
                .exceptionally(NetworkOutcome::failed);
    }

    /** The answer's result; one without a result the S-CSCF could not comply with. */
    static ResultCode resultOf(DiameterMessage answer) {
        ResultCode result = answer.avps().result();
        return result == null ? ResultCode.DIAMETER_UNABLE_TO_COMPLY : result;
    }

    private static void write(MessageWriter out, List<String> privateIds, List<String> identities,
            DeregistrationReason reason, String reasonInfo) {
        if (!privateIds.isEmpty()) {
            out.utf8(Avp.USER_NAME, privateIds.get(0));
        }
        CxEncoding.writeUserNames(out, Avp.ASSOCIATED_IDENTITIES,
                privateIds.size() > 1 ? privateIds.subList(1, privateIds.size()) : List.of());
        for (String identity : identities) {
            out.utf8(Avp.PUBLIC_IDENTITY, identity);
        }
        int why = out.begin(Avp.DEREGISTRATION_REASON);
        out.enumerated(Avp.REASON_CODE, reason.wire());
        if (reasonInfo != null) {
            out.utf8(Avp.REASON_INFO, reasonInfo);
        }
        out.end(why);
    }
}
