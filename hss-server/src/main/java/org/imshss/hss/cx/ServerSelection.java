package org.imshss.hss.cx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.imshss.provisioning.model.ImsSubscription;
import org.imshss.provisioning.model.ScscfServer;
import org.imshss.provisioning.store.SubscriberStore;

/**
 * S-CSCF selection support (TS 29.228 6.7, TS 23.228 5.3.1.2): the capabilities a subscription needs,
 * and the names of the S-CSCFs that offer them. Kamailio's I-CSCF tries Server-Names inside
 * Server-Capabilities first, so naming suitable S-CSCFs makes selection work without any table at the
 * I-CSCF.
 */
public final class ServerSelection {

    /** The S-CSCF list changes rarely and is read on every first registration: re-read it at most this often. */
    private static final long REFRESH_NANOS = 1_000_000_000L;
    /** Distinct capability needs are as few as the operator's profiles; this only bounds a pathological store. */
    private static final int MAX_REMEMBERED = 1024;

    private final SubscriberStore store;
    private volatile Snapshot snapshot = new Snapshot(List.of(), Long.MIN_VALUE);

    /**
     * One reading of the S-CSCF list and the answers computed from it: a UAR or LIR of a user not yet registered
     * asks again for the same few capability sets, and the answer depends on nothing else.
     */
    private record Snapshot(List<ScscfServer> servers, long readAtNanos,
            ConcurrentHashMap<Needs, ServerCapabilities> answers) {

        Snapshot(List<ScscfServer> servers, long readAtNanos) {
            this(servers, readAtNanos, new ConcurrentHashMap<>());
        }
    }

    /** What a subscription asks of its S-CSCF (TS 29.228 6.7). */
    private record Needs(Set<Integer> mandatory, Set<Integer> optional, List<String> preferred) {
    }

    public ServerSelection(SubscriberStore store) {
        this.store = store;
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current.readAtNanos() == Long.MIN_VALUE || now - current.readAtNanos() > REFRESH_NANOS) {
            current = new Snapshot(List.copyOf(store.scscfServers()), now);
            snapshot = current;
        }
        return current;
    }

    public ServerCapabilities capabilitiesFor(ImsSubscription subscription) {
        Snapshot current = current();
        Needs needs = new Needs(subscription.mandatoryCapabilities(), subscription.optionalCapabilities(),
                subscription.preferredScscfs());
        ServerCapabilities known = current.answers().get(needs);
        if (known != null) {
            return known;
        }
        ServerCapabilities computed = compute(current.servers(), needs);
        if (current.answers().size() >= MAX_REMEMBERED) {
            current.answers().clear();
        }
        current.answers().put(needs, computed);
        return computed;
    }

    private static ServerCapabilities compute(List<ScscfServer> servers, Needs needs) {
        Set<Integer> mandatory = needs.mandatory();
        Set<Integer> optional = needs.optional();
        Set<String> names = new LinkedHashSet<>(needs.preferred());
        List<ScscfServer> suitable = new ArrayList<>();
        for (ScscfServer server : servers) {
            if (server.offersAll(mandatory)) {
                suitable.add(server);
            }
        }
        // Most optional capabilities first; the name breaks ties so the answer is stable.
        suitable.sort(Comparator.comparingLong((ScscfServer s) -> -optionalMatches(s, optional))
                .thenComparing(ScscfServer::name));
        for (ScscfServer server : suitable) {
            names.add(server.name());
        }
        return new ServerCapabilities(toLongs(mandatory), toLongs(optional), List.copyOf(names));
    }

    private static long optionalMatches(ScscfServer server, Set<Integer> optional) {
        return optional.stream().filter(server.capabilities()::contains).count();
    }

    private static List<Long> toLongs(Set<Integer> values) {
        return values.stream().sorted().map(Integer::longValue).toList();
    }
}
