package org.imshss.hss.s6a;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.EpsRegistration.ServingNode;
import org.imshss.provisioning.store.RecordUpdate;

/**
 * The changes S6a makes to an EPS registration, each one atomic grid update ({@code EpsDataStore.updateRegistration}):
 * the check of the stored MME/SGSN and the write cannot be split by a concurrent request. Pure functions of their
 * fields and the stored record, as the store requires.
 */
public final class EpsRegistrationChanges {

    private EpsRegistrationChanges() {
    }

    /** A serving node that must be told to drop the UE (CLR), with the Cancellation-Type to use. */
    public record Cancel(ServingNode node, boolean mme, CancellationType type) implements Serializable {
    }

    /**
     * @param cancels the nodes a CLR goes to
     * @param unchanged the requesting node is the stored one, not purged, and was sent this very subscription
     *                  version: Skip-Subscriber-Data may be honoured (7.3.7 bit 2)
     */
    public record Located(List<Cancel> cancels, boolean unchanged) implements Serializable {
    }

    /**
     * TS 29.272 5.2.1.1.3: the node of the ULR replaces the stored one of its kind (MME over S6a, SGSN over S6d), its
     * purge mark reset; the previous one, when another and not purged, is cancelled with MME_UPDATE_PROCEDURE or
     * SGSN_UPDATE_PROCEDURE. With Initial-Attach-Indicator (7.3.7 bit 5) the registered node of the other kind is
     * cancelled with INITIAL_ATTACH_PROCEDURE (7.3.24), and with Single-Registration-Indication (bit 0, S6a only) the
     * SGSN with SGSN_UPDATE_PROCEDURE; either way its registration is deleted here, since it has been told to drop
     * the UE.
     */
    public record UpdateLocation(ServingNode node, boolean s6a, boolean initialAttach, boolean singleRegistration)
            implements RecordUpdate<EpsRegistration, Located> {

        @Override
        public Outcome<EpsRegistration, Located> apply(EpsRegistration current) {
            EpsRegistration stored = current == null ? EpsRegistration.NONE : current;
            ServingNode previous = s6a ? stored.mme() : stored.sgsn();
            boolean previousPurged = s6a ? stored.mmePurged() : stored.sgsnPurged();
            ServingNode other = s6a ? stored.sgsn() : stored.mme();
            boolean otherPurged = s6a ? stored.sgsnPurged() : stored.mmePurged();
            List<Cancel> cancels = new ArrayList<>();
            boolean sameNode = previous != null && previous.host().equalsIgnoreCase(node.host());
            if (previous != null && !sameNode && !previousPurged) {
                cancels.add(new Cancel(previous, s6a, s6a ? CancellationType.MME_UPDATE_PROCEDURE
                        : CancellationType.SGSN_UPDATE_PROCEDURE));
            }
            boolean dropOther = other != null && !other.host().equalsIgnoreCase(node.host())
                    && (initialAttach || s6a && singleRegistration);
            if (dropOther && !otherPurged) {
                cancels.add(new Cancel(other, !s6a, initialAttach ? CancellationType.INITIAL_ATTACH_PROCEDURE
                        : CancellationType.SGSN_UPDATE_PROCEDURE));
            }
            ServingNode keptOther = dropOther ? null : other;
            boolean keptOtherPurged = !dropOther && otherPurged;
            EpsRegistration next = s6a ? new EpsRegistration(node, keptOther, false, keptOtherPurged)
                    : new EpsRegistration(keptOther, node, keptOtherPurged, false);
            boolean unchanged = sameNode && !previousPurged
                    && previous.subscriptionVersion() == node.subscriptionVersion();
            return Outcome.put(next, new Located(List.copyOf(cancels), unchanged));
        }
    }

    /**
     * @param mme the PUR came from the stored MME, now marked purged (PUA-Flags Freeze M-TMSI)
     * @param sgsn the PUR came from the stored SGSN, now marked purged (Freeze P-TMSI)
     */
    public record Purged(boolean mme, boolean sgsn) implements Serializable {
    }

    /**
     * TS 29.272 5.2.1.3.3: the stored MME (SGSN) sending the PUR marks the UE purged there. A combined MME/SGSN says
     * in PUR-Flags (7.3.149) which of its parts purged the UE; a node without PUR-Flags purges the part it is
     * stored as.
     *
     * @param purFlags the PUR-Flags, or -1 when absent
     */
    public record Purge(String host, long purFlags) implements RecordUpdate<EpsRegistration, Purged> {

        static final long PURGED_IN_MME = 1L;
        static final long PURGED_IN_SGSN = 1L << 1;

        @Override
        public Outcome<EpsRegistration, Purged> apply(EpsRegistration current) {
            if (current == null) {
                return Outcome.keep(new Purged(false, false));
            }
            boolean mme = current.mme() != null && current.mme().host().equalsIgnoreCase(host)
                    && (purFlags < 0 || (purFlags & PURGED_IN_MME) != 0);
            boolean sgsn = current.sgsn() != null && current.sgsn().host().equalsIgnoreCase(host)
                    && (purFlags < 0 || (purFlags & PURGED_IN_SGSN) != 0);
            if (!mme && !sgsn) {
                return Outcome.keep(new Purged(false, false));
            }
            return Outcome.put(new EpsRegistration(current.mme(), current.sgsn(), current.mmePurged() || mme,
                    current.sgsnPurged() || sgsn), new Purged(mme, sgsn));
        }
    }

    /**
     * TS 29.272 5.2.5.1.3: a NOR from the stored MME or SGSN; Terminal-Information and UE-SRVCC-Capability it
     * carries replace what the node's ULR stored. Returns whether the sender is a stored node.
     *
     * @param imei null when the NOR carried no Terminal-Information
     * @param srvccSupported null when the NOR did not carry UE-SRVCC-Capability
     */
    public record Notify(String host, String imei, String softwareVersion, Boolean srvccSupported)
            implements RecordUpdate<EpsRegistration, Boolean> {

        @Override
        public Outcome<EpsRegistration, Boolean> apply(EpsRegistration current) {
            if (current == null) {
                return Outcome.keep(false);
            }
            boolean mme = current.mme() != null && current.mme().host().equalsIgnoreCase(host);
            boolean sgsn = current.sgsn() != null && current.sgsn().host().equalsIgnoreCase(host);
            if (!mme && !sgsn) {
                return Outcome.keep(false);
            }
            if (imei == null && srvccSupported == null) {
                return Outcome.keep(true);
            }
            return Outcome.put(new EpsRegistration(mme ? updated(current.mme()) : current.mme(),
                    sgsn ? updated(current.sgsn()) : current.sgsn(), current.mmePurged(), current.sgsnPurged()), true);
        }

        private ServingNode updated(ServingNode node) {
            return new ServingNode(node.host(), node.realm(), node.visitedPlmn(), node.ratType(),
                    imei != null ? imei : node.imei(), imei != null ? softwareVersion : node.softwareVersion(),
                    srvccSupported != null ? srvccSupported : node.srvccSupported(), node.updatedMillis(),
                    node.subscriptionVersion());
        }
    }

    /** Deletes the registration (subscription withdrawn, administrative detach) and returns what it was. */
    public record Withdraw() implements RecordUpdate<EpsRegistration, EpsRegistration> {

        @Override
        public Outcome<EpsRegistration, EpsRegistration> apply(EpsRegistration current) {
            return current == null ? Outcome.keep(EpsRegistration.NONE) : Outcome.remove(current);
        }
    }
}
