package org.imshss.hss.swx;

import java.io.Serializable;
import org.imshss.provisioning.model.AaaRegistration;
import org.imshss.provisioning.store.RecordUpdate;

/**
 * The atomic changes to a USIM's {@link AaaRegistration}. Each is a pure function of its fields and the stored
 * entry, so it may run on the node that holds the entry, and again after a node loss, with the same effect.
 */
final class AaaServerChanges {

    private AaaServerChanges() {
    }

    /**
     * What a change found.
     *
     * @param granted whether the request's server now holds the USIM (for {@link Remove}: whether one was removed)
     * @param host the server stored before the change when it was refused or removed; null otherwise
     * @param realm its realm
     */
    record Claim(boolean granted, String host, String realm) implements Serializable {

        static Claim won() {
            return new Claim(true, null, null);
        }

        static Claim heldBy(AaaRegistration current) {
            return new Claim(false, current.host(), current.realm());
        }
    }

    /**
     * MAR (TS 29.273 8.1.2.1.2): the server asking for vectors is stored, unless another server is registered and
     * the request does not say that one has failed (AAA-Failure-Indication, 8.2.3.21).
     */
    record Authenticate(String host, String realm, boolean previousFailed, long nowMillis)
            implements RecordUpdate<AaaRegistration, Claim> {

        @Override
        public Outcome<AaaRegistration, Claim> apply(AaaRegistration current) {
            if (current != null && current.isServer(host)) {
                return Outcome.keep(Claim.won());
            }
            if (current != null && current.registered() && !previousFailed) {
                return Outcome.keep(Claim.heldBy(current));
            }
            return Outcome.put(new AaaRegistration(host, realm, false, nowMillis), Claim.won());
        }
    }

    /** SAR REGISTRATION (8.1.2.2.2.2): the server registers, unless another is registered. */
    record Register(String host, String realm, long nowMillis) implements RecordUpdate<AaaRegistration, Claim> {

        @Override
        public Outcome<AaaRegistration, Claim> apply(AaaRegistration current) {
            if (current != null && current.registered() && !current.isServer(host)) {
                return Outcome.keep(Claim.heldBy(current));
            }
            if (current != null && current.registered()) {
                return Outcome.keep(Claim.won());
            }
            return Outcome.put(new AaaRegistration(host, realm, true, nowMillis), Claim.won());
        }
    }

    /** SAR de-registration types: the stored server is removed if it is the sender; another one stays. */
    record Deregister(String host) implements RecordUpdate<AaaRegistration, Claim> {

        @Override
        public Outcome<AaaRegistration, Claim> apply(AaaRegistration current) {
            if (current == null || !current.isServer(host)) {
                return Outcome.keep(new Claim(false, null, null));
            }
            return Outcome.remove(Claim.won());
        }
    }

    /** HSS-initiated de-registration (8.1.2.2.3): whatever server is stored is removed, and named. */
    record Remove() implements RecordUpdate<AaaRegistration, Claim> {

        @Override
        public Outcome<AaaRegistration, Claim> apply(AaaRegistration current) {
            if (current == null) {
                return Outcome.keep(new Claim(false, null, null));
            }
            return Outcome.remove(new Claim(true, current.host(), current.realm()));
        }
    }
}
