package org.imshss.hss.s6a;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.imshss.provisioning.model.EpsRegistration;
import org.imshss.provisioning.model.EpsRegistration.ServingNode;
import org.imshss.provisioning.store.RecordUpdate.Outcome;
import org.junit.jupiter.api.Test;

/** Which nodes a ULR cancels and what it stores (TS 29.272 5.2.1.1.3, 7.3.7, 7.3.24). */
class EpsRegistrationChangesTest {

    private static ServingNode node(String host, long version) {
        return new ServingNode(host, "epc.example.org", "00101", "EUTRAN", null, null, null, 1, version);
    }

    private static final ServingNode MME1 = node("mme1", 7);
    private static final ServingNode MME2 = node("mme2", 7);
    private static final ServingNode SGSN = node("sgsn1", 7);

    private static Outcome<EpsRegistration, EpsRegistrationChanges.Located> ulr(EpsRegistration stored,
            ServingNode node, boolean s6a, boolean initialAttach, boolean singleRegistration) {
        return new EpsRegistrationChanges.UpdateLocation(node, s6a, initialAttach, singleRegistration).apply(stored);
    }

    @Test
    void aNewMmeReplacesThePreviousOneWhichIsCancelled() {
        var outcome = ulr(new EpsRegistration(MME1, SGSN, false, false), MME2, true, false, false);
        assertThat(outcome.next()).isEqualTo(new EpsRegistration(MME2, SGSN, false, false));
        assertThat(outcome.result().cancels()).containsExactly(
                new EpsRegistrationChanges.Cancel(MME1, true, CancellationType.MME_UPDATE_PROCEDURE));
        assertThat(outcome.result().unchanged()).isFalse();
    }

    @Test
    void aPurgedMmeIsNotCancelledAndThePurgeMarkIsReset() {
        var outcome = ulr(new EpsRegistration(MME1, null, true, false), MME2, true, false, false);
        assertThat(outcome.result().cancels()).isEmpty();
        assertThat(outcome.next().mmePurged()).isFalse();
        assertThat(outcome.next().mme()).isEqualTo(MME2);
    }

    @Test
    void theSameMmeAgainIsNotCancelledAndMaySkipUnchangedData() {
        var outcome = ulr(new EpsRegistration(MME1, null, false, false), node("mme1", 7), true, false, false);
        assertThat(outcome.result().cancels()).isEmpty();
        assertThat(outcome.result().unchanged()).isTrue();
        assertThat(ulr(new EpsRegistration(MME1, null, false, false), node("mme1", 8), true, false, false)
                .result().unchanged()).isFalse();
        assertThat(ulr(new EpsRegistration(MME1, null, true, false), node("mme1", 7), true, false, false)
                .result().unchanged()).isFalse();
    }

    @Test
    void initialAttachCancelsTheSgsnWithInitialAttachProcedure() {
        var outcome = ulr(new EpsRegistration(MME1, SGSN, false, false), MME2, true, true, false);
        assertThat(outcome.result().cancels()).containsExactly(
                new EpsRegistrationChanges.Cancel(MME1, true, CancellationType.MME_UPDATE_PROCEDURE),
                new EpsRegistrationChanges.Cancel(SGSN, false, CancellationType.INITIAL_ATTACH_PROCEDURE));
        assertThat(outcome.next()).isEqualTo(new EpsRegistration(MME2, null, false, false));
    }

    @Test
    void singleRegistrationCancelsTheSgsnWithSgsnUpdateProcedure() {
        var outcome = ulr(new EpsRegistration(null, SGSN, false, false), MME1, true, false, true);
        assertThat(outcome.result().cancels()).containsExactly(
                new EpsRegistrationChanges.Cancel(SGSN, false, CancellationType.SGSN_UPDATE_PROCEDURE));
        assertThat(outcome.next()).isEqualTo(new EpsRegistration(MME1, null, false, false));
    }

    @Test
    void anSgsnUpdateKeepsTheMmeUnlessItIsAnInitialAttach() {
        var update = ulr(new EpsRegistration(MME1, null, false, false), SGSN, false, false, false);
        assertThat(update.result().cancels()).isEmpty();
        assertThat(update.next()).isEqualTo(new EpsRegistration(MME1, SGSN, false, false));
        var attach = ulr(new EpsRegistration(MME1, null, false, false), SGSN, false, true, false);
        assertThat(attach.result().cancels()).isEqualTo(List.of(
                new EpsRegistrationChanges.Cancel(MME1, true, CancellationType.INITIAL_ATTACH_PROCEDURE)));
        assertThat(attach.next()).isEqualTo(new EpsRegistration(null, SGSN, false, false));
    }

    @Test
    void purgeMarksOnlyTheStoredNodeThatSentIt() {
        EpsRegistration stored = new EpsRegistration(MME1, SGSN, false, false);
        var fromMme = new EpsRegistrationChanges.Purge("mme1", -1).apply(stored);
        assertThat(fromMme.result()).isEqualTo(new EpsRegistrationChanges.Purged(true, false));
        assertThat(fromMme.next()).isEqualTo(new EpsRegistration(MME1, SGSN, true, false));
        var fromOther = new EpsRegistrationChanges.Purge("mme2", -1).apply(stored);
        assertThat(fromOther.write()).isFalse();
        assertThat(fromOther.result()).isEqualTo(new EpsRegistrationChanges.Purged(false, false));
    }
}
