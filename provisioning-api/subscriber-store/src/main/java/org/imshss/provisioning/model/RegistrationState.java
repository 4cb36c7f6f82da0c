package org.imshss.provisioning.model;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Cx registration state of one IMS subscription: which S-CSCF serves it and the state of each implicit
 * registration set. One subscription is served by one S-CSCF (TS 23.228 5.4.1.1), so the whole state is
 * one grid entry and every change to it is one atomic operation.
 *
 * @param scscfName the stored S-CSCF SIP URI, or null
 * @param scscfDiameterHost the S-CSCF's Diameter identity (Origin-Host of its SAR/MAR), target of RTR/PPR
 * @param sets registration of each implicit set by set id; a set not present is NOT_REGISTERED
 * @param authPending authentication-pending flags by IMPI (TS 29.228 6.3), set by MAR
 * @param restorationInfo raw SCSCF-Restoration-Info AVP data by IMPI (TS 29.228 6.1.2)
 */
public record RegistrationState(
        String subscriptionId,
        String scscfName,
        String scscfDiameterHost,
        String scscfDiameterRealm,
        Map<String, SetRegistration> sets,
        Map<String, AuthPending> authPending,
        boolean reassignmentPending,
        Map<String, byte[]> restorationInfo) implements Serializable {

    public RegistrationState {
        sets = Map.copyOf(sets);
        authPending = Map.copyOf(authPending);
        restorationInfo = Map.copyOf(restorationInfo);
    }

    public static RegistrationState empty(String subscriptionId) {
        return new RegistrationState(subscriptionId, null, null, null, Map.of(), Map.of(), false, Map.of());
    }

    /**
     * @param impis the private identities the set is registered with (several IMPIs may share an IMPU)
     */
    public record SetRegistration(RegistrationStatus status, Set<String> impis) implements Serializable {
        public SetRegistration {
            impis = Set.copyOf(impis);
        }
    }

    /** Authentication pending for one IMPI: which public identity, at which S-CSCF, since when. */
    public record AuthPending(String publicIdentity, String scscfName, long sinceEpochMillis) implements Serializable {
    }

    public RegistrationStatus status(String implicitSetId) {
        SetRegistration set = sets.get(implicitSetId);
        return set == null ? RegistrationStatus.NOT_REGISTERED : set.status();
    }

    public SetRegistration set(String implicitSetId) {
        return sets.get(implicitSetId);
    }

    public boolean hasScscf() {
        return scscfName != null;
    }

    /** True if any implicit set of the subscription is REGISTERED or UNREGISTERED. */
    public boolean anySetServed() {
        return !sets.isEmpty();
    }

    /** True when nothing is stored: the entry can be removed from the grid. */
    public boolean isEmpty() {
        return scscfName == null && sets.isEmpty() && authPending.isEmpty() && !reassignmentPending
                && restorationInfo.isEmpty();
    }

    /** Pending authentications started after {@code notBeforeMillis}; older ones have expired. */
    public AuthPending authPending(String impi, long notBeforeMillis) {
        AuthPending pending = authPending.get(impi);
        return pending != null && pending.sinceEpochMillis() >= notBeforeMillis ? pending : null;
    }

    public boolean anyAuthPending(long notBeforeMillis) {
        for (AuthPending pending : authPending.values()) {
            if (pending.sinceEpochMillis() >= notBeforeMillis) {
                return true;
            }
        }
        return false;
    }

    public RegistrationState withScscf(String name, String diameterHost, String diameterRealm) {
        return new RegistrationState(subscriptionId, name, diameterHost, diameterRealm, sets, authPending,
                reassignmentPending, restorationInfo);
    }

    public RegistrationState withoutScscf() {
        return new RegistrationState(subscriptionId, null, null, null, sets, authPending, false, restorationInfo);
    }

    public RegistrationState withSet(String implicitSetId, SetRegistration registration) {
        Map<String, SetRegistration> next = new HashMap<>(sets);
        if (registration == null || registration.status() == RegistrationStatus.NOT_REGISTERED) {
            next.remove(implicitSetId);
        } else {
            next.put(implicitSetId, registration);
        }
        return new RegistrationState(subscriptionId, scscfName, scscfDiameterHost, scscfDiameterRealm, next,
                authPending, reassignmentPending, restorationInfo);
    }

    public RegistrationState withAuthPending(String impi, AuthPending pending) {
        Map<String, AuthPending> next = new HashMap<>(authPending);
        if (pending == null) {
            next.remove(impi);
        } else {
            next.put(impi, pending);
        }
        return new RegistrationState(subscriptionId, scscfName, scscfDiameterHost, scscfDiameterRealm, sets,
                next, reassignmentPending, restorationInfo);
    }

    public RegistrationState withoutAuthPending() {
        return new RegistrationState(subscriptionId, scscfName, scscfDiameterHost, scscfDiameterRealm, sets,
                Map.of(), reassignmentPending, restorationInfo);
    }

    public RegistrationState withReassignmentPending(boolean pending) {
        return new RegistrationState(subscriptionId, scscfName, scscfDiameterHost, scscfDiameterRealm, sets,
                authPending, pending, restorationInfo);
    }

    public RegistrationState withRestorationInfo(String impi, byte[] info) {
        Map<String, byte[]> next = new HashMap<>(restorationInfo);
        if (info == null) {
            next.remove(impi);
        } else {
            next.put(impi, info.clone());
        }
        return new RegistrationState(subscriptionId, scscfName, scscfDiameterHost, scscfDiameterRealm, sets,
                authPending, reassignmentPending, next);
    }
}
