package org.imshss.hss.cx;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.imshss.provisioning.model.RegistrationState;
import org.imshss.provisioning.model.RegistrationState.AuthPending;
import org.imshss.provisioning.model.RegistrationState.SetRegistration;
import org.imshss.provisioning.model.RegistrationStatus;
import org.imshss.provisioning.store.RegistrationUpdate;

/**
 * The changes Cx makes to a subscription's registration state. Each is applied by the store as one
 * atomic grid operation, so the check ("is another S-CSCF assigned?") and the write can never be split by
 * a concurrent request from another S-CSCF or another HSS node. Each is a pure function of its fields and
 * the stored state.
 */
public final class RegistrationChanges {

    private RegistrationChanges() {
    }

    /**
     * Result of a change.
     *
     * @param accepted false when another S-CSCF holds the subscription (the change was not made)
     * @param storedServer the S-CSCF name stored after the change, or the one that refused it
     * @param registeredImpis the private identities the concerned implicit set is registered with afterwards
     */
    public record Assignment(boolean accepted, String storedServer, Set<String> registeredImpis)
            implements java.io.Serializable {

        public Assignment {
            registeredImpis = Set.copyOf(registeredImpis);
        }

        static Assignment refused(RegistrationState state) {
            return new Assignment(false, state.scscfName(), Set.of());
        }
    }

    /**
     * The S-CSCF a MAR from another one replaced while it still served implicit sets (TS 29.228 8.1.1), which the
     * HSS then de-registers there.
     *
     * @param diameterHost the replaced S-CSCF's Diameter identity, or null when none was replaced
     * @param movedSetId the implicit set of the MAR's public identity, the one the new S-CSCF is taking
     * @param sets the private identities of each implicit set the replaced S-CSCF served, by set id
     */
    public record Replaced(String diameterHost, String diameterRealm, String movedSetId,
            Map<String, Set<String>> sets) implements java.io.Serializable {

        static final Replaced NONE = new Replaced(null, null, null, Map.of());

        public Replaced {
            sets = Map.copyOf(sets);
        }

        public boolean any() {
            return diameterHost != null;
        }
    }

    /** S-CSCF names are SIP URIs; their host part compares case-insensitively and so do we. */
    static boolean sameServer(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }

    /**
     * Another S-CSCF holds the subscription and may not be replaced: it serves an implicit set, or an
     * authentication is pending there, and no reassignment is pending (TS 29.228 6.1.2, 8.1.1).
     */
    static boolean heldByOther(RegistrationState state, String serverName, long pendingNotBefore) {
        return state.hasScscf() && !sameServer(state.scscfName(), serverName) && !state.reassignmentPending()
                && (state.anySetServed() || state.anyAuthPending(pendingNotBefore));
    }

    private static Set<String> impisOf(RegistrationState state, String setId) {
        SetRegistration set = state.set(setId);
        return set == null ? Set.of() : set.impis();
    }

    /** SAR REGISTRATION / RE_REGISTRATION: the set becomes REGISTERED at this S-CSCF for this IMPI. */
    public record Register(String setId, String impi, String serverName, String diameterHost, String diameterRealm,
            byte[] restorationInfo, long pendingNotBefore) implements RegistrationUpdate<Assignment> {

        @Override
        public RegistrationUpdate.Outcome<Assignment> apply(RegistrationState state) {
            if (heldByOther(state, serverName, pendingNotBefore)) {
                return new RegistrationUpdate.Outcome<>(state, Assignment.refused(state));
            }
            if (changesNothing(state)) {
                // A re-registration that changes nothing (the usual case) writes nothing: no grid update, no
                // change event for Sh subscribers.
                return new RegistrationUpdate.Outcome<>(state, new Assignment(true, serverName, impisOf(state, setId)));
            }
            Set<String> impis = new HashSet<>();
            if (state.status(setId) == RegistrationStatus.REGISTERED) {
                impis.addAll(impisOf(state, setId));
            }
            impis.add(impi);
            RegistrationState next = state.withScscf(serverName, diameterHost, diameterRealm)
                    .withReassignmentPending(false)
                    .withSet(setId, new SetRegistration(RegistrationStatus.REGISTERED, impis))
                    .withAuthPending(impi, null);
            if (restorationInfo != null) {
                next = next.withRestorationInfo(impi, restorationInfo);
            }
            return new RegistrationUpdate.Outcome<>(next, new Assignment(true, serverName, impis));
        }

        /** True when applying this change would leave the state as it is (a plain re-registration). */
        public boolean changesNothing(RegistrationState state) {
            return restorationInfo == null
                    && serverName.equals(state.scscfName())
                    && diameterHost.equals(state.scscfDiameterHost())
                    && diameterRealm.equals(state.scscfDiameterRealm())
                    && !state.reassignmentPending()
                    && state.status(setId) == RegistrationStatus.REGISTERED
                    && impisOf(state, setId).contains(impi)
                    && !state.authPending().containsKey(impi);
        }
    }

    /**
     * SAR UNREGISTERED_USER: the S-CSCF serves the set for unregistered-state services. A set already
     * REGISTERED at the same S-CSCF stays REGISTERED.
     */
    public record AssignUnregistered(String setId, String serverName, String diameterHost, String diameterRealm,
            long pendingNotBefore) implements RegistrationUpdate<Assignment> {

        @Override
        public RegistrationUpdate.Outcome<Assignment> apply(RegistrationState state) {
            if (heldByOther(state, serverName, pendingNotBefore)) {
                return new RegistrationUpdate.Outcome<>(state, Assignment.refused(state));
            }
            RegistrationState next = state.withScscf(serverName, diameterHost, diameterRealm)
                    .withReassignmentPending(false);
            if (state.status(setId) != RegistrationStatus.REGISTERED) {
                next = next.withSet(setId, new SetRegistration(RegistrationStatus.UNREGISTERED, Set.of()));
            }
            return new RegistrationUpdate.Outcome<>(next, new Assignment(true, serverName, impisOf(next, setId)));
        }
    }

    /**
     * SAR de-registrations (TS 29.228 6.1.2 table): each set loses this IMPI; a set still registered with
     * other IMPIs stays REGISTERED; otherwise it becomes UNREGISTERED when the S-CSCF keeps its name, else
     * NOT_REGISTERED. The S-CSCF name is dropped once nothing is served.
     *
     * @param impi null to de-register the sets whatever IMPIs they are registered with
     */
    public record Deregister(List<String> setIds, String impi, boolean keepServerName, String serverName)
            implements RegistrationUpdate<Assignment> {

        public Deregister {
            setIds = List.copyOf(setIds);
        }

        @Override
        public RegistrationUpdate.Outcome<Assignment> apply(RegistrationState state) {
            if (serverName != null && state.anySetServed() && !sameServer(state.scscfName(), serverName)
                    && !state.reassignmentPending()) {
                return new RegistrationUpdate.Outcome<>(state, Assignment.refused(state));
            }
            RegistrationState next = state;
            for (String setId : setIds) {
                SetRegistration set = next.set(setId);
                if (set == null) {
                    continue;
                }
                Set<String> remaining = new HashSet<>(set.impis());
                if (impi == null) {
                    remaining.clear();
                } else {
                    remaining.remove(impi);
                }
                if (set.status() == RegistrationStatus.REGISTERED && !remaining.isEmpty()) {
                    next = next.withSet(setId, new SetRegistration(RegistrationStatus.REGISTERED, remaining));
                } else if (keepServerName) {
                    next = next.withSet(setId, new SetRegistration(RegistrationStatus.UNREGISTERED, Set.of()));
                } else {
                    next = next.withSet(setId, null);
                }
            }
            if (impi != null) {
                next = next.withAuthPending(impi, null).withRestorationInfo(impi, null);
            }
            if (!next.anySetServed()) {
                next = next.withoutScscf().withoutAuthPending();
            }
            String first = setIds.isEmpty() ? null : setIds.get(0);
            return new RegistrationUpdate.Outcome<>(next,
                    new Assignment(true, next.scscfName(), first == null ? Set.of() : impisOf(next, first)));
        }
    }

    /**
     * SAR AUTHENTICATION_FAILURE / AUTHENTICATION_TIMEOUT: clear the pending flag; drop the S-CSCF name only
     * if nothing else keeps it (TS 29.228 6.1.2 table).
     *
     * @param impi null clears every pending authentication of the subscription
     */
    public record ClearAuthPending(String impi) implements RegistrationUpdate<Assignment> {

        @Override
        public RegistrationUpdate.Outcome<Assignment> apply(RegistrationState state) {
            RegistrationState next = impi == null ? state.withoutAuthPending() : state.withAuthPending(impi, null);
            if (!next.anySetServed() && next.authPending().isEmpty()) {
                next = next.withoutScscf();
            }
            return new RegistrationUpdate.Outcome<>(next, new Assignment(true, next.scscfName(), Set.of()));
        }
    }

    /**
     * MAR (TS 29.228 6.3.2): a registered subscription gets the requesting S-CSCF's name if it differs
     * (re-authentication at a new S-CSCF, 8.1); otherwise the name is stored and authentication marked pending.
     * The result names the S-CSCF replaced while serving sets, unless it is the requester under another name
     * (the Diameter identities match, 8.1.1).
     *
     * @param markPending false for schemes without a challenge round (NASS-Bundled, Early-IMS)
     */
    public record Challenge(String impi, String impu, String setId, String serverName, String diameterHost,
            String diameterRealm, long now, boolean markPending) implements RegistrationUpdate<Replaced> {

        @Override
        public RegistrationUpdate.Outcome<Replaced> apply(RegistrationState state) {
            RegistrationState next = state;
            Replaced replaced = Replaced.NONE;
            if (!sameServer(state.scscfName(), serverName)) {
                if (state.anySetServed() && state.scscfDiameterHost() != null
                        && !state.scscfDiameterHost().equalsIgnoreCase(diameterHost)) {
                    Map<String, Set<String>> served = new TreeMap<>();
                    state.sets().forEach((id, set) -> served.put(id, set.impis()));
                    replaced = new Replaced(state.scscfDiameterHost(), state.scscfDiameterRealm(), setId, served);
                }
                next = next.withScscf(serverName, diameterHost, diameterRealm);
            }
            if (markPending && state.status(setId) != RegistrationStatus.REGISTERED) {
                next = next.withAuthPending(impi, new AuthPending(impu, serverName, now));
            }
            return new RegistrationUpdate.Outcome<>(next, replaced);
        }
    }

    /**
     * HSS-initiated de-registration (RTR, TS 29.228 6.1.3): the sets become NOT_REGISTERED, and the S-CSCF
     * is forgotten once nothing is served. Returns the state before the change so the caller knows where
     * to send the RTR.
     */
    public record Terminate(List<String> setIds) implements RegistrationUpdate<RegistrationState> {

        public Terminate {
            setIds = List.copyOf(setIds);
        }

        @Override
        public RegistrationUpdate.Outcome<RegistrationState> apply(RegistrationState state) {
            RegistrationState next = state;
            for (String setId : setIds) {
                next = next.withSet(setId, null);
            }
            if (!next.anySetServed()) {
                next = next.withoutScscf().withoutAuthPending();
            }
            return new RegistrationUpdate.Outcome<>(next, state);
        }
    }
}
